import Foundation
import GRDB
import SkillQuizKit
import Testing

@testable import SkillQuizStore

/// A fresh folder per test, removed afterwards.
struct TemporaryFolder: ~Copyable {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "skillquiz-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}

private func answer(quiz: Int64?, _ id: String, score: Double, at seconds: Double) -> AnswerRecord {
  AnswerRecord(
    quizID: quiz, questionID: id, areaID: "git", topicID: "basics", difficulty: .medium,
    response: "a", score: score, answeredAt: Date(timeIntervalSince1970: seconds), duration: 1.25)
}

private func permissions(_ path: String) throws -> Int {
  let attributes = try FileManager.default.attributesOfItem(atPath: path)
  return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

struct AnswerStoreTests {
  @Test func theDataFolderIsPrivateAndTheDatabaseOwnerOnly() throws {
    let folder = try TemporaryFolder()
    let data = folder.url.appendingPathComponent("nested/data")
    let store = try AnswerStore.open(directory: data)
    #expect(try permissions(data.path) == 0o700)
    #expect(try permissions(store.path) == 0o600)
  }

  @Test func answersSurviveClosingAndReopening() throws {
    let folder = try TemporaryFolder()
    do {
      let store = try AnswerStore.open(directory: folder.url)
      let quiz = try store.startQuiz(
        scope: "git", requestedCount: 2, difficulty: .hard, seed: 7,
        at: Date(timeIntervalSince1970: 100))
      try store.record(answer(quiz: quiz, "git.a", score: 1, at: 101))
      try store.record(answer(quiz: quiz, "git.b", score: 0.5, at: 102))
      try store.finishQuiz(id: quiz, status: .completed, at: Date(timeIntervalSince1970: 103))
    }
    let reopened = try AnswerStore.open(directory: folder.url)
    let answers = try reopened.answers()
    #expect(answers.map(\.questionID) == ["git.a", "git.b"])
    #expect(answers.first?.duration == 1.25)
    #expect(answers.last?.score == 0.5)
    let quiz = try #require(try reopened.quizzes().first)
    #expect(quiz.scope == "git")
    #expect(quiz.difficulty == .hard)
    #expect(quiz.status == .completed)
    #expect(quiz.answeredCount == 2)
    #expect(quiz.correctCount == 1)
    #expect(quiz.fraction == 0.75)
  }

  @Test func skippedQuestionsCountAsSeenButNotAsAnswered() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    let quiz = try store.startQuiz(
      scope: "git", requestedCount: 2, difficulty: nil, seed: nil, at: .now)
    var skipped = answer(quiz: quiz, "git.skip", score: 0, at: 50)
    skipped.isSkipped = true
    skipped.response = nil
    try store.record(skipped)
    try store.record(answer(quiz: quiz, "git.right", score: 1, at: 60))
    let record = try #require(try store.quizzes().first)
    #expect(record.answeredCount == 1)
    #expect(record.skippedCount == 1)
    #expect(Set(try store.lastAnsweredDates().keys) == ["git.skip", "git.right"])
  }

  @Test func migrationsAreVersionedAndApplyOnce() throws {
    let folder = try TemporaryFolder()
    let first = try AnswerStore.open(directory: folder.url)
    #expect(try first.appliedMigrations().count == 10)
    try first.record(answer(quiz: nil, "git.a", score: 1, at: 1))
    let second = try AnswerStore.open(directory: folder.url)
    #expect(
      try second.appliedMigrations() == [
        "v1-quizzes-and-answers", "v2-review-cards", "v3-assessments-and-calibration",
        "v4-calibrated-discrimination", "v5-imported-openings",
        "v6-evidence-and-incomplete-assessments", "v7-application-id-and-identity",
        "v8-history-aggregates", "v9-openings-index", "v10-answers-by-time",
      ])
    #expect(try second.answers().count == 1)
  }

