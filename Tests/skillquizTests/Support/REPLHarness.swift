import Foundation
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases

@testable import skillquiz

/// The fixture banks of these tests.
let fixtureBanks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Fixtures/banks")

/// A fresh folder per use, removed afterwards.
final class TemporaryFolder: Sendable {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "skillquiz-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs the REPL in process on the fixture banks with scripted input.
final class REPLHarness {
  let folder: TemporaryFolder
  let library: QuestionLibrary
  let store: AnswerStore
  let console = BufferConsole()
  let seed: UInt64 = 7
  let clock = FixedClock(Date(timeIntervalSince1970: 1_790_000_000))

  init() throws {
    folder = try TemporaryFolder()
    library = try BankLoader().load(from: DirectoryBankSource(root: fixtureBanks))
    store = try AnswerStore.open(directory: folder.url)
  }

  /// The questions a quiz will ask, planned exactly as the REPL plans its first quiz.
  func plannedQuiz(_ scope: String, count: Int) throws -> [PresentedQuestion] {
    var random = SeededRandom(seed: seed)
    guard let resolved = library.catalog.scope(named: scope) else { return [] }
    return try QuizPlanner.plan(
      scope: resolved, count: count, difficulty: nil, library: library, lastAnswered: [:],
      using: &random)
  }

  /// A prompt context over the fixture banks, this store and a scripted reader.
  func context(
    _ reader: any LineReader, console: (any Console)? = nil, clock: (any Clock)? = nil,
    library: QuestionLibrary? = nil, seed: UInt64? = nil
  ) -> CommandContext {
    CommandContext(
      locations: FileLocations(
        banks: fixtureBanks, data: folder.url, history: folder.url.appendingPathComponent("h"),
        cache: folder.url.appendingPathComponent("cache")),
      console: console ?? self.console, clock: clock ?? self.clock, seed: seed ?? self.seed,
      isPrompt: true, library: library ?? self.library, store: store, reader: reader)
  }

  /// Runs the REPL over the inputs; returns its exit status.
  @discardableResult
  func run(_ inputs: [LineInput], interactive: Bool = false, daysLater: Double = 0) -> Int32 {
    let reader = ScriptedLineReader(inputs, isInteractive: interactive)
    let later = FixedClock(clock.now.addingTimeInterval(daysLater * 86_400))
    return REPL(context: context(reader, clock: later)).run()
  }

  /// The line that answers a question correctly.
  static func rightAnswer(_ presented: PresentedQuestion) -> String {
    switch presented.question.answer {
    case .single(let id): presented.letter(forOptionID: id) ?? "?"
    case .multiple(let ids):
      ids.compactMap { presented.letter(forOptionID: $0) }.sorted().joined(separator: ",")
    case .trueFalse(let value): value ? "true" : "false"
    case .short(let accepted, _): accepted[0]
    case .sql(let exercise): exercise.solution
    case .numeric(let ranges): "\((ranges[0].minimum + ranges[0].maximum) / 2)"
    }
  }

  /// A line that answers a question wrongly.
  static func wrongAnswer(_ presented: PresentedQuestion) -> String {
    switch presented.question.answer {
    case .single(let id):
      presented.options.firstIndex { $0.id != id }.map(PresentedQuestion.letter(at:)) ?? "?"
    case .multiple(let ids):
      presented.options.firstIndex { !ids.contains($0.id) }.map(PresentedQuestion.letter(at:))
        ?? "?"
    case .trueFalse(let value): value ? "false" : "true"
    case .short: "definitely wrong"
    case .sql: "SELECT 'definitely wrong';"
    case .numeric(let ranges): "\((ranges.map(\.maximum).max() ?? 0) + 1_000)"
    }
  }
}

/// Output kept in memory, for tests.
final class BufferConsole: Console {
  let usesColor: Bool
  let width: Int
  let isTerminal: Bool
  private(set) var output = ""
  private(set) var errors = ""

  init(usesColor: Bool = false, width: Int = 80, isTerminal: Bool = true) {
    self.usesColor = usesColor
    self.width = width
    self.isTerminal = isTerminal
  }

  func write(_ text: String) { output += text }
  func writeError(_ text: String) { errors += text }
}
