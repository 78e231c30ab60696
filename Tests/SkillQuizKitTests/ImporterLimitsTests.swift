import Testing

@testable import SkillQuizKit

/// Hostile quiz files of about 2 MB: each importer finishes (in linear time; the time itself is
/// not asserted) and says what it made of them.
@Suite(.timeLimit(.minutes(1)))
struct ImporterLimitsTests {
  private static let size = 2 << 20

  private func imported(_ text: String, _ format: QuestionFormat) throws -> QuestionImport {
    let catalog = try #require(
      YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: BankFixtures.skills))
        .catalog)
    let area = try #require(catalog.area(id: "git"))
    return QuestionImport(
      text, format: format, area: area, topic: area.topics[0], source: "hostile",
      bankPath: "imported/hostile.yaml", catalog: catalog)
  }

  private func repeated(_ piece: String) -> String {
    String(repeating: piece, count: Self.size / piece.utf8.count)
  }

  @Test func giftABlockOfCategoryLinesNeitherRecursesNorRepeats() throws {
    // One block (no blank line) of categories, then a question: this recursed once per line.
    let result = GIFTParser.parse(repeated("$CATEGORY: a\n") + "Q? {=yes ~no}\n")
    #expect(result.questions.count == 1)
    #expect(result.questions.first?.category == "a")
  }

  @Test func giftHTMLWithTagsThatNeverCloseIsText() {
    let result = GIFTParser.parse("[html]" + repeated("<a") + " {=yes ~no}\n")
    #expect(result.questions.first?.prompt.hasPrefix("<a<a<a") == true)
  }

  @Test func giftBracesAndMarkersInBulk() {
    #expect(GIFTParser.parse(repeated("{")).skipped.count == 1)
    #expect(GIFTParser.parse("Q {=a ~b}" + repeated("\\")).questions.count == 1)
    // Every answer becomes an object, so these are an eighth of the size.
    let count = Self.size / 16
    let options = String(repeating: "~b", count: count)
    #expect(GIFTParser.parse("Q {=a\(options)}").questions.first?.options.count == 1 + count)
    let numbers = String(repeating: "=1", count: count)
    #expect(GIFTParser.parse("Q {#\(numbers)}").questions.first?.numeric.count == count)
  }

  @Test func giftThousandsOfRejectedQuestionsAreEachSkipped() throws {
    // Two options with the same text: the bank parser rejects each, and each rejection is
    // traced back to its source line once.
    let count = 5_000
    let text = (0..<count).map { "Q\($0)? {=a ~a}\n\n" }.joined()
    let outcome = try imported(text, .gift)
    #expect(outcome.ids.isEmpty)
    #expect(outcome.skipped.count == count)
    #expect(outcome.skipped.last?.line == 2 * count - 1)
  }

  @Test func markdownImagesThatNeverCloseAreText() {
    let result = MarkdownQuizParser.parse(
      "#### Q1. " + repeated("![") + "\n- [x] a\n- [ ] b\n")
    #expect(result.questions.first?.prompt.hasPrefix("![![") == true)
    #expect(
      MarkdownQuizParser.keepImages("a ![x](u) b ![y](v)") == "a (image: x u) b (image: y v)")
    #expect(MarkdownQuizParser.keepImages("![x]() ![y](z") == "![x]() ![y](z")
  }

  @Test func markdownThousandsOfQuestionsWithOnePromptGetTheirOwnIds() throws {
    let count = 5_000
    let outcome = try imported(
      String(repeating: "#### Q1. Same?\n- [x] a\n- [ ] b\n", count: count), .markdown)
    #expect(outcome.ids.count == count)
    #expect(Set(outcome.ids).count == count)
  }

  @Test func csvAWideHeaderAndLongAnswersAreReadOnce() throws {
    let header = "question,answer" + String(repeating: ",", count: Self.size / 2)
    let wide = CSVQuestionParser.parse(header + "\n" + String(repeating: "q,a\n", count: 50_000))
    #expect(wide.questions.count == 50_000)
    let letters = CSVQuestionParser.parse(
      "question,options,answer\nQ," + String(repeating: "o|", count: Self.size / 8) + ","
        + String(repeating: "a", count: Self.size / 2) + "\n")
    #expect(letters.questions.first?.options.filter(\.isCorrect).count == 1)
    #expect(CSVQuestionParser.parse("question,answer\n" + repeated("\"")).questions.count <= 1)
  }

  @Test func aikenRunsOfOptionsAndAnswers() {
    let options = AikenParser.parse("Q\n" + repeated("A. x\n") + "ANSWER: A\n")
    #expect(options.questions.first?.options.count == Self.size / 5)
    let answers = AikenParser.parse(repeated("ANSWER: A\n"))
    #expect(answers.questions.isEmpty && answers.skipped.count == Self.size / 10)
  }

  @Test func aFileOverTheLimitIsRefusedWhole() {
    let text = String(repeating: "x", count: QuestionFormat.maximumBytes + 1)
    for format in QuestionFormat.allCases {
      let result = format.parse(text)
      #expect(result.questions.isEmpty)
      #expect(
        result.skipped.map(\.reason) == [
          "the file is 16.1 MB; a quiz file may be at most 16 MB, so split it"
        ])
    }
  }

  @Test func aBankPastTheLimitsOfBankFilesIsRefusedNotBlamedOnAQuestion() throws {
    // Tiny questions, each a handful of YAML values: more than a bank file may hold.
    let outcome = try imported(String(repeating: "Q {T}\n\n", count: 100_000), .gift)
    #expect(outcome.overLimit == "the file holds more than 1000000 values")
    #expect(outcome.ids.isEmpty && outcome.errors.isEmpty)
  }
}