  @Test func aDatabaseFromANewerVersionIsLeftAlone() throws {
    let folder = try TemporaryFolder()
    let path = try AnswerStore.open(directory: folder.url).path
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
    }
    try queue.close()
    #expect {
      try AnswerStore.open(directory: folder.url)
    } throws: { error in
      guard case .tooNew(let reported, let migration) = error as? StoreError else { return false }
      return reported == path && migration == "v9-from-the-future"
    }
  }

  @Test func aCorruptDatabaseIsReportedWithItsPathAndNotTouched() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent(AnswerStore.fileName).path
    let garbage = Data(repeating: 0x42, count: 8192)
    try garbage.write(to: URL(fileURLWithPath: path))
    var message = ""
    #expect {
      try AnswerStore.open(directory: folder.url)
    } throws: { error in
      message = "\(error)"
      guard case .notADatabase(let reported, _) = error as? StoreError else { return false }
      return reported == path
    }
    #expect(message.contains(path))
    #expect(message.contains("move it aside"))
    #expect(message.contains("nothing was written to it"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
  }

  @Test func aDataFolderThatIsAFileIsAClearError() throws {
    let folder = try TemporaryFolder()
    let file = folder.url.appendingPathComponent("not-a-folder")
    try Data("x".utf8).write(to: file)
    #expect {
      try AnswerStore.open(directory: file)
    } throws: { error in
      "\(error)".contains(file.path) && "\(error)".contains("--data-dir")
    }
  }

  @Test func aDatabaseThatCannotBeWrittenNamesItsPath() {
    #expect {
      try AnswerStore(path: "/proc/skillquiz-test.sqlite")
    } throws: { error in
      guard case .notWritable(let path) = error as? StoreError else { return false }
      return path == "/proc/skillquiz-test.sqlite" && "\(error)".contains("cannot be written")
    }
  }

  @Test func twoStoresOnOneFileCanWriteAtTheSameTime() async throws {
    let folder = try TemporaryFolder()
    let first = try AnswerStore.open(directory: folder.url)
    let second = try AnswerStore.open(directory: folder.url)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (index, store) in [first, second].enumerated() {
        group.addTask {
          for n in 0..<100 {
            try store.record(answer(quiz: nil, "q\(index)-\(n)", score: 1, at: Double(n)))
          }
        }
      }
      try await group.waitForAll()
    }
    let answers = try first.answers()
    #expect(answers.count == 200)
    #expect(Set(answers.map(\.questionID)).count == 200)
  }
}

struct ReviewCardStoreTests {
  private func answer(_ id: String, score: Double, day: Double, skipped: Bool = false)
    -> AnswerRecord
  {
    AnswerRecord(
      quizID: nil, questionID: id, areaID: "git", topicID: "basics", difficulty: .medium,
      response: skipped ? nil : "a", score: score, isSkipped: skipped,
      answeredAt: Date(timeIntervalSince1970: 1_790_000_000 + day * 86_400), duration: 8)
  }

