import Foundation
import GRDBSQLite

/// An SQLite failure inside the question index.
struct IndexSQLiteError: Error, CustomStringConvertible {
  /// SQLite's primary result code.
  let code: Int32
  /// SQLite's message.
  let message: String

  var description: String { "SQLite error \(code): \(message)" }

  /// Whether another connection held a lock past the busy timeout.
  var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
}

/// Why an index file cannot be used as it is.
enum IndexProblem: Error {
  /// Not an index of this format (or its meta table was damaged).
  case foreign
}

/// One raw SQLite connection to the index file, with its statements cached.
///
/// Not thread-safe on its own (SQLite's no-mutex mode): one thread uses it at a time, the loader
/// until it hands the connection over, then `IndexedQuestions` behind its mutex. That is why the
/// `Sendable` conformance is unchecked.
final class IndexConnection: @unchecked Sendable {
  private let handle: OpaquePointer
  private var statements: [String: OpaquePointer] = [:]

  /// Opens (creating) the database at `path`; waits up to five seconds for another writer.
  init(path: String) throws(IndexSQLiteError) {
    var handle: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(path, &handle, flags, nil)
    guard code == SQLITE_OK, let handle else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close_v2(handle)
      throw IndexSQLiteError(code: code, message: message)
    }
    self.handle = handle
    sqlite3_busy_timeout(handle, 5_000)
  }

  deinit {
    for statement in statements.values { sqlite3_finalize(statement) }
    sqlite3_close_v2(handle)
  }

  /// Runs statements that return nothing.
  func execute(_ sql: String) throws(IndexSQLiteError) {
    let code = sqlite3_exec(handle, sql, nil, nil, nil)
    guard code == SQLITE_OK else { throw error(code) }
  }

  /// Runs one cached statement with `values` bound, calling `row` for each result row.
  func query(
    _ sql: String, _ values: [IndexValue] = [], row: (IndexRow) throws(IndexSQLiteError) -> Void
  ) throws(IndexSQLiteError) {
    let statement = try prepared(sql)
    defer {
      sqlite3_reset(statement)
      sqlite3_clear_bindings(statement)
    }
    try bind(values, to: statement)
    while true {
      let code = sqlite3_step(statement)
      if code == SQLITE_DONE { return }
      guard code == SQLITE_ROW else { throw error(code) }
      try row(IndexRow(statement: statement))
    }
  }

  /// Runs one cached statement that returns no rows.
  func run(_ sql: String, _ values: [IndexValue] = []) throws(IndexSQLiteError) {
    try query(sql, values) { _ throws(IndexSQLiteError) in }
  }

  /// The first column of the first row, as an integer (nil without a row).
  func integer(_ sql: String, _ values: [IndexValue] = []) throws(IndexSQLiteError) -> Int64? {
    var result: Int64?
    try query(sql, values) { row throws(IndexSQLiteError) in
      if result == nil { result = row.integer(0) }
    }
    return result
  }

  /// The rowid of the last insert.
  var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  private func prepared(_ sql: String) throws(IndexSQLiteError) -> OpaquePointer {
    if let statement = statements[sql] { return statement }
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(
      handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else { throw error(code) }
    statements[sql] = statement
    return statement
  }

  private func bind(_ values: [IndexValue], to statement: OpaquePointer) throws(IndexSQLiteError) {
    let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let code: Int32 =
        switch value {
        case .null: sqlite3_bind_null(statement, index)
        case .integer(let integer): sqlite3_bind_int64(statement, index, integer)
        case .real(let real): sqlite3_bind_double(statement, index, real)
        case .text(let text):
          text.withCString {
            sqlite3_bind_text(statement, index, $0, Int32(clamping: text.utf8.count), transient)
          }
        case .blob(let bytes):
          bytes.withUnsafeBytes {
            sqlite3_bind_blob(
              statement, index, $0.baseAddress, Int32(clamping: bytes.count), transient)
          }
        }
      guard code == SQLITE_OK else { throw error(code) }
    }
  }

  private func error(_ code: Int32) -> IndexSQLiteError {
    IndexSQLiteError(code: code & 0xFF, message: String(cString: sqlite3_errmsg(handle)))
  }
}

/// A value bound to a statement's parameter.
enum IndexValue {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  /// Text, or NULL for nil.
  static func optional(_ text: String?) -> IndexValue { text.map(IndexValue.text) ?? .null }
}

/// The current row of a stepping statement.
struct IndexRow {
  let statement: OpaquePointer

  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
  func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
  func int(_ column: Int32) -> Int { Int(truncatingIfNeeded: integer(column)) }
  func real(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

  func text(_ column: Int32) -> String {
    guard let pointer = sqlite3_column_text(statement, column) else { return "" }
    let count = Int(sqlite3_column_bytes(statement, column))
    return String(
      decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

  /// The column's bytes, valid only inside `body` (SQLite owns them until the next step).
  func withBlob<Result>(
    _ column: Int32, _ body: (UnsafeRawBufferPointer) throws(CompactDecodingError) -> Result
  ) throws(CompactDecodingError) -> Result {
    let count = Int(sqlite3_column_bytes(statement, column))
    guard count > 0, let pointer = sqlite3_column_blob(statement, column) else {
      return try body(UnsafeRawBufferPointer(start: nil, count: 0))
    }
    return try body(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}
