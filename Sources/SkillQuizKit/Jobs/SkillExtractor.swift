import Foundation

/// Finds the skills a posting's text asks for, whether required or preferred, and at what level.
public struct SkillExtractor: Sendable {
  private struct Keyword: Sendable {
    let text: String
    let label: String
    let caseSensitive: Bool
    /// Its length in characters.
    let length: Int
  }

  /// Keywords longest first (catalog order among equals): a longer one claims its text first.
  private let keywords: [Keyword]
  /// The keywords without capitals, found in lowercased text.
  private let anyCase: Automaton
  /// The keywords with capitals, found only as written.
  private let asWritten: Automaton

  /// Builds the dictionary from the `keywords` of every area and topic in the catalog.
  public init(catalog: SkillCatalog) {
    var list: [Keyword] = []
    func add(_ word: String, label: String) {
      list.append(
        Keyword(
          text: word, label: label, caseSensitive: word != word.lowercased(), length: word.count))
    }
    for area in catalog.areas {
      for word in area.keywords { add(word, label: area.id) }
      for topic in area.topics {
        for word in topic.keywords { add(word, label: "\(area.id)/\(topic.id)") }
      }
    }
    keywords = list.sorted { $0.text.count > $1.text.count }
    let indexed = keywords.enumerated().map { (index: $0.offset, keyword: $0.element) }
    anyCase = Automaton(
      indexed.filter { !$0.keyword.caseSensitive }.map { ($0.index, Array($0.keyword.text)) })
    asWritten = Automaton(
      indexed.filter(\.keyword.caseSensitive).map { ($0.index, Array($0.keyword.text)) })
    // Over bytes when every keyword is plain ASCII, where a byte is a character.
    if keywords.allSatisfy({ $0.text.utf8.allSatisfy { $0 < 0x80 } && PlainText.isSimple($0.text) })
    {
      anyCaseBytes = ByteAutomaton(
        indexed.filter { !$0.keyword.caseSensitive }.map { ($0.index, Array($0.keyword.text.utf8)) }
      )
      asWrittenBytes = ByteAutomaton(
        indexed.filter(\.keyword.caseSensitive).map { ($0.index, Array($0.keyword.text.utf8)) })
    } else {
      anyCaseBytes = nil
      asWrittenBytes = nil
    }
  }

  /// The automata again over bytes, when every keyword is ASCII: they search the lines that
  /// are simple text (`PlainText.isSimple`), one byte per character.
  private let anyCaseBytes: ByteAutomaton?
  private let asWrittenBytes: ByteAutomaton?

  /// Aho–Corasick over ASCII bytes, with every transition in one table.
  ///
  /// A byte of the text costs one lookup. A byte of 0x80 or more (`PlainText.narrowBytes`'
  /// stand-in for any other character) is in no keyword and goes back to the start.
  private struct ByteAutomaton: Sendable {
    /// `next[state * 128 + byte]`.
    private var next: [Int32] = Array(repeating: -1, count: 128)
    /// The keywords (their index and length) that end at each state, its suffixes' included.
    private var output: [[(keyword: Int, length: Int)]] = [[]]

    init(_ patterns: [(keyword: Int, bytes: [UInt8])]) {
      for (keyword, bytes) in patterns where !bytes.isEmpty {
        var state = 0
        for byte in bytes {
          let slot = state * 128 + Int(byte)
          if next[slot] >= 0 {
            state = Int(next[slot])
          } else {
            next += Array(repeating: -1, count: 128)
            output.append([])
            next[slot] = Int32(output.count - 1)
            state = output.count - 1
          }
        }
        output[state].append((keyword, bytes.count))
      }
      var failure = [Int](repeating: 0, count: output.count)
      var queue: [Int] = []
      for byte in 0..<128 {
        if next[byte] < 0 {
          next[byte] = 0
        } else {
          queue.append(Int(next[byte]))
        }
      }
      var head = 0
      while head < queue.count {
        let state = queue[head]
        head += 1
        for byte in 0..<128 {
          let child = next[state * 128 + byte]
          let fallback = next[failure[state] * 128 + byte]
          if child < 0 {
            next[state * 128 + byte] = fallback
          } else {
            failure[Int(child)] = Int(fallback)
            output[Int(child)] += output[Int(fallback)]
            queue.append(Int(child))
          }
        }
      }
    }

