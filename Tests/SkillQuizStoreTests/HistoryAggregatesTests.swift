import Foundation
import GRDB
import HistoryReference
import SkillQuizKit
import Synchronization
import Testing

@testable import SkillQuizStore

/// Random histories: areas, topics, modes, days, skips, unsure marks, partial credit, quizzes
/// and answers without one, and now and then a clock set back.
struct RandomHistory {
  static let areas = ["git": ["basics", "remotes"], "sql": ["joins", "indexes"], "k8s": ["pods"]]

  static func answers(seed: UInt64, count: Int, quizIDs: [Int64]) -> [AnswerRecord] {
    var random = SeededRandom(seed: seed)
    let base = Date(timeIntervalSince1970: 1_780_000_000)
    var clock = base
    return (0..<count).map { _ in
      let area = areas.keys.sorted()[Int.random(in: 0..<areas.count, using: &random)]
      let topics = areas[area] ?? []
      let topic = topics[Int.random(in: 0..<topics.count, using: &random)]
      let skipped = Double.random(in: 0..<1, using: &random) < 0.12
      let score = [0, 0.5, 1, 1, 1 / 3.0][Int.random(in: 0..<5, using: &random)]
      // Mostly forward, up to two days at a time; sometimes back, as a clock set back would.
      let step = Double.random(in: -3_600...172_800, using: &random)
      clock = clock.addingTimeInterval(step)
      let quiz =
        quizIDs.isEmpty || Bool.random(using: &random) && Bool.random(using: &random)
        ? nil : quizIDs[Int.random(in: 0..<quizIDs.count, using: &random)]
      return AnswerRecord(
        quizID: quiz, questionID: "\(area).\(topic).q\(Int.random(in: 0..<6, using: &random))",
        areaID: area, topicID: topic, difficulty: .medium,
        mode: AnswerMode.allCases[Int.random(in: 0..<4, using: &random)],
        response: skipped ? nil : "a", score: skipped ? 0 : score, isSkipped: skipped,
        isUnsure: Double.random(in: 0..<1, using: &random) < 0.15, answeredAt: clock,
        duration: Bool.random(using: &random) ? Double.random(in: 1...90, using: &random) : nil)
    }
  }

  /// Records a random history, one answer at a time and in batches.
  static func record(seed: UInt64, count: Int, into store: AnswerStore) throws {
    var quizzes: [Int64] = []
    for index in 0..<4 {
      quizzes.append(
        try store.startQuiz(
          scope: "all", requestedCount: 10, difficulty: nil, seed: nil,
          at: Date(timeIntervalSince1970: 1_780_000_000 + Double(index))))
    }
    let answers = Self.answers(seed: seed, count: count, quizIDs: quizzes)
    var index = 0
    var random = SeededRandom(seed: seed ^ 0xabc)
    while index < answers.count {
      if Bool.random(using: &random) {
        try store.record(answers[index], fuzzSeed: UInt64(index))
        index += 1
      } else {
        let end = min(answers.count, index + Int.random(in: 1...7, using: &random))
        try store.record(contentsOf: Array(answers[index..<end]))
        index = end
      }
    }
  }
}

