import SkillQuizKit
import Testing

@testable import skillquiz

struct RendererTests {
  private let long =
    "It still exists, but no branch points to it. Git warns that you are leaving 1 commit "
    + "behind and prints its hash, so you can run `git branch <name> <hash>` to keep it."

  @Test(arguments: [false, true])
  func optionsWrapWithAHangingIndentThatIgnoresColourCodes(color: Bool) {
    let renderer = Renderer(color: color, width: 50)
    let text = renderer.markdown(long, indent: "  " + renderer.style("d)", .bold) + " ")
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count > 2)
    #expect(lines.allSatisfy { TerminalText.visibleWidth(of: $0) <= 50 })
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("     ") && !$0.hasPrefix("      ") })
  }

  @Test func inlineCodeLosesItsBackticksOnlyWithColour() {
    let plain = Renderer(color: false, width: 80).markdown("Run `git status` now.")
    #expect(plain == "Run `git status` now.")
    let colored = Renderer(color: true, width: 80).markdown("Run `git status` now.")
    #expect(colored == "Run \u{1B}[96mgit status\u{1B}[0m now.")
  }

  @Test func codeBlocksAreNeverWrapped() {
    let code = "```bash\n" + String(repeating: "x", count: 120) + "\n```"
    let text = Renderer(color: false, width: 40).markdown(code)
    #expect(text == "  │ " + String(repeating: "x", count: 120))
  }

  @Test func referencesKeepTheWholeAddress() {
    let question = Question(
      id: "q", areaID: "git", topicID: "basics", difficulty: .easy, prompt: "P",
      answer: .trueFalse(true), explanation: "E",
      references: [
        Reference(
          title: "A very long title that would never fit on the line next to the address",
          url: "https://git-scm.com/docs/git-push#Documentation/git-push.txt---force-with-lease")
      ])
    let renderer = Renderer(color: false, width: 60)
    let text = renderer.feedback(
      for: PresentedQuestion(question: question, options: []), response: .truth(true),
      grade: Grade(score: 1))
    #expect(
      text.contains(
        "↗ https://git-scm.com/docs/git-push#Documentation/git-push.txt---force-with-lease"))
  }
}
