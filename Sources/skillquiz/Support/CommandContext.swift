import ArgumentParser
import Foundation
import LineEditing
import QuestionIndex
import SQLSandbox
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases

/// What every command runs with, at the prompt and in the shell alike: locations, console,
/// clock, random source, and the banks and database, loaded once when first needed.
final class CommandContext {
  let locations: FileLocations
  let console: any Console
  let clock: any Clock
  let seed: UInt64?
  let sandbox: any SQLSandbox
  /// Whether commands run at the `skillquiz>` prompt (false: one command from the shell).
  let isPrompt: Bool
  /// The session's generator: question order, option shuffles, interval fuzz.
  var random: SeededRandom
  private var loadedLibrary: QuestionLibrary?
  private var openedStore: AnswerStore?
  private var answerReader: (any LineReader)?

  init(
    locations: FileLocations, console: any Console, clock: any Clock, seed: UInt64?,
    isPrompt: Bool, library: QuestionLibrary? = nil, store: AnswerStore? = nil,
    reader: (any LineReader)? = nil, sandbox: any SQLSandbox = SQLiteSandbox()
  ) {
    self.locations = locations
    self.console = console
    self.clock = clock
    self.seed = seed
    self.isPrompt = isPrompt
    self.random = seed.map(SeededRandom.init(seed:)) ?? SeededRandom()
    self.loadedLibrary = library
    self.openedStore = store
    self.answerReader = reader
    self.sandbox = sandbox
  }

  /// The context of one shell command, from the global options.
  convenience init(_ options: SkillQuizCommand, isPrompt: Bool = false) throws {
    let environment = ProcessInfo.processInfo.environment
    let clock: any Clock
    if let text = options.now ?? environment["SKILLQUIZ_NOW"] {
      guard let date = ISO8601DateFormatter().date(from: text) else {
        throw ValidationError("'\(text)' is not an ISO 8601 time such as 2026-11-29T10:00:00Z")
      }
      clock = RunningClock(startingAt: date)
    } else {
      clock = SystemClock()
    }
    self.init(
      locations: FileLocations.resolve(
        banks: options.banks, dataDir: options.dataDir, environment: environment,
        executable: FileLocations.currentExecutable),
      console: StandardConsole(
        usesColor: StandardConsole.wantsColor(
          noColorFlag: options.noColor, environment: environment)),
      clock: clock, seed: options.seed, isPrompt: isPrompt,
      sandbox: IsolatedSQLSandbox.forThisProgram())
  }

  /// The banks, through the question index; problems are reported on standard error once.
  func library() throws -> QuestionLibrary {
    if let loadedLibrary { return loadedLibrary }
    // No index in a home folder that does not exist: creating it would create the home folder.
    let library =
      locations.isInMissingHome(locations.cache)
      ? try BankLoader().load(from: DirectoryBankSource(root: locations.banks))
      : try QuestionIndex(
        banks: locations.banks, folder: locations.cache, buildIdentity: Self.buildIdentity
      ).load(progress: progress).library
    BankProblemsView(console: console).report(library)
    loadedLibrary = library
    return library
  }

  /// The progress database.
  func store() throws -> AnswerStore {
    if let openedStore { return openedStore }
    if let problem = locations.missingHomeProblem { throw CommandFailure(problem) }
    let store = try AnswerStore.open(directory: locations.data, progress: progress)
    for notice in store.notices { console.warning(notice) }
    openedStore = store
    return store
  }

  /// The banks, the database and the clock, for the use cases.
  func workspace() throws -> Workspace {
    Workspace(
      library: try library(), store: try store(), clock: clock, banksFolder: locations.banks)
  }

  /// Where answers are read: the prompt's reader, libedit on a terminal, or standard input.
  func reader() throws -> any LineReader {
    if let answerReader { return answerReader }
    let reader: any LineReader
    TerminationSignals.catchThem()
    if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
      TerminalLocale.adoptUTF8()
      guard
        let editLine = EditLineReader(
          programName: "skillquiz", historyPath: nil, complete: { _ in [] })
      else {
        throw CommandFailure("cannot start line editing (libedit); is TERM set?")
      }
      reader = editLine
    } else {
      reader = StandardInputReader()
    }
    answerReader = reader
    return reader
  }

  /// Where long work reports how far it has got: a bar on a terminal's standard error, nothing
  /// on a pipe.
  var progress: any ProgressReporter { ProgressBar.forStandardError(width: console.width) }

  /// A renderer for this console.
  var renderer: Renderer { Renderer(console: console) }

  /// Identifies this build, so a rebuilt skillquiz never trusts another build's cache.
  static var buildIdentity: String {
    let path = FileLocations.currentExecutable?.path ?? ""
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    return "\(SkillQuizCommand.version)|\(path)|\(modified)|\(size)"
  }
}

/// A command that failed; its message is shown once, as `error: …`.
struct CommandFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
