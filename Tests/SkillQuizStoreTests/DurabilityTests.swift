import Foundation
import GRDB
import SkillQuizKit
import Testing

@testable import SkillQuizStore

/// Serialized: the counting VFS's counters are shared by every database opened through it.
@Suite(.serialized) struct DurabilityTests {
  private func answer(_ index: Int) -> AnswerRecord {
    AnswerRecord(
      quizID: nil, questionID: "git.q\(index)", areaID: "git", topicID: "basics",
      difficulty: .medium, response: "a", score: 1,
      answeredAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), duration: 3)
  }

  @Test func theStoreWritesWithSynchronousFull() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    #expect(try store.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
  }

  /// With `synchronous = FULL` in WAL mode, every commit syncs the `-wal` before it returns.
  ///
  /// So an answer whose feedback was shown survives power loss. With NORMAL (the control) the
  /// log is synced only at checkpoints, and answers are not.
  @Test func everyAnswerIsSyncedToDiskBeforeRecordReturns() throws {
    CountingVFS.register()
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent(AnswerStore.fileName).path
    let store = try AnswerStore(path: path, vfs: CountingVFS.name)
    var syncs: [Int] = []
    for index in 0..<5 {
      let before = CountingVFS.walSyncs.load(ordering: .sequentiallyConsistent)
      try store.record(answer(index))
      syncs.append(CountingVFS.walSyncs.load(ordering: .sequentiallyConsistent) - before)
    }
    #expect(syncs.allSatisfy { $0 >= 1 }, "log syncs per answer: \(syncs)")

    try store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = NORMAL") }
    let before = CountingVFS.walSyncs.load(ordering: .sequentiallyConsistent)
    try store.record(answer(9))
    #expect(CountingVFS.walSyncs.load(ordering: .sequentiallyConsistent) == before)
  }
}

/// Checkpoints copy the `-wal` into the database file and sync it; they run off the answer's
/// path, so that no answer waits for one.
extension DurabilityTests {
  private func spreadAnswer(_ index: Int) -> AnswerRecord {
    AnswerRecord(
      quizID: nil, questionID: "git.q\(index % 300)", areaID: "git", topicID: "t\(index % 7)",
      difficulty: .medium, response: "a", score: index % 3 == 0 ? 0 : 1,
      answeredAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index) * 60),
      duration: Double(3 + index % 20))
  }

  private func logPages(_ path: String) throws -> Int {
    let size = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
    return (size ?? 0) / 4096
  }

  @Test func noCommitSyncsTheDatabaseFileEvenPastTheCheckpointThreshold() throws {
    CountingVFS.register()
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent(AnswerStore.fileName).path
    let store = try AnswerStore(path: path, vfs: CountingVFS.name)
    store.checkpointer.drain()
    store.checkpointer.suspend()
    var index = 0
    var inline = 0
    while try logPages(path) < 2 * Int(BackgroundCheckpointer.threshold) {
      let before = CountingVFS.databaseSyncs.load(ordering: .sequentiallyConsistent)
      try store.record(spreadAnswer(index))
      inline += CountingVFS.databaseSyncs.load(ordering: .sequentiallyConsistent) - before
      index += 1
    }
    // SQLite's own automatic checkpoint would have synced the database file inside a commit.
    #expect(inline == 0, "database syncs inside \(index) commits: \(inline)")
    let before = CountingVFS.databaseSyncs.load(ordering: .sequentiallyConsistent)
    store.checkpointer.resume()
    store.checkpointer.drain()
    #expect(CountingVFS.databaseSyncs.load(ordering: .sequentiallyConsistent) > before)
  }

  @Test func theLogStaysNearTheThresholdOverALongSession() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    let path = store.path
    var largest = 0
    for index in 0..<600 {
      try store.record(spreadAnswer(index))
      // The user reads the feedback meanwhile; a checkpoint takes far less.
      store.checkpointer.drain()
      largest = max(largest, try logPages(path))
    }
    let total = try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM answer") }
    #expect(total == 600)
    // 600 commits write several thousand pages; restarted logs stay near the threshold.
    #expect(largest > Int(BackgroundCheckpointer.threshold) / 2)
    #expect(largest < Int(BackgroundCheckpointer.threshold) + 100, "largest log: \(largest) pages")
  }
}

struct ReaderCacheTests {
  @Test func readersKeepALargerPageCacheThanSQLitesDefault() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    let size = try store.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
    #expect(size == -AnswerStore.readerCacheKiB)
    // SQLite's default is -2000 (2 MB); the writer keeps it.
    #expect(try store.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -2000)
  }
}
