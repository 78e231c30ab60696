import Foundation
import GRDB
import Testing

@testable import SkillQuizStore

struct DatabaseDoctorTests {
  private func mode(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_mode) & 0o777 : -1
  }

  private func check(_ report: DoctorReport, _ subject: String) -> DoctorReport.Check? {
    report.checks.first { $0.subject == subject }
  }

  @Test func aHealthyDatabaseGetsAChecklist() throws {
    let folder = try TemporaryFolder()
    _ = try DatabaseFiles.makeDatabase(in: folder.url, answers: 768)
    let report = DatabaseDoctor.examine(directory: folder.url)
    #expect(report.isHealthy)
    #expect(report.recoveredDatabase == nil)
    #expect(
      report.checks.map(\.subject) == [
        "data folder", "database", "write-ahead log", "permissions", "aggregates",
      ])
    let database = try #require(check(report, "database"))
    #expect(database.status == .ok)
    #expect(database.detail.hasPrefix("ok (integrity_check, "))
    #expect(database.detail.hasSuffix(", 768 answers)"))
    let aggregates = try #require(check(report, "aggregates"))
    #expect(aggregates.status == .ok, "\(aggregates.detail)")
    #expect(aggregates.detail == "equal to a recomputation from every answer")
  }

  @Test func doctorRebuildsTotalsThatDifferFromTheAnswers() throws {
    let folder = try TemporaryFolder()
    do {
      let store = try AnswerStore.open(directory: folder.url)
      try RandomHistory.record(seed: 4, count: 80, into: store)
      try store.write { db in try db.execute(sql: "UPDATE standing SET correct = correct + 3") }
    }
    let report = DatabaseDoctor.examine(directory: folder.url)
    let aggregates = try #require(check(report, "aggregates"))
    #expect(aggregates.status == .fixed)
    #expect(aggregates.detail.contains("standing: "))
    #expect(report.isHealthy)
    let store = try AnswerStore.open(directory: folder.url)
    #expect(try store.checkAggregates() == [])
  }

  @Test func permissionsArePutRightWhateverTheUmask() throws {
    let folder = try TemporaryFolder()
    let path = try DatabaseFiles.makeDatabase(in: folder.url, answers: 1)
    chmod(folder.url.path, 0o755)
    chmod(path, 0o644)
    chmod(path + ".lock", 0o666)
    let report = DatabaseDoctor.examine(directory: folder.url)
    #expect(report.isHealthy)
    #expect(check(report, "data folder")?.status == .fixed)
    #expect(check(report, "permissions")?.status == .fixed)
    #expect(mode(folder.url.path) == 0o700)
    #expect(mode(path) == 0o600)
    #expect(mode(path + ".lock") == 0o600)
    let again = DatabaseDoctor.examine(directory: folder.url)
    #expect(again.checks.allSatisfy { $0.status == .ok || $0.status == .notApplicable })
  }

  @Test func aDamagedDatabaseIsCopiedIntoANewOneAndNeverWritten() throws {
    let folder = try TemporaryFolder()
    let path = try DatabaseFiles.makeDatabase(in: folder.url, answers: 768)
    let leaves = Array(try DatabaseFiles.answerLeafPages(of: path).dropFirst(4).prefix(2))
    let lost = try DatabaseQueue(path: path).read { db in
      try Int.fetchOne(
        db,
        sql: "SELECT SUM(ncell) FROM dbstat WHERE name = 'answer' AND pageno IN (?, ?)",
        arguments: [leaves[0], leaves[1]])
    }
    try DatabaseFiles.damage(path, pages: leaves)
    let before = try DatabaseFiles.contents(of: folder.url)

    let report = DatabaseDoctor.examine(directory: folder.url)
    #expect(!report.isHealthy)
    #expect(check(report, "database")?.status == .problem)
    let copy = try #require(check(report, "copy"))
    #expect(copy.fix?.contains("mv '\(path)' '\(path).damaged' && mv '") == true)
    let recoveredPath = try #require(report.recoveredDatabase)
    var after = try DatabaseFiles.contents(of: folder.url)
    after[(recoveredPath as NSString).lastPathComponent] = nil
    #expect(after == before)

    let recovered = try AnswerStore(path: recoveredPath)
    let answers = try recovered.answers()
    #expect(answers.count == 768 - (lost ?? 0))
    #expect(answers.count < 768)
    #expect(try recovered.evidence().count == answers.count)
    #expect(try recovered.cards().count == answers.count)
    #expect(try recovered.checkAggregates() == [])
    #expect(copy.detail.hasPrefix("copied \(answers.count) answers into "))
  }

  @Test func aLogWrittenForAnotherDatabaseIsMovedAside() throws {
    let mine = try TemporaryFolder()
    let path = try DatabaseFiles.makeDatabase(in: mine.url, answers: 5)
    let other = try TemporaryFolder()
    let running = try AnswerStore.open(directory: other.url)
    try DatabaseFiles.addAnswers(2, to: running, prefix: "docker.q")
    try FileManager.default.copyItem(atPath: running.path + "-wal", toPath: path + "-wal")

    let report = DatabaseDoctor.examine(directory: mine.url)
    #expect(report.isHealthy)
    let log = try #require(check(report, "write-ahead log"))
    #expect(log.status == .fixed)
    #expect(log.detail.contains("never replayed"))
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    #expect(try AnswerStore.open(directory: mine.url).answers().count == 5)
  }

  @Test func anotherProgramsDatabaseIsReportedAndLeftAsItIs() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent(AnswerStore.fileName).path
    let queue = try DatabaseQueue(path: path)
    try queue.write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
    try queue.close()
    chmod(path, 0o644)
    let before = try DatabaseFiles.contents(of: folder.url)
    let report = DatabaseDoctor.examine(directory: folder.url)
    #expect(!report.isHealthy)
    #expect(check(report, "database")?.detail.contains("another program's") == true)
    #expect(try DatabaseFiles.contents(of: folder.url) == before)
    #expect(mode(path) == 0o644)
  }
}
