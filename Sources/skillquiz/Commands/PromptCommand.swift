import ArgumentParser
import Foundation
import LineEditing
import SkillQuizKit
import SkillQuizUseCases

/// `skillquiz [repl]`: the interactive prompt.
struct PromptCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl", abstract: "Start the interactive prompt (the default).")

  @ParentCommand var globals: SkillQuizCommand

  func run(in context: CommandContext) throws {
    guard !context.isPrompt else { throw CommandFailure("you are at the prompt already") }
    let library = try context.library()
    let store = try context.store()
    let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    let reader: any LineReader
    TerminationSignals.catchThem()
    if interactive {
      TerminalLocale.adoptUTF8()
      let workspace = try context.workspace()
      let completion = LazyCompletion {
        CommandCompletion.make(catalog: library.catalog) {
          (try? JobMatching(workspace).ids) ?? []
        }
      }
      guard
        let editLine = EditLineReader(
          programName: "skillquiz",
          historyPath: context.locations.isInMissingHome(context.locations.history)
            ? nil : context.locations.history.path,
          complete: { completion.tree?.candidates(previousWords: $0) ?? [] })
      else { throw CommandFailure("cannot start line editing (libedit); is TERM set?") }
      reader = editLine
    } else {
      reader = StandardInputReader()
    }
    let prompt = CommandContext(
      locations: context.locations,
      console: interactive ? context.console : StandardConsole(usesColor: false),
      clock: context.clock, seed: context.seed, isPrompt: true, library: library, store: store,
      reader: reader, sandbox: context.sandbox)
    let status = REPL(context: prompt).run()
    (reader as? EditLineReader)?.saveHistory()
    if status != 0 { throw ExitCode(status) }
  }
}

/// `clear`: clears the screen (prompt only).
struct ClearCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear", abstract: "Clear the screen; Ctrl-L too (at the prompt only).",
    aliases: ["cls"])
  static let place = CommandPlace.promptOnly

  @ParentCommand var globals: SkillQuizCommand

  func run(in context: CommandContext) throws {
    if try context.reader().isInteractive { context.console.write("\u{1B}[H\u{1B}[2J") }
  }
}

/// `quit`: leaves the prompt (prompt only).
struct QuitCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quit", abstract: "Leave; `exit` and Ctrl-D too (at the prompt only).",
    aliases: ["exit"])
  static let place = CommandPlace.promptOnly

  @ParentCommand var globals: SkillQuizCommand

  func run(in context: CommandContext) throws { throw CommandOutcome.quit }
}

/// The completion tree, read from the command tree on the first Tab, not at start.
private final class LazyCompletion {
  private let make: () -> CommandTreeCompletion?
  lazy var tree: CommandTreeCompletion? = make()

  init(_ make: @escaping () -> CommandTreeCompletion?) {
    self.make = make
  }
}
