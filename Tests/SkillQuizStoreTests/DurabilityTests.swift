import Foundation
import GRDB
import SkillQuizKit
import Testing

@testable import SkillQuizStore

struct DurabilityTests {
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
