import Testing

@testable import SkillQuizKit

/// Questions with more options than a bank allows: each importer skips them with the count and
/// the limit, and option letters exist for any index.
struct OptionLimitTests {
  /// A file in `format` holding one question with `count` options, then one good question;
  /// and the line the big question starts on.
  static func file(_ format: QuestionFormat, options count: Int) -> (text: String, line: Int) {
    let texts = (0..<count).map { "option \($0)" }
    switch format {
    case .gift:
      let answers = texts.enumerated().map { ($0.offset == 0 ? "=" : "~") + $0.element }
      return ("Big? {\(answers.joined(separator: " "))}\n\nGood? {=yes ~no}\n", 1)
    case .markdown:
      let lines = texts.enumerated().map { "- [\($0.offset == 0 ? "x" : " ")] \($0.element)" }
      return (
        "#### Q1. Big?\n" + lines.joined(separator: "\n")
          + "\n\n#### Q2. Good?\n- [x] yes\n- [ ] no\n", 1
      )
    case .csv:
      return (
        "question,options,answer\nBig?,\(texts.joined(separator: "|")),a\nGood?,yes|no,a\n", 2
      )
    case .aiken:
      let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
      let lines = texts.enumerated().map { "\(letters[$0.offset % 26]). \($0.element)" }
      return (
        "Big?\n" + lines.joined(separator: "\n")
          + "\nANSWER: A\n\nGood?\nA. yes\nB. no\nANSWER: A\n",
        1
      )
    }
  }

  static let cases: [(QuestionFormat, Int)] = QuestionFormat.allCases.flatMap { format in
    [9, 128, 159, 160, 1000].map { (format, $0) }
  }

  @Test(arguments: cases)
  func aQuestionWithTooManyOptionsIsSkippedWithTheCountAndTheLimit(
    format: QuestionFormat, count: Int
  ) throws {
    let catalog = try #require(
      YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: BankFixtures.skills))
        .catalog)
    let area = try #require(catalog.area(id: "git"))
    let (text, line) = Self.file(format, options: count)
    let outcome = QuestionImport(
      text, format: format, area: area, topic: area.topics[0], source: "big.\(format)",
      bankPath: "imported/big.yaml", catalog: catalog)
    #expect(outcome.ids.count == 1)
    #expect(outcome.errors.isEmpty)
    #expect(
      outcome.skipped.map(\.line) == [line]
        && outcome.skipped.map(\.reason) == ["\(count) options; a question may have at most 8"])
    let controls = outcome.text.unicodeScalars.filter {
      ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
    }
    #expect(controls.isEmpty)
  }

  @Test func aFileWithNothingImportableMakesAnEmptyBankNotABrokenOne() throws {
    let catalog = try #require(
      YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: BankFixtures.skills))
        .catalog)
    let area = try #require(catalog.area(id: "git"))
    let outcome = QuestionImport(
      "Big? {=a ~b ~c ~d ~e ~f ~g ~h ~i}\n", format: .gift, area: area, topic: area.topics[0],
      source: "big.gift", bankPath: "imported/big.yaml", catalog: catalog)
    #expect(outcome.ids.isEmpty)
    // `questions:` with nothing under it is null, which the bank parser calls an error and the
    // import then blamed on itself.
    #expect(outcome.errors.isEmpty)
    #expect(outcome.text.hasSuffix("questions: []\n"))
  }

  @Test func everyIndexHasLettersAndNoneOverflows() {
    let expected: [(Int, String)] = [
      (0, "a"), (7, "h"), (25, "z"), (26, "aa"), (27, "ab"), (51, "az"), (52, "ba"),
      (159, "fd"), (160, "fe"), (701, "zz"), (702, "aaa"), (-1, "?"), (Int.min, "?"),
    ]
    for (index, letters) in expected {
      #expect(PresentedQuestion.letter(at: index) == letters, "\(index)")
    }
    let largest = PresentedQuestion.letter(at: Int.max)
    #expect(largest.count == 14 && largest.allSatisfy { $0.isLetter && $0.isLowercase })
  }
}
