import Foundation
import GRDB
import SkillQuizKit
import Testing

@testable import SkillQuizStore

/// A file at the database's path that skillquiz must refuse without writing a byte.
enum RefusedFile: String, CaseIterable, Sendable {
  case anotherProgramsTables
  case anotherProgramsApplicationID
  case anEmptyDatabaseWithAUserVersion
  case randomBytes
  case aTruncatedHeader
  case aNewerSkillquizDatabase
  case aDamagedDatabase
  case aDamagedDatabaseWithItsLogLeftByACrash

  /// Builds the file (and what lies next to it) in `folder`.
  func make(in folder: URL) throws {
    let path = folder.appendingPathComponent(AnswerStore.fileName).path
    func otherProgram(_ sql: String) throws {
      let queue = try DatabaseQueue(path: path)
      try queue.write { try $0.execute(sql: sql) }
      try queue.close()
    }
    switch self {
    case .anotherProgramsTables:
      try otherProgram("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')")
    case .anotherProgramsApplicationID:
      try otherProgram("PRAGMA application_id = 42; CREATE TABLE grdb_migrations (identifier)")
    case .anEmptyDatabaseWithAUserVersion:
      try otherProgram("PRAGMA user_version = 7")
    case .randomBytes:
      var random = SeededRandom(seed: 8)
      try Data((0..<8192).map { _ in UInt8(truncatingIfNeeded: random.next()) }).write(
        to: URL(fileURLWithPath: path))
    case .aTruncatedHeader:
      try Data(DatabaseHeader.magic + [0x10, 0x00]).write(to: URL(fileURLWithPath: path))
    case .aNewerSkillquizDatabase:
      _ = try DatabaseFiles.makeDatabase(in: folder, answers: 3)
      try otherProgram("INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
    case .aDamagedDatabase:
      _ = try DatabaseFiles.makeDatabase(in: folder, answers: 768)
      let leaves = try DatabaseFiles.answerLeafPages(of: path)
      try DatabaseFiles.damage(path, pages: Array(leaves.dropFirst(4).prefix(2)))
    case .aDamagedDatabaseWithItsLogLeftByACrash:
      let running = try TemporaryFolder()
      let store = try AnswerStore.open(directory: running.url)
      try DatabaseFiles.addAnswers(768, to: store)
      _ = try store.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
      try DatabaseFiles.addAnswers(5, to: store, prefix: "git.late")
      try DatabaseFiles.copyAsACrashLeavesIt(store.path, to: folder)
      let leaves = try DatabaseFiles.answerLeafPages(of: store.path)
      try DatabaseFiles.damage(path, pages: Array(leaves.prefix(2)))
    }
  }

  /// Whether `error` is the refusal this file deserves.
  func isRefused(with error: StoreError) -> Bool {
    switch (self, error) {
    case (.anotherProgramsTables, .foreign), (.anotherProgramsApplicationID, .foreign),
      (.anEmptyDatabaseWithAUserVersion, .foreign), (.randomBytes, .notADatabase),
      (.aTruncatedHeader, .notADatabase), (.aNewerSkillquizDatabase, .tooNew),
      (.aDamagedDatabase, .damaged), (.aDamagedDatabaseWithItsLogLeftByACrash, .damaged):
      true
    default: false
    }
  }
}

struct HonestOpeningTests {
  @Test(arguments: RefusedFile.allCases)
  func aFileThatIsNotOursNewerOrDamagedIsRefusedAndNothingIsWritten(_ file: RefusedFile) throws {
    let folder = try TemporaryFolder()
    try file.make(in: folder.url)
    var before = try DatabaseFiles.contents(of: folder.url)
    // Another program's file or a newer database must not get a lock file beside it.
    let lock = folder.url.appendingPathComponent(AnswerStore.fileName + ".lock").path
    let hadLock = FileManager.default.fileExists(atPath: lock)
    // Next to a log a crash left, the -shm is SQLite's shared-memory index of it, which any
    // reader rebuilds; the database and its log are what must not change. Otherwise no -wal or
    // -shm may appear.
    let shm = AnswerStore.fileName + "-shm"
    let hadLog = before.keys.contains(AnswerStore.fileName + "-wal")
    if hadLog { before[shm] = nil }
    var message = ""
    #expect {
      try AnswerStore.open(directory: folder.url)
    } throws: { error in
      message = "\(error)"
      return (error as? StoreError).map(file.isRefused(with:)) ?? false
    }
    var after = try DatabaseFiles.contents(of: folder.url)
    if hadLog { after[shm] = nil }
    #expect(after == before)
    // A damaged file found only by the full check (under the lock) may get one; it was ours.
    if !hadLock, !message.contains("damaged") {
      #expect(!FileManager.default.fileExists(atPath: lock), "a lock file was created beside it")
    }
    #expect(message.contains("nothing was written to it"))
    #expect(message.contains("    fix: "))
  }

  @Test func eachRefusalSaysWhatToDo() throws {
    let path = "/data/skillquiz.sqlite"
    #expect("\(StoreError.damaged(path: path, reason: "x"))".contains("skillquiz doctor"))
    #expect("\(StoreError.foreign(path: path, reason: "x"))".contains("--data-dir"))
    #expect("\(StoreError.foreign(path: path, reason: "x"))".contains("not skillquiz's"))
    #expect("\(StoreError.notADatabase(path: path, reason: "x"))".contains("mv '\(path)'"))
    #expect("\(StoreError.tooNew(path: path, migration: "v9"))".contains("update skillquiz"))
  }

