import Foundation
import Testing

@testable import SkillQuizKit

/// The Aiken fixtures in `Fixtures/aiken/`.
///
/// Each `X.txt` comes with `X.json`, the questions and skips expected. Drop a new pair there
/// and it is tested.
enum AikenFixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/aiken")

  /// The fixture names, without `.txt`.
  static var names: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(".txt".count)) }.sorted()
  }

  /// What a fixture should parse into.
  struct Expected: Decodable {
    struct Question: Decodable {
      let line: Int
      let prompt: String
      let options: [String]
      /// The index of the right option.
      let correct: Int
    }

    struct Skip: Decodable {
      let line: Int
      /// A part of the reason.
      let reasonContains: String
    }

    let questions: [Question]
    let skipped: [Skip]
  }
}

@Suite struct AikenImportTests {
  @Test func fixturesAreThere() {
    #expect(AikenFixtures.names.contains("valid"))
    #expect(AikenFixtures.names.contains("errors"))
  }

  @Test(arguments: AikenFixtures.names)
  func fixtureParsesAsExpected(_ name: String) throws {
    let source = try String(
      contentsOf: AikenFixtures.folder.appendingPathComponent(name + ".txt"), encoding: .utf8)
    let json = try Data(contentsOf: AikenFixtures.folder.appendingPathComponent(name + ".json"))
    let expected = try JSONDecoder().decode(AikenFixtures.Expected.self, from: json)
    let result = AikenParser.parse(source)

    #expect(result.questions.count == expected.questions.count, "\(name)")
    for (question, wanted) in zip(result.questions, expected.questions) {
      let context = Comment(rawValue: "\(name), line \(wanted.line)")
      #expect(question.line == wanted.line, context)
      #expect(question.kind == .single, context)
      #expect(question.prompt == wanted.prompt, context)
      #expect(question.options.map(\.text) == wanted.options, context)
      #expect(
        question.options.indices.filter { question.options[$0].isCorrect } == [wanted.correct])
    }
    #expect(result.skipped.map(\.line) == expected.skipped.map(\.line), "\(name)")
    for (skip, wanted) in zip(result.skipped, expected.skipped) {
      #expect(skip.reason.contains(wanted.reasonContains), "\(name), line \(skip.line)")
    }
  }

  @Test func windowsLineEndingsKeepTheLineNumbers() {
    let result = AikenParser.parse("\r\nWhich?\r\nA) one\r\nB) two\r\nANSWER: B\r\n")
    #expect(result.skipped.isEmpty)
    #expect(result.questions.map(\.line) == [2])
    #expect(result.questions.first?.options.map(\.text) == ["one", "two"])
    #expect(result.questions.first?.options.map(\.isCorrect) == [false, true])
  }

  @Test func theAnswerFollowsTheOptionLettersNotTheirPositions() {
    let result = AikenParser.parse("Pick B.\nA) first\nC) third\nB) second\nANSWER: B\n")
    #expect(result.questions.first?.options.map(\.isCorrect) == [false, false, true])
  }

  @Test func anOptionLabelNeedsASpaceOrNothingAfterIt() {
    let result = AikenParser.parse("Is A)B an option?\nA)B\nA) yes\nB) no\nANSWER: B")
    #expect(result.questions.first?.prompt == "Is A)B an option?\nA)B")
    #expect(result.questions.first?.options.map(\.text) == ["yes", "no"])
  }

  @Test func aStemLineAfterTheOptionsStartsAnotherQuestion() {
    let result = AikenParser.parse("First?\nA) a\nB) b\nSecond?\nA) c\nB) d\nANSWER: A\n")
    #expect(result.questions.map(\.prompt) == ["Second?"])
    #expect(result.skipped == [ImportSkip(line: 1, reason: "no ANSWER line after the options")])
  }

  @Test func emptyTextHasNothing() {
    #expect(AikenParser.parse("") == ImportParseResult())
    #expect(AikenParser.parse("\n\n  \n") == ImportParseResult())
  }
}