    /// Every occurrence in `text`: where it starts and which keyword it is.
    func occurrences(in text: [UInt8]) -> [(start: Int, keyword: Int)] {
      var found: [(start: Int, keyword: Int)] = []
      var state = 0
      next.withUnsafeBufferPointer { next in
        for (index, byte) in text.enumerated() {
          state = byte < 0x80 ? Int(next[state &* 128 &+ Int(byte)]) : 0
          for (keyword, length) in output[state] { found.append((index + 1 - length, keyword)) }
        }
      }
      return found
    }
  }

  /// Aho–Corasick over characters: every occurrence of every keyword in one pass over a line.
  private struct Automaton: Sendable {
    private var next: [[Character: Int]] = [[:]]
    private var failure: [Int] = [0]
    /// The keywords (their index and length) that end at each state, its suffixes' included.
    private var output: [[(keyword: Int, length: Int)]] = [[]]

    init(_ patterns: [(keyword: Int, characters: [Character])]) {
      for (keyword, characters) in patterns where !characters.isEmpty {
        var state = 0
        for character in characters {
          if let known = next[state][character] {
            state = known
          } else {
            next.append([:])
            failure.append(0)
            output.append([])
            next[state][character] = next.count - 1
            state = next.count - 1
          }
        }
        output[state].append((keyword, characters.count))
      }
      var queue = Array(next[0].values)
      var head = 0
      while head < queue.count {
        let state = queue[head]
        head += 1
        for (character, child) in next[state] {
          var fallback = failure[state]
          while fallback != 0, next[fallback][character] == nil { fallback = failure[fallback] }
          let target = next[fallback][character] ?? 0
          failure[child] = target == child ? 0 : target
          output[child] += output[failure[child]]
          queue.append(child)
        }
      }
    }

    /// Every occurrence in `text`: where it starts and which keyword it is.
    func occurrences(in text: [Character]) -> [(start: Int, keyword: Int)] {
      var found: [(start: Int, keyword: Int)] = []
      var state = 0
      for (index, character) in text.enumerated() {
        while state != 0, next[state][character] == nil { state = failure[state] }
        state = next[state][character] ?? 0
        for (keyword, length) in output[state] { found.append((index + 1 - length, keyword)) }
      }
      return found
    }
  }

  /// One skill found in a posting.
  public struct Finding: Sendable, Hashable {
    /// The area or topic label.
    public let skill: String
    /// Whether it is required (else preferred).
    public let isRequired: Bool
    /// The level the text asks for.
    public let threshold: Double
    /// The line it came from.
    public let line: String
  }

  /// What a posting's text yields.
  public struct Extraction: Sendable, Hashable {
    /// Skills found, one per skill (required beats preferred; the higher level wins).
    public let findings: [Finding]
    /// Technology-looking words the dictionary does not know, reported rather than guessed.
    public let unrecognised: [String]
  }

  /// The kind of a section heading.
  enum Section { case required, preferred, other }

  private static let headingMarks = CharacterSet(charactersIn: " :•-*#")
  private static let tokenMarks = CharacterSet(charactersIn: ".:•-*\"'")

  static func classify(heading: String) -> Section? {
    let text = PlainText.trimmed(heading.lowercased(), headingMarks)
    guard !text.isEmpty, text.count <= 60 else { return nil }
    // In simple text a byte search finds what Foundation's does, without bridging.
    let bytes = PlainText.isSimple(text) ? PlainText.narrowBytes(text) : nil
    func contains(_ phrase: (text: String, bytes: [UInt8])) -> Bool {
      bytes.map { PlainText.contains($0, phrase.bytes) } ?? text.contains(phrase.text)
    }
    if headingPhrases.preferred.contains(where: contains) { return .preferred }
    if headingPhrases.required.contains(where: contains) { return .required }
    if headingPhrases.other.contains(where: contains) { return .other }
    return nil
  }

  /// What a heading of each kind says, each phrase with its bytes.
  private static let headingPhrases = {
    let preferred = ["nice to have", "preferred", "bonus", "plus", "pluses", "nice-to-have"]
    let required = [
      "requirement", "qualification", "what you'll need", "what you need", "you have",
      "must have", "what we're looking for", "what we are looking for", "who you are",
      "skills", "about you",
    ]
    let other = [
      "about", "benefit", "responsibilit", "what you'll do", "what you will do", "perks",
      "compensation", "the role", "why", "our team", "we offer", "salary",
    ]
    func withBytes(_ phrases: [String]) -> [(text: String, bytes: [UInt8])] {
      phrases.map { ($0, Array($0.utf8)) }
    }
    return (preferred: withBytes(preferred), required: withBytes(required), other: withBytes(other))
  }()

