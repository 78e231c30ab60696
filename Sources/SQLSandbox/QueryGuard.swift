import GRDBSQLite

/// Watches one query on its connection.
///
/// SQLite's authorizer asks it what the query may do, and SQLite's progress handler asks it,
/// every few virtual-machine steps, whether to stop (the time or the memory is used up). Lives
/// on the query's thread only.
final class QueryGuard {
  /// Why the progress handler stopped the query.
  enum Stop: Equatable {
    /// The deadline passed.
    case time
    /// SQLite's memory grew past the ceiling.
    case memory
  }

  /// VM steps between two checks.
  ///
  /// SQLite counts steps only at jumps (a loop's next row), so a
  /// check comes at least once a row; within a row a step can allocate one value of up to the
  /// length limit. A check costs about as much as a few steps, and lab queries take
  /// microseconds, so checking this often costs nothing anyone sees.
  static let stepsBetweenChecks: Int32 = 10

  private let deadline: ContinuousClock.Instant
  private let memoryCeiling: Int64
  /// Why the query was stopped, once it was.
  private(set) var stop: Stop?
  /// The first thing the authorizer refused, with the reason.
  private(set) var refusal: String?

  /// A guard whose clock starts now and whose memory ceiling is SQLite's memory now plus
  /// `limits.memoryBytes`.
  init(_ limits: SQLSandboxLimits) {
    deadline = .now + .milliseconds(Int((limits.seconds * 1000).rounded()))
    memoryCeiling = sqlite3_memory_used() + Int64(limits.memoryBytes)
  }

  /// Whether the query must stop now; remembers why.
  func shouldStop() -> Bool {
    if stop != nil { return true }
    if ContinuousClock.now >= deadline {
      stop = .time
    } else if sqlite3_memory_used() > memoryCeiling {
      stop = .memory
    }
    return stop != nil
  }

  /// SQLITE_OK when the policy allows `action`, else SQLITE_DENY (and remembers why).
  func authorize(_ action: Int32, _ first: String?, _ second: String?, database: String?)
    -> Int32
  {
    guard let reason = SandboxPolicy.refusal(action: action, first, second, database: database)
    else {
      return SQLITE_OK
    }
    if refusal == nil { refusal = reason }
    return SQLITE_DENY
  }

  /// Installs this guard on `connection` until `body` returns; the connection must not outlive
  /// the guard's use (it is closed after the query).
  func watching<T>(_ connection: OpaquePointer, _ body: () throws -> T) rethrows -> T {
    let context = Unmanaged.passUnretained(self).toOpaque()
    sqlite3_set_authorizer(
      connection,
      { context, action, first, second, database, _ in
        guard let context else { return SQLITE_DENY }
        let guardian = Unmanaged<QueryGuard>.fromOpaque(context).takeUnretainedValue()
        return guardian.authorize(
          action, first.map { String(cString: $0) }, second.map { String(cString: $0) },
          database: database.map { String(cString: $0) })
      }, context)
    sqlite3_progress_handler(
      connection, Self.stepsBetweenChecks,
      { context in
        guard let context else { return 1 }
        return Unmanaged<QueryGuard>.fromOpaque(context).takeUnretainedValue().shouldStop()
          ? 1 : 0
      }, context)
    defer {
      sqlite3_progress_handler(connection, 0, nil, nil)
      sqlite3_set_authorizer(connection, nil, nil)
    }
    return try withExtendedLifetime(self) { try body() }
  }
}