/// Checks everything the store reads from its totals against the reference computations over
/// every answer.
func expectAggregatesMatchAnswers(_ store: AnswerStore, now: Date) throws {
  #expect(try store.checkAggregates() == [])
  let answers = try store.answers()
  let reference = StandingReport(answers: answers)
  let stored = try store.standings()
  func same(_ lhs: Standing, _ rhs: Standing, _ key: String) {
    #expect(lhs.answeredCount == rhs.answeredCount, "\(key)")
    #expect(lhs.correctCount == rhs.correctCount, "\(key)")
    // Credit is summed in millionths: at most half a millionth off per answer.
    #expect(
      abs(lhs.scoreSum - rhs.scoreSum) <= 5e-7 * Double(max(1, lhs.answeredCount)), "\(key)")
    #expect(lhs.lastPracticed == rhs.lastPracticed, "\(key)")
    #expect(lhs.recentQuizFractions.count == rhs.recentQuizFractions.count, "\(key)")
    for (left, right) in zip(lhs.recentQuizFractions, rhs.recentQuizFractions) {
      #expect(abs(left - right) <= 5e-7, "\(key)")
    }
  }
  same(stored.overall, reference.overall, "overall")
  #expect(Set(stored.areas.keys) == Set(reference.areas.keys))
  #expect(Set(stored.topics.keys) == Set(reference.topics.keys))
  for (key, standing) in reference.areas { same(stored.area(key), standing, key) }
  for (key, standing) in reference.topics { same(stored.topics[key] ?? Standing(), standing, key) }

  let misses = LastResult.latest(answers).filter { !$0.isCorrect }
  #expect(Set(try store.lastMisses()) == Set(misses))
  var seen: [String: Date] = [:]
  for answer in answers {
    seen[answer.questionID] = max(seen[answer.questionID] ?? .distantPast, answer.answeredAt)
  }
  #expect(try store.lastAnsweredDates() == seen)
  let since = now.addingTimeInterval(-WeakAreas.recentWindow)
  var recent: [String: Int] = [:]
  for answer in answers where !answer.isSkipped && !answer.isCorrect && answer.answeredAt >= since {
    recent["\(answer.areaID)/\(answer.topicID)", default: 0] += 1
  }
  #expect(try store.recentMisses(since: since) == recent)
  let reviews = answers.filter { $0.mode == .review && !$0.isSkipped }
  let retention = try store.reviewRetention()
  #expect(retention.overall.right == reviews.filter(\.isCorrect).count)
  #expect(retention.overall.total == reviews.count)
  for (area, entry) in retention.byArea {
    #expect(entry.total == reviews.filter { $0.areaID == area }.count)
  }
  for quiz in try store.quizzes() {
    let mine = answers.filter { $0.quizID == quiz.id }
    #expect(quiz.answeredCount == mine.filter { !$0.isSkipped }.count)
    #expect(quiz.skippedCount == mine.filter(\.isSkipped).count)
    #expect(quiz.correctCount == mine.filter(\.isCorrect).count)
  }
  for card in try store.cards() {
    let missed = answers.filter {
      $0.questionID == card.questionID && !$0.isSkipped && !$0.isCorrect
    }
    #expect(card.misses == missed.count)
  }
  let evidence = Dictionary(uniqueKeysWithValues: try store.evidence().map { ($0.questionID, $0) })
  let firsts = Dictionary(grouping: answers, by: \.questionID).compactMapValues(\.first)
  #expect(evidence.count == firsts.count)
  for (id, first) in firsts {
    #expect(
      evidence[id]?.isCorrect == first.isCorrect && evidence[id]?.isSkipped == first.isSkipped)
  }
}

/// Hears progress, for checking what a migration reports.
final class RecordingProgress: ProgressReporter {
  let events = Mutex<[String]>([])
  func begin(_ title: String, total: Int, unit: ProgressUnit) {
    events.withLock { $0.append("begin \(total)") }
  }
  func advance(to completed: Int) { events.withLock { $0.append("advance \(completed)") } }
  func end() { events.withLock { $0.append("end") } }
}

