import Foundation
import GRDB
import SkillQuizKit

/// Errors from the progress database, each naming the path and what to do.
public enum StoreError: Error, CustomStringConvertible {
  case cannotCreateDirectory(path: String, reason: String)
  case notWritable(path: String)
  case corrupt(path: String, reason: String)
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
      "the progress database '\(path)' is damaged or is not a skillquiz database (\(reason))\n"
        + "    fix: move it aside (mv '\(path)' '\(path).broken') to start a new one; "
        + "nothing was changed or deleted"
    case .tooNew(let path, let migration):
      "the progress database '\(path)' was written by a newer skillquiz (migration "
        + "'\(migration)')\n    fix: update skillquiz; the file was left as it is"
    case .failed(let path, let reason):
      "the progress database '\(path)' failed: \(reason)"
    }
  }
}

/// Quizzes and answers in SQLite; every write commits before it returns.
public final class AnswerStore: Sendable {
  /// The database file.
  public let path: String
  private let pool: DatabasePool

  /// The file name inside the data folder.
  public static let fileName = "skillquiz.sqlite"

  /// Opens (or creates) the database in a data folder, creating the folder as 0700 and the
  /// file as 0600, and brings its schema up to date.
  ///
  /// - Throws: `StoreError` naming the path when the folder or file cannot be used.
  public static func open(directory: URL) throws(StoreError) -> AnswerStore {
    try makePrivateDirectory(directory)
    return try AnswerStore(path: directory.appendingPathComponent(fileName).path)
  }

  /// Opens (or creates) the database at `path`.
  public init(path: String) throws(StoreError) {
    self.path = path
    let manager = FileManager.default
    let descriptor = Foundation.open(path, O_CREAT | O_RDWR, 0o600)
    if descriptor < 0 { throw .notWritable(path: path) }
    close(descriptor)
    // Two processes may open a new database at once: migrate under an exclusive file lock.
    let lock = Foundation.open(path + ".lock", O_CREAT | O_RDWR, 0o600)
    if lock >= 0 { flock(lock, LOCK_EX) }
    defer {
      if lock >= 0 {
        flock(lock, LOCK_UN)
        close(lock)
      }
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.foreignKeysEnabled = true
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      var migrator = StoreMigrations.migrator
      migrator.eraseDatabaseOnSchemaChange = false
      if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        throw StoreError.tooNew(path: path, migration: applied.sorted().last ?? "?")
      }
      try migrator.migrate(pool)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw Self.translate(error, path: path)
    } catch {
      throw .failed(path: path, reason: "\(error)")
    }
    for suffix in ["", "-wal", "-shm", ".lock"] where manager.fileExists(atPath: path + suffix) {
      chmod(path + suffix, 0o600)
    }
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
      throw .cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
    }
  }

  func write<T>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.write(body)
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

  /// Commits one answer and updates its question's FSRS card in the same transaction; once
  /// this returns, both survive a crash.
  ///
  /// - Parameters:
  ///   - answer: The answer.
  ///   - fuzzSeed: Seeds the spread of the card's next interval.
  /// - Throws: `StoreError` when the database cannot be written; nothing is then stored.
  public func record(_ answer: AnswerRecord, fuzzSeed: UInt64 = 0) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO answer (quiz_id, question_id, area_id, topic_id, difficulty, mode,
            response, score, correct, skipped, unsure, answered_at, duration_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          answer.quizID, answer.questionID, answer.areaID, answer.topicID,
          answer.difficulty.rawValue, answer.mode.rawValue, answer.response, answer.score,
          answer.isCorrect, answer.isSkipped, answer.isUnsure, answer.answeredAt,
          answer.duration.map { Int64(($0 * 1000).rounded()) },
        ])
      let answerID = db.lastInsertedRowID
      try db.execute(
        sql: """
          INSERT OR IGNORE INTO first_answer (question_id, answer_id, correct, skipped,
            answered_at) VALUES (?, ?, ?, ?, ?)
          """,
        arguments: [
          answer.questionID, answerID, answer.isCorrect, answer.isSkipped, answer.answeredAt,
        ])
      try CardReplay.apply(
        answer, answerID: answerID, db: db, scheduler: try CardReplay.scheduler(db),
        medianDuration: try CardReplay.medianDuration(db), fuzzSeed: fuzzSeed)
    }
  }

  /// Every card, with its question's misses.
  public func cards() throws(StoreError) -> [StoredCard] {
    try read { db in
      let misses = try Row.fetchAll(
        db,
        sql: """
          SELECT question_id, COUNT(*) AS misses FROM answer
          WHERE skipped = 0 AND correct = 0 GROUP BY question_id
          """
      ).reduce(into: [String: Int]()) { $0[$1["question_id"]] = $1["misses"] }
      return try Row.fetchAll(db, sql: "SELECT * FROM card ORDER BY due, question_id").map {
        row in
        StoredCard(
          questionID: row["question_id"], areaID: row["area_id"], topicID: row["topic_id"],
          card: CardReplay.card(from: row), misses: misses[row["question_id"]] ?? 0)
      }
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
        Evidence(questionID: $0["question_id"], isCorrect: $0["correct"], isSkipped: $0["skipped"])
      }
    }
  }

  /// When each question was last answered (skips count as seen).
  public func lastAnsweredDates() throws(StoreError) -> [String: Date] {
    try read { db in
      var result: [String: Date] = [:]
      let rows = try Row.fetchAll(
        db, sql: "SELECT question_id, MAX(answered_at) AS last FROM answer GROUP BY question_id")
      for row in rows {
        if let date: Date = row["last"] { result[row["question_id"]] = date }
      }
      return result
    }
  }

  /// Quizzes with their totals, newest first.
  public func quizzes(limit: Int? = nil) throws(StoreError) -> [QuizRecord] {
    try read { db in
      let sql = """
        SELECT quiz.*,
          COALESCE(SUM(CASE WHEN answer.skipped = 0 THEN 1 ELSE 0 END), 0) AS answered,
          COALESCE(SUM(answer.skipped), 0) AS skipped,
          COALESCE(SUM(answer.correct), 0) AS correct,
          COALESCE(SUM(CASE WHEN answer.skipped = 0 THEN answer.score ELSE 0 END), 0) AS total
        FROM quiz LEFT JOIN answer ON answer.quiz_id = quiz.id
        GROUP BY quiz.id ORDER BY quiz.started_at DESC, quiz.id DESC
        """ + (limit.map { " LIMIT \($0)" } ?? "")
      return try Row.fetchAll(db, sql: sql).map { row in
        let difficulty: String? = row["difficulty"]
        return QuizRecord(
          id: row["id"], startedAt: row["started_at"], finishedAt: row["finished_at"],
          scope: row["scope"], requestedCount: row["requested_count"],
          difficulty: difficulty.flatMap(Difficulty.init(rawValue:)),
          status: QuizStatus(rawValue: row["status"]) ?? .completed,
          answeredCount: row["answered"], skippedCount: row["skipped"],
          correctCount: row["correct"], scoreSum: row["total"])
      }
    }
  }

  /// The schema version identifiers applied to this database.
  public func appliedMigrations() throws(StoreError) -> [String] {
    try read { db in try StoreMigrations.migrator.appliedMigrations(db) }
  }
}
