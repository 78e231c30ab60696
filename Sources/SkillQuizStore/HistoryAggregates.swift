import Foundation
import GRDB
import SkillQuizKit

/// The running totals kept beside the answers, so that no command reads every answer.
///
/// `record` updates them in the answer's own transaction; `rebuild` computes them again from
/// the answer table; `check` compares the two. Each table has one query that computes it from
/// the answers (`recomputation`) and one that reads it as stored (`stored`), column for column,
/// so that the check is a set difference in SQLite.
///
/// | table | one row per | holds |
/// |---|---|---|
/// | `standing` | scope: "" (everything), area, `area/topic` | answered, right, skipped, unsure, credit, last practice, review answers and right |
/// | `quiz_standing` | quiz and scope | non-skipped answers, credit, first answer time (for trends) |
/// | `quiz_total` | quiz | answered, skipped, right, credit (for `history`) |
/// | `question_stat` | question | last seen (skips too), last non-skipped answer and its result, misses |
/// | `first_answer` | question | the evidence: its first answer |
enum HistoryAggregates {
  /// The migration that made the tables and built them from the answers.
  static let migration = "v8-history-aggregates"

  /// One aggregate table: how to compute it from the answers and how to read it back.
  struct Table: Sendable {
    let name: String
    /// `SELECT` of every row computed from `answer`, columns in `columns` order.
    let recomputation: String
    let columns: [String]

    var stored: String { "SELECT \(columns.joined(separator: ", ")) FROM \(name)" }

    var recomputed: String {
      "SELECT \(columns.joined(separator: ", ")) FROM (\(recomputation))"
    }
  }

  /// Credit is summed in millionths, as integers, so that a running sum equals a recomputed
  /// one exactly whatever the order of addition (as SQL: `CAST(score * 1e6 + 0.5 AS INTEGER)`).
  static func micros(_ score: Double) -> Int64 { Int64(max(score, 0) * 1_000_000 + 0.5) }

  /// The SQL of `micros` over the answer's score.
  private static let creditSQL = "CAST(MAX(score, 0) * 1000000 + 0.5 AS INTEGER)"

  /// Every answer three times, once per scope it counts in: everything, its area, its topic.
  private static let scoped = """
    SELECT '' AS scope, * FROM answer
    UNION ALL SELECT area_id AS scope, * FROM answer
    UNION ALL SELECT area_id || '/' || topic_id AS scope, * FROM answer
    """

  static let tables: [Table] = [
    Table(
      name: "standing",
      recomputation: """
        SELECT scope, SUM(skipped = 0) AS answered, SUM(correct) AS correct,
          SUM(skipped) AS skipped, SUM(unsure) AS unsure,
          SUM(CASE WHEN skipped = 0 THEN \(creditSQL) ELSE 0 END) AS credit_micros,
          MAX(CASE WHEN skipped = 0 THEN answered_at END) AS last_practiced,
          SUM(mode = 'review' AND skipped = 0) AS review_answered,
          SUM(mode = 'review' AND correct = 1) AS review_correct
        FROM (\(scoped)) GROUP BY scope
        """,
      columns: [
        "scope", "answered", "correct", "skipped", "unsure", "credit_micros", "last_practiced",
        "review_answered", "review_correct",
      ]),
    Table(
      name: "quiz_standing",
      recomputation: """
        SELECT scope, quiz_id, MIN(answered_at) AS first_answered_at, COUNT(*) AS answered,
          SUM(\(creditSQL)) AS credit_micros
        FROM (\(scoped)) WHERE quiz_id IS NOT NULL AND skipped = 0 GROUP BY scope, quiz_id
        """,
      columns: ["scope", "quiz_id", "first_answered_at", "answered", "credit_micros"]),
    Table(
      name: "quiz_total",
      recomputation: """
        SELECT quiz_id, SUM(skipped = 0) AS answered, SUM(skipped) AS skipped,
          SUM(correct) AS correct, SUM(CASE WHEN skipped = 0 THEN \(creditSQL) ELSE 0 END) AS credit_micros
        FROM answer WHERE quiz_id IS NOT NULL GROUP BY quiz_id
        """,
      columns: ["quiz_id", "answered", "skipped", "correct", "credit_micros"]),
    Table(
      name: "question_stat",
      recomputation: """
        SELECT seen.question_id, seen.last_seen_at, last.id AS last_answer_id,
          last.answered_at AS last_answered_at, last.area_id, last.topic_id,
          last.correct AS last_correct, COALESCE(seen.misses, 0) AS misses
        FROM (
          SELECT question_id, MAX(answered_at) AS last_seen_at,
            SUM(skipped = 0 AND correct = 0) AS misses
          FROM answer GROUP BY question_id) AS seen
        LEFT JOIN (
          SELECT * FROM (
            SELECT *, ROW_NUMBER() OVER (
              PARTITION BY question_id ORDER BY answered_at DESC, id DESC) AS position
            FROM answer WHERE skipped = 0)
          WHERE position = 1) AS last ON last.question_id = seen.question_id
        """,
      columns: [
        "question_id", "last_seen_at", "last_answer_id", "last_answered_at", "area_id",
        "topic_id", "last_correct", "misses",
      ]),
    Table(
      name: "first_answer",
      recomputation: """
        SELECT question_id, id AS answer_id, correct, skipped, answered_at FROM (
          SELECT *, ROW_NUMBER() OVER (
            PARTITION BY question_id ORDER BY answered_at, id) AS position
          FROM answer)
        WHERE position = 1
        """,
      columns: ["question_id", "answer_id", "correct", "skipped", "answered_at"]),
  ]

