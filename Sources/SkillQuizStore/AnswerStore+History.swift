import Foundation
import GRDB
import SkillQuizKit

/// Reads of the history that never load every answer: the running totals of
/// `HistoryAggregates` and indexed queries.
extension AnswerStore {
  /// Standings per area and topic and overall, with the last `trendLength` quizzes of each.
  public func standings(trendLength: Int = 8) throws(StoreError) -> StandingReport {
    try read { db in
      var areas: [String: Standing] = [:]
      var topics: [String: Standing] = [:]
      var overall = Standing()
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT scope, answered, correct, credit_micros, last_practiced FROM standing
          WHERE answered > 0
          """)
      while let row = try rows.next() {
        let scope: String = row[0]
        var standing = Standing()
        standing.answeredCount = row[1]
        standing.correctCount = row[2]
        standing.scoreSum = Double(row[3] as Int64) / 1_000_000
        standing.lastPracticed = row[4]
        standing.recentQuizFractions = try Self.recentQuizFractions(
          db, scope: scope, limit: trendLength)
        if scope.isEmpty {
          overall = standing
        } else if scope.contains("/") {
          topics[scope] = standing
        } else {
          areas[scope] = standing
        }
      }
      return StandingReport(areas: areas, topics: topics, overall: overall)
    }
  }

  /// The mean credit of the last `limit` quizzes that touched `scope`, oldest first.
  private static func recentQuizFractions(_ db: Database, scope: String, limit: Int) throws
    -> [Double]
  {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT answered, credit_micros FROM quiz_standing WHERE scope = ?
        ORDER BY first_answered_at DESC, quiz_id DESC LIMIT ?
        """, arguments: [scope, limit])
    return rows.reversed().map { Double($0[1] as Int64) / 1_000_000 / Double($0[0] as Int) }
  }

