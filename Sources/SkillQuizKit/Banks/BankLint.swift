import Foundation

/// Content rules a linter can check, beyond what loading requires.
///
/// Findings are warnings; `validate --strict` treats them as errors.
public struct BankLint: Sendable {
  /// The least share of each difficulty in an area.
  public var minimumShare: [Difficulty: Double] = [.easy: 0.25, .medium: 0.35, .hard: 0.25]
  /// The least number of questions per declared topic.
  public var minimumPerTopic = 8
  /// The allowed number of options of a choice question.
  public var optionCount = 3...6
  /// The word-set similarity above which two prompts count as near-duplicates.
  public var nearDuplicateThreshold = 0.85
  /// How many times longer than every other option the right one of a single-answer question
  /// may be (and by more than `giveAwaySlack` characters) before it gives itself away.
  public var giveAwayRatio = 1.3
  /// The characters of length difference always allowed.
  public var giveAwaySlack = 15
  /// The largest share of an area's single-answer keys that may be the strictly longest option.
  public var keyLongestLimit = 0.35
  /// The allowed share of an area's true/false keys that are `true`.
  public var trueShare = 0.4...0.6
  /// The least share of an area's multiple-answer questions with other than 2 or 3 right options.
  public var otherRightCountMinimum = 0.1
  /// The largest ratio of mean right-option length to mean wrong-option length, on an area's
  /// multiple-answer questions pooled.
  public var rightLengthRatioLimit = 1.15
  /// The most percentage points a test-wise examinee may score above blind guessing in an area.
  public var testWiseGainLimit = 5.0

  /// Creates the default rules.
  public init() {}

  /// Lints every question, and each area as a whole when `wholeAreas` (a full banks folder).
  public func findings(in library: QuestionLibrary, wholeAreas: Bool) -> [BankDiagnostic] {
    var findings: [BankDiagnostic] = []
    for question in library.allQuestions() {
      findings += lint(question)
    }
    findings += duplicatePrompts(library.allQuestions())
    if wholeAreas {
      for area in library.catalog.areas {
        findings += lint(area, library: library)
      }
    }
    return findings
  }

  private func place(_ question: Question) -> SourceLocation {
    question.location ?? SourceLocation(file: question.id, line: 1, column: 1)
  }

  private func lint(_ question: Question) -> [BankDiagnostic] {
    var findings: [BankDiagnostic] = []
    let at = place(question)
    let id = question.id
    if !question.references.contains(where: { $0.url.hasPrefix("https://") }) {
      findings.append(
        BankDiagnostic(
          .warning, at: at, "question '\(id)' has no reference with an https URL",
          fix: "add `references: [\"https://…\"]`, preferably official documentation"))
    }
    // Only the first 40 characters are counted: the rule needs no more.
    if question.explanation.prefix(40).count < 40 {
      findings.append(
        BankDiagnostic(
          .warning, at: at, "the explanation of '\(id)' is too short to say why",
          fix: "explain why the right answer is right, in a sentence or more"))
    }
    if [.single, .multiple].contains(question.kind), !optionCount.contains(question.options.count) {
      findings.append(
        BankDiagnostic(
          .warning, at: at, "'\(id)' has \(question.options.count) options",
          fix:
            "give a choice question \(optionCount.lowerBound) to \(optionCount.upperBound) options")
      )
    }
    if case .single(let right) = question.answer,
      let rightText = question.options.first(where: { $0.id == right })?.text,
      let longestOther = question.options.filter({ $0.id != right }).map(\.text.count).max(),
      Double(rightText.count) > giveAwayRatio * Double(longestOther),
      rightText.count > longestOther + giveAwaySlack
    {
      findings.append(
        BankDiagnostic(
          .warning, at: at,
          "the right option of '\(id)' is much longer than the others (\(rightText.count) "
            + "characters, the longest wrong one \(longestOther)), which gives it away",
          fix: "move detail into the explanation, or make the wrong options as specific"))
    }
    var texts = [("prompt", question.prompt), ("explanation", question.explanation)]
    texts += question.options.map { ("option '\($0.id)'", $0.text) }
    for (field, text) in texts where MarkdownLite.mayHoldCode(text) {
      for case .code(nil, _) in MarkdownLite.blocks(text) {
        findings.append(
          BankDiagnostic(
            .warning, at: at, "a code block in the \(field) of '\(id)' names no language",
            fix: "open it with the language, such as ```sql, ```bash or ```yaml"))
      }
    }
    return findings
  }

