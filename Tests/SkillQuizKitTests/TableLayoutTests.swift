import Testing

@testable import SkillQuizKit

struct TableLayoutTests {
  private let layout = TableLayout([
    TableColumn("Topic"), TableColumn("Answered", alignment: .right),
    TableColumn("Score", alignment: .right), TableColumn("Notes"),
  ])
  private let rows = [
    ["Git", "12", "83%", "Knows branching well; rebase needs practice"],
    ["  Rebasing", "3", "33%", "Confuses onto with upstream"],
    ["SQL", "", "", ""],
    ["Docker", "7"],
  ]
  private let natural = [
    "Topic       Answered  Score  Notes",
    "Git               12    83%  Knows branching well; rebase needs practice",
    "  Rebasing         3    33%  Confuses onto with upstream",
    "SQL",
    "Docker             7",
  ]

  @Test func aTableThatFitsUsesItsNaturalWidths() {
    #expect(layout.widths(for: rows, fitting: 120) == [10, 8, 5, 43])
    #expect(layout.lines(rows, fitting: 120) == natural)
  }

  @Test func withoutAWidthTheTableIsNeverWrapped() {
    #expect(layout.lines(rows, fitting: nil) == natural)
  }

  @Test func aNarrowTerminalWrapsOnlyTheWideTextColumn() {
    #expect(layout.widths(for: rows, fitting: 60) == [10, 8, 5, 31])
    #expect(
      layout.lines(rows, fitting: 60) == [
        "Topic       Answered  Score  Notes",
        "Git               12    83%  Knows branching well; rebase",
        "                             needs practice",
        "  Rebasing         3    33%  Confuses onto with upstream",
        "SQL",
        "Docker             7",
      ])
  }

  @Test func theWidestWrappingColumnShrinksFirstAndTheRightmostOfEquals() {
    let layout = TableLayout([TableColumn("a"), TableColumn("b")])
    let cell = "word word word word"
    let rows = [[cell + " x", cell + " x"]]
    #expect(layout.widths(for: rows, fitting: 44) == [21, 21])
    #expect(layout.widths(for: rows, fitting: 43) == [21, 20])
    #expect(layout.widths(for: rows, fitting: 42) == [20, 20])
    #expect(layout.widths(for: rows, fitting: 41) == [20, 19])
  }

  @Test func aColumnAtItsLongestWordLetsTheOthersShrinkFirst() {
    let layout = TableLayout([TableColumn("Text"), TableColumn("More")])
    let rows = [["a fairly extraordinary sentence", "one two three four five six"]]
    #expect(layout.widths(for: rows, fitting: 30) == [14, 14])
    #expect(layout.widths(for: rows, fitting: 22) == [13, 7])
    #expect(layout.widths(for: rows, fitting: 20) == [13, 5])
    #expect(layout.widths(for: rows, fitting: 19) == [12, 5])
  }

  @Test func onlyWhenNothingElseFitsAreWordsBroken() {
    let layout = TableLayout([TableColumn("Text"), TableColumn("n", alignment: .right)])
    let rows = [["a fairly extraordinary sentence", "12345"]]
    #expect(layout.widths(for: rows, fitting: 20) == [13, 5])
    #expect(layout.widths(for: rows, fitting: 19) == [12, 5])
    #expect(layout.widths(for: rows, fitting: 11) == [4, 5])
    #expect(
      layout.lines(rows, fitting: 11)
        == [
          "Text      n", "a     12345", "fair", "ly", "extr", "aord", "inar", "y", "sent", "ence",
        ])
  }

  @Test func aCellsLeadingSpacesIndentItsContinuationLines() {
    let layout = TableLayout([TableColumn("")])
    #expect(
      layout.lines([["  Rebasing onto upstream"]], fitting: 16) == [
        "  Rebasing onto", "  upstream",
      ])
    // In a column too narrow for the indent and a word, the word gets the room.
    #expect(layout.lines([["    abcdefgh"]], fitting: 4) == ["abcd", "efgh"])
  }

  @Test func headersWrapLikeCells() {
    let layout = TableLayout([TableColumn("Question text"), TableColumn("n", alignment: .right)])
    #expect(layout.lines([["a b", "1"]], fitting: 11) == ["Question  n", "text", "a b       1"])
  }

  @Test func decorateGetsEveryPaddedPieceWithItsRowAndColumn() {
    let layout = TableLayout(
      [TableColumn("Area"), TableColumn("Score", alignment: .right), TableColumn("Note")],
      indent: "> ")
    var calls: [String] = []
    let lines = layout.lines([["Git", "9", "ok"], ["SQL", "10"]], fitting: nil) {
      row, column, text in
      calls.append("\(row.map(String.init) ?? "header"):\(column):\(text)")
      return "[\(text)]"
    }
    #expect(
      calls == [
        "header:0:Area", "header:1:Score", "header:2:Note",
        "0:0:Git ", "0:1:    9", "0:2:ok",
        "1:0:SQL ", "1:1:   10", "1:2:",
      ])
    #expect(
      lines == [
        "> [Area]  [Score]  [Note]", "> [Git ]  [    9]  [ok]", "> [SQL ]  [   10]  []",
      ])
  }

  @Test(arguments: [60, 80, 120])
  func randomTablesNeverExceedTheWidthAndKeepEveryCharacter(width: Int) {
    var random = SeededRandom(seed: UInt64(width))
    let words = [
      "a", "to", "git", "rebase", "upstream", "configuration", "extraordinarilylongword",
      "日本語", "漢字テスト", "🍎🍏", "👩‍💻", "café", "x=1;", "SELECT", "naïve", "データベース管理",
    ]
    func sentence(_ maximum: Int) -> String {
      (0..<Int.random(in: 0...maximum, using: &random))
        .map { _ in words.randomElement(using: &random) ?? "" }.joined(separator: " ")
    }
    for _ in 0..<200 {
      let columns = (0..<Int.random(in: 1...6, using: &random)).map { _ in
        Bool.random(using: &random)
          ? TableColumn(sentence(2)) : TableColumn("n", alignment: .right)
      }
      let layout = TableLayout(
        columns, separator: ["  ", " | "].randomElement(using: &random) ?? "  ",
        indent: ["", "    "].randomElement(using: &random) ?? "")
      let rows = (0..<Int.random(in: 0...8, using: &random)).map { _ in
        columns.prefix(Int.random(in: 0...columns.count, using: &random)).map { column in
          column.alignment == .right
            ? String(Int.random(in: 0...999_999, using: &random))
            : String(repeating: " ", count: Int.random(in: 0...4, using: &random)) + sentence(12)
        }
      }
      let natural = layout.widths(for: rows, fitting: nil)
      let smallest =
        TerminalText.width(of: layout.indent)
        + TerminalText.width(of: layout.separator) * (columns.count - 1)
        + columns.indices.map { columns[$0].wraps ? 4 : natural[$0] }.reduce(0, +)
      #expect(smallest <= width)
      let lines = layout.lines(rows, fitting: width)
      #expect(lines.allSatisfy { TerminalText.width(of: $0) <= width })
      #expect(lines.allSatisfy { $0.last != " " })
      let header = columns.contains { !$0.header.isEmpty } ? [columns.map(\.header)] : []
      let expected = (header + rows).joined().joined()
      #expect(characterCounts(lines.joined()) == characterCounts(expected + layout.separator))
    }
  }

  /// How often each non-space character occurs (separators aside, which vary with the layout).
  private func characterCounts(_ text: String) -> [Character: Int] {
    text.filter { $0 != " " && $0 != "|" }.reduce(into: [:]) { $0[$1, default: 0] += 1 }
  }
}
