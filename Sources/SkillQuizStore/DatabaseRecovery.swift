import Foundation
import GRDB
import GRDBSQLite
import SkillQuizKit

/// Copies what can still be read from a damaged database into a new one, table by table and
/// row by row, stepping over unreadable pages; the damaged file is only ever read.
///
/// Answers, quizzes, assessments, calibrations, openings and settings are copied; cards, the
/// review log and the evidence table are rebuilt from the copied answers, as a migration would.
enum DatabaseRecovery {
  /// What was copied.
  struct Summary: Equatable, Sendable {
    /// Rows copied per table, in copy order.
    var copied: [(table: String, rows: Int)] = []
    /// Tables with rows or pages that could not be read.
    var incomplete: [String] = []

    static func == (lhs: Summary, rhs: Summary) -> Bool {
      lhs.copied.map(\.table) == rhs.copied.map(\.table)
        && lhs.copied.map(\.rows) == rhs.copied.map(\.rows) && lhs.incomplete == rhs.incomplete
    }

    /// The number of rows copied from `table`.
    func rows(_ table: String) -> Int { copied.first { $0.table == table }?.rows ?? 0 }
  }

  /// The tables holding what the user did, in an order that keeps references valid.
  static let tables = [
    "quiz", "answer", "assessment", "item_calibration", "imported_opening", "setting",
  ]

  /// Copies the readable rows of `source` into a new database at `destination`.
  ///
  /// - Parameters:
  ///   - source: The damaged database, only read.
  ///   - readingLog: Whether the source's `-wal` belongs to it and is read too.
  ///   - destination: Where the new database is made.
  /// - Returns: The rows copied per table, and the tables that could not be read whole.
  /// - Throws: `StoreError` when `destination` cannot be created or written.
  static func copy(
    from source: String, readingLog: Bool, to destination: String
  ) throws(StoreError) -> Summary {
    let reader = try ReadOnlyConnection(path: source, immutable: !readingLog)
    var summary = Summary()
    var copied: [(table: String, columns: [String], rows: [[DatabaseValue]])] = []
    do {
      let store = try AnswerStore(path: destination)
      defer { withExtendedLifetime(store) {} }
      let targetColumns = try store.pool.read { db in
        try tables.map { try db.columns(in: $0).map(\.name) }
      }
      for (table, target) in zip(tables, targetColumns) {
        guard let sourceColumns = try? columns(of: table, in: reader) else {
          summary.incomplete.append(table)
          continue
        }
        let shared = target.filter(sourceColumns.contains)
        let (rows, complete) = readRows(of: table, columns: shared, from: reader)
        if !complete { summary.incomplete.append(table) }
        copied.append((table, shared, rows))
        summary.copied.append((table, rows.count))
      }
      try store.pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        try db.inTransaction {
          for (table, columns, rows) in copied where !columns.isEmpty {
            let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            let statement = try db.makeStatement(
              sql: "INSERT OR IGNORE INTO \(table) (\(names)) VALUES (\(marks))")
            for row in rows {
              try statement.execute(arguments: StatementArguments(row))
            }
          }
          try db.execute(
            sql: """
              UPDATE answer SET quiz_id = NULL
                WHERE quiz_id IS NOT NULL AND quiz_id NOT IN (SELECT id FROM quiz);
              UPDATE assessment SET quiz_id = NULL
                WHERE quiz_id IS NOT NULL AND quiz_id NOT IN (SELECT id FROM quiz);
              DELETE FROM first_answer;
              INSERT INTO first_answer (question_id, answer_id, correct, skipped, answered_at)
                SELECT question_id, id, correct, skipped, answered_at FROM (
                  SELECT *, ROW_NUMBER() OVER (
                    PARTITION BY question_id ORDER BY answered_at, id) AS position
                  FROM answer)
                WHERE position = 1;
              """)
          try CardReplay.rebuild(db)
          try HistoryAggregates.rebuild(db, progress: SilentProgress())
          return .commit
        }
        try db.execute(sql: "PRAGMA foreign_keys = ON")
      }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw AnswerStore.translate(error, path: destination)
    } catch {
      throw .failed(path: destination, reason: "\(error)")
    }
    // The new file's lock record describes it under its own name; it is renamed to be used.
    unlink(destination + ".lock")
    return summary
  }

  private static func columns(of table: String, in reader: ReadOnlyConnection) throws(StoreError)
    -> [String]
  {
    var names: [String] = []
    try reader.each("PRAGMA table_info(\(table))") { statement in
      names.append(sqlite3_column_text(statement, 1).map { String(cString: $0) } ?? "")
    }
    return names
  }

  /// The rows of `table` that can be read, by rowid: a forward scan; at a damaged page, a
  /// search ahead in growing steps for the next readable row, and a scan back from it.
  private static func readRows(
    of table: String, columns: [String], from reader: ReadOnlyConnection
  ) -> (rows: [[DatabaseValue]], complete: Bool) {
    guard !columns.isEmpty else { return ([], true) }
    let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
    var rows: [Int64: [DatabaseValue]] = [:]
    var complete = true
    var cursor: Int64 = 0
    // Where the scan last restarted after damage; a row that fails there is stepped over.
    var restart: Int64 = 0
    let last = (try? reader.integer("SELECT max(rowid) FROM \(table)")) ?? nil
    func collect(_ statement: OpaquePointer) {
      let id = sqlite3_column_int64(statement, 0)
      rows[id] = (0..<Int32(columns.count)).map { ReadOnlyConnection.value(statement, $0 + 1) }
    }
    while true {
      do {
        try reader.each(
          "SELECT rowid, \(names) FROM \(table) WHERE rowid > ? ORDER BY rowid",
          arguments: [cursor]
        ) { statement in
          collect(statement)
          cursor = sqlite3_column_int64(statement, 0)
        }
        break
      } catch {
        complete = false
        guard
          let next = nextReadableRow(
            of: table, after: max(cursor, restart), last: last, in: reader)
        else { break }
        // Rows between the damage and `next` that can still be read, from the far side.
        try? reader.each(
          "SELECT rowid, \(names) FROM \(table) WHERE rowid > ? AND rowid < ? ORDER BY rowid DESC",
          arguments: [cursor, next]
        ) { collect($0) }
        cursor = next - 1
        restart = next
      }
    }
    return (rows.keys.sorted().compactMap { rows[$0] }, complete)
  }

  private static func nextReadableRow(
    of table: String, after cursor: Int64, last: Int64?, in reader: ReadOnlyConnection
  ) -> Int64? {
    var step: Int64 = 1
    while step < 1 << 40 {
      let (start, overflow) = cursor.addingReportingOverflow(step)
      if overflow { return nil }
      if let last, start > last { return nil }
      do {
        return try reader.integer(
          "SELECT rowid FROM \(table) WHERE rowid >= \(start) ORDER BY rowid LIMIT 1")
      } catch {
        step *= 2
      }
    }
    return nil
  }
}
