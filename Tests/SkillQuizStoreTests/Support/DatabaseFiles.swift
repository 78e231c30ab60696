import Foundation
import GRDB
import SkillQuizKit

@testable import SkillQuizStore

/// Builders and inspectors for database files in a test folder.
enum DatabaseFiles {
  /// Every file in `folder` but the lock file, with its bytes: equal before and after an open
  /// means nothing was written, switched to WAL, checkpointed or created next to it.
  static func contents(of folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where !name.hasSuffix(".lock") {
      result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return result
  }

  /// Stores `count` answers in one transaction through the store (quicker than `record`, one
  /// sync instead of `count`, with the running totals kept), with text long enough to fill a
  /// few dozen pages.
  static func addAnswers(_ count: Int, to store: AnswerStore, prefix: String = "git.q") throws {
    try store.record(
      contentsOf: (0..<count).map { index in
        AnswerRecord(
          quizID: nil, questionID: "\(prefix)\(index)", areaID: "git", topicID: "basics",
          difficulty: .medium, mode: .quiz, response: "a response text \(index)", score: 1,
          isSkipped: false, isUnsure: false,
          answeredAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), duration: 1)
      })
  }

  /// A skillquiz database with `count` answers, closed cleanly.
  static func makeDatabase(in folder: URL, answers count: Int) throws -> String {
    let store = try AnswerStore.open(directory: folder)
    try addAnswers(count, to: store)
    return store.path
  }

  /// The leaf pages of the answer table (1-based page numbers).
  static func answerLeafPages(of path: String) throws -> [Int] {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read { db in
      try Int.fetchAll(
        db,
        sql: "SELECT pageno FROM dbstat WHERE name = 'answer' AND pagetype = 'leaf' ORDER BY pageno"
      )
    }
  }

  /// Overwrites 8 KB (two pages) of the answer table with seeded random bytes, the way a bad
  /// disk or another program might, and moves the modification time a minute back so the
  /// change shows even within the file system's timestamp granularity.
  static func damage(_ path: String, pages: [Int], seed: UInt64 = 12) throws {
    var random = SeededRandom(seed: seed)
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    for page in pages {
      try handle.seek(toOffset: UInt64(page - 1) * 4096)
      try handle.write(
        contentsOf: Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
    }
    try handle.close()
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: path)
  }

  /// Copies the database and its `-wal`/`-shm` as they are now, as a crash would leave them.
  static func copyAsACrashLeavesIt(_ path: String, to folder: URL) throws {
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
      try FileManager.default.copyItem(
        atPath: path + suffix,
        toPath: folder.appendingPathComponent(AnswerStore.fileName + suffix).path)
    }
  }
}
