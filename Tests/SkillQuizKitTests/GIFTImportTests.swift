import Foundation
import Testing

@testable import SkillQuizKit

/// The shared GIFT fixtures in `Fixtures/gift/`.
///
/// Each `X.gift` comes with `X.json`, the parse gift-pegjs expects. Drop a new pair there and
/// it is tested.
enum GIFTFixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/gift")

  /// The fixture names, without `.gift`.
  static var names: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".gift") }.map { String($0.dropLast(".gift".count)) }.sorted()
  }

  /// The contents of a fixture file.
  static func contents(_ name: String, _ suffix: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(name + suffix), encoding: .utf8)
  }

  /// Text as compared with the expected parse.
  ///
  /// gift-pegjs keeps HTML as written, keeps or folds line breaks by text format, and pads the
  /// `_____` blank of embedded answers with spaces where Moodle splices it in place. So both
  /// sides are compared after: HTML (by its `format`) turned into text with the importer's own
  /// `GIFTParser.plainText(fromHTML:)`; every run of white space made one space and the ends
  /// trimmed; spaces next to the blank dropped; an empty text counted as no text.
  static func normalized(_ text: String?, format: String? = nil) -> String? {
    guard let text else { return nil }
    let plain = format == "html" ? GIFTParser.plainText(fromHTML: text) : text
    let folded = plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .replacingOccurrences(of: " " + GIFTParser.blank, with: GIFTParser.blank)
      .replacingOccurrences(of: GIFTParser.blank + " ", with: GIFTParser.blank)
    return folded.isEmpty ? nil : folded
  }

  /// A gift-pegjs rich text (`{"format": …, "text": …}`), normalized.
  static func text(_ value: Any?) -> String? {
    guard let object = value as? [String: Any] else { return nil }
    return normalized(object["text"] as? String, format: object["format"] as? String)
  }

  /// The accepted range of a gift-pegjs numeric choice (`simple`, `range` or `high-low`).
  static func range(_ value: Any?) -> ClosedRange<Double>? {
    guard let object = value as? [String: Any], let type = object["type"] as? String else {
      return nil
    }
    func number(_ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue }
    switch type {
    case "simple": return number("number").map { $0...$0 }
    case "range":
      guard let center = number("number"), let tolerance = number("range") else { return nil }
      return (center - tolerance)...(center + tolerance)
    case "high-low":
      guard let low = number("numberLow"), let high = number("numberHigh") else { return nil }
      return low...high
    default: return nil
    }
  }

  /// A weight, or nil for JSON null.
  static func weight(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
}

@Suite struct GIFTImportTests {
  @Test func allSharedFixturesAreThereInPairs() throws {
    let names = GIFTFixtures.names
    #expect(names.count >= 51)
    for name in names {
      let json = GIFTFixtures.folder.appendingPathComponent(name + ".json")
      #expect(FileManager.default.fileExists(atPath: json.path), "\(name).json is missing")
    }
  }