  /// Review answers right and given, overall and per area id.
  public func reviewRetention() throws(StoreError) -> (
    overall: (right: Int, total: Int), byArea: [String: (right: Int, total: Int)]
  ) {
    try read { db in
      var overall = (right: 0, total: 0)
      var byArea: [String: (right: Int, total: Int)] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT scope, review_correct, review_answered FROM standing
          WHERE review_answered > 0 AND instr(scope, '/') = 0
          """)
      {
        let scope: String = row[0]
        let entry = (right: row[1] as Int, total: row[2] as Int)
        if scope.isEmpty { overall = entry } else { byArea[scope] = entry }
      }
      return (overall, byArea)
    }
  }

  /// The cards due before `date`, most overdue first, with their questions' misses.
  ///
  /// Reads the `card_by_due` index: only the cards due are visited.
  public func cards(dueBefore date: Date) throws(StoreError) -> [StoredCard] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT \(Self.storedCardColumns)
          FROM card LEFT JOIN question_stat USING (question_id)
          WHERE card.due < ? ORDER BY card.due, card.question_id
          """, arguments: [date]
      ).map(Self.storedCard(from:))
    }
  }

  /// The first card due after `date` (in due order) that `accept` takes, or nil.
  ///
  /// Reads the `card_by_due` index from `date` on and stops at the first card accepted.
  public func firstCard(dueAfter date: Date, where accept: (StoredCard) -> Bool)
    throws(StoreError) -> StoredCard?
  {
    do {
      return try pool.read { db -> StoredCard? in
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT \(Self.storedCardColumns)
            FROM card LEFT JOIN question_stat USING (question_id)
            WHERE card.due > ? ORDER BY card.due, card.question_id
            """, arguments: [date])
        while let row = try rows.next() {
          let card = Self.storedCard(from: row)
          if accept(card) { return card }
        }
        return nil
      }
    } catch let error as DatabaseError {
      throw Self.translate(error, path: path)
    } catch {
      throw .failed(path: path, reason: "\(error)")
    }
  }

  /// The cards of questions missed at least `StoredCard.leechThreshold` times.
  public func leechCards() throws(StoreError) -> [StoredCard] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT \(Self.storedCardColumns)
          FROM question_stat JOIN card USING (question_id)
          WHERE question_stat.misses >= ? ORDER BY card.due, card.question_id
          """, arguments: [StoredCard.leechThreshold]
      ).map(Self.storedCard(from:))
    }
  }

  /// The questions that have a card.
  public func cardQuestionIDs() throws(StoreError) -> [String] {
    try read { db in try String.fetchAll(db, sql: "SELECT question_id FROM card") }
  }

  /// The columns `storedCard(from:)` reads, by position (GRDB lowercases a name on every
  /// lookup, a fifth of a command's time with 100k cards).
  static let storedCardColumns = """
    card.question_id, card.area_id, card.topic_id, card.state, card.step, card.stability,
      card.difficulty, card.due, card.last_review, COALESCE(question_stat.misses, 0)
    """

  static func storedCard(from row: Row) -> StoredCard {
    StoredCard(
      questionID: row[0], areaID: row[1], topicID: row[2],
      card: FSRSCard(
        state: FSRSState(rawValue: row[3]) ?? .learning, step: row[4], stability: row[5],
        difficulty: row[6], due: row[7], lastReview: row[8]),
      misses: row[9])
  }

  /// The questions whose last non-skipped answer was wrong.
  public func lastMisses() throws(StoreError) -> [LastResult] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT question_id, area_id, topic_id, last_answered_at FROM question_stat
          WHERE last_correct = 0 ORDER BY last_answered_at, question_id
          """
      ).map {
        LastResult(
          questionID: $0[0], areaID: $0[1], topicID: $0[2], answeredAt: $0[3], isCorrect: false)
      }
    }
  }

  /// Wrong answers since `date`, keyed by `area/topic`.
  ///
  /// Reads the partial index `answer_recent_misses`, which holds only wrong answers.
  public func recentMisses(since date: Date) throws(StoreError) -> [String: Int] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT area_id, topic_id, COUNT(*) FROM answer INDEXED BY answer_recent_misses
          WHERE skipped = 0 AND correct = 0 AND answered_at >= ?
          GROUP BY area_id, topic_id
          """, arguments: [date]
      ).reduce(into: [:]) { $0["\($1[0] as String)/\($1[1] as String)"] = $1[2] }
    }
  }

  /// How many answers are stored.
  public func answerCount() throws(StoreError) -> Int {
    try read { db in
      try Self.withStreamingCache(db)
      defer { Self.restoreReaderCache(db) }
      return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer") ?? 0
    }
  }

  /// Gives a reader SQLite's default 2 MB cache for a read that passes each page once (a
  /// count, a stream): a reader's larger cache would only grow memory with the history.
  static func withStreamingCache(_ db: Database) throws {
    try db.execute(sql: "PRAGMA cache_size = -2000")
  }

  /// Gives a reader its usual cache back.
  static func restoreReaderCache(_ db: Database) {
    try? db.execute(sql: "PRAGMA cache_size = -\(readerCacheKiB)")
  }

  /// Whether every running total equals a recomputation from the answers; the tables that
  /// differ, as lines for people, otherwise.
  public func checkAggregates() throws(StoreError) -> [String] {
    try read { db in try HistoryAggregates.check(db).map(\.text) }
  }

  /// Computes every running total again from the answers (and every card by replay).
  public func rebuildAggregates(progress: any ProgressReporter = SilentProgress())
    throws(StoreError)
  {
    try write { db in
      try HistoryAggregates.rebuild(db, progress: progress)
      if try !HistoryAggregates.check(db).filter({ $0.table == "card" }).isEmpty {
        try CardReplay.rebuild(db)
      }
    }
  }
}

extension HistoryAggregates.Difference {
  /// "standing: 2 rows stored differ from a recomputation, 1 row missing".
  var text: String {
    if table == "card" {
      return "card: \(missing) answered \(missing == 1 ? "question has" : "questions have") no card"
    }
    var parts: [String] = []
    if stale > 0 { parts.append("\(stale) stored \(stale == 1 ? "row differs" : "rows differ")") }
    if missing > 0 { parts.append("\(missing) \(missing == 1 ? "row" : "rows") missing") }
    return "\(table): " + parts.joined(separator: ", ")
  }
}
