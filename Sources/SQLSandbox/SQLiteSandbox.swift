import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import SkillQuizKit

/// Runs `sql` answers on a fresh in-memory SQLite copy of the dataset: read-only, one
/// statement, with a time limit and a row limit.
public struct SQLiteSandbox: SQLSandbox {
  /// Seconds a query may run before it is interrupted.
  public let timeLimit: Double
  /// Rows kept before the result is cut off.
  public let rowLimit: Int

  /// Creates a sandbox.
  public init(timeLimit: Double = 2, rowLimit: Int = 1000) {
    self.timeLimit = timeLimit
    self.rowLimit = rowLimit
  }

  public func run(_ query: String, on dataset: SQLDataset) -> SQLOutcome {
    if let reason = refusalReason(forQuery: query) { return .refused(reason) }
    guard let statementText = splitStatements(query).first else {
      return .refused("type a query that ends with `;`")
    }
    let queue: DatabaseQueue
    do {
      queue = try Self.build(dataset)
    } catch {
      return .failed("the dataset '\(dataset.id)' could not be built: \(Self.message(error))")
    }
    let watchdog = DispatchWorkItem { queue.interrupt() }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: watchdog)
    defer { watchdog.cancel() }
    do {
      return try queue.inDatabase { db in
        let statement = try db.makeStatement(sql: statementText)
        guard statement.isReadonly else {
          return .refused(
            "this statement would change the database; only queries that read are run")
        }
        var rows: [[SQLValue]] = []
        var truncated = false
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
          if rows.count == rowLimit {
            truncated = true
            break
          }
          rows.append(row.databaseValues.map(Self.value))
        }
        return .rows(SQLResult(columns: statement.columnNames, rows: rows, isTruncated: truncated))
      }
    } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
      return .timedOut(seconds: timeLimit)
    } catch {
      return .failed(Self.message(error))
    }
  }

  public func tables(of dataset: SQLDataset) -> [SQLTableSummary] {
    guard let queue = try? Self.build(dataset) else { return [] }
    let summaries = try? queue.inDatabase { db -> [SQLTableSummary] in
      let names = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')
          AND name NOT LIKE 'sqlite_%' ORDER BY rowid
          """)
      return try names.map { name in
        let columns = try String.fetchAll(
          db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(quoted)") ?? 0
        return SQLTableSummary(name: name, columns: columns, rowCount: count)
      }
    }
    return summaries ?? []
  }

  /// A fresh in-memory database holding the dataset, switched to read-only.
  static func build(_ dataset: SQLDataset) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.label = "skillquiz.sql-sandbox"
    let queue = try DatabaseQueue(configuration: configuration)
    try queue.inDatabase { db in
      if let connection = db.sqliteConnection {
        sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, 1_000_000)
        sqlite3_limit(connection, SQLITE_LIMIT_ATTACHED, 0)
      }
      try db.execute(sql: dataset.schema)
      for table in dataset.rows {
        for row in table.rows {
          let marks = Array(repeating: "?", count: row.count).joined(separator: ", ")
          let quoted = "\"" + table.table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
          try db.execute(
            sql: "INSERT INTO \(quoted) VALUES (\(marks))",
            arguments: StatementArguments(row.map(Self.databaseValue)))
        }
      }
      try db.execute(sql: "PRAGMA query_only = ON")
    }
    return queue
  }

  /// Checks that a dataset builds; returns SQLite's complaint when it does not.
  public static func problem(building dataset: SQLDataset) -> String? {
    do {
      _ = try build(dataset)
      return nil
    } catch {
      return message(error)
    }
  }

  private static func value(_ value: DatabaseValue) -> SQLValue {
    switch value.storage {
    case .null: .null
    case .int64(let integer): .integer(integer)
    case .double(let real): .real(real)
    case .string(let text): .text(text)
    case .blob(let data): .text("x'" + data.map { String(format: "%02x", $0) }.joined() + "'")
    }
  }

  private static func databaseValue(_ value: SQLValue) -> DatabaseValue {
    switch value {
    case .null: .null
    case .integer(let integer): integer.databaseValue
    case .real(let real): real.databaseValue
    case .text(let text): text.databaseValue
    }
  }

  private static func message(_ error: any Error) -> String {
    if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
    return "\(error)"
  }
}