  private func lint(_ area: SkillArea, library: QuestionLibrary) -> [BankDiagnostic] {
    let questions = library.allQuestions().filter { $0.areaID == area.id }
    let file =
      library.files.first { $0.areaID == area.id }?.path ?? questions.first?.location?.file
      ?? "skills.yaml"
    let at = SourceLocation(file: file, line: 1, column: 1)
    var findings: [BankDiagnostic] = []
    guard !questions.isEmpty else {
      return [
        BankDiagnostic(
          .warning, at: at, "area '\(area.id)' has no questions", fix: "add a bank file for it")
      ]
    }
    for difficulty in Difficulty.allCases {
      let count = questions.filter { $0.difficulty == difficulty }.count
      let share = Double(count) / Double(questions.count)
      let minimum = minimumShare[difficulty] ?? 0
      if share + 1e-9 < minimum {
        findings.append(
          BankDiagnostic(
            .warning, at: at,
            "area '\(area.id)' has \(count) \(difficulty.rawValue) of \(questions.count) questions "
              + "(\(Int((share * 100).rounded()))%)",
            fix:
              "make at least \(Int((minimum * 100).rounded()))% of the area \(difficulty.rawValue)")
        )
      }
    }
    var perTopic: [String: Int] = [:]
    for question in questions { perTopic[question.topicID, default: 0] += 1 }
    for topic in area.topics {
      let count = perTopic[topic.id] ?? 0
      if count < minimumPerTopic {
        findings.append(
          BankDiagnostic(
            .warning, at: at, "topic '\(area.id)/\(topic.id)' has \(count) questions",
            fix: "give every topic at least \(minimumPerTopic) questions"))
      }
    }
    let figures = TestWiseness(questions: questions)
    findings += testWiseness(figures, area: area.id, at: place(questions[0]))
    return findings
  }

  /// Warnings for an area whose keys can be guessed from the form of the options.
  private func testWiseness(_ figures: TestWiseness, area: String, at: SourceLocation)
    -> [BankDiagnostic]
  {
    var findings: [BankDiagnostic] = []
    func warn(_ message: String, worst: [String], _ label: String, fix: String) {
      var names = worst.prefix(5).map { "'\($0)'" }
      if worst.count > 5 { names.append("…") }
      let list = names.isEmpty ? "" : "; \(label): " + names.joined(separator: ", ")
      findings.append(
        BankDiagnostic(.warning, at: at, "area '\(area)': \(message)\(list)", fix: fix))
    }
    let share = { (count: Int, total: Int) in Double(count) / Double(total) }
    if let percent = figures.keyLongestPercent,
      share(figures.keyLongestCount, figures.singleCount) > keyLongestLimit
    {
      warn(
        "the key is the strictly longest option in \(figures.keyLongestCount) of "
          + "\(figures.singleCount) single-answer questions (\(Self.format(percent, 0))%, at most "
          + "\(Self.format(keyLongestLimit * 100, 0))%), so picking the longest option pays",
        worst: figures.keyLongestIDs, "longest by most",
        fix: "rewrite distractors so options are of similar length; never change keys")
    }
    if let percent = figures.truePercent,
      !trueShare.contains(share(figures.trueKeyIDs.count, figures.trueFalseCount))
    {
      let tooMany = share(figures.trueKeyIDs.count, figures.trueFalseCount) > trueShare.upperBound
      warn(
        "\(figures.trueKeyIDs.count) of \(figures.trueFalseCount) true/false keys are true "
          + "(\(Self.format(percent, 0))%, allowed \(Self.format(trueShare.lowerBound * 100, 0))–"
          + "\(Self.format(trueShare.upperBound * 100, 0))%), so always answering "
          + "\(tooMany ? "true" : "false") pays",
        worst: tooMany ? figures.trueKeyIDs : figures.falseKeyIDs,
        tooMany ? "the true ones" : "the false ones",
        fix: "restate some of these as their opposite, rewriting key and explanation with the "
          + "statement; never flip a key alone")
    }
    if let percent = figures.otherRightPercent,
      share(figures.otherRightCount, figures.multipleCount) < otherRightCountMinimum
    {
      warn(
        "\(figures.otherRightCount) of \(figures.multipleCount) multiple-answer questions have "
          + "other than 2 or 3 right options (\(Self.format(percent, 0))%, at least "
          + "\(Self.format(otherRightCountMinimum * 100, 0))%), so always picking 2 or 3 pays",
        worst: figures.twoOrThreeRightIDs, "with 2 or 3",
        fix: "give some questions 1 right option, or 4 or more, by adding options or writing "
          + "new questions; never turn an existing right option wrong or a wrong one right")
    }
    if let ratio = figures.lengthRatio, let right = figures.meanRightLength,
      let wrong = figures.meanWrongLength, ratio > rightLengthRatioLimit
    {
      warn(
        "right options of multiple-answer questions average \(Self.format(right, 0)) "
          + "characters and wrong ones \(Self.format(wrong, 0)) (ratio \(Self.format(ratio, 2)), "
          + "at most \(Self.format(rightLengthRatioLimit, 2))), so picking the longer options pays",
        worst: figures.longRightIDs, "longest right options",
        fix: "rewrite distractors to be as long and specific as the right options; "
          + "never change keys")
    }
    if figures.scoredCount > 0, figures.testWiseGain > testWiseGainLimit {
      warn(
        "answering by form alone (the longest option, always false, the "
          + "\(figures.multiplePick) longest of a multiple-answer question) scores "
          + "\(Self.format(figures.testWiseScore, 1))% against \(Self.format(figures.blindScore, 1))% "
          + "for blind guessing (+\(Self.format(figures.testWiseGain, 1)) points, at most "
          + "+\(Self.format(testWiseGainLimit, 0)))",
        worst: figures.formGainIDs, "gained most on",
        fix: "vary which option is longest and how many are right, and balance true and false, "
          + "so the form of a question says nothing about its key")
    }
    return findings
  }

