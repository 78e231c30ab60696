import Foundation
import GRDBSQLite
import SkillQuizKit

/// Runs `sql` answers on a fresh in-memory SQLite copy of the dataset: one statement that reads,
/// under the limits of `SQLSandboxLimits` (time, memory, rows, result size, value size, query
/// size) and an allow-list of what SQLite may do for it (`SandboxPolicy`).
///
/// Each dataset is built once per sandbox value (`DatasetImages`) and copied for every query.
public struct SQLiteSandbox: SQLSandbox {
  /// The limits each query runs under.
  public let limits: SQLSandboxLimits
  /// Each dataset built once, copied for every query.
  let images = DatasetImages()

  /// Seconds a query may run before it is stopped.
  public var timeLimit: Double { limits.seconds }
  /// Rows kept before the result is cut.
  public var rowLimit: Int { limits.rows }

  /// Creates a sandbox with the lab's limits.
  public init(limits: SQLSandboxLimits = SQLSandboxLimits()) {
    self.limits = limits
  }

  /// Creates a sandbox with the lab's limits but for time and rows.
  public init(timeLimit: Double, rowLimit: Int = 1000) {
    var limits = SQLSandboxLimits()
    limits.seconds = timeLimit
    limits.rows = rowLimit
    self.init(limits: limits)
  }

  /// One query at a time in the process: SQLite counts memory only for the whole process, so
  /// the memory limit of a query holds only when no other sandbox query runs beside it.
  private static let oneQueryAtATime = NSLock()

  public func run(_ query: String, on dataset: SQLDataset) -> SQLOutcome {
    measuredRun(query, on: dataset).outcome
  }

  /// Runs a query and says how long it took, from the moment it had the sandbox to itself.
  func measuredRun(_ query: String, on dataset: SQLDataset) -> (
    outcome: SQLOutcome, seconds: Double
  ) {
    Self.oneQueryAtATime.withLock {
      let clock = ContinuousClock()
      var outcome = SQLOutcome.refused("")
      let elapsed = clock.measure { outcome = runAlone(query, on: dataset) }
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      return (outcome, seconds)
    }
  }

  private func runAlone(_ query: String, on dataset: SQLDataset) -> SQLOutcome {
    if let reason = refusalReason(forQuery: query) { return .refused(reason) }
    guard let statementText = splitStatements(query).first else {
      return .refused("type a query that ends with `;`")
    }
    let length = statementText.utf8.count
    if length > limits.sqlBytes {
      return .refused(
        "the query is \((length + 1023) / 1024) KB long; the SQL lab takes "
          + "\(limits.sqlBytes / 1024) KB at most")
    }
    let expanded = WithExpansion.expandedTokens(of: statementText, limit: limits.expandedTokens)
    if expanded > limits.expandedTokens {
      return .refused(
        "its WITH tables name each other so often that SQLite would copy them into more than "
          + "\(limits.expandedTokens / 1000) thousand words of SQL before it starts; name each "
          + "WITH table in fewer places")
    }
    let database: SandboxDatabase
    do {
      database = try images.database(holding: dataset)
      try database.lockDown(limits)
    } catch {
      return .failed("the dataset '\(dataset.id)' could not be built: \(error.message)")
    }
    let watch = QueryGuard(limits)
    return watch.watching(database.connection) {
      runLockedDown(statementText, on: database, watch: watch)
    }
  }