  private static let preferredCues = [
    "nice to have", "a plus", "bonus", "preferred", "ideally", "familiarity with",
    "exposure to", "is a plus", "are a plus",
  ]
  private static let preferredCueBytes = preferredCues.map { Array($0.utf8) }

  static func isPreferredCue(_ line: String) -> Bool {
    // Simple text's lowercased bytes, a byte per character, give the same answer unbridged.
    if PlainText.isSimple(line) {
      let bytes = PlainText.narrowBytes(line, lowercase: true)
      return preferredCueBytes.contains { PlainText.contains(bytes, $0) }
    }
    let text = line.lowercased()
    if let bytes = PlainText.asciiBytes(text) {
      return preferredCueBytes.contains { PlainText.contains(bytes, $0) }
    }
    return preferredCues.contains { text.contains($0) }
  }

  /// Finds every keyword in a line, longest first, at word boundaries.
  func skills(in line: String) -> [String] { matches(in: line).found.map(\.label) }

  /// The keywords found with their character offsets, and the line with them blanked out.
  ///
  /// As if each keyword, longest first, were searched for left to right and each match at word
  /// boundaries blanked out before the next search (so "Google Cloud" is not also "cloud", and
  /// a blank counts as a boundary), but with every occurrence found in one pass: searching
  /// keyword by keyword took 23 s on a 60 KB posting.
  func matches(in line: String) -> (found: [(label: String, offset: Int)], rest: String) {
    guard !keywords.isEmpty else { return ([], line) }
    if let anyCaseBytes, let asWrittenBytes, PlainText.isSimple(line) {
      // Simple text: a scalar is a character, and ASCII keywords are found in its bytes.
      let scalars = Array(line.unicodeScalars)
      guard !scalars.isEmpty else { return ([], line) }
      let occurrences =
        anyCaseBytes.occurrences(in: PlainText.narrowBytes(line, lowercase: true))
        + asWrittenBytes.occurrences(in: PlainText.narrowBytes(line))
      guard !occurrences.isEmpty else { return ([], line) }
      let (found, blank) = claim(
        occurrences, in: scalars,
        isWordCharacter: { PlainText.isAlphanumeric($0) || $0 == "_" },
        isSpace: { CharacterSet.whitespaces.contains($0) },
        text: { String($0) })
      var rest: [UInt8] = []
      rest.reserveCapacity(line.utf8.count)
      var index = -1
      for byte in line.utf8 {
        let leads = byte & 0xC0 != 0x80
        if leads { index += 1 }
        if !blank[index] {
          rest.append(byte)
        } else if leads {
          rest.append(UInt8(ascii: " "))
        }
      }
      return (found, String(decoding: rest, as: UTF8.self))
    }
    let characters = Array(line)
    guard !characters.isEmpty else { return ([], line) }
    let occurrences =
      anyCase.occurrences(in: characters.map(Self.lowercased))
      + asWritten.occurrences(in: characters)
    guard !occurrences.isEmpty else { return ([], line) }
    let (found, blank) = claim(
      occurrences, in: characters,
      isWordCharacter: { $0.isLetter || $0.isNumber || $0 == "_" }, isSpace: Self.isSpace,
      text: { String($0) })
    let rest = String(characters.indices.map { blank[$0] ? " " : characters[$0] })
    return (found, rest)
  }

