import Foundation
import Testing

@testable import SkillQuizKit

struct CSVQuestionImportTests {
  static let basic = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/csv/basic.csv")

  @Test func readsEachKindAndReportsBrokenRows() throws {
    let result = CSVQuestionParser.parse(try String(contentsOf: Self.basic, encoding: .utf8))
    #expect(result.questions.map(\.kind) == [.short, .multiple, .trueFalse, .single])
    #expect(result.questions.map(\.line) == [2, 3, 4, 5])
    #expect(result.questions[0].accepted == ["429"])
    #expect(
      result.questions[1].options.filter(\.isCorrect).map(\.text) == ["GET", "PUT", "DELETE"])
    #expect(result.questions[2].truth == false)
    #expect(result.questions[3].prompt.contains("\"DELETE /items/1\""))
    #expect(result.questions[3].options.filter(\.isCorrect).map(\.text) == ["DELETE"])
    #expect(result.questions[0].category == "api-design")
    #expect(result.questions[0].difficulty == "easy")
    #expect(result.skipped.map(\.line) == [6, 7])
  }

  @Test func windowsLineEndingsAndQuotedNewlinesKeepLineNumbers() {
    let text = "question,answer\r\n\"Two\nlines?\",true\r\nNext?,false\r\n"
    let result = CSVQuestionParser.parse(text)
    #expect(result.questions.map(\.line) == [2, 4])
    #expect(result.questions.first?.prompt == "Two\nlines?")
  }

  @Test func aFileWithoutAQuestionColumnSaysSo() {
    let result = CSVQuestionParser.parse("prompt,answer\nWhat?,yes\n")
    #expect(result.questions.isEmpty)
    #expect(result.skipped.first?.reason.contains("question") == true)
  }
}
