import Foundation

/// A read-only look at the progress database, taken before anything is written to it.
///
/// It reads the header, the application id, the schema version, the `-wal` file and, when
/// asked, the integrity. It refuses a file that is not skillquiz's, is newer or is damaged, and writes
/// nothing to any of them.
struct DatabaseProbe {
  /// What the file is.
  enum Kind: Equatable {
    /// No file, or an empty one: a new database.
    case new
    /// An SQLite database with no tables and no application id: a new database too.
    case empty
    /// A database an earlier skillquiz wrote: no application id yet, known schema versions.
    case earlierSkillquiz
    /// A skillquiz database (its application id says so).
    case skillquiz
  }

  /// How much of the database to check.
  enum Integrity {
    /// Header, application id and schema version only.
    case none
    /// Also `PRAGMA quick_check`: every page read once (O(N)).
    case quick
    /// Also `PRAGMA integrity_check`: indexes against tables too.
    case full

    var pragma: String? {
      switch self {
      case .none: nil
      case .quick: "quick_check"
      case .full: "integrity_check"
      }
    }
  }

  let kind: Kind
  /// What the `-wal` file holds for this database.
  let log: WriteAheadLog.Verdict
  /// The schema versions applied.
  let appliedMigrations: [String]
  /// The check that ran and found the database sound, if one ran.
  let integrityCheck: String?
  /// The number of stored answers, when asked for.
  let answerCount: Int64?

  /// Looks at the database at `path`.
  ///
  /// - Parameters:
  ///   - path: The database file.
  ///   - integrity: How much to check.
  ///   - openInThisProcess: Whether this process has the database open already (its log is
  ///     then in use, and the `-shm` locks are not probed).
  ///   - countAnswers: Whether to count the stored answers.
  /// - Returns: What the file is, and what its `-wal` holds.
  /// - Throws: `StoreError` (`.notADatabase`, `.foreign`, `.tooNew`, `.damaged`, …) when the file
  ///   must not be opened for writing.
  static func inspect(
    path: String, integrity: Integrity, openInThisProcess: Bool = false,
    countAnswers: Bool = false
  ) throws(StoreError) -> DatabaseProbe {
    var info = stat()
    if stat(path, &info) != 0 {
      guard errno == ENOENT else { throw .notWritable(path: path) }
      return DatabaseProbe(kind: .new, log: newDatabaseLog(path))
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw .notADatabase(path: path, reason: "it is not a regular file")
    }
    if info.st_size == 0 { return DatabaseProbe(kind: .new, log: newDatabaseLog(path)) }
    guard access(path, R_OK) == 0 else { throw .notWritable(path: path) }
    guard let bytes = DatabaseHeader.readBytes(ofDatabaseAt: path) else {
      throw .failed(path: path, reason: "its first bytes cannot be read")
    }
    guard let header = DatabaseHeader(bytes) else {
      throw .notADatabase(
        path: path,
        reason: bytes.count < DatabaseHeader.length
          ? "it is shorter than an SQLite header" : "it does not start with SQLite's header")
    }
    if header.applicationID != 0, !header.isSkillquiz {
      throw .foreign(
        path: path,
        reason: "its application id is \(WriteAheadLog.hex(header.applicationID)), not "
          + "skillquiz's \(WriteAheadLog.hex(DatabaseHeader.skillquizApplicationID))")
    }
    let log: WriteAheadLog.Verdict =
      openInThisProcess || WriteAheadLog.isInUseByAnotherProcess(databasePath: path)
      ? .inUse : WriteAheadLog.examine(path: path + "-wal", database: header)
    let connection = try ReadOnlyConnection(path: path, immutable: !log.isReplayed)
    let tables = Set(try connection.strings("SELECT name FROM sqlite_schema WHERE type = 'table'"))
    let known = StoreMigrations.migrator.migrations
    var applied: [String] = []
    if tables.contains("grdb_migrations") {
      applied = try connection.strings("SELECT identifier FROM grdb_migrations")
    }
    let kind: Kind
    if header.isSkillquiz {
      guard tables.contains("grdb_migrations") else {
        throw .damaged(path: path, reason: "its table of schema versions is missing")
      }
      kind = .skillquiz
    } else if tables.isEmpty, header.identity == 0 {
      kind = .empty
    } else if let first = known.first, applied.contains(first) {
      kind = .earlierSkillquiz
    } else {
      throw .foreign(
        path: path,
        reason: tables.isEmpty
          ? "it is an empty SQLite database with a user_version set"
          : "its tables are not skillquiz's")
    }
    if let newer = applied.filter({ !known.contains($0) }).sorted().last {
      throw .tooNew(path: path, migration: newer)
    }
    var checked: String?
    if let pragma = integrity.pragma, kind != .empty {
      let problems = try connection.strings("PRAGMA \(pragma)(10)")
      guard problems == ["ok"] else {
        throw .damaged(
          path: path,
          reason: "\(pragma): " + (problems.first ?? "no result")
            + (problems.count > 1 ? " (and \(problems.count - 1) more problems)" : ""))
      }
      checked = pragma
    }
    let answers =
      countAnswers && tables.contains("answer")
      ? try connection.integer("SELECT count(*) FROM answer") : nil
    return DatabaseProbe(
      kind: kind, log: log, appliedMigrations: applied, integrityCheck: checked,
      answerCount: answers)
  }

  private init(
    kind: Kind, log: WriteAheadLog.Verdict, appliedMigrations: [String] = [],
    integrityCheck: String? = nil, answerCount: Int64? = nil
  ) {
    self.kind = kind
    self.log = log
    self.appliedMigrations = appliedMigrations
    self.integrityCheck = integrityCheck
    self.answerCount = answerCount
  }

  /// A log next to a missing or empty database: SQLite would delete it, so anything in it is
  /// kept aside instead.
  private static func newDatabaseLog(_ path: String) -> WriteAheadLog.Verdict {
    switch WriteAheadLog.examine(path: path + "-wal", database: nil) {
    case .absent: .absent
    case .foreign(let reason), .nothingToReplay(let reason):
      .foreign(reason == "its database is empty" ? reason : "its database is empty, and \(reason)")
    case .belongs, .unverifiable, .inUse: .foreign("its database is empty")
    }
  }
}