  /// The keywords the occurrences make, and the characters they blank out.
  ///
  /// - Parameters:
  ///   - occurrences: Where each keyword occurs.
  ///   - characters: The line, as characters or (in simple text) scalars.
  ///   - isWordCharacter: Whether a character continues a word (no boundary beside it).
  ///   - isSpace: Whether a character is white space for `trimmingCharacters(in:
  ///     .whitespaces)`.
  ///   - text: A character as a string.
  /// - Returns: The keywords found, in order of offset, and which characters are blank.
  private func claim<Element>(
    _ occurrences: [(start: Int, keyword: Int)], in characters: [Element],
    isWordCharacter: (Element) -> Bool, isSpace: (Element) -> Bool, text: (Element) -> String
  ) -> (found: [(label: String, offset: Int)], blank: [Bool]) {
    let count = characters.count
    // Each keyword's starts, in order; keywords in the order they claim text.
    let starts = Dictionary(grouping: occurrences, by: \.keyword).mapValues { $0.map(\.start) }
    var blank = [Bool](repeating: false, count: count)
    func isBoundary(_ index: Int) -> Bool {
      guard index >= 0, index < count, !blank[index] else { return true }
      return !isWordCharacter(characters[index])
    }
    var lastText = count - 1
    var found: [(label: String, offset: Int)] = []
    for index in starts.keys.sorted() {
      let keyword = keywords[index]
      // Occurrences come in order of their start; one that overlaps a blank is gone, and the
      // next search starts after the end of the one just looked at, matched or not.
      var searchFrom = 0
      for start in starts[index, default: []] where start >= searchFrom {
        let end = start + keyword.length
        guard !blank[start..<end].contains(true) else { continue }
        searchFrom = end
        guard isBoundary(start - 1), isBoundary(end) else { continue }
        if keyword.text == "Go",
          isVerbGo(
            after: end, characters, blank: blank, lastText: &lastText, isSpace: isSpace,
            text: text)
        {
          continue
        }
        found.append((keyword.label, start))
        for position in start..<end { blank[position] = true }
      }
    }
    return (found.sorted { $0.offset < $1.offset }, blank)
  }

  /// A character as case-insensitive search compares it: lowercased, when that is one
  /// character.
  private static func lowercased(_ character: Character) -> Character {
    if let ascii = character.asciiValue {
      return (65...90).contains(ascii) ? Character(UnicodeScalar(ascii + 32)) : character
    }
    let lower = character.lowercased()
    return lower.count == 1 ? Character(lower) : character
  }

