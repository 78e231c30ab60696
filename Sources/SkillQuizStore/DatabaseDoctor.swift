import Foundation

/// What `skillquiz doctor` found, one line per check.
public struct DoctorReport: Sendable, Encodable {
  /// How a check ended.
  public enum Status: String, Sendable, Encodable {
    /// Nothing to do.
    case ok
    /// Something was wrong and doctor put it right.
    case fixed
    /// Worth knowing; nothing is wrong.
    case notice
    /// Wrong, and left for the user (the fix says what to do).
    case problem
    /// Does not apply yet.
    case notApplicable = "not applicable"
  }

  /// One check.
  public struct Check: Sendable, Encodable {
    public let status: Status
    /// What was checked, such as "database" or "write-ahead log".
    public let subject: String
    public let detail: String
    /// What the user can do, for a problem or a copy.
    public let fix: String?
  }

  /// The checks, in order.
  public internal(set) var checks: [Check] = []
  /// The new database the readable data was copied into, if one was made.
  public internal(set) var recoveredDatabase: String?

  /// Whether every check ended well (or was put right).
  public var isHealthy: Bool { !checks.contains { $0.status == .problem } }

  private enum CodingKeys: String, CodingKey {
    case healthy, checks, recoveredDatabase
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(isHealthy, forKey: .healthy)
    try container.encode(checks, forKey: .checks)
    try container.encodeIfPresent(recoveredDatabase, forKey: .recoveredDatabase)
  }

  mutating func add(_ status: Status, _ subject: String, _ detail: String, fix: String? = nil) {
    checks.append(Check(status: status, subject: subject, detail: detail, fix: fix))
  }
}