  /// Compiles and steps one statement on a locked-down database, keeping rows until a limit.
  private func runLockedDown(_ sql: String, on database: SandboxDatabase, watch: QueryGuard)
    -> SQLOutcome
  {
    var compiled: OpaquePointer?
    var rest = ""
    let code = sql.withCString { text in
      var tail: UnsafePointer<CChar>?
      let code = sqlite3_prepare_v2(database.connection, text, -1, &compiled, &tail)
      rest = tail.map { String(cString: $0) } ?? ""
      return code
    }
    guard code == SQLITE_OK else {
      return outcome(of: database.lastError(code), watch: watch)
    }
    guard let statement = compiled else { return .refused("type a query that ends with `;`") }
    defer { sqlite3_finalize(statement) }
    guard splitStatements(rest).isEmpty else {
      return .refused("run one statement at a time; SQLite reads more than one in this answer")
    }
    guard sqlite3_stmt_readonly(statement) != 0 else {
      return .refused("this statement would change the database; only queries that read are run")
    }
    let columnCount = sqlite3_column_count(statement)
    let columns = (0..<columnCount).map { column in
      sqlite3_column_name(statement, column).map { String(cString: $0) } ?? ""
    }
    var rows: [[SQLValue]] = []
    var bytes = 0
    while true {
      let step = sqlite3_step(statement)
      if step == SQLITE_DONE { break }
      guard step == SQLITE_ROW else { return outcome(of: database.lastError(step), watch: watch) }
      if rows.count == limits.rows {
        return .rows(SQLResult(columns: columns, rows: rows, cut: .rows(limits.rows)))
      }
      let rowBytes = (0..<columnCount).reduce(0) { $0 + Self.shownBytes(statement, $1) }
      if bytes + rowBytes > limits.resultBytes {
        let cut = SQLResultCut.bytes(limit: limits.resultBytes, rowsKept: rows.count)
        return .rows(SQLResult(columns: columns, rows: rows, cut: cut))
      }
      bytes += rowBytes
      rows.append((0..<columnCount).map { Self.value(statement, $0) })
      if watch.shouldStop() { return outcome(of: nil, watch: watch) }
    }
    return .rows(SQLResult(columns: columns, rows: rows))
  }

  /// What a failure means to the user: a stop by the guard, a refusal by the policy, a limit,
  /// or SQLite's own message.
  private func outcome(of error: SandboxSQLiteError?, watch: QueryGuard) -> SQLOutcome {
    switch watch.stop {
    case .time?: return .timedOut(seconds: limits.seconds)
    case .memory?:
      return .overLimit(
        "the query needed more than \(limits.memoryBytes >> 20) MB of memory, the SQL lab's "
          + "limit (a sort or a grouping over too many or too large rows?)")
    case nil: break
    }
    if let refusal = watch.refusal { return .refused(refusal) }
    guard let error else { return .failed("the query stopped for no known reason") }
    return SandboxErrors.outcome(of: error, limits: limits)
  }

  public func tables(of dataset: SQLDataset) -> [SQLTableSummary] {
    guard let database = try? SandboxDatabase.holding(dataset) else { return [] }
    let summaries = try? { () throws(SandboxSQLiteError) -> [SQLTableSummary] in
      let names = try database.strings(
        """
        SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')
        AND name NOT LIKE 'sqlite_%' ORDER BY rowid
        """)
      var summaries: [SQLTableSummary] = []
      for name in names {
        let columns = try database.strings(
          "SELECT name FROM pragma_table_info(?) ORDER BY cid", name)
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let count = try database.strings("SELECT count(*) FROM \(quoted)").first.flatMap {
          Int($0)
        }
        summaries.append(SQLTableSummary(name: name, columns: columns, rowCount: count ?? 0))
      }
      return summaries
    }()
    return summaries ?? []
  }

  /// Checks that a dataset builds; returns SQLite's complaint when it does not.
  public static func problem(building dataset: SQLDataset) -> String? {
    do {
      _ = try SandboxDatabase.holding(dataset)
      return nil
    } catch {
      return error.message
    }
  }

  /// The bytes a column's value takes as shown.
  ///
  /// Text counts in UTF-8, a blob in hex with `x''`, a number or NULL as 8. Read before the
  /// value is copied, so a value past the limit is never copied.
  private static func shownBytes(_ statement: OpaquePointer, _ column: Int32) -> Int {
    switch sqlite3_column_type(statement, column) {
    case SQLITE_TEXT: Int(sqlite3_column_bytes(statement, column))
    case SQLITE_BLOB: 2 * Int(sqlite3_column_bytes(statement, column)) + 3
    default: 8
    }
  }

  private static func value(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
    switch sqlite3_column_type(statement, column) {
    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
    case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
    case SQLITE_TEXT:
      guard let text = sqlite3_column_text(statement, column) else { return .text("") }
      let count = Int(sqlite3_column_bytes(statement, column))
      return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    case SQLITE_BLOB:
      let count = Int(sqlite3_column_bytes(statement, column))
      guard let blob = sqlite3_column_blob(statement, column), count > 0 else {
        return .text("x''")
      }
      return .text(hex(UnsafeRawBufferPointer(start: blob, count: count)))
    default: return .null
    }
  }

  /// A blob as SQL writes it: `x'0a1b'`.
  static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = [UInt8(ascii: "x"), UInt8(ascii: "'")]
    text.reserveCapacity(bytes.count * 2 + 3)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    text.append(UInt8(ascii: "'"))
    return String(decoding: text, as: UTF8.self)
  }
}