  /// Creates the tables and indexes (the first answer's table exists since v6).
  static func createSchema(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE standing (
          scope TEXT PRIMARY KEY,
          answered INTEGER NOT NULL,
          correct INTEGER NOT NULL,
          skipped INTEGER NOT NULL,
          unsure INTEGER NOT NULL,
          credit_micros INTEGER NOT NULL,
          last_practiced DATETIME,
          review_answered INTEGER NOT NULL,
          review_correct INTEGER NOT NULL
        );
        CREATE TABLE quiz_standing (
          scope TEXT NOT NULL,
          quiz_id INTEGER NOT NULL,
          first_answered_at DATETIME NOT NULL,
          answered INTEGER NOT NULL,
          credit_micros INTEGER NOT NULL,
          PRIMARY KEY (scope, quiz_id)
        ) WITHOUT ROWID;
        CREATE INDEX quiz_standing_by_time ON quiz_standing(scope, first_answered_at, quiz_id);
        CREATE TABLE quiz_total (
          quiz_id INTEGER PRIMARY KEY,
          answered INTEGER NOT NULL,
          skipped INTEGER NOT NULL,
          correct INTEGER NOT NULL,
          credit_micros INTEGER NOT NULL
        );
        CREATE TABLE question_stat (
          question_id TEXT PRIMARY KEY,
          last_seen_at DATETIME NOT NULL,
          last_answer_id INTEGER,
          last_answered_at DATETIME,
          area_id TEXT,
          topic_id TEXT,
          last_correct BOOLEAN,
          misses INTEGER NOT NULL
        );
        CREATE INDEX question_stat_missed ON question_stat(last_answered_at)
          WHERE last_correct = 0;
        CREATE INDEX quiz_by_start ON quiz(started_at, id);
        CREATE INDEX answer_recent_right_timed ON answer(answered_at)
          WHERE skipped = 0 AND correct = 1 AND duration_ms IS NOT NULL;
        CREATE INDEX answer_recent_misses ON answer(answered_at, area_id, topic_id)
          WHERE skipped = 0 AND correct = 0;
        """)
  }

  /// Adds one answer, just inserted with id `answerID`, to every total.
  static func add(_ answer: AnswerRecord, answerID: Int64, db: Database) throws {
    let skipped = answer.isSkipped
    let answered = skipped ? 0 : 1
    let correct = answer.isCorrect ? 1 : 0
    let credit = skipped ? 0 : micros(answer.score)
    let review = answer.mode == .review && !skipped
    let practiced: Date? = skipped ? nil : answer.answeredAt
    let scopes = [
      "", answer.areaID, StandingReport.key(area: answer.areaID, topic: answer.topicID),
    ]
    for scope in scopes {
      try db.cachedStatement(
        sql: """
          INSERT INTO standing (scope, answered, correct, skipped, unsure, credit_micros,
            last_practiced, review_answered, review_correct)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(scope) DO UPDATE SET
            answered = answered + excluded.answered, correct = correct + excluded.correct,
            skipped = skipped + excluded.skipped, unsure = unsure + excluded.unsure,
            credit_micros = credit_micros + excluded.credit_micros,
            last_practiced = CASE
              WHEN last_practiced IS NULL OR excluded.last_practiced > last_practiced
              THEN COALESCE(excluded.last_practiced, last_practiced) ELSE last_practiced END,
            review_answered = review_answered + excluded.review_answered,
            review_correct = review_correct + excluded.review_correct
          """
      ).execute(arguments: [
        scope, answered, correct, skipped ? 1 : 0, answer.isUnsure ? 1 : 0, credit, practiced,
        review ? 1 : 0, review && answer.isCorrect ? 1 : 0,
      ])
      if let quiz = answer.quizID, !skipped {
        try db.cachedStatement(
          sql: """
            INSERT INTO quiz_standing (scope, quiz_id, first_answered_at, answered, credit_micros)
            VALUES (?, ?, ?, 1, ?)
            ON CONFLICT(scope, quiz_id) DO UPDATE SET
              first_answered_at = MIN(first_answered_at, excluded.first_answered_at),
              answered = answered + 1, credit_micros = credit_micros + excluded.credit_micros
            """
        ).execute(arguments: [scope, quiz, answer.answeredAt, credit])
      }
    }
    if let quiz = answer.quizID {
      try db.cachedStatement(
        sql: """
          INSERT INTO quiz_total (quiz_id, answered, skipped, correct, credit_micros)
          VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(quiz_id) DO UPDATE SET
            answered = answered + excluded.answered, skipped = skipped + excluded.skipped,
            correct = correct + excluded.correct, credit_micros = credit_micros + excluded.credit_micros
          """
      ).execute(arguments: [quiz, answered, skipped ? 1 : 0, correct, credit])
    }
    try db.cachedStatement(
      sql: """
        INSERT INTO question_stat (question_id, last_seen_at, last_answer_id, last_answered_at,
          area_id, topic_id, last_correct, misses)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(question_id) DO UPDATE SET
          last_seen_at = MAX(last_seen_at, excluded.last_seen_at),
          misses = misses + excluded.misses
        """
    ).execute(arguments: [
      answer.questionID, answer.answeredAt, skipped ? nil : answerID, practiced,
      skipped ? nil : answer.areaID, skipped ? nil : answer.topicID,
      skipped ? nil : answer.isCorrect, skipped || answer.isCorrect ? 0 : 1,
    ])
    if !skipped {
      // The last answer is the latest by (time, id): an answer stored with an earlier time
      // (a clock set back) does not replace a later one.
      try db.cachedStatement(
        sql: """
          UPDATE question_stat SET last_answer_id = ?, last_answered_at = ?, area_id = ?,
            topic_id = ?, last_correct = ?
          WHERE question_id = ? AND (last_answered_at IS NULL
            OR (last_answered_at, last_answer_id) < (?, ?))
          """
      ).execute(arguments: [
        answerID, answer.answeredAt, answer.areaID, answer.topicID, answer.isCorrect,
        answer.questionID, answer.answeredAt, answerID,
      ])
    }
  }

  /// Computes every total again from the answers, reporting each table as it is done.
  static func rebuild(_ db: Database, progress: any ProgressReporter) throws {
    progress.begin("Building history totals", total: tables.count)
    defer { progress.end() }
    for (index, table) in tables.enumerated() {
      let columns = table.columns.joined(separator: ", ")
      try db.execute(sql: "DELETE FROM \(table.name)")
      try db.execute(
        sql:
          "INSERT INTO \(table.name) (\(columns)) SELECT \(columns) FROM (\(table.recomputation))"
      )
      progress.advance(to: index + 1)
    }
  }

  /// One table whose stored rows differ from a recomputation.
  struct Difference: Sendable, Equatable {
    /// The table.
    let table: String
    /// Rows stored that a recomputation does not give (wrong or extra).
    let stale: Int
    /// Rows a recomputation gives that are not stored (missing or wrong).
    let missing: Int
  }

  /// Compares every total with a recomputation from the answers; empty when they agree.
  static func check(_ db: Database) throws -> [Difference] {
    var differences: [Difference] = []
    for table in tables {
      let stale =
        try Int.fetchOne(
          db,
          sql: "SELECT COUNT(*) FROM (\(table.stored) EXCEPT \(table.recomputed))") ?? 0
      let missing =
        try Int.fetchOne(
          db,
          sql: "SELECT COUNT(*) FROM (\(table.recomputed) EXCEPT \(table.stored))") ?? 0
      if stale > 0 || missing > 0 {
        differences.append(Difference(table: table.name, stale: stale, missing: missing))
      }
    }
    let withoutCard =
      try Int.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) FROM (SELECT DISTINCT question_id FROM answer WHERE skipped = 0)
          WHERE question_id NOT IN (SELECT question_id FROM card)
          """) ?? 0
    if withoutCard > 0 {
      differences.append(Difference(table: "card", stale: 0, missing: withoutCard))
    }
    return differences
  }
}
