import Foundation
import GRDB
import SkillQuizKit

/// Errors from the progress database, each naming the path and what to do.
public enum StoreError: Error, CustomStringConvertible {
  case cannotCreateDirectory(path: String, reason: String)
  case notWritable(path: String)
  /// Damage found while working (a read or write failed).
  case corrupt(path: String, reason: String)
  /// Damage found at open, before anything was written.
  case damaged(path: String, reason: String)
  /// No SQLite header: another program's file, or one damaged beyond reading.
  case notADatabase(path: String, reason: String)
  /// Another program's SQLite database.
  case foreign(path: String, reason: String)
  case tooNew(path: String, migration: String)
  case failed(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotCreateDirectory(let path, let reason):
      "cannot create the data folder '\(path)': \(reason)\n"
        + "    fix: choose a folder you can write with --data-dir, or fix its permissions"
    case .notWritable(let path):
      "the progress database '\(path)' cannot be written\n"
        + "    fix: check the permissions of the file and its folder (chmod u+rw), "
        + "or use --data-dir to keep progress elsewhere"
    case .corrupt(let path, let reason):
      "the progress database '\(path)' is damaged (\(reason))\n"
        + "    fix: run `skillquiz doctor`: it checks the database and copies what can still be "
        + "read into a new one"
    case .damaged(let path, let reason):
      "the progress database '\(path)' is damaged (\(reason)); nothing was written to it\n"
        + "    fix: run `skillquiz doctor`: it checks the database and copies what can still be "
        + "read into a new one"
    case .notADatabase(let path, let reason):
      "the progress database '\(path)' is damaged or is another program's file (\(reason)); "
        + "nothing was written to it\n    fix: move it aside (mv '\(path)' '\(path).broken') "
        + "to start a new database, or keep progress elsewhere with --data-dir"
    case .foreign(let path, let reason):
      "'\(path)' is another program's SQLite database, not skillquiz's (\(reason)); nothing was "
        + "written to it\n    fix: move it elsewhere, or keep skillquiz's progress in another "
        + "folder with --data-dir"
    case .tooNew(let path, let migration):
      "the progress database '\(path)' was written by a newer skillquiz (schema version "
        + "'\(migration)'); nothing was written to it\n    fix: update skillquiz"
    case .failed(let path, let reason):
      "the progress database '\(path)' failed: \(reason)"
    }
  }
}

/// Quizzes and answers in SQLite; every write commits before it returns, and with
/// `synchronous = FULL` each commit is flushed to disk (fsync of the `-wal`) before it returns.
public final class AnswerStore: Sendable {
  /// The database file.
  public let path: String
  /// What opening found and did that the user should know: a `-wal` file moved aside.
  public let notices: [String]
  let pool: DatabasePool
  /// Runs the `-wal` checkpoints that SQLite would otherwise run inside a commit.
  let checkpointer: BackgroundCheckpointer
  /// The database's random identity (`PRAGMA user_version`), rewritten in every write
  /// transaction so that its `-wal` carries page 1 (see `WriteAheadLog`).
  private let identity: Int32

  /// Each reader connection's page cache, in KiB.
  static let readerCacheKiB = 32_768

  /// The file name inside the data folder.
  public static let fileName = "skillquiz.sqlite"

  /// Opens (or creates) the database in a data folder, creating the folder as 0700 and the
  /// file as 0600, and brings its schema up to date.
  ///
  /// - Throws: `StoreError` naming the path when the folder or file cannot be used.
  public static func open(
    directory: URL, progress: any ProgressReporter = SilentProgress()
  ) throws(StoreError) -> AnswerStore {
    try makePrivateDirectory(directory)
    return try AnswerStore(
      path: directory.appendingPathComponent(fileName).path, progress: progress)
  }

