import ArgumentParser
import Foundation
import LineEditing
import SQLSandbox
import SkillQuizKit

/// `skillquiz`: the prompt by default, and every command of the prompt from the shell.
@main
struct SkillQuizCommand: ParsableCommand {
  static let version = "0.1"

  static let configuration = CommandConfiguration(
    commandName: "skillquiz",
    abstract: "Measure and train the skills backend engineering jobs ask for.",
    discussion: reflowed(
      """
      With no command, skillquiz starts an interactive prompt where every command below
      works too. Type 'help' there.

      Data: $XDG_DATA_HOME/skillquiz (default ~/.local/share/skillquiz).

      History: $XDG_STATE_HOME/skillquiz/history. NO_COLOR turns colour off.
      """),
    version: version,
    subcommands: commands,
    defaultSubcommand: PromptCommand.self)

  /// Every command, in the order `help` lists them.
  static let commands: [any ParsableCommand.Type] = [
    SkillsCommand.self, QuizCommand.self, AssessCommand.self, ReviewCommand.self,
    DrillCommand.self, WeakCommand.self, StatsCommand.self, HistoryCommand.self,
    JobsCommand.self, PlanCommand.self, SetCommand.self, ReportCommand.self,
    ExportCommand.self, ImportCommand.self, ValidateCommand.self, CalibrateCommand.self,
    DoctorCommand.self, ClearCommand.self, QuitCommand.self, PromptCommand.self,
  ]

  /// Parses the shell's arguments and runs the command; usage errors read as at the prompt.
  static func main() {
    SQLSandboxWorker.serveIfAsked()
    OutputWriter.prepareProcess()
    let console = StandardConsole(
      usesColor: StandardConsole.wantsColor(
        noColorFlag: CommandLine.arguments.contains("--no-color"),
        environment: ProcessInfo.processInfo.environment))
    var status = ExitCode.success.rawValue
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if !(error is ExitCode) {
        console.usageProblem(
          fullMessage(for: error, columns: console.width), isHelp: code == .success,
          atPrompt: false)
      }
      status = code.rawValue
    }
    Foundation.exit(exitStatus(after: status, console: console))
  }

  /// The exit status once the command has ended: 128 + the signal's number after SIGTERM or
  /// SIGHUP; after a failed write 141 for a closed pipe (quietly) and 74 for anything else
  /// (said on standard error while it still works); else the command's own status.
  static func exitStatus(after status: Int32, console: any Console) -> Int32 {
    if let signal = TerminationSignals.received { return 128 + signal }
    guard let failure = console.outputFailure else { return status }
    if !failure.isClosedPipe { console.error(failure.description) }
    return failure.exitStatus
  }

  @Option(
    help: ArgumentHelp(
      "The question banks folder (default: the bundled QuestionBanks).", valueName: "dir"))
  var banks: String?

  @Option(
    name: .customLong("data-dir"),
    help: ArgumentHelp(
      "Where progress is kept (default: $XDG_DATA_HOME/skillquiz).", valueName: "dir"))
  var dataDir: String?

  @Option(help: "Seed for a reproducible order of questions and options.")
  var seed: UInt64?

  @Flag(name: .customLong("no-color"), help: "Never use colour (NO_COLOR works too).")
  var noColor = false

  @Option(
    help: ArgumentHelp(
      "Start the clock at this time (ISO 8601, e.g. 2026-12-01T09:00:00Z) to see future "
        + "reviews; it then runs as usual. Also SKILLQUIZ_NOW.", valueName: "time"))
  var now: String?
}

/// Where a command can run.
enum CommandPlace {
  /// At the prompt and from the shell.
  case anywhere
  /// Only at the `skillquiz>` prompt.
  case promptOnly
}

/// A command that runs the same way at the prompt and from the shell: `run(in:)` takes the
/// shared context; the shell's `run()` only builds one.
protocol RunnableCommand: ParsableCommand {
  /// The global options.
  var globals: SkillQuizCommand { get }
  /// Where the command can run.
  static var place: CommandPlace { get }
  /// Runs the command; throws to fail it (the error is shown once, with its cause).
  func run(in context: CommandContext) throws
}

extension RunnableCommand {
  static var place: CommandPlace { .anywhere }

  func run() throws {
    let context = try CommandContext(globals)
    guard Self.place == .anywhere else {
      context.console.error(
        "'\(Self._commandName)' works only at the skillquiz> prompt; start it with `skillquiz`")
      throw ExitCode.failure
    }
    do {
      try run(in: context)
    } catch let error as CommandOutcome {
      throw error.exitCode
    } catch {
      context.report(error)
      throw ExitCode.failure
    }
  }
}

/// How a command ended other than by success or failure.
enum CommandOutcome: Error {
  /// Standard input ended inside the command (a quiz); the prompt stops too.
  case endOfInput
  /// `quit` at the prompt.
  case quit

  var exitCode: ExitCode { .success }
}

extension CommandContext {
  /// Shows an error once, for people: what went wrong and what to do.
  func report(_ error: any Error) {
    switch error {
    case let exit as ExitCode where exit == .success: return
    case is ExitCode: return
    case let error as any CustomStringConvertible: console.error(error.description)
    default: console.error("\(error)")
    }
  }
}

/// Joins the lines of each paragraph, so ArgumentParser wraps help text to the terminal
/// instead of breaking it where the source did; a blank line separates paragraphs.
///
/// Plain Swift rather than Foundation's `components(separatedBy:)`: every command's help text
/// passes through here at each start, and the bridged version was 4% of a start's CPU time.
func reflowed(_ text: String) -> String {
  var result = ""
  result.reserveCapacity(text.utf8.count)
  var blankLines = 0
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    if line.isEmpty {
      blankLines += 1
      continue
    }
    if !result.isEmpty { result += blankLines > 0 ? "\n\n" : " " }
    blankLines = 0
    result += line
  }
  return result
}
