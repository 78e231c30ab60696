import Testing

@testable import SkillQuizKit

struct BankLintTests {
  private func findings(_ questions: String, wholeAreas: Bool = false) throws -> [BankDiagnostic] {
    let library = try BankFixtures.library(banks: [
      "git.yaml": "schema: 1\narea: git\nquestions:\n" + questions
    ])
    #expect(!library.hasErrors, "\(library.diagnostics)")
    return BankLint().findings(in: library, wholeAreas: wholeAreas)
  }

  private let good = """
      - id: git.good
        topic: basics
        difficulty: easy
        type: single
        prompt: Which command lists the commits of the current branch, newest first?
        options: [{id: a, text: git log}, {id: b, text: git status}, {id: c, text: git show}]
        answer: a
        explanation: "`git log` walks the history from HEAD, newest commit first."
        references: ["https://git-scm.com/docs/git-log"]

    """

  @Test func aWellFormedQuestionHasNoFindings() throws {
    #expect(try findings(good).isEmpty)
  }

  @Test(arguments: [
    (
      "references: [\"https://git-scm.com/docs/git-log\"]", "references: [\"http://example.com\"]",
      "no reference with an https URL"
    ),
    (
      "explanation: \"`git log` walks the history from HEAD, newest commit first.\"",
      "explanation: Because.", "too short"
    ),
    (
      "options: [{id: a, text: git log}, {id: b, text: git status}, {id: c, text: git show}]",
      "options: [{id: a, text: git log}, {id: b, text: git status}]", "has 2 options"
    ),
    (
      "prompt: Which command lists the commits of the current branch, newest first?",
      "prompt: |\n      Which command?\n\n      ```\n      git ???\n      ```", "names no language"
    ),
    (
      "{id: a, text: git log}",
      "{id: a, text: \"git log, which walks the history from HEAD, newest commit first\"}",
      "gives it away"
    ),
  ])
  func eachRuleReportsItsProblem(original: String, replacement: String, message: String) throws {
    let yaml = good.replacingOccurrences(of: original, with: replacement)
    #expect(yaml != good)
    let found = try findings(yaml)
    #expect(found.contains { $0.message.contains(message) && $0.severity == .warning }, "\(found)")
    #expect(found.allSatisfy { $0.location.file == "git.yaml" && $0.location.line == 4 })
  }

  @Test func nearDuplicatePromptsAreFound() throws {
    let twin = good.replacingOccurrences(of: "git.good", with: "git.twin")
      .replacingOccurrences(of: "newest first?", with: "newest first, please?")
    let found = try findings(good + twin)
    let duplicate = try #require(found.first { $0.message.contains("nearly the same prompt") })
    #expect(duplicate.message.contains("'git.twin'"))
    #expect(duplicate.message.contains("'git.good' (git.yaml:4:5)"))
  }

  @Test func wholeAreasAreCheckedForTheirMixAndTopicCounts() throws {
    let found = try findings(good, wholeAreas: true)
    #expect(found.contains { $0.message == "area 'git' has 0 medium of 1 questions (0%)" })
    #expect(found.contains { $0.message == "topic 'git/basics' has 1 questions" })
    #expect(found.contains { $0.message == "area 'containers' has no questions" })
  }
}
