import Foundation
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases
import Testing

@testable import skillquiz

/// Every table fits the terminal at 60, 80 and 120 columns, and a pipe gets no limit.
struct ViewWidthTests {
  static let commands = [
    "skills", "stats", "weak", "weak git", "weak databases", "history", "jobs", "jobs show 1",
    "jobs show 1 --explain",
    "plan", "plan 1", "help", "set",
  ]

  /// Runs prompt lines on the bundled banks and seeded answers at a width.
  static func output(_ lines: [String], width: Int, isTerminal: Bool = true) throws -> String {
    let data = try BothWaysTests.seededData()
    let library = try BankLoader().load(from: DirectoryBankSource(root: bundledBanks))
    let console = BufferConsole(width: width, isTerminal: isTerminal)
    let context = CommandContext(
      locations: FileLocations(
        banks: bundledBanks, data: data.url, history: data.url.appendingPathComponent("h"),
        cache: data.url.appendingPathComponent("c")),
      console: console,
      clock: FixedClock(try #require(ISO8601DateFormatter().date(from: BothWaysTests.now))),
      seed: 5, isPrompt: true, library: library, store: try AnswerStore.open(directory: data.url),
      reader: ScriptedLineReader(lines: lines))
    _ = REPL(context: context).run()
    #expect(console.errors.isEmpty, "\(console.errors)")
    return console.output
  }

  @Test(arguments: [60, 80, 120])
  func everyTableFitsTheTerminal(width: Int) throws {
    for command in Self.commands {
      let output = try Self.output([command], width: width)
      #expect(!output.isEmpty)
      for line in output.split(separator: "\n") {
        #expect(
          TerminalText.visibleWidth(of: String(line)) <= width,
          "\(command) at \(width): \(line)")
      }
    }
  }

  @Test func aNarrowTerminalWrapsCellsNotTheScreen() throws {
    let wide = try Self.output(["weak databases"], width: 120)
    let narrow = try Self.output(["weak databases"], width: 60)
    #expect(narrow.split(separator: "\n").count > wide.split(separator: "\n").count)
    let header = try #require(narrow.split(separator: "\n").first)
    #expect(header.hasPrefix("topic"))
    #expect(narrow.contains("quiz"))
  }

  @Test func aPipeHasNoWidthLimit() throws {
    let piped = try Self.output(["skills"], width: 60, isTerminal: false)
    let widest =
      piped.split(separator: "\n").map { TerminalText.visibleWidth(of: String($0)) }
      .max() ?? 0
    #expect(widest > 60)
  }
}

/// Help text is written with hard line breaks and reflowed so the terminal can wrap it.
struct ReflowTests {
  @Test(arguments: [
    ("one\ntwo", "one two"),
    ("one\ntwo\n\nthree\nfour", "one two\n\nthree four"),
    ("a\n\n\n\nb", "a\n\nb"),
    ("keep  inner  spaces\nhere", "keep  inner  spaces here"),
    ("", ""),
  ])
  func linesJoinAndParagraphsStay(_ text: String, _ expected: String) {
    #expect(reflowed(text) == expected)
  }
}