  /// The repro of issue 12: a -wal left from another database replayed silently, and 768
  /// answers became 0 while the integrity check said "ok".
  @Test func aLogWrittenForAnotherDatabaseIsSetAsideNotReplayed() throws {
    let mine = try TemporaryFolder()
    let path = try DatabaseFiles.makeDatabase(in: mine.url, answers: 768)
    let other = try TemporaryFolder()
    let running = try AnswerStore.open(directory: other.url)
    try DatabaseFiles.addAnswers(2, to: running, prefix: "docker.q")
    let foreignLog = try Data(contentsOf: URL(fileURLWithPath: running.path + "-wal"))
    try foreignLog.write(to: URL(fileURLWithPath: path + "-wal"))

    let store = try AnswerStore.open(directory: mine.url)
    #expect(try store.answers().count == 768)
    #expect(try store.answers().allSatisfy { $0.questionID.hasPrefix("git.") })
    #expect(store.notices.count == 1)
    #expect(store.notices.first?.contains("was not replayed") == true)
    let kept = try FileManager.default.contentsOfDirectory(atPath: mine.url.path).filter {
      $0.hasPrefix("skillquiz.sqlite-wal.orphan-")
    }
    #expect(kept.count == 1)
    let name = try #require(kept.first)
    #expect(name.wholeMatch(of: /skillquiz\.sqlite-wal\.orphan-\d{8}-\d{6}/) != nil)
    #expect(try Data(contentsOf: mine.url.appendingPathComponent(name)) == foreignLog)
    #expect(try permissions(mine.url.appendingPathComponent(name).path) == 0o600)
  }

  @Test func aLogLeftByACrashOfThisDatabaseIsReplayed() throws {
    let running = try TemporaryFolder()
    let store = try AnswerStore.open(directory: running.url)
    try DatabaseFiles.addAnswers(3, to: store)
    // A checkpoint copies the log into the database; the next write starts the log over.
    _ = try store.pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
    try DatabaseFiles.addAnswers(2, to: store, prefix: "git.after")
    let crashed = try TemporaryFolder()
    try DatabaseFiles.copyAsACrashLeavesIt(store.path, to: crashed.url)

    let reopened = try AnswerStore.open(directory: crashed.url)
    #expect(reopened.notices.isEmpty)
    #expect(try reopened.answers().count == 5)
  }

  @Test func aDatabaseFromAnEarlierSkillquizIsMigratedAndGetsTheApplicationID() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent(AnswerStore.fileName).path
    do {
      let pool = try DatabasePool(path: path)
      try StoreMigrations.migrator.migrate(pool, upTo: "v6-evidence-and-incomplete-assessments")
      try pool.write { db in
        try db.execute(
          sql: """
            INSERT INTO answer (question_id, area_id, topic_id, difficulty, mode, score, correct,
              answered_at) VALUES ('git.a', 'git', 'basics', 'medium', 'quiz', 1, 1, ?)
            """, arguments: [Date(timeIntervalSince1970: 1_790_000_000)])
      }
      try pool.close()
    }
    #expect(
      DatabaseHeader.readBytes(ofDatabaseAt: path).flatMap(DatabaseHeader.init)?.isSkillquiz
        == false)
    do {
      let store = try AnswerStore.open(directory: folder.url)
      #expect(try store.answers().count == 1)
      #expect(try store.appliedMigrations().contains("v7-application-id-and-identity"))
      #expect(try store.appliedMigrations().last == "v10-answers-by-time")
    }
    let header = try #require(
      DatabaseHeader.readBytes(ofDatabaseAt: path).flatMap(DatabaseHeader.init))
    #expect(header.applicationID == 0x536B_517A)
    #expect(header.identity != 0)
  }

  /// Start-up stays fast: the full check runs only when the last run did not close cleanly.
  ///
  /// (Or when the file changed since.) Damage that leaves the record of a clean close matching
  /// is not looked for; once the record is gone, it is found.
  @Test func theFullCheckRunsOnlyWhenTheLastRunDidNotCloseCleanly() throws {
    let folder = try TemporaryFolder()
    let path = try DatabaseFiles.makeDatabase(in: folder.url, answers: 768)
    let leaves = try DatabaseFiles.answerLeafPages(of: path)
    try DatabaseFiles.damage(path, pages: Array(leaves.dropFirst(4).prefix(2)))
    let fingerprint = try #require(OpenLock.fingerprint(databasePath: path))
    try #require(OpenLock(databasePath: path)).recordCleanClose(fingerprint)
    do {
      let unchecked = try AnswerStore.open(directory: folder.url)
      #expect(unchecked.notices.isEmpty)
    }
    try #require(OpenLock(databasePath: path)).clearCleanClose()
    #expect {
      try AnswerStore.open(directory: folder.url)
    } throws: { error in
      guard case .damaged(_, let reason) = error as? StoreError else { return false }
      return !reason.isEmpty
    }
  }

  @Test func aCleanCloseIsRecordedAndTheNextOpenClearsIt() throws {
    let folder = try TemporaryFolder()
    let path = try DatabaseFiles.makeDatabase(in: folder.url, answers: 1)
    let lock = path + ".lock"
    let recorded = try String(contentsOfFile: lock, encoding: .utf8)
    #expect(recorded == OpenLock.fingerprint(databasePath: path))
    #expect(recorded.contains("wal none"))
    let store = try AnswerStore.open(directory: folder.url)
    #expect(try String(contentsOfFile: lock, encoding: .utf8).isEmpty)
    #expect(try store.answers().count == 1)
  }
}

private func permissions(_ path: String) throws -> Int {
  let attributes = try FileManager.default.attributesOfItem(atPath: path)
  return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
