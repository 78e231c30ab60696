import Foundation
import Testing

@testable import SkillQuizKit

/// Replays every `*.expected.json` in `Fixtures/markdown/` and `Fixtures/csv/` against the
/// source file beside it with the same base name.
enum ImporterFixtures {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static let folder = fixtures.appendingPathComponent("markdown")
  static let formats: [QuestionFormat] = [.markdown, .csv]

  /// `format/name.expected.json` for each fixture.
  static var cases: [String] {
    formats.flatMap { format in
      let folder = fixtures.appendingPathComponent(format.rawValue)
      return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".expected.json") }.map { "\(format.rawValue)/\($0)" }
    }.sorted()
  }

  struct Expected: Decodable {
    struct Question: Decodable {
      let line: Int
      let kind: String
      let prompt: String?
      let promptContains: String?
      let correct: [String]
      let options: Int
      let explanation: Bool
      let category: String?
      let accepted: [String]?
      let truth: Bool?
      let difficulty: String?
    }
    struct Skip: Decodable {
      let line: Int
      let reasonContains: String
    }
    let questions: [Question]
    let skipped: [Skip]
    /// Lines of questions read with a note (an image kept as a link).
    let notes: [Int]?
  }
}

struct ImporterFixtureTests {
  @Test func theFixtureFolderIsNotEmpty() {
    #expect(!ImporterFixtures.cases.isEmpty)
  }

  @Test(arguments: ImporterFixtures.cases)
  func eachFixtureParsesAsExpected(name: String) throws {
    let expected = try JSONDecoder().decode(
      ImporterFixtures.Expected.self,
      from: Data(contentsOf: ImporterFixtures.fixtures.appendingPathComponent(name)))
    let folder = ImporterFixtures.fixtures.appendingPathComponent(
      String(name.prefix { $0 != "/" }))
    let base = (name as NSString).lastPathComponent
      .replacingOccurrences(of: ".expected.json", with: ".")
    let source = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).first {
        $0.hasPrefix(base) && !$0.hasSuffix(".json")
      })
    let format = try #require(QuestionFormat(rawValue: folder.lastPathComponent))
    let text = try String(contentsOf: folder.appendingPathComponent(source), encoding: .utf8)
    let result = format.parse(text)
    #expect(result.questions.count == expected.questions.count, "\(name) question count")
    for (got, want) in zip(result.questions, expected.questions) {
      #expect(got.line == want.line, "\(name) line of \(got.prompt)")
      #expect(got.kind.rawValue == want.kind, "\(name) line \(want.line) kind")
      if let prompt = want.prompt { #expect(got.prompt == prompt) }
      if let part = want.promptContains { #expect(got.prompt.contains(part), "\(got.prompt)") }
      #expect(got.options.filter(\.isCorrect).map(\.text) == want.correct, "line \(want.line)")
      #expect(got.options.count == want.options, "\(name) line \(want.line) options")
      #expect((got.explanation != nil) == want.explanation, "\(name) line \(want.line)")
      #expect(got.category == want.category, "\(name) line \(want.line) category")
      if let accepted = want.accepted { #expect(got.accepted == accepted) }
      if let truth = want.truth { #expect(got.truth == truth) }
      if let difficulty = want.difficulty { #expect(got.difficulty == difficulty) }
    }
    #expect(result.skipped.map(\.line) == expected.skipped.map(\.line), "\(name) skipped")
    #expect(result.notes.map(\.line) == expected.notes ?? [], "\(name) notes")
    for (got, want) in zip(result.skipped, expected.skipped) {
      #expect(got.reason.contains(want.reasonContains), "\(got.reason)")
    }
  }

  @Test func windowsLineEndingsReadLikeUnixOnes() throws {
    let unix = "#### Q1. Which?\n\n- [x] `git log`\n- [ ] `git tag`\n"
    let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(MarkdownQuizParser.parse(windows) == MarkdownQuizParser.parse(unix))
    #expect(MarkdownQuizParser.parse(windows).questions.count == 1)
  }

  @Test func codeBlocksKeepTheirIndentationInsideAndOutsideTheListItem() throws {
    let text = """
      #### Q1. Which one?

      - [x] Outside

      ```yaml
      services:
        db: {}
      ```

      - [ ] Inside
        ```yaml
        services:
          web: {}
        ```

      [Reference](https://docs.docker.com/compose/)
      """
    let question = try #require(MarkdownQuizParser.parse(text).questions.first)
    #expect(question.options[0].text == "Outside\n\n```yaml\nservices:\n  db: {}\n```")
    #expect(question.options[1].text == "Inside\n```yaml\nservices:\n  web: {}\n```")
    #expect(question.references == ["https://docs.docker.com/compose/"])
    #expect(question.explanation == nil)
  }

  @Test func aBankWrittenFromMarkdownValidatesAndKeepsItsIDsOnReimport() throws {
    let text = try String(
      contentsOf: ImporterFixtures.folder.appendingPathComponent("quirks.md"), encoding: .utf8)
    let parsed = MarkdownQuizParser.parse(text)
    let catalog = try #require(
      YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: BankFixtures.skills))
        .catalog)
    let area = try #require(catalog.area(id: "git"))
    let first = BankWriter.bank(
      parsed.questions, area: area, topic: area.topics[0], source: "quirks.md", format: "markdown")
    let second = BankWriter.bank(
      parsed.questions, area: area, topic: area.topics[0], source: "quirks.md", format: "markdown")
    #expect(first.text == second.text)
    let bank = YAMLBankParser().parseBank(
      BankFile(path: "git/imported.yaml", contents: first.text), catalog: catalog)
    #expect(bank.diagnostics.filter { $0.severity == .error }.isEmpty, "\(bank.diagnostics)")
    #expect(bank.questions.count == parsed.questions.count - first.skipped.count)
    #expect(Set(bank.questions.map(\.id)).count == bank.questions.count)
    #expect(bank.questions.allSatisfy { $0.id.hasPrefix("git.imported.") })
  }
}
