import Testing

@testable import SkillQuizKit

struct TextTests {
  @Test func controlCharactersAndEscapesBecomeVisible() {
    let hostile = "red\u{1B}[31mtext\u{07}\r\u{9B}2J\u{202E}evil\u{7F}"
    let safe = TerminalText.sanitize(hostile)
    #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    #expect(!safe.unicodeScalars.contains { $0.value == 0x202E })
    #expect(safe.contains("␛[31mtext␇␍"))
  }

  @Test func newlinesAreKeptOnlyWhenAsked() {
    #expect(TerminalText.sanitize("a\nb") == "a\nb")
    #expect(TerminalText.sanitize("a\nb", keepNewlines: false) == "a␊b")
    #expect(TerminalText.sanitize("a\tb") == "a    b")
  }

  @Test func widthCountsWideCharactersTwiceAndMarksZero() {
    #expect(TerminalText.width(of: "abc") == 3)
    #expect(TerminalText.width(of: "日本") == 4)
    #expect(TerminalText.width(of: "e\u{301}") == 1)
    #expect(TerminalText.width(of: "café") == 4)
  }

  @Test(arguments: [20, 33, 47, 80])
  func wrappingNeverExceedsTheWidthAndKeepsEveryWord(width: Int) {
    let text =
      "The quick brown fox jumps over the lazy dog and keeps running through "
      + "the forest of extraordinarilylongwordswithoutspaces until it reaches 日本語の文章."
    let lines = TextWrapper.wrap(text, width: width)
    #expect(lines.allSatisfy { TerminalText.width(of: $0) <= width })
    #expect(lines.joined().filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace })
  }

  @Test func markdownSplitsParagraphsAndKeepsCodeAsItIs() {
    let text = """
      First line
      continues here.

      ```bash
        git   reset --soft HEAD~1
      ```
      - item one
      - item two
      """
    #expect(
      MarkdownLite.blocks(text) == [
        .paragraph(["First line continues here."]),
        .code(language: "bash", lines: ["  git   reset --soft HEAD~1"]),
        .paragraph(["- item one", "- item two"]),
      ])
  }

  @Test func truncationEndsWithAnEllipsis() {
    #expect(TerminalText.truncate("abcdefgh", toColumns: 5) == "abcd…")
    #expect(TerminalText.truncate("abc", toColumns: 5) == "abc")
  }

  @Test func suggestionsFindTyposAndPrefixes() {
    #expect(closestMatches(to: "quz", among: ["quiz", "quit", "stats"]) == ["quiz"])
    #expect(closestMatches(to: "gti", among: ["git", "go"]) == ["git"])
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(closestMatches(to: "kube", among: ["kubernetes", "docker"]) == ["kubernetes"])
    #expect(closestMatches(to: "zzzz", among: ["quiz"]).isEmpty)
  }
}

struct CompletionTests {
  private let words = [["quiz", "quit", "help", "history"]]

  @Test func aUniqueMatchCompletesWithASpace() {
    #expect(completionAction(forTextBeforeCursor: "he") { _ in words } == .insert("lp "))
  }

  @Test func severalMatchesInsertTheirCommonPrefixThenList() {
    #expect(completionAction(forTextBeforeCursor: "q") { _ in words } == .insert("ui"))
    #expect(completionAction(forTextBeforeCursor: "qui") { _ in words } == .list(["quit", "quiz"]))
  }

  @Test func noMatchBeeps() {
    #expect(completionAction(forTextBeforeCursor: "xyz") { _ in words } == .beep)
  }

  @Test func theFirstTierWithAMatchWins() {
    let action = completionAction(forTextBeforeCursor: "quiz ku") { previous in
      #expect(previous == ["quiz"])
      return [["kubernetes", "docker"], ["kubectl", "kubernetes"]]
    }
    #expect(action == .insert("bernetes "))
  }
}