  /// Opens (or creates) the database at `path`.
  ///
  /// Before anything is written, a read-only look (`DatabaseProbe`) refuses a file that is not
  /// skillquiz's, was written by a newer skillquiz, or is damaged, and sets aside a `-wal`
  /// written for another database. The full `quick_check` runs only when the last run did not
  /// close cleanly or the file changed since (see `OpenLock`), and no other process has the
  /// database open.
  ///
  /// A migration that builds something from every answer reports to `progress`.
  public convenience init(path: String, progress: any ProgressReporter = SilentProgress())
    throws(StoreError)
  {
    try self.init(path: path, vfs: nil, progress: progress)
  }

  /// Opens the database through the SQLite VFS named `vfs` (tests count syncs with one).
  init(path: String, vfs: String?, progress: any ProgressReporter = SilentProgress())
    throws(StoreError)
  {
    self.path = path
    // A file that is not ours is refused before the lock file is created beside it. Once the
    // lock file exists, skillquiz has opened this database before: the probe under the lock
    // below is the only one.
    let manager = FileManager.default
    if !OpenDatabases.contains(path), manager.fileExists(atPath: path),
      !manager.fileExists(atPath: path + ".lock")
    {
      _ = try DatabaseProbe.inspect(path: path, integrity: .none)
    }
    let lock = OpenLock(databasePath: path)
    defer { withExtendedLifetime(lock) {} }
    var notices: [String] = []
    var probe: DatabaseProbe?
    if !OpenDatabases.contains(path) {
      let lastClean = lock?.cleanClose
      let unchanged = lastClean != nil && lastClean == OpenLock.fingerprint(databasePath: path)
      // A running skillquiz cleared the record at its own open, after checking if it had to;
      // a second process (the prompt in one terminal, a command in another) need not check.
      let running = WriteAheadLog.isInUseByAnotherProcess(databasePath: path)
      let found = try DatabaseProbe.inspect(
        path: path, integrity: unchanged || running ? .none : .quick)
      if case .foreign(let reason) = found.log {
        let log = path + "-wal"
        let target = try Self.setAside(log: log, reason: reason)
        notices.append(Self.setAsideNotice(log: log, target: target, reason: reason))
      }
      if found.kind == .new {
        let descriptor = Foundation.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        if descriptor < 0 { throw .notWritable(path: path) }
        close(descriptor)
      }
      lock?.clearCleanClose()
      probe = found
    }
    self.notices = notices
    let location = vfs.map { "file:\(ReadOnlyConnection.escaped(path))?vfs=\($0)" } ?? path
    let checkpointer = BackgroundCheckpointer(location: location)
    self.checkpointer = checkpointer
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.foreignKeysEnabled = true
    configuration.prepareDatabase { db in
      if db.configuration.readonly {
        // A command's reads (cards, first answers, totals) visit the same pages several
        // times; SQLite's default 2 MB cache sent them back to the kernel hundreds of
        // thousands of times at a million answers. Pages are only held once read.
        try db.execute(sql: "PRAGMA cache_size = -\(Self.readerCacheKiB)")
      } else {
        checkpointer.install(on: db)
      }
    }
    do {
      pool = try DatabasePool(path: location, configuration: configuration)
      // GRDB sets NORMAL, which survives a crash of skillquiz but not of the machine.
      try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
      var migrator = StoreMigrations.migrator(progress: progress)
      migrator.eraseDatabaseOnSchemaChange = false
      if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        throw StoreError.tooNew(path: path, migration: applied.sorted().last ?? "?")
      }
      if try pool.read({ try !migrator.hasCompletedMigrations($0) }) {
        // A log that starts now starts with page 1, like every skillquiz transaction.
        try pool.write { try Self.rewritePageOne($0) }
        try migrator.migrate(pool)
      }
      identity = try pool.read { try Int32.fetchOne($0, sql: "PRAGMA user_version") } ?? 0
      if let probe, probe.kind != .skillquiz {
        // The identity is new: put it in the database file now, so that a log written from
        // here on can be told apart from another database's. Never waits.
        _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
      }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw Self.translate(error, path: path)
    } catch {
      throw .failed(path: path, reason: "\(error)")
    }
    OpenDatabases.add(path)
    Self.makeOwnerOnly(path)
  }

  deinit {
    // Readers first, so that the writer is the last connection: it then checkpoints the `-wal`
    // into the database and deletes it (GRDB's `close()` closes the writer first). A background
    // checkpoint still running would keep it from doing so.
    checkpointer.drain()
    pool.releaseMemory()
    try? pool.close()
    OpenDatabases.remove(path)
    // Record the clean close only when no store of this process still has the file open.
    if !OpenDatabases.contains(path), let lock = OpenLock(databasePath: path),
      let fingerprint = OpenLock.fingerprint(databasePath: path)
    {
      lock.recordCleanClose(fingerprint)
    }
  }

  /// Makes the database and its companion files readable by their owner only.
  static func makeOwnerOnly(_ path: String) {
    for suffix in ["", "-wal", "-shm", ".lock"] {
      let file = path + suffix
      if FileManager.default.fileExists(atPath: file) { chmod(file, 0o600) }
    }
  }

  /// Rewrites page 1 unchanged, so that the transaction's frames in the `-wal` start with it.
  static func rewritePageOne(_ db: Database) throws {
    let identity = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    try db.execute(sql: "PRAGMA user_version = \(identity)")
  }

  /// Moves a `-wal` file written for another database aside, to
  /// `skillquiz.sqlite-wal.orphan-YYYYMMDD-HHMMSS`; returns where it went.
  static func setAside(log: String, reason: String) throws(StoreError) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    let stamp = formatter.string(from: Date())
    var target = log + ".orphan-" + stamp
    var suffix = 2
    while FileManager.default.fileExists(atPath: target) {
      target = log + ".orphan-" + stamp + "-\(suffix)"
      suffix += 1
    }
    guard rename(log, target) == 0 else {
      throw .failed(
        path: log,
        reason: "this write-ahead log was written for another database (\(reason)) and cannot "
          + "be moved aside: \(String(cString: strerror(errno)))\n    fix: move it away "
          + "yourself; it must not be replayed into the progress database")
    }
    chmod(target, 0o600)
    return target
  }

  /// What to tell the user about a log set aside.
  static func setAsideNotice(log: String, target: String, reason: String) -> String {
    "'\(log)' was not replayed: it was written for another database (\(reason)); it is kept "
      + "as '\(target)'\n    fix: nothing to do, your progress is as it was; delete the kept "
      + "file once you no longer need it"
  }

  static func translate(_ error: DatabaseError, path: String) -> StoreError {
    switch error.resultCode {
    case .SQLITE_NOTADB, .SQLITE_CORRUPT:
      .corrupt(path: path, reason: error.message ?? "\(error.resultCode)")
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
      .notWritable(path: path)
    default:
      .failed(path: path, reason: error.message ?? "\(error)")
    }
  }

  private static func makePrivateDirectory(_ directory: URL) throws(StoreError) {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw .cannotCreateDirectory(path: directory.path, reason: "a file has that name")
      }
      return
    }
    do {
      try manager.createDirectory(
        at: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      chmod(directory.path, 0o700)
    } catch {
      throw .cannotCreateDirectory(path: directory.path, reason: FileErrorText.reason(error))
    }
  }

  /// Runs `body` in a write transaction that also rewrites page 1 (see `WriteAheadLog`).
  func write<T>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
    let identity = identity
    do {
      return try pool.write { db in
        try db.cachedStatement(sql: "PRAGMA user_version = \(identity)").execute()
        return try body(db)
      }
    } catch let error as DatabaseError {
      throw Self.translate(error, path: path)
    } catch {
      throw .failed(path: path, reason: "\(error)")
    }
  }

  func read<T>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.read(body)
    } catch let error as DatabaseError {
      throw Self.translate(error, path: path)
    } catch {
      throw .failed(path: path, reason: "\(error)")
    }
  }

  // MARK: Quizzes

  /// Records the start of a quiz and returns its id.
  public func startQuiz(
    scope: String, requestedCount: Int, difficulty: Difficulty?, seed: UInt64?, at date: Date
  ) throws(StoreError) -> Int64 {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO quiz (started_at, scope, requested_count, difficulty, seed, status)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          date, scope, requestedCount, difficulty?.rawValue, seed.map { Int64(bitPattern: $0) },
          QuizStatus.inProgress.rawValue,
        ])
      return db.lastInsertedRowID
    }
  }

  /// Marks a quiz as ended.
  public func finishQuiz(id: Int64, status: QuizStatus, at date: Date) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: "UPDATE quiz SET status = ?, finished_at = ? WHERE id = ?",
        arguments: [status.rawValue, date, id])
    }
  }

  /// Commits one answer, with its question's FSRS card and every running total, in one
  /// transaction; once this returns, all of them survive a crash, and if any of them fails
  /// nothing is stored.
  ///
  /// - Parameters:
  ///   - answer: The answer.
  ///   - fuzzSeed: Seeds the spread of the card's next interval.
  /// - Throws: `StoreError` when the database cannot be written; nothing is then stored.
  public func record(_ answer: AnswerRecord, fuzzSeed: UInt64 = 0) throws(StoreError) {
    try write { db in
      try Self.insert(answer, fuzzSeed: fuzzSeed, scheduler: try CardReplay.scheduler(db), db: db)
    }
  }

  /// Commits many answers in one transaction, each through the same steps as `record`.
  ///
  /// Each answer's card is seeded as `rebuildCards` seeds it. Either every answer is stored,
  /// or none is.
  public func record(contentsOf answers: [AnswerRecord]) throws(StoreError) {
    guard !answers.isEmpty else { return }
    try write { db in
      let scheduler = try CardReplay.scheduler(db)
      for answer in answers {
        try Self.insert(
          answer, fuzzSeed: CardReplay.seed(for: answer), scheduler: scheduler, db: db)
      }
    }
  }

  /// The steps of storing one answer: the row, the evidence, the card, the totals.
  private static func insert(
    _ answer: AnswerRecord, fuzzSeed: UInt64, scheduler: FSRSScheduler, db: Database
  ) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO answer (quiz_id, question_id, area_id, topic_id, difficulty, mode,
          response, score, correct, skipped, unsure, answered_at, duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      answer.quizID, answer.questionID, answer.areaID, answer.topicID,
      answer.difficulty.rawValue, answer.mode.rawValue, answer.response, answer.score,
      answer.isCorrect, answer.isSkipped, answer.isUnsure, answer.answeredAt,
      answer.duration.map { Int64(($0 * 1000).rounded()) },
    ])
    let answerID = db.lastInsertedRowID
    try db.cachedStatement(
      sql: """
        INSERT INTO first_answer (question_id, answer_id, correct, skipped, answered_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(question_id) DO UPDATE SET answer_id = excluded.answer_id,
          correct = excluded.correct, skipped = excluded.skipped,
          answered_at = excluded.answered_at
        WHERE (excluded.answered_at, excluded.answer_id) < (answered_at, answer_id)
        """
    ).execute(arguments: [
      answer.questionID, answerID, answer.isCorrect, answer.isSkipped, answer.answeredAt,
    ])
    try CardReplay.apply(
      answer, answerID: answerID, db: db, scheduler: scheduler,
      medianDuration: try CardReplay.medianDuration(db), fuzzSeed: fuzzSeed)
    try HistoryAggregates.add(answer, answerID: answerID, db: db)
  }

  /// Every card, with its question's misses.
  public func cards() throws(StoreError) -> [StoredCard] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT \(Self.storedCardColumns)
          FROM card LEFT JOIN question_stat USING (question_id)
          ORDER BY card.due, card.question_id
          """
      ).map(Self.storedCard(from:))
    }
  }

  /// The desired retention reviews aim for (default 0.9).
  public func desiredRetention() throws(StoreError) -> Double {
    try read { db in try CardReplay.scheduler(db).desiredRetention }
  }

  /// Sets the desired retention and reschedules every card by replaying its history.
  public func setDesiredRetention(_ value: Double) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('desired_retention', ?)",
        arguments: [String(value)])
      try CardReplay.rebuild(db)
    }
  }

  /// Rebuilds every card from the answer history.
  public func rebuildCards() throws(StoreError) {
    try write { db in try CardReplay.rebuild(db) }
  }

  /// Every answer, oldest first.
  ///
  /// This loads the whole history: commands read the running totals (`standings`,
  /// `lastMisses`, …) or stream with `forEachAnswer`; only `calibrate` and tests call this.
  public func answers() throws(StoreError) -> [AnswerRecord] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM answer ORDER BY answered_at, id").map(
        Self.answer(from:))
    }
  }

  static func answer(from row: Row) -> AnswerRecord {
    let durationMS: Int64? = row["duration_ms"]
    return AnswerRecord(
      quizID: row["quiz_id"], questionID: row["question_id"], areaID: row["area_id"],
      topicID: row["topic_id"],
      difficulty: Difficulty(rawValue: row["difficulty"]) ?? .medium,
      mode: AnswerMode(rawValue: row["mode"]) ?? .quiz, response: row["response"],
      score: row["score"], isSkipped: row["skipped"], isUnsure: row["unsure"],
      answeredAt: row["answered_at"], duration: durationMS.map { Double($0) / 1000 })
  }

  /// Each question's first answer: the evidence the skill profile is built from.
  public func evidence() throws(StoreError) -> [Evidence] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT question_id, correct, skipped FROM first_answer ORDER BY question_id"
      ).map {
        Evidence(questionID: $0[0], isCorrect: $0[1], isSkipped: $0[2])
      }
    }
  }

  /// When each question was last answered (skips count as seen).
  public func lastAnsweredDates() throws(StoreError) -> [String: Date] {
    try read { db in
      var result: [String: Date] = [:]
      let rows = try Row.fetchCursor(
        db, sql: "SELECT question_id, last_seen_at FROM question_stat")
      while let row = try rows.next() {
        if let date: Date = row[1] { result[row[0]] = date }
      }
      return result
    }
  }

  /// How many quizzes (of every mode) were started.
  public func quizCount() throws(StoreError) -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quiz") ?? 0 }
  }

  /// Quizzes with their totals, newest first; only those with answers when `answeredOnly`.
  public func quizzes(limit: Int? = nil, answeredOnly: Bool = false) throws(StoreError)
    -> [QuizRecord]
  {
    try read { db in
      let sql = """
        SELECT quiz.*, COALESCE(quiz_total.answered, 0) AS answered,
          COALESCE(quiz_total.skipped, 0) AS skipped,
          COALESCE(quiz_total.correct, 0) AS correct,
          COALESCE(quiz_total.credit_micros, 0) AS total
        FROM quiz LEFT JOIN quiz_total ON quiz_total.quiz_id = quiz.id
        \(answeredOnly ? "WHERE quiz_total.answered > 0" : "")
        ORDER BY quiz.started_at DESC, quiz.id DESC
        """ + (limit.map { " LIMIT \($0)" } ?? "")
      return try Row.fetchAll(db, sql: sql).map { row in
        let difficulty: String? = row["difficulty"]
        return QuizRecord(
          id: row["id"], startedAt: row["started_at"], finishedAt: row["finished_at"],
          scope: row["scope"], requestedCount: row["requested_count"],
          difficulty: difficulty.flatMap(Difficulty.init(rawValue:)),
          status: QuizStatus(rawValue: row["status"]) ?? .completed,
          answeredCount: row["answered"], skippedCount: row["skipped"],
          correctCount: row["correct"], scoreSum: Double(row["total"] as Int64) / 1_000_000)
      }
    }
  }

  /// The schema version identifiers applied to this database.
  public func appliedMigrations() throws(StoreError) -> [String] {
    try read { db in try StoreMigrations.migrator.appliedMigrations(db) }
  }
}
