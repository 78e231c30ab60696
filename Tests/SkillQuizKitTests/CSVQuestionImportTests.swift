import Foundation
import Testing

@testable import SkillQuizKit

struct CSVQuestionImportTests {
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