@Suite struct HistoryAggregatesTests {
  @Test(arguments: Array(UInt64(1)...12))
  func aggregatesEqualARecomputationOnRandomHistories(seed: UInt64) throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    try RandomHistory.record(seed: seed, count: 150 + Int(seed) * 13, into: store)
    try expectAggregatesMatchAnswers(
      store, now: Date(timeIntervalSince1970: 1_780_000_000 + 86_400 * 40))
  }

  @Test func aRebuildFromTheAnswersGivesTheSameTotals() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    try RandomHistory.record(seed: 99, count: 300, into: store)
    let before = try store.standings()
    try store.rebuildAggregates()
    #expect(try store.checkAggregates() == [])
    #expect(try store.standings().overall == before.overall)
  }

  @Test func aDamagedTotalIsFoundAndRebuilt() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    try RandomHistory.record(seed: 5, count: 120, into: store)
    try store.write { db in
      try db.execute(sql: "UPDATE standing SET answered = answered + 1 WHERE scope = 'git'")
      try db.execute(
        sql: "DELETE FROM question_stat WHERE rowid IN (SELECT rowid FROM question_stat LIMIT 2)")
    }
    let found = try store.checkAggregates()
    #expect(
      found == ["standing: 1 stored row differs, 1 row missing", "question_stat: 2 rows missing"])
    try store.rebuildAggregates()
    try expectAggregatesMatchAnswers(store, now: Date(timeIntervalSince1970: 1_780_000_000))
  }

  @Test func aFailingTotalRollsTheAnswerBack() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    let answers = RandomHistory.answers(seed: 3, count: 3, quizIDs: [])
    try store.record(answers[0])
    try store.write { db in
      try db.execute(
        sql: """
          CREATE TRIGGER refuse BEFORE UPDATE ON standing
          BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
          """)
    }
    #expect(throws: StoreError.self) { try store.record(answers[1]) }
    #expect(throws: StoreError.self) { try store.record(contentsOf: [answers[1], answers[2]]) }
    #expect(try store.answerCount() == 1)
    #expect(try store.evidence().count == 1)
    #expect(try store.cards().count <= 1)
    try store.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
    try store.record(contentsOf: [answers[1], answers[2]])
    #expect(try store.answerCount() == 3)
    try expectAggregatesMatchAnswers(store, now: answers[2].answeredAt)
  }

  @Test func aVersion7DatabaseWithAnswersGetsItsTotalsBuilt() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent(AnswerStore.fileName).path
    let answers = RandomHistory.answers(seed: 21, count: 400, quizIDs: [1, 2, 3])
    do {
      let queue = try DatabaseQueue(path: path)
      try StoreMigrations.migrator.migrate(queue, upTo: "v7-application-id-and-identity")
      // What skillquiz before version 8 stored: answers, first answers and cards.
      try queue.write { db in
        for quiz in 1...3 {
          try db.execute(
            sql: """
              INSERT INTO quiz (id, started_at, scope, requested_count, status)
              VALUES (?, ?, 'all', 10, 'completed')
              """, arguments: [quiz, Date(timeIntervalSince1970: 1_780_000_000)])
        }
        for answer in answers {
          try db.execute(
            sql: """
              INSERT INTO answer (quiz_id, question_id, area_id, topic_id, difficulty, mode,
                response, score, correct, skipped, unsure, answered_at, duration_ms)
              VALUES (?, ?, ?, ?, 'medium', ?, ?, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              answer.quizID, answer.questionID, answer.areaID, answer.topicID,
              answer.mode.rawValue, answer.response, answer.score, answer.isCorrect,
              answer.isSkipped, answer.isUnsure, answer.answeredAt,
              answer.duration.map { Int64($0 * 1000) },
            ])
        }
        try db.execute(
          sql: """
            INSERT INTO first_answer (question_id, answer_id, correct, skipped, answered_at)
            SELECT question_id, id, correct, skipped, answered_at FROM (
              SELECT *, ROW_NUMBER() OVER (
                PARTITION BY question_id ORDER BY answered_at, id) AS position FROM answer)
            WHERE position = 1
            """)
        try CardReplay.rebuild(db)
      }
    }
    let progress = RecordingProgress()
    let store = try AnswerStore(path: path, progress: progress)
    #expect(try store.appliedMigrations().contains(HistoryAggregates.migration))
    let events = progress.events.withLock { $0 }
    #expect(events.first == "begin \(HistoryAggregates.tables.count)")
    #expect(events.last == "end")
    #expect(events.contains("advance \(HistoryAggregates.tables.count)"))
    try expectAggregatesMatchAnswers(
      store, now: Date(timeIntervalSince1970: 1_780_000_000 + 86_400 * 100))
  }

  @Test func theHotQueriesReadTheirIndexes() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    try RandomHistory.record(seed: 8, count: 50, into: store)
    func plan(_ sql: String) throws -> String {
      try store.read { db in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
          .joined(separator: " | ")
      }
    }
    let median = try plan(
      """
      SELECT duration_ms FROM answer
      WHERE skipped = 0 AND correct = 1 AND duration_ms IS NOT NULL
      ORDER BY answered_at DESC, id DESC LIMIT 200
      """)
    #expect(median.contains("answer_recent_right_timed"), "\(median)")
    #expect(!median.contains("TEMP B-TREE"), "\(median)")
    let export = try plan(AnswerRowDecoder.sql)
    #expect(export.contains("answer_by_time"), "\(export)")
    #expect(!export.contains("TEMP B-TREE"), "\(export)")
    let due = try plan(
      """
      SELECT card.*, COALESCE(question_stat.misses, 0) AS misses
      FROM card LEFT JOIN question_stat USING (question_id)
      WHERE card.due < '2030-01-01' ORDER BY card.due, card.question_id
      """)
    #expect(due.contains("card_by_due"), "\(due)")
    let misses = try plan(
      """
      SELECT area_id, topic_id, COUNT(*) FROM answer INDEXED BY answer_recent_misses
      WHERE skipped = 0 AND correct = 0 AND answered_at >= '2026-01-01'
      GROUP BY area_id, topic_id
      """)
    #expect(misses.contains("answer_recent_misses"), "\(misses)")
    let trend = try plan(
      """
      SELECT answered, credit_micros FROM quiz_standing WHERE scope = 'git'
      ORDER BY first_answered_at DESC, quiz_id DESC LIMIT 8
      """)
    #expect(trend.contains("quiz_standing_by_time"), "\(trend)")
    #expect(!trend.contains("TEMP B-TREE"), "\(trend)")
  }
}