  /// Whether a character is white space for `trimmingCharacters(in: .whitespaces)`.
  private static func isSpace(_ character: Character) -> Bool {
    character.unicodeScalars.count == 1
      && character.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains)
  }

  /// Whether "Go" ending at `end` is the verb ("Go above", "Go to"), on the line as blanked
  /// so far, reading only the few characters it needs.
  ///
  /// The words after it are read as if the rest of the line were trimmed and lowercased.
  /// `lastText` is the last place that is not white space or blank; it only moves back as
  /// more is blanked, so finding it again costs nothing in total.
  private func isVerbGo<Element>(
    after end: Int, _ characters: [Element], blank: [Bool], lastText: inout Int,
    isSpace isSpaceCharacter: (Element) -> Bool, text: (Element) -> String
  ) -> Bool {
    func isSpace(_ index: Int) -> Bool { blank[index] || isSpaceCharacter(characters[index]) }
    while lastText >= 0, isSpace(lastText) { lastText -= 1 }
    var start = end
    while start <= lastText, isSpace(start) { start += 1 }
    guard start <= lastText else { return false }
    let window = (start...min(lastText, start + 8)).map { blank[$0] ? nil : characters[$0] }
    let rest = window.map { $0.map(text) ?? " " }.joined().lowercased()
    return Self.verbWords.contains { rest.hasPrefix($0) }
  }

  /// The words after "Go" that make it a verb.
  private static let verbWords = [
    "to ", "above", "beyond", "further", "deep", "live", "fast", "ahead", "out",
  ]

  /// The level each part of a line asks for: the nearest level cue before each offset.
  private static let cuePhrases: [(String, Double)] = [
    ("expert", 85), ("strong", 75), ("deep", 75), ("extensive", 75), ("advanced", 75),
    ("mastery", 75), ("familiarity", 50), ("familiar with", 50), ("exposure", 50),
    ("some experience", 50), ("basic", 50), ("experience", 65), ("proficien", 65),
    ("hands-on", 65), ("knowledge of", 65),
  ]
  private static let cuePhraseBytes = cuePhrases.map { (Array($0.0.utf8), $0.1) }
  private static let yearsBytes = Array("years".utf8)

  static func levelCues(in line: String) -> [(offset: Int, level: Double)] {
    var cues: [(Int, Double)] = []
    // Simple text (`PlainText.isSimple`) lowercased, a byte per character: the same matches
    // and offsets as Foundation's search below, without bridging.
    let simple = PlainText.isSimple(line) ? PlainText.narrowBytes(line, lowercase: true) : nil
    let text = simple == nil ? line.lowercased() : ""
    let ascii = simple ?? PlainText.asciiBytes(text)
    if let bytes = ascii {
      // A byte is a character here: the same matches and offsets as below, without bridging.
      for (phrase, level) in cuePhraseBytes {
        var from = 0
        while let start = PlainText.firstIndex(of: phrase, in: bytes, from: from) {
          cues.append((start, level))
          from = start + phrase.count
        }
      }
    }
    for (phrase, level) in ascii == nil ? cuePhrases : [] {
      // Offsets counted on from the last match, not from the start each time.
      var search = text.startIndex..<text.endIndex
      var counted = (index: text.startIndex, offset: 0)
      while let range = text.range(of: phrase, range: search) {
        counted = (
          range.lowerBound,
          counted.offset + text.distance(from: counted.index, to: range.lowerBound)
        )
        cues.append((counted.offset, level))
        search = range.upperBound..<text.endIndex
      }
    }
    if ascii.map({ PlainText.contains($0, yearsBytes) }) ?? true {
      if let bytes = ascii, let decided = yearsCue(in: bytes) {
        if let offset = decided { cues.append((offset, 75)) }
      } else {
        let text = simple == nil ? text : line.lowercased()
        if let range = text.range(of: #"\b[3-9]\+? ?years"#, options: .regularExpression) {
          cues.append((text.distance(from: text.startIndex, to: range.lowerBound), 75))
        }
      }
    }
    // "deep experience with" is deep, not plain experience: a generic cue right after a
    // specific one adds nothing.
    let sorted = cues.sorted { $0.0 < $1.0 }
    var merged: [(offset: Int, level: Double)] = []
    for cue in sorted {
      if cue.1 == 65, let last = merged.last, last.level != 65, cue.0 - last.offset <= 14 {
        continue
      }
      merged.append((cue.0, cue.1))
    }
    return merged
  }

  /// Where `\b[3-9]\+? ?years` first matches in lowercased text a byte per character, without
  /// a regular expression: `.some(nil)` when nowhere; nil when a candidate follows a non-ASCII
  /// character, whether a word character or not being then the regular expression's to say.
  ///
  /// After the digit, an optional `+` and an optional space can each only be taken, since
  /// neither starts what follows; `\b` before the digit (a word character) asks that the
  /// byte before be none of ICU's word characters, which in ASCII are letters, digits and `_`.
  static func yearsCue(in bytes: [UInt8]) -> Int?? {
    let count = bytes.count
    for start in bytes.indices where (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[start])
    {
      var index = start + 1
      if index < count, bytes[index] == UInt8(ascii: "+") { index += 1 }
      if index < count, bytes[index] == UInt8(ascii: " ") { index += 1 }
      guard index + yearsBytes.count <= count,
        bytes[index..<(index + yearsBytes.count)].elementsEqual(yearsBytes)
      else { continue }
      if start > 0 {
        let before = bytes[start - 1]
        guard before < 0x80 else { return nil }
        if PlainText.asciiAlphanumeric[Int(before)] || before == UInt8(ascii: "_") { continue }
      }
      return .some(start)
    }
    return .some(nil)
  }

  /// Extracts skills from plain-text lines (headings on their own lines, bullets as `• `).
  ///
  /// - Parameters:
  ///   - lines: The posting's text.
  ///   - sections: Extra headed sections (such as Lever's `lists`), classified by title.
  /// - Returns: One finding per skill, and the words the dictionary did not know.
  public func extract(lines: [String], sections: [(title: String, lines: [String])] = [])
    -> Extraction
  {
    var byLabel: [String: Finding] = [:]
    var unknown: [String] = []
    func consider(_ line: String, section: Section) {
      let (found, rest) = matches(in: line)
      let isRequired = section != .preferred && !Self.isPreferredCue(line)
      let cues = Self.levelCues(in: line)
      // Both are in order of offset: the cue before each finding is found by walking on.
      var cue = -1
      for (label, offset) in found {
        while cue + 1 < cues.count, cues[cue + 1].offset < offset { cue += 1 }
        let threshold = cue >= 0 ? cues[cue].level : 65
        let finding = Finding(
          skill: label, isRequired: isRequired, threshold: threshold, line: line)
        if let existing = byLabel[label] {
          if (finding.isRequired && !existing.isRequired)
            || (finding.isRequired == existing.isRequired && finding.threshold > existing.threshold)
          {
            byLabel[label] = finding
          }
        } else {
          byLabel[label] = finding
        }
      }
      if section != .other { unknown += Self.unrecognisedWords(in: rest, known: self) }
    }
    var section: Section = .other
    var sawRequirementSection = false
    var pending: [(String, Section)] = []
    for line in lines {
      let trimmed = PlainText.trimmed(line, .whitespaces)
      // The cheap tests first: a long line is no heading whatever `classify` says.
      if !trimmed.hasPrefix("•"), trimmed.utf8.count <= 60 || trimmed.count <= 60,
        !trimmed.hasSuffix("."), let heading = Self.classify(heading: trimmed)
      {
        section = heading
        if heading != .other { sawRequirementSection = true }
        continue
      }
      pending.append((trimmed, section))
    }
    for (title, body) in sections {
      let kind = Self.classify(heading: title) ?? .required
      if kind != .other { sawRequirementSection = true }
      pending += body.map { ($0, kind) }
    }
    for (line, kind) in pending {
      consider(line, section: sawRequirementSection ? kind : .required)
    }
    let findings = byLabel.values.sorted {
      ($0.isRequired ? 0 : 1, $0.skill) < ($1.isRequired ? 0 : 1, $1.skill)
    }
    var seen: Set<String> = []
    let unrecognised = unknown.filter { seen.insert($0.lowercased()).inserted }
    return Extraction(findings: findings, unrecognised: unrecognised)
  }

  private static let commonWords: Set<String> = [
    "a", "an", "and", "or", "the", "you", "we", "our", "your", "i", "in", "on", "with", "of",
    "for", "to", "as", "at", "by", "is", "are", "be", "experience", "strong", "knowledge",
    "ability", "understanding", "proven", "excellent", "solid", "familiarity", "bachelor",
    "master", "degree", "years", "plus", "bonus", "nice", "have", "must", "team", "teams",
    "engineering", "engineer", "engineers", "software", "backend", "frontend", "senior", "staff",
    "computer", "science", "cs", "us", "usa", "remote", "english", "b.s", "m.s", "phd",
    "working", "building", "designing", "writing", "deep", "hands-on", "production", "systems",
    "services", "apis", "api", "data", "cloud", "platform", "product", "products", "customer",
    "customers", "business", "equal", "opportunity", "employer",
  ]

  /// Capitalised or technical-looking tokens (`Kafka`, `C#`, `Terraform`) that the dictionary
  /// does not know.
  static func unrecognisedWords(in line: String, known extractor: SkillExtractor) -> [String] {
    var words: [String] = []
    var line = PlainText.trimmed(line, .whitespaces)
    if line.hasPrefix("•") || line.hasPrefix("-") || line.hasPrefix("*") { line.removeFirst() }
    func consider(_ raw: Substring, at index: Int) {
      let token = PlainText.trimmed(String(raw), tokenMarks)
      guard token.count >= 2, let first = token.first else { return }
      let technical = token.contains { "#+.".contains($0) } && token.first?.isLetter == true
      let capitalised = first.isUppercase && index > 0
      let camel = token.dropFirst().contains { $0.isUppercase }
      guard technical || capitalised || camel else { return }
      if commonWords.contains(token.lowercased()) { return }
      if !extractor.skills(in: token).isEmpty { return }
      if token.allSatisfy({ $0.isNumber || $0 == "+" }) { return }
      words.append(token)
    }
    if PlainText.isSimple(line) {
      // A scalar is a character: the tokens are split byte by byte, and a token of ASCII with
      // no capital and no `#`, `+` or `.` is none of the words above, so it is passed over
      // without being looked at character by character.
      let bytes = Array(line.utf8)
      var index = 0
      var start = 0
      var worthALook = false
      for (offset, byte) in bytes.enumerated() {
        if Self.tokenSeparator(byte) {
          if offset > start {
            if worthALook { consider(line.utf8Slice(start..<offset), at: index) }
            index += 1
          }
          start = offset + 1
          worthALook = false
        } else if !worthALook {
          worthALook =
            byte >= 0x80 || (65...90).contains(byte) || byte == UInt8(ascii: "#")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
        }
      }
      if bytes.count > start, worthALook {
        consider(line.utf8Slice(start..<bytes.count), at: index)
      }
      return words
    }
    let tokens = line.split {
      $0 == " " || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "/"
    }
    for (index, raw) in tokens.enumerated() { consider(raw, at: index) }
    return words
  }

  /// The bytes `unrecognisedWords` splits tokens at.
  private static func tokenSeparator(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "("),
      UInt8(ascii: ")"), UInt8(ascii: "/"):
      true
    default: false
    }
  }
}

extension String {
  /// The substring between two UTF-8 offsets, both at scalar boundaries.
  fileprivate func utf8Slice(_ range: Range<Int>) -> Substring {
    let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let end = utf8.index(start, offsetBy: range.count)
    return self[start..<end]
  }
}