  /// A figure with `digits` decimals, rounded half to even.
  static func format(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
  }

  /// The words of a prompt, for comparing prompts.
  ///
  /// ASCII text, the common case, is split byte by byte: for ASCII, letters and numbers are
  /// exactly `A`–`Z`, `a`–`z` and `0`–`9`, so the words are the same.
  static func words(_ text: String) -> Set<String> {
    let utf8 = text.utf8
    guard utf8.allSatisfy({ $0 < 0x80 }) else {
      return Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }
    var words = Set<String>()
    var word: [UInt8] = []
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        word.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        word.append(byte + 32)
      default:
        if !word.isEmpty { words.insert(String(decoding: word, as: UTF8.self)) }
        word.removeAll(keepingCapacity: true)
      }
    }
    if !word.isEmpty { words.insert(String(decoding: word, as: UTF8.self)) }
    return words
  }

  /// The distinct `NearDuplicates.wordHash`es of the words of `text`, as `words` splits it.
  ///
  /// Sorted. ASCII text is hashed byte by byte as it is split, without making a `String` per
  /// word.
  static func wordHashes(_ text: String) -> [UInt64] {
    var hashes: [UInt64] = []
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var inWord = false
    for byte in text.utf8 {
      var lowered = byte
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        break
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        lowered = byte + 32
      case 0x80...:
        return words(text).map(NearDuplicates.wordHash).sorted()
      default:
        if inWord { hashes.append(hash) }
        inWord = false
        hash = 0xCBF2_9CE4_8422_2325
        continue
      }
      hash = (hash ^ UInt64(lowered)) &* 0x0000_0100_0000_01B3
      inWord = true
    }
    if inWord { hashes.append(hash) }
    hashes.sort()
    var distinct = 0
    for place in hashes.indices where distinct == 0 || hashes[distinct - 1] != hashes[place] {
      hashes[distinct] = hashes[place]
      distinct += 1
    }
    hashes.removeLast(hashes.count - distinct)
    return hashes
  }

  /// Each prompt whose words nearly repeat an earlier prompt's (Jaccard similarity at least
  /// `nearDuplicateThreshold`, both of 4 words or more), against the first such prompt.
  private func duplicatePrompts(_ questions: [Question]) -> [BankDiagnostic] {
    let finder = NearDuplicates(threshold: nearDuplicateThreshold, minimumWords: 4)
    let prompts = questions.map(\.prompt)
    return finder.matches(texts: prompts, words: Self.words, wordHashes: Self.wordHashes).map {
      match in
      let first = questions[match.earlier]
      let what = match.similarity >= 1 ? "the same prompt as" : "nearly the same prompt as"
      return BankDiagnostic(
        .warning, at: place(questions[match.index]),
        "'\(questions[match.index].id)' has \(what) '\(first.id)' (\(place(first)))",
        fix: "test a different fact, or reword the prompt so the two are told apart")
    }
  }
}

/// Checks `sql` questions by running them: the dataset builds and the solution returns rows.
public enum SQLExerciseCheck {
  /// Problems with the `sql` questions of a library.
  public static func problems(in library: QuestionLibrary, sandbox: any SQLSandbox)
    -> [BankDiagnostic]
  {
    var problems: [BankDiagnostic] = []
    for question in library.allQuestions() {
      guard case .sql(let exercise) = question.answer else { continue }
      let at = question.location ?? SourceLocation(file: question.id, line: 1, column: 1)
      switch sandbox.run(exercise.solution, on: exercise.dataset) {
      case .rows(let result) where result.rows.isEmpty:
        problems.append(
          BankDiagnostic(
            .error, at: at, "the solution of '\(question.id)' returns no rows",
            fix: "ask for something the dataset has, so a right answer is visible"))
      case .rows(let result) where result.isTruncated:
        problems.append(
          BankDiagnostic(
            .error, at: at, "the solution of '\(question.id)' returns too many rows",
            fix: "keep results small enough to compare by eye"))
      case .rows:
        break
      case .refused(let reason), .failed(let reason):
        problems.append(
          BankDiagnostic(
            .error, at: at, "the solution of '\(question.id)' does not run: \(reason)",
            fix: "fix the query or the dataset `\(exercise.dataset.id)`"))
      case .overLimit(let reason):
        problems.append(
          BankDiagnostic(
            .error, at: at, "the solution of '\(question.id)' goes past a limit: \(reason)",
            fix: "make the query and its result smaller"))
      case .timedOut:
        problems.append(
          BankDiagnostic(
            .error, at: at, "the solution of '\(question.id)' runs past the time limit",
            fix: "make the query finish quickly"))
      }
    }
    return problems
  }
}
