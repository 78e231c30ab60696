import Foundation
import SkillQuizKit
import Testing

@testable import SQLSandbox

/// The isolated sandbox holds the same table of hostile queries, in parallel, and the cases only
/// a child process can hold: steps SQLite cannot interrupt.
@Suite struct IsolatedSQLSandboxTests {
  /// The `skillquiz` that `swift test` built next to the test bundle: the worker.
  static var worker: String {
    let exe =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      .map { URL(fileURLWithPath: $0) } ?? Bundle.main.bundleURL
    var folder = exe.deletingLastPathComponent()
    if folder.pathExtension == "xctest" { folder = folder.deletingLastPathComponent() }
    return folder.appendingPathComponent("skillquiz").path
  }

  @Test(arguments: HostileQuery.all)
  func aHostileQueryIsRefusedCutOrStoppedInTheWorker(_ query: HostileQuery) {
    let sandbox = IsolatedSQLSandbox(executable: Self.worker)
    let (outcome, seconds) = Self.measured { sandbox.run(query.sql, on: HostileQueryTests.dataset) }
    HostileQueryTests.check(outcome, seconds: seconds, against: query)
  }

  /// Without the check on WITH tables, SQLite compiles this one for a long time and with ever
  /// more memory, where no interrupt and no in-process memory check reaches; the worker's
  /// address-space limit ends it, well within the time limit.
  @Test func aQueryThatCompilesForeverIsStoppedByTheWorkersLimits() {
    var limits = SQLSandboxLimits()
    limits.expandedTokens = .max
    let levels = (1..<22).map { "c\($0) AS (SELECT a.x FROM c\($0 - 1) a, c\($0 - 1) b)" }
    let sql = "WITH c0 AS (SELECT 1 AS x), \(levels.joined(separator: ", ")) SELECT 1 FROM c21;"
    let sandbox = IsolatedSQLSandbox(executable: Self.worker, limits: limits)
    let (outcome, seconds) = Self.measured { sandbox.run(sql, on: HostileQueryTests.dataset) }
    switch outcome {
    case .overLimit(let reason): #expect(reason.contains("64 MB of memory"), "\(reason)")
    case .timedOut: break
    default: Issue.record("expected the worker to be stopped, got \(outcome)")
    }
    #expect(seconds < 2.5, "took \(seconds) s")
  }

  /// What `body` returned, and how many seconds it took.
  static func measured(_ body: () -> SQLOutcome) -> (SQLOutcome, Double) {
    var outcome = SQLOutcome.refused("")
    let elapsed = ContinuousClock().measure { outcome = body() }
    return (
      outcome, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    )
  }

  @Test func anOrdinaryQueryRunsInTheWorker() {
    let sandbox = IsolatedSQLSandbox(executable: Self.worker)
    let outcome = sandbox.run(
      "SELECT name FROM items WHERE id > 1 ORDER BY name;", on: HostileQueryTests.dataset)
    #expect(outcome == .rows(SQLResult(columns: ["name"], rows: [[.text("b")]])))
  }

  @Test func withoutAWorkerTheQueryRunsInProcess() {
    let sandbox = IsolatedSQLSandbox(executable: "/nonexistent/skillquiz")
    #expect(
      sandbox.run("SELECT count(*) FROM items;", on: HostileQueryTests.dataset)
        == .rows(SQLResult(columns: ["count(*)"], rows: [[.integer(2)]])))
  }

  @Test func aChildThatDoesNotAnswerIsKilledAtTheDeadline() {
    let start = ContinuousClock.now
    let exchange = WorkerProcess.exchange(
      Data("x".utf8), executable: "/bin/sleep", arguments: ["10"],
      deadline: .now + .milliseconds(300), outputLimit: 100)
    #expect(exchange == .timedOut)
    #expect(ContinuousClock.now - start < .seconds(1))
  }

  @Test func aChildGetsItsInputAndItsAnswerIsRead() {
    let input = Data(String(repeating: "0123456789", count: 50_000).utf8)
    let exchange = WorkerProcess.exchange(
      input, executable: "/bin/cat", arguments: [], deadline: .now + .seconds(10),
      outputLimit: 1 << 20)
    #expect(exchange == .answered(input))
  }

  @Test func aChildThatFailsIsReportedWithItsStatus() {
    let exchange = WorkerProcess.exchange(
      Data(), executable: Self.worker, arguments: [SQLSandboxWorker.argument],
      deadline: .now + .seconds(10), outputLimit: 100)
    #expect(exchange == .ended("status 65"))
  }
}