/// `skillquiz doctor`: checks the data folder and the progress database, and repairs safely.
///
/// It checks the integrity, the `-wal` file and the permissions, puts right what is safe to put
/// right, and copies what can be read out of a damaged database into a new one. It never
/// writes to the database it checks.
public enum DatabaseDoctor {
  /// Examines the data folder `directory`.
  public static func examine(directory: URL, now: Date = Date()) -> DoctorReport {
    var report = DoctorReport()
    let folder = directory.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
      report.add(.ok, "data folder", "none yet at '\(folder)'; it is made at the first answer")
      return report
    }
    guard isDirectory.boolValue else {
      report.add(
        .problem, "data folder", "'\(folder)' is a file, not a folder",
        fix: "move it aside, or keep progress elsewhere with --data-dir")
      return report
    }
    let path = directory.appendingPathComponent(AnswerStore.fileName).path
    let folderMode = mode(folder)
    if folderMode == 0o700 {
      report.add(.ok, "data folder", "'\(folder)' (0700)")
    } else if chmod(folder, 0o700) == 0 {
      report.add(.fixed, "data folder", "'\(folder)' was \(octal(folderMode)), now 0700")
    } else {
      report.add(
        .problem, "data folder", "'\(folder)' is \(octal(folderMode)) and cannot be changed",
        fix: "make it yours and private: chmod 700 \(quoted(folder))")
    }
    let openHere = OpenDatabases.contains(path)
    var owned = true
    var healthy = false
    // The lock is held while the file is checked and let go before the totals are compared:
    // that opens the store, which takes the lock itself (a second flock in one process waits
    // forever).
    do {
      let lock = OpenLock(databasePath: path)
      defer { withExtendedLifetime(lock) {} }
      do {
        let probe = try DatabaseProbe.inspect(
          path: path, integrity: .full, openInThisProcess: openHere, countAnswers: true)
        database(probe, path: path, into: &report)
        healthy = probe.kind == .skillquiz
        log(probe.log, path: path, databaseIsOurs: true, into: &report)
        if !openHere, probe.log != .inUse, probe.kind != .new,
          let fingerprint = OpenLock.fingerprint(databasePath: path)
        {
          // Every page was just checked: the next start need not check again.
          lock?.recordCleanClose(fingerprint)
        }
      } catch {
        owned = problem(error, path: path, openHere: openHere, now: now, into: &report)
      }
    }
    permissions(path: path, includeDatabase: owned, into: &report)
    aggregates(path: path, healthy: healthy, into: &report)
    return report
  }

  /// Compares the running totals with a recomputation from the answers, and rebuilds them
  /// when they differ (the answers are the truth; the totals are derived from them).
  private static func aggregates(path: String, healthy: Bool, into report: inout DoctorReport) {
    let built =
      healthy
      && ((try? ReadOnlyConnection(path: path, immutable: false).strings(
        "SELECT identifier FROM grdb_migrations"))?.contains(HistoryAggregates.migration) ?? false)
    guard built else {
      report.add(
        .notApplicable, "aggregates",
        healthy || !FileManager.default.fileExists(atPath: path)
          ? "none yet; they are built from the answers at the next start"
          : "not checked while the database is not usable")
      return
    }
    do {
      let store = try AnswerStore(path: path)
      let differences = try store.checkAggregates()
      guard !differences.isEmpty else {
        report.add(.ok, "aggregates", "equal to a recomputation from every answer")
        return
      }
      try store.rebuildAggregates()
      let left = try store.checkAggregates()
      if left.isEmpty {
        report.add(
          .fixed, "aggregates",
          "differed from the answers (" + differences.joined(separator: "; ")
            + "); rebuilt from every answer")
      } else {
        report.add(
          .problem, "aggregates",
          "differ from the answers even after a rebuild: " + left.joined(separator: "; "),
          fix: "report this as a bug; your answers themselves are intact")
      }
    } catch {
      let (what, fix) = split(error.description)
      report.add(.problem, "aggregates", "could not be checked: \(what)", fix: fix)
    }
  }

  private static func database(
    _ probe: DatabaseProbe, path: String, into report: inout DoctorReport
  ) {
    switch probe.kind {
    case .new:
      report.add(.ok, "database", "none yet; it is made at the first answer")
    case .empty:
      report.add(.ok, "database", "empty; skillquiz sets it up at the next start")
    case .skillquiz, .earlierSkillquiz:
      var detail =
        "ok (\(probe.integrityCheck ?? "checked"), \(size(path)), "
        + "\(probe.answerCount ?? 0) answers)"
      if probe.kind == .earlierSkillquiz {
        detail += "; written by an earlier skillquiz, brought up to date at the next start"
      }
      report.add(.ok, "database", detail)
    }
  }

  private static func log(
    _ verdict: WriteAheadLog.Verdict, path: String, databaseIsOurs: Bool,
    into report: inout DoctorReport
  ) {
    let log = path + "-wal"
    switch verdict {
    case .absent:
      report.add(.ok, "write-ahead log", "none (everything is in the database file)")
    case .inUse:
      report.add(.ok, "write-ahead log", "in use by a running skillquiz")
    case .belongs:
      report.add(.ok, "write-ahead log", "\(size(log)), written for this database")
    case .unverifiable:
      report.add(
        .ok, "write-ahead log",
        "\(size(log)); the database has no identity yet (an earlier skillquiz's), so it is kept")
    case .nothingToReplay(let reason):
      report.add(.ok, "write-ahead log", "\(size(log)) with nothing to replay (\(reason))")
    case .foreign(let reason) where databaseIsOurs:
      do {
        let target = try AnswerStore.setAside(log: log, reason: reason)
        report.add(
          .fixed, "write-ahead log",
          "written for another database (\(reason)); moved aside to '\(target)', never replayed")
      } catch {
        report.add(.problem, "write-ahead log", "\(error)")
      }
    case .foreign(let reason):
      report.add(
        .problem, "write-ahead log", "written for another database (\(reason)); left in place",
        fix: "it is not replayed while the database is refused")
    }
    let orphans = kept(prefix: AnswerStore.fileName + "-wal.orphan-", nextTo: path)
    if !orphans.isEmpty {
      report.add(
        .notice, "set-aside logs",
        orphans.map { "'\($0)' (\(size($0)))" }.joined(separator: ", "),
        fix: "they were never replayed; delete them once you no longer need them")
    }
  }

  /// Reports why the database was refused; returns whether the file is skillquiz's (its
  /// permissions may then be put right).
  private static func problem(
    _ error: StoreError, path: String, openHere: Bool, now: Date,
    into report: inout DoctorReport
  ) -> Bool {
    let (what, fix) = split(error.description)
    switch error {
    case .damaged(_, let reason):
      report.add(.problem, "database", "damaged (\(reason))")
      let verdict: WriteAheadLog.Verdict =
        openHere || WriteAheadLog.isInUseByAnotherProcess(databasePath: path)
        ? .inUse
        : WriteAheadLog.examine(
          path: path + "-wal",
          database: DatabaseHeader.readBytes(ofDatabaseAt: path).flatMap(DatabaseHeader.init))
      log(verdict, path: path, databaseIsOurs: false, into: &report)
      recover(path: path, readingLog: verdict.isReplayed, now: now, into: &report)
      return true
    case .tooNew(_, let migration):
      report.add(
        .problem, "database", "written by a newer skillquiz (schema version '\(migration)')",
        fix: fix)
      return true
    case .notADatabase, .foreign:
      report.add(.problem, "database", what, fix: fix)
      return false
    case .cannotCreateDirectory, .notWritable, .corrupt, .failed:
      report.add(.problem, "database", what, fix: fix)
      return true
    }
  }

  private static func recover(
    path: String, readingLog: Bool, now: Date, into report: inout DoctorReport
  ) {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    let folder = (path as NSString).deletingLastPathComponent
    var target = folder + "/skillquiz-recovered-\(formatter.string(from: now)).sqlite"
    var suffix = 2
    while FileManager.default.fileExists(atPath: target) {
      target = folder + "/skillquiz-recovered-\(formatter.string(from: now))-\(suffix).sqlite"
      suffix += 1
    }
    do {
      let summary = try DatabaseRecovery.copy(from: path, readingLog: readingLog, to: target)
      guard summary.copied.contains(where: { $0.rows > 0 }) else {
        for suffix in ["", "-wal", "-shm", ".lock"] { unlink(target + suffix) }
        report.add(
          .problem, "copy", "nothing could be read out of it",
          fix: "move it aside (mv \(quoted(path)) \(quoted(path + ".damaged"))) to start a new "
            + "database")
        return
      }
      report.recoveredDatabase = target
      let counts = summary.copied.filter { $0.rows > 0 }.map { "\($0.rows) \(label($0.table))" }
      var detail = "copied " + counts.joined(separator: ", ") + " into '\(target)'"
      if !summary.incomplete.isEmpty {
        detail += "; some rows of \(summary.incomplete.joined(separator: ", ")) could not be read"
      }
      var moves: [String] = []
      for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix)
      {
        moves.append("mv \(quoted(path + suffix)) \(quoted(path + ".damaged" + suffix))")
      }
      moves.append("mv \(quoted(target)) \(quoted(path))")
      report.add(
        .notice, "copy", detail,
        fix: "the damaged file is untouched; to switch to the copy: "
          + moves.joined(separator: " && "))
    } catch {
      report.add(.problem, "copy", "the readable data could not be copied: \(error)")
    }
  }

  private static func permissions(
    path: String, includeDatabase: Bool, into report: inout DoctorReport
  ) {
    var files = includeDatabase ? ["", "-wal", "-shm"].map { path + $0 } : []
    files.append(path + ".lock")
    files += kept(prefix: AnswerStore.fileName + "-wal.orphan-", nextTo: path)
    files += kept(prefix: "skillquiz-recovered-", nextTo: path)
    var fixed: [String] = []
    for file in files where FileManager.default.fileExists(atPath: file) {
      let current = mode(file)
      if current != 0o600, chmod(file, 0o600) == 0 {
        fixed.append("'\((file as NSString).lastPathComponent)' was \(octal(current))")
      }
    }
    if fixed.isEmpty {
      report.add(.ok, "permissions", "folder 0700, files 0600")
    } else {
      report.add(.fixed, "permissions", fixed.joined(separator: ", ") + "; now 0600")
    }
  }

  private static func kept(prefix: String, nextTo path: String) -> [String] {
    let folder = (path as NSString).deletingLastPathComponent
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasPrefix(prefix) }.sorted().map { folder + "/" + $0 }
  }

  private static func label(_ table: String) -> String {
    switch table {
    case "quiz": "quizzes"
    case "answer": "answers"
    case "assessment": "assessments"
    case "item_calibration": "calibrations"
    case "imported_opening": "openings"
    case "setting": "settings"
    default: table
    }
  }

  private static func split(_ message: String) -> (String, String?) {
    let parts = message.components(separatedBy: "\n    fix: ")
    return (parts[0], parts.count > 1 ? parts[1] : nil)
  }

  private static func mode(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_mode) & 0o777 : 0
  }

  private static func octal(_ mode: Int) -> String {
    "0" + String(mode, radix: 8)
  }

  private static func quoted(_ path: String) -> String {
    "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  private static func size(_ path: String) -> String {
    let bytes =
      ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?
      .doubleValue ?? 0
    if bytes >= 1_048_576 { return String(format: "%.1f MB", bytes / 1_048_576) }
    if bytes >= 1024 { return String(format: "%.0f KB", bytes / 1024) }
    return "\(Int(bytes)) bytes"
  }
}