  /// The migration to v6 rebuilds the evidence (each question's first answer) from the stored
  /// answers; from then on every recorded answer keeps it.
  @Test func theEvidenceIsRebuiltFromStoredAnswersAndKeptFromThenOn() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent(AnswerStore.fileName).path
    let queue = try DatabaseQueue(path: path)
    try StoreMigrations.migrator.migrate(queue, upTo: "v5-imported-openings")
    let history = [
      answer("git.a", score: 0, day: 0), answer("git.a", score: 1, day: 3),
      answer("git.b", score: 1, day: 1), answer("git.c", score: 0, day: 2, skipped: true),
      answer("git.c", score: 1, day: 4),
    ]
    try queue.write { db in
      for item in history.reversed() {
        try db.execute(
          sql: """
            INSERT INTO answer (question_id, area_id, topic_id, difficulty, mode, response, score,
              correct, skipped, unsure, answered_at, duration_ms)
            VALUES (?, 'git', 'basics', 'medium', 'quiz', ?, ?, ?, ?, 0, ?, 8000)
            """,
          arguments: [
            item.questionID, item.response, item.score, item.isCorrect, item.isSkipped,
            item.answeredAt,
          ])
      }
    }
    try queue.close()
    let store = try AnswerStore(path: path)
    let evidence = try store.evidence()
    #expect(evidence.map(\.questionID) == ["git.a", "git.b", "git.c"])
    #expect(evidence.map(\.isCorrect) == [false, true, false])
    #expect(evidence.map(\.isSkipped) == [false, false, true])
    try store.record(answer("git.b", score: 0, day: 9))
    try store.record(answer("git.d", score: 1, day: 9))
    let after = try store.evidence()
    #expect(after.map(\.questionID) == ["git.a", "git.b", "git.c", "git.d"])
    #expect(after.map(\.isCorrect) == [false, true, false, true])
  }

  @Test func aDatabaseWithOnlyAnswersGetsCardsByReplayingThem() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent(AnswerStore.fileName).path
    let queue = try DatabaseQueue(path: path)
    try StoreMigrations.migrator.migrate(queue, upTo: "v1-quizzes-and-answers")
    let history = [
      answer("git.a", score: 1, day: 0), answer("git.a", score: 0, day: 3),
      answer("git.b", score: 1, day: 1), answer("git.c", score: 0, day: 2, skipped: true),
    ]
    try queue.write { db in
      for item in history {
        try db.execute(
          sql: """
            INSERT INTO answer (question_id, area_id, topic_id, difficulty, mode, response, score,
              correct, skipped, unsure, answered_at, duration_ms)
            VALUES (?, 'git', 'basics', 'medium', 'quiz', ?, ?, ?, ?, 0, ?, 8000)
            """,
          arguments: [
            item.questionID, item.response, item.score, item.isCorrect, item.isSkipped,
            item.answeredAt,
          ])
      }
    }
    try queue.close()
    let store = try AnswerStore(path: path)
    #expect(try store.answers().count == 4)
    let cards = try store.cards()
    #expect(
      cards.map(\.questionID) == ["git.b", "git.a"]
        || cards.map(\.questionID) == ["git.a", "git.b"])
    let a = try #require(cards.first { $0.questionID == "git.a" })
    #expect(a.misses == 1)
    #expect(a.card.lastReview == history[1].answeredAt)
    #expect(a.card.state == .learning)
    var random = SeededRandom(seed: 0)
    let scheduler = FSRSScheduler(enableFuzzing: false)
    let first = scheduler.review(
      FSRSCard(due: history[0].answeredAt), rating: .good, at: history[0].answeredAt, using: &random
    )
    let expected = scheduler.review(
      first, rating: .again, at: history[1].answeredAt, using: &random)
    #expect(a.card.stability == expected.stability)
    #expect(a.card.difficulty == expected.difficulty)
  }

  @Test func everyAnswerUpdatesItsCardInTheSameCommit() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    try store.record(answer("git.a", score: 1, day: 0))
    try store.record(answer("git.a", score: 1, day: 0.01))
    let card = try #require(try store.cards().first)
    #expect(card.card.state == .review)
    #expect(card.card.due > Date(timeIntervalSince1970: 1_790_000_000 + 86_400))
    try store.record(answer("git.z", score: 0, day: 1, skipped: true))
    #expect(try store.cards().count == 1)
  }

  @Test func aQuestionMissedEightTimesBecomesALeech() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    for day in 0..<7 { try store.record(answer("git.hard", score: 0, day: Double(day))) }
    #expect(try store.cards().first?.isLeech == false)
    try store.record(answer("git.hard", score: 0, day: 7))
    let card = try #require(try store.cards().first)
    #expect(card.misses == 8)
    #expect(card.isLeech)
  }

  @Test func changingTheDesiredRetentionReschedulesEveryCard() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    try store.record(answer("git.a", score: 1, day: 0))
    try store.record(answer("git.a", score: 1, day: 0.01))
    let before = try #require(try store.cards().first).card.due
    try store.setDesiredRetention(0.8)
    #expect(try store.desiredRetention() == 0.8)
    let after = try #require(try store.cards().first).card.due
    #expect(after > before)
  }
}
