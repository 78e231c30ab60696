import CSQLiteConfig
import Foundation
import GRDBSQLite
import SkillQuizKit

/// A SQLite error: its result code and message.
struct SandboxSQLiteError: Error, CustomStringConvertible {
  /// The primary result code (`SQLITE_ERROR`, `SQLITE_TOOBIG` …).
  let code: Int32
  /// SQLite's message.
  let message: String

  var description: String { message }
}

/// One in-memory SQLite connection holding a copy of a dataset.
///
/// Used on one thread and closed when released. Built open (the dataset is trusted), then locked
/// down by `lockDown(_:)` before a user's query runs.
final class SandboxDatabase {
  /// The raw connection.
  let connection: OpaquePointer

  /// Opens an empty in-memory database, with foreign keys on and double-quoted strings off (as
  /// GRDB, which built the sandbox before, set them).
  init() throws(SandboxSQLiteError) {
    var handle: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(":memory:", &handle, flags, nil)
    guard code == SQLITE_OK, let handle else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close_v2(handle)
      throw SandboxSQLiteError(code: code, message: message)
    }
    connection = handle
    _ = sqlite3_extended_result_codes(connection, 0)
    _ = setOption(SQLITE_DBCONFIG_DQS_DDL, to: false)
    _ = setOption(SQLITE_DBCONFIG_DQS_DML, to: false)
    try execute("PRAGMA foreign_keys = ON")
  }

  deinit {
    sqlite3_close_v2(connection)
  }

  /// A fresh database holding `dataset`.
  static func holding(_ dataset: SQLDataset) throws(SandboxSQLiteError) -> SandboxDatabase {
    let database = try SandboxDatabase()
    try database.execute(dataset.schema)
    for table in dataset.rows {
      let quoted = "\"" + table.table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      for row in table.rows {
        let marks = Array(repeating: "?", count: row.count).joined(separator: ", ")
        try database.insert(row, sql: "INSERT INTO \(quoted) VALUES (\(marks))")
      }
    }
    return database
  }

  /// The whole database as one SQLite image (`sqlite3_serialize`).
  func serialized() throws(SandboxSQLiteError) -> Data {
    var size: sqlite3_int64 = 0
    guard let bytes = sqlite3_serialize(connection, "main", &size, 0) else {
      throw SandboxSQLiteError(
        code: SQLITE_NOMEM, message: "SQLite could not copy the built dataset into memory")
    }
    defer { sqlite3_free(bytes) }
    return Data(bytes: bytes, count: Int(size))
  }

  /// A fresh database holding a private, resizable copy of `image` (from `serialized()`).
  static func loading(_ image: Data) throws(SandboxSQLiteError) -> SandboxDatabase {
    let database = try SandboxDatabase()
    let size = image.count
    guard let copy = sqlite3_malloc64(sqlite3_uint64(max(size, 1))) else {
      throw SandboxSQLiteError(
        code: SQLITE_NOMEM, message: "no memory for a \(size >> 10) KB copy of the dataset")
    }
    image.withUnsafeBytes { bytes in
      if let base = bytes.baseAddress { copy.copyMemory(from: base, byteCount: size) }
    }
    // SQLite owns `copy` from here on, and frees it even when loading fails.
    let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
    let code = sqlite3_deserialize(
      database.connection, "main", copy.assumingMemoryBound(to: UInt8.self),
      sqlite3_int64(size), sqlite3_int64(size), flags)
    guard code == SQLITE_OK else { throw database.lastError(code) }
    return database
  }

  /// Runs SQL that returns no rows.
  func execute(_ sql: String) throws(SandboxSQLiteError) {
    var error: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(connection, sql, nil, nil, &error)
    guard code == SQLITE_OK else {
      let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
      sqlite3_free(error)
      throw SandboxSQLiteError(code: code, message: message)
    }
  }

  /// Runs an INSERT with `values` bound to its parameters.
  private func insert(_ values: [SQLValue], sql: String) throws(SandboxSQLiteError) {
    let statement = try prepare(sql)
    defer { sqlite3_finalize(statement) }
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
        }
      guard code == SQLITE_OK else { throw lastError(code) }
    }
    let code = sqlite3_step(statement)
    guard code == SQLITE_DONE else { throw lastError(code) }
  }

  /// Compiles the first statement of `sql`.
  func prepare(_ sql: String) throws(SandboxSQLiteError) -> OpaquePointer {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else {
      sqlite3_finalize(statement)
      throw code == SQLITE_OK
        ? SandboxSQLiteError(code: SQLITE_MISUSE, message: "no statement") : lastError(code)
    }
    return statement
  }

  /// The strings of the first column of a query's rows.
  func strings(_ sql: String, _ argument: String? = nil) throws(SandboxSQLiteError) -> [String] {
    let statement = try prepare(sql)
    defer { sqlite3_finalize(statement) }
    if let argument {
      let transient = unsafeBitCast(
        OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
      sqlite3_bind_text(statement, 1, argument, -1, transient)
    }
    var values: [String] = []
    while true {
      let code = sqlite3_step(statement)
      guard code == SQLITE_ROW else {
        if code == SQLITE_DONE { return values }
        throw lastError(code)
      }
      values.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
    }
  }

  /// The error SQLite reports now, under `code`.
  func lastError(_ code: Int32) -> SandboxSQLiteError {
    SandboxSQLiteError(code: code & 0xFF, message: String(cString: sqlite3_errmsg(connection)))
  }

  /// Sets an `SQLITE_DBCONFIG_*` switch; returns whether it now has the value asked for.
  @discardableResult
  func setOption(_ option: Int32, to enabled: Bool) -> Bool {
    var now: Int32 = -1
    let code = csc_db_config_int(UnsafeMutableRawPointer(connection), option, enabled ? 1 : 0, &now)
    return code == SQLITE_OK && now == (enabled ? 1 : 0)
  }

  /// Locks the connection down for a user's query: per-connection limits, no extensions, no
  /// triggers, defensive mode, temporary storage in memory, and read-only.
  func lockDown(_ limits: SQLSandboxLimits) throws(SandboxSQLiteError) {
    let caps: [(Int32, Int)] = [
      (SQLITE_LIMIT_LENGTH, limits.valueBytes),
      (SQLITE_LIMIT_SQL_LENGTH, limits.sqlBytes),
      (SQLITE_LIMIT_COLUMN, limits.columns),
      (SQLITE_LIMIT_EXPR_DEPTH, 100),
      (SQLITE_LIMIT_COMPOUND_SELECT, 50),
      (SQLITE_LIMIT_VDBE_OP, 25_000),
      (SQLITE_LIMIT_FUNCTION_ARG, 64),
      (SQLITE_LIMIT_ATTACHED, 0),
      (SQLITE_LIMIT_LIKE_PATTERN_LENGTH, limits.likePatternBytes),
      (SQLITE_LIMIT_VARIABLE_NUMBER, 32),
      (SQLITE_LIMIT_TRIGGER_DEPTH, 1),
      (SQLITE_LIMIT_WORKER_THREADS, 0),
    ]
    for (limit, value) in caps {
      sqlite3_limit(connection, limit, Int32(clamping: value))
    }
    let switches: [(Int32, Bool)] = [
      (SQLITE_DBCONFIG_DEFENSIVE, true),
      (SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, false),
      (SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, false),
      (SQLITE_DBCONFIG_ENABLE_TRIGGER, false),
      (SQLITE_DBCONFIG_TRUSTED_SCHEMA, false),
    ]
    for (option, enabled) in switches where !setOption(option, to: enabled) {
      let version = String(cString: sqlite3_libversion())
      throw SandboxSQLiteError(
        code: SQLITE_ERROR,
        message: "SQLite \(version) cannot lock the lab's copy down (option \(option)); the lab "
          + "needs SQLite 3.31 or later")
    }
    try execute("PRAGMA temp_store = MEMORY")
    try execute("PRAGMA query_only = ON")
  }
}