  // Every entry of the expected gift-pegjs parse is checked against ours, in order: the kind,
  // title, prompt, explanation, and the answers with which are right, their weights and
  // feedback. Where gift-pegjs and Moodle's importer differ, ours follows Moodle and the
  // mapping below says so.
  @Test(arguments: GIFTFixtures.names)
  func fixtureParsesAsExpected(_ name: String) throws {
    let source = try GIFTFixtures.contents(name, ".gift")
    let json = try GIFTFixtures.contents(name, ".json")
    let expected = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    let result = GIFTParser.parse(source)
    var questions = result.questions[...]
    var skips = result.skipped[...]
    var category: String?
    for (index, entry) in expected.enumerated() {
      let type = try #require(entry["type"] as? String)
      let context = Comment(rawValue: "\(name) #\(index) (\(type))")
      switch type {
      case "Category":
        // A category names no question: it is the category of the questions after it.
        category = entry["title"] as? String
      case "Essay", "Description":
        let next = skips.popFirst()
        let skip = try #require(next, context)
        let reason =
          type == "Essay"
          ? "essay questions need a human to grade" : "description items hold no question"
        #expect(skip.reason == reason, context)
      default:
        let next = questions.popFirst()
        let question = try #require(next, context)
        #expect(question.category == category, context)
        #expect(question.title == entry["title"] as? String, context)
        #expect(
          GIFTFixtures.normalized(question.prompt) == GIFTFixtures.text(entry["stem"]), context)
        #expect(
          GIFTFixtures.normalized(question.explanation)
            == GIFTFixtures.text(entry["globalFeedback"]), context)
        try check(question, against: entry, type: type, context)
      }
    }
    #expect(questions.isEmpty, "\(name): questions beyond the expected ones")
    #expect(skips.isEmpty, "\(name): skips beyond the expected ones")
    checkLines(result, source: source, name)
  }

  /// Checks the kind and answers of one question.
  private func check(
    _ question: ImportedQuestion, against entry: [String: Any], type: String,
    _ context: Comment
  ) throws {
    switch type {
    case "MC":
      let choices = try #require(entry["choices"] as? [[String: Any]], context)
      // gift-pegjs marks only `=` answers right. Moodle makes a question with no `=` multiple
      // answer, where the answers weighted above 0% are right; our single answer questions
      // hold one right option, so several `=` answers make a multiple answer question too.
      let marked = choices.map { $0["isCorrect"] as? Bool ?? false }
      let right =
        marked.contains(true)
        ? marked : choices.map { (GIFTFixtures.weight($0["weight"]) ?? 0) > 0 }
      let kind: ImportedQuestion.Kind = marked.count(where: { $0 }) == 1 ? .single : .multiple
      #expect(question.kind == kind, context)
      #expect(
        question.options.map { GIFTFixtures.normalized($0.text) }
          == choices.map { GIFTFixtures.text($0["text"]) }, context)
      #expect(question.options.map(\.isCorrect) == right, context)
      #expect(
        question.options.map(\.weight) == choices.map { GIFTFixtures.weight($0["weight"]) },
        context)
      #expect(
        question.options.map { GIFTFixtures.normalized($0.feedback) }
          == choices.map { GIFTFixtures.text($0["feedback"]) }, context)
    case "TF":
      #expect(question.kind == .trueFalse, context)
      let truth = try #require(entry["isTrue"] as? Bool, context)
      #expect(question.truth == truth, context)
      // gift-pegjs names the two feedbacks by position (`{T#first#second}`: trueFeedback is
      // the first). Moodle's importer shows the first for a wrong pick and the second for a
      // right one; the True and False options carry them that way.
      let right = question.options.first { $0.isCorrect }
      let wrong = question.options.first { !$0.isCorrect }
      #expect(question.options.map(\.text) == ["True", "False"], context)
      #expect(right?.text == (truth ? "True" : "False"), context)
      #expect(
        GIFTFixtures.normalized(wrong?.feedback) == GIFTFixtures.text(entry["trueFeedback"]),
        context)
      #expect(
        GIFTFixtures.normalized(right?.feedback) == GIFTFixtures.text(entry["falseFeedback"]),
        context)
    case "Short":
      #expect(question.kind == .short, context)
      let choices = try #require(entry["choices"] as? [[String: Any]], context)
      // Our short answers accept a text or not: answers weighted 0% or less (Moodle's `*`
      // catch-all for feedback, say) are not accepted; gift-pegjs lists them as correct.
      let accepted = choices.filter { (GIFTFixtures.weight($0["weight"]) ?? 100) > 0 }
      #expect(
        question.accepted.map { GIFTFixtures.normalized($0) }
          == accepted.map { GIFTFixtures.text($0["text"]) }, context)
    case "Numerical":
      #expect(question.kind == .numeric, context)
      // One choice comes as an object, several as a list. Answers weighted 0% or less are not
      // accepted, and the `*` catch-all (a text, not a number) holds only feedback.
      let choices: [(value: Any?, weight: Double?)] =
        (entry["choices"] as? [[String: Any]])?.filter {
          (GIFTFixtures.weight($0["weight"]) ?? 100) > 0
        }.map { ($0["text"], GIFTFixtures.weight($0["weight"])) }
        ?? [(entry["choices"], nil)]
      let ranges = choices.compactMap { choice in
        GIFTFixtures.range(choice.value).map { ($0, choice.weight) }
      }
      #expect(question.numeric.count == ranges.count, context)
      for (answer, (range, weight)) in zip(question.numeric, ranges) {
        #expect(abs(answer.minimum - range.lowerBound) < 1e-9, context)
        #expect(abs(answer.maximum - range.upperBound) < 1e-9, context)
        #expect(answer.weight == weight, context)
      }
    case "Matching":
      #expect(question.kind == .matching, context)
      let pairs = try #require(entry["matchPairs"] as? [[String: Any]], context)
      #expect(
        question.pairs.map { $0.map { GIFTFixtures.normalized($0) ?? "" } }
          == pairs.map {
            [
              GIFTFixtures.text($0["subquestion"]) ?? "",
              GIFTFixtures.normalized($0["subanswer"] as? String) ?? "",
            ]
          }, context)
    default:
      Issue.record("unknown gift-pegjs type: \(context)")
    }
  }

  /// Checks that each question and skip starts on a line of text, in source order.
  private func checkLines(_ result: ImportParseResult, source: String, _ name: String) {
    let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let starts = (result.questions.map(\.line) + result.skipped.map(\.line)).sorted()
    #expect(Set(starts).count == starts.count, "\(name): two items start on one line")
    for line in starts {
      let text = line >= 1 && line <= lines.count ? lines[line - 1] : ""
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      #expect(!trimmed.isEmpty && !trimmed.hasPrefix("//"), "\(name): line \(line)")
    }
  }
  @Test func questionsRecordTheLineTheyStartOnAndTheCategoryBeforeThem() {
    let result = GIFTParser.parse(
      """
      // A comment before the category
      $CATEGORY: $course$/top/Unit 1

      // A comment inside the question's block
      ::Q1:: Grant is buried in Grant's tomb.{F}

      Who's buried in Grant's tomb?{
        =no one
        =nobody
      }
      """)
    #expect(result.skipped.isEmpty)
    #expect(result.questions.map(\.line) == [5, 7])
    #expect(result.questions.map(\.category) == ["$course$/top/Unit 1", "$course$/top/Unit 1"])
    #expect(result.questions.map(\.title) == ["Q1", nil])
    #expect(result.questions.map(\.kind) == [.trueFalse, .short])
  }

  @Test func aQuestionRightAfterTheCategoryLineIsRead() {
    let result = GIFTParser.parse("$CATEGORY: Geography\nThe capital of France?{=Paris}\n")
    #expect(result.questions.map(\.category) == ["Geography"])
    #expect(result.questions.map(\.line) == [2])
  }

  @Test func embeddedAnswersLeaveABlank() {
    let result = GIFTParser.parse("The {=blue ~red} sky.\n\nThe sky is {=blue ~red}\n")
    #expect(result.questions.map(\.prompt) == ["The _____ sky.", "The sky is"])
    #expect(result.questions.map(\.kind) == [.single, .single])
  }

  @Test func escapesStandForTheCharacters() {
    let result = GIFTParser.parse(##"Which is 1\=1 \{really\}\:\nyes?{=a \~ b ~c \# d ~\\}"##)
    let question = result.questions.first
    #expect(question?.prompt == "Which is 1=1 {really}:\nyes?")
    #expect(question?.options.map(\.text) == ["a ~ b", "c # d", "\\"])
  }

  @Test func essaysDescriptionsAndBrokenBracesAreSkippedWithTheirLine() {
    let result = GIFTParser.parse(
      """
      Write about it.{}

      Read this first.

      An unclosed {=answer

      A choice with one answer.{~only}
      """)
    #expect(result.questions.isEmpty)
    #expect(result.skipped.map(\.line) == [1, 3, 5, 7])
    #expect(result.skipped.first?.reason == "essay questions need a human to grade")
    #expect(result.skipped.dropFirst().first?.reason == "description items hold no question")
    #expect(result.skipped.dropFirst(2).first?.reason.contains("braces") == true)
    #expect(result.skipped.last?.reason.contains("at least two answers") == true)
  }

  @Test func weightsMakeAMultipleAnswerQuestion() throws {
    let result = GIFTParser.parse("Pick two.{~%50%a ~%50%b ~%-100%c #no}")
    let question = try #require(result.questions.first)
    #expect(question.kind == .multiple)
    #expect(question.options.map(\.isCorrect) == [true, true, false])
    #expect(question.options.map(\.weight) == [50, 50, -100])
    #expect(question.options.last?.feedback == "no")
  }

  @Test func numericAnswersBecomeRanges() throws {
    let result = GIFTParser.parse(
      "Pi?{#3.14:0.01}\n\nOne to five?{#1..5}\n\nBorn?{#=1822:0 =%50%1822:2 =%0%1900 ~#no}")
    let ranges = result.questions.map { $0.numeric.map { [$0.minimum, $0.maximum] } }
    #expect(result.questions.map(\.kind) == [.numeric, .numeric, .numeric])
    #expect(ranges.count == 3)
    #expect(ranges.first == [[3.13, 3.15]])
    #expect(ranges.dropFirst().first == [[1, 5]])
    #expect(ranges.last == [[1822, 1822], [1820, 1824]])
    #expect(result.questions.last?.numeric.map(\.weight) == [nil, 50])
  }

  @Test func trueFalseFeedbackGoesToTheOptionPicked() throws {
    let question = try #require(
      GIFTParser.parse("42 is the answer.{FALSE#It is the Ultimate Answer.#Right.####See Adams.}")
        .questions.first)
    #expect(question.truth == false)
    #expect(question.explanation == "See Adams.")
    #expect(question.options.map(\.text) == ["True", "False"])
    #expect(question.options.map(\.feedback) == ["It is the Ultimate Answer.", "Right."])
  }

  @Test func htmlBecomesPlainText() {
    #expect(
      GIFTParser.plainText(
        fromHTML:
          "<p>A&nbsp;<b>bold</b>  &amp;\n <code>x&lt;y</code></p><!-- gone --><p>B&#39;s</p>"
      ) == "A bold & `x<y`\n\nB's")
    #expect(
      GIFTParser.plainText(fromHTML: "<ul><li>one</li><li>two</li></ul>") == "- one\n- two")
    #expect(
      GIFTParser.plainText(fromHTML: "<pre>\nif x {\n    y()\n}\n</pre>")
        == "```\nif x {\n    y()\n}\n```")
  }

  @Test func matchingPairsKeepAnExtraAnswer() {
    let result = GIFTParser.parse("Match.{=Canada -> Ottawa =Italy->Rome = -> Paris}")
    #expect(
      result.questions.first?.pairs == [["Canada", "Ottawa"], ["Italy", "Rome"], ["", "Paris"]])
  }
}
