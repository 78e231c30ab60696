import Testing

@testable import SkillQuizKit

struct CompletionColumnsTests {
  private let words = [
    "add", "branch", "checkout", "commit", "diff", "fetch", "log", "merge", "pull", "push",
    "rebase", "status",
  ]

  @Test func aWideTerminalFillsTwoRowsDownThenAcross() {
    #expect(
      completionColumns(words, width: 80) == [
        "add       checkout  diff      log       pull      rebase",
        "branch    commit    fetch     merge     push      status",
      ])
  }

  @Test func aNarrowTerminalUsesFewerColumns() {
    #expect(
      completionColumns(words, width: 30) == [
        "add       diff      pull",
        "branch    fetch     push",
        "checkout  log       rebase",
        "commit    merge     status",
      ])
  }

  @Test func aWordWiderThanTheTerminalGetsOneColumn() {
    let long = String(repeating: "x", count: 100)
    #expect(completionColumns(["short", long], width: 80) == ["short", long])
  }

  @Test func wideCharactersAreMeasuredInTerminalColumns() {
    #expect(completionColumns(["日本語", "ab", "cd"], width: 16) == ["日本語  cd", "ab"])
  }

  @Test func noCandidatesGiveNoLines() {
    #expect(completionColumns([], width: 80).isEmpty)
  }
}
