import Foundation
import GRDB
import SkillQuizKit

/// Keeps FSRS cards in step with answers: one card per answered question.
enum CardReplay {
  /// The scheduler for the database's desired retention.
  static func scheduler(_ db: Database) throws -> FSRSScheduler {
    let stored = try String.fetchOne(
      db.cachedStatement(sql: "SELECT value FROM setting WHERE key = 'desired_retention'"))
    return FSRSScheduler(desiredRetention: stored.flatMap(Double.init) ?? 0.9)
  }

  /// How many recent right answers the median answer time is taken over.
  static let medianWindow = 200

  /// The median answer time of recent right answers, for the rating's speed rules.
  ///
  /// The partial index `answer_recent_right_timed` holds exactly these answers in time order,
  /// so this reads `medianWindow` index entries whatever the history's size.
  static func medianDuration(_ db: Database) throws -> Double? {
    let millis = try Int64.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT duration_ms FROM answer
          WHERE skipped = 0 AND correct = 1 AND duration_ms IS NOT NULL
          ORDER BY answered_at DESC, id DESC LIMIT \(medianWindow)
          """))
    return ReviewRating.median(millis.map { Double($0) / 1000 })
  }

  /// The card of a question, if it has one.
  static func card(_ db: Database, questionID: String) throws -> FSRSCard? {
    guard
      let row = try Row.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM card WHERE question_id = ?"),
        arguments: [questionID])
    else { return nil }
    return card(from: row)
  }

  static func card(from row: Row) -> FSRSCard {
    FSRSCard(
      state: FSRSState(rawValue: row["state"]) ?? .learning, step: row["step"],
      stability: row["stability"], difficulty: row["difficulty"], due: row["due"],
      lastReview: row["last_review"])
  }

  /// Applies one answer to its question's card and logs the review; skips change nothing.
  static func apply(
    _ answer: AnswerRecord, answerID: Int64?, db: Database, scheduler: FSRSScheduler,
    medianDuration: Double?, fuzzSeed: UInt64
  ) throws {
    let existing = try card(db, questionID: answer.questionID)
    guard
      let rating = ReviewRating.rating(
        for: answer, medianDuration: medianDuration, cardState: existing?.state)
    else { return }
    let before = existing ?? FSRSCard(due: answer.answeredAt)
    var random = SeededRandom(seed: fuzzSeed)
    let after = scheduler.review(before, rating: rating, at: answer.answeredAt, using: &random)
    try db.cachedStatement(
      sql: """
        INSERT INTO card (question_id, area_id, topic_id, state, step, stability, difficulty,
          due, last_review, reviews, lapses)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
        ON CONFLICT(question_id) DO UPDATE SET
          area_id = excluded.area_id, topic_id = excluded.topic_id, state = excluded.state,
          step = excluded.step, stability = excluded.stability,
          difficulty = excluded.difficulty, due = excluded.due,
          last_review = excluded.last_review, reviews = card.reviews + 1,
          lapses = card.lapses + excluded.lapses
        """
    ).execute(arguments: [
      answer.questionID, answer.areaID, answer.topicID, after.state.rawValue, after.step,
      after.stability, after.difficulty, after.due, after.lastReview,
      rating == .again && before.state == .review ? 1 : 0,
    ])
    try db.cachedStatement(
      sql: """
        INSERT INTO review_log (answer_id, question_id, rating, state_before, reviewed_at,
          due_after, duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [
      answerID, answer.questionID, rating.rawValue, before.state.rawValue, answer.answeredAt,
      after.due, answer.duration.map { Int64(($0 * 1000).rounded()) },
    ])
  }

  /// Rebuilds every card by replaying the answer history in order.
  static func rebuild(_ db: Database) throws {
    try db.execute(sql: "DELETE FROM card; DELETE FROM review_log;")
    let scheduler = try scheduler(db)
    let median = try medianDuration(db)
    let rows = try Row.fetchAll(db, sql: "SELECT * FROM answer ORDER BY answered_at, id")
    for row in rows {
      let answer = AnswerStore.answer(from: row)
      try apply(
        answer, answerID: row["id"], db: db, scheduler: scheduler, medianDuration: median,
        fuzzSeed: seed(for: answer))
    }
  }

  /// The fuzz seed a replay gives an answer's card: stable across runs.
  static func seed(for answer: AnswerRecord) -> UInt64 {
    var hasher = StableSeed()
    hasher.combine(answer.questionID)
    hasher.combine(String(answer.answeredAt.timeIntervalSince1970))
    return hasher.value
  }
}

/// A seed derived from text, stable across runs (FNV-1a).
struct StableSeed {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func combine(_ text: String) {
    for byte in text.utf8 {
      value ^= UInt64(byte)
      value &*= 0x0000_0100_0000_01B3
    }
  }
}
