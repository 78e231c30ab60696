import Foundation
import GRDB
import GRDBSQLite

/// A read-only SQLite connection for looking at a database before trusting it: it cannot write,
/// checkpoint or switch the journal mode, and in `immutable` mode it reads the database file
/// alone, creating no `-wal` or `-shm` file.
final class ReadOnlyConnection {
  private let handle: OpaquePointer
  let path: String

  /// Opens `path` read-only.
  ///
  /// - Parameters:
  ///   - path: The database file.
  ///   - immutable: Read the main file only (ignore and create no `-wal`/`-shm`).
  /// - Throws: `StoreError.failed` when SQLite cannot open it.
  init(path: String, immutable: Bool) throws(StoreError) {
    self.path = path
    var uri = "file:" + Self.escaped(path) + "?mode=ro"
    if immutable { uri += "&immutable=1" }
    var connection: OpaquePointer?
    let code = sqlite3_open_v2(uri, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
    guard code == SQLITE_OK, let connection else {
      let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close_v2(connection)
      throw .failed(path: path, reason: message)
    }
    handle = connection
    sqlite3_extended_result_codes(handle, 1)
    sqlite3_busy_timeout(handle, 10_000)
  }

  deinit { sqlite3_close_v2(handle) }

  /// The first column of every row, as text.
  func strings(_ sql: String) throws(StoreError) -> [String] {
    var result: [String] = []
    try each(sql) { statement in
      result.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
    }
    return result
  }

  /// The first column of the first row, as an integer.
  func integer(_ sql: String) throws(StoreError) -> Int64? {
    var result: Int64?
    try each(sql) { statement in
      if result == nil { result = sqlite3_column_int64(statement, 0) }
    }
    return result
  }

  /// Runs `sql` with `arguments` and hands each row to `body`; stops at the first error.
  func each(
    _ sql: String, arguments: [Int64] = [], _ body: (OpaquePointer) throws(StoreError) -> Void
  ) throws(StoreError) {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
      throw error(sqlite3_extended_errcode(handle))
    }
    defer { sqlite3_finalize(statement) }
    for (index, argument) in arguments.enumerated() {
      sqlite3_bind_int64(statement, Int32(index + 1), argument)
    }
    while true {
      let code = sqlite3_step(statement)
      if code == SQLITE_DONE { return }
      guard code == SQLITE_ROW else { throw error(code) }
      try body(statement)
    }
  }

  /// The value of column `index` of the current row.
  static func value(_ statement: OpaquePointer, _ index: Int32) -> DatabaseValue {
    switch sqlite3_column_type(statement, index) {
    case SQLITE_INTEGER: sqlite3_column_int64(statement, index).databaseValue
    case SQLITE_FLOAT: sqlite3_column_double(statement, index).databaseValue
    case SQLITE_TEXT:
      sqlite3_column_text(statement, index).map { String(cString: $0).databaseValue } ?? .null
    case SQLITE_BLOB:
      if let bytes = sqlite3_column_blob(statement, index) {
        Data(bytes: bytes, count: Int(sqlite3_column_bytes(statement, index))).databaseValue
      } else {
        Data().databaseValue
      }
    default: .null
    }
  }

  private func error(_ code: Int32) -> StoreError {
    let message = String(cString: sqlite3_errmsg(handle))
    switch code & 0xFF {
    case SQLITE_CORRUPT, SQLITE_NOTADB: return .damaged(path: path, reason: message)
    default: return .failed(path: path, reason: message)
    }
  }

  /// `path` as the path of a `file:` URI: `%`, `?` and `#` (and anything not plain) escaped.
  static func escaped(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "-"),
        UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
        result.append(Character(UnicodeScalar(byte)))
      default:
        result += String(format: "%%%02X", byte)
      }
    }
    return result
  }
}
