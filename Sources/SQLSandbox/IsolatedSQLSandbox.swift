import Foundation
import SkillQuizKit

/// Runs each query in a child process: the program itself, started as a `SQLSandboxWorker`.
///
/// The child applies every in-process limit of `SQLiteSandbox` and, on Linux, operating-system
/// limits on its address space, CPU time and file writes. This process kills it when it has not
/// answered shortly after the time limit, so a step SQLite cannot interrupt (compiling, one long
/// function call) still ends on time, and nothing the query does can reach this process's memory
/// or its database.
public struct IsolatedSQLSandbox: SQLSandbox {
  /// The program to start as a worker.
  public let executable: String
  /// The limits each query runs under.
  public let limits: SQLSandboxLimits

  /// How long past the time limit the worker has to answer before it is killed.
  static let grace: Duration = .milliseconds(350)

  /// A sandbox that starts `executable` with `SQLSandboxWorker.argument` for each query.
  public init(executable: String, limits: SQLSandboxLimits = SQLSandboxLimits()) {
    self.executable = executable
    self.limits = limits
  }

  /// The lab's sandbox for this program: isolated when this program is `skillquiz` on Linux
  /// (whose `main` serves `SQLSandboxWorker.argument`), else in-process.
  public static func forThisProgram(limits: SQLSandboxLimits = SQLSandboxLimits())
    -> any SQLSandbox
  {
    #if os(Linux)
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
      URL(fileURLWithPath: path).lastPathComponent == "skillquiz"
    {
      return IsolatedSQLSandbox(executable: path, limits: limits)
    }
    #endif
    return SQLiteSandbox(limits: limits)
  }

  public func run(_ query: String, on dataset: SQLDataset) -> SQLOutcome {
    if let reason = refusalReason(forQuery: query) { return .refused(reason) }
    let request = SandboxRequest(query: query, dataset: dataset, limits: limits)
    guard let input = try? JSONEncoder().encode(request) else {
      return .failed("the query could not be handed to the SQL lab")
    }
    let seconds = Duration.milliseconds(Int((limits.seconds * 1000).rounded()))
    let exchange = WorkerProcess.exchange(
      input, executable: executable, arguments: [SQLSandboxWorker.argument],
      deadline: .now + seconds + Self.grace, outputLimit: 8 * limits.resultBytes + (1 << 20))
    switch exchange {
    case .answered(let output):
      guard let outcome = try? JSONDecoder().decode(SQLOutcome.self, from: output) else {
        return .failed("the SQL lab's worker gave an answer that cannot be read")
      }
      return outcome
    case .timedOut:
      return .timedOut(seconds: limits.seconds)
    case .ended(let how) where how.hasPrefix("signal"):
      return .overLimit(
        "the query brought down the SQL lab's worker process (\(how)); it probably needed more "
          + "than \(limits.memoryBytes >> 20) MB of memory")
    case .ended(let how):
      return .failed("the SQL lab's worker process failed (\(how))")
    case .couldNotStart:
      // Without a worker, the in-process limits still hold.
      return SQLiteSandbox(limits: limits).run(query, on: dataset)
    }
  }

  /// The dataset's tables, read in this process: no user SQL runs.
  public func tables(of dataset: SQLDataset) -> [SQLTableSummary] {
    SQLiteSandbox(limits: limits).tables(of: dataset)
  }
}
