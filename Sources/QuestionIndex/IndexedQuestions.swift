import Foundation
import SkillQuizKit
import Synchronization

/// A `QuestionSource` over the question index: the catalog, file reports, diagnostics and counts
/// are read once; summaries and full questions are read (and decoded) when asked for.
///
/// A read that fails after the start (the file was damaged under a running session) finds
/// nothing rather than crashing; the next start notices the damage and rebuilds the index.
final class IndexedQuestions: QuestionSource {
  let catalog: SkillCatalog
  let files: [BankFileReport]
  let diagnostics: [BankDiagnostic]
  let counts: [String: Int]
  let count: Int
  private let connection: Mutex<IndexConnection>

  /// Reads the start-up part of the index in one read transaction.
  init(
    connection db: IndexConnection, catalog: SkillCatalog, skillDiagnostics: [BankDiagnostic],
    unreadable: [BankDiagnostic]
  ) throws {
    self.catalog = catalog
    var files = unreadable.map {
      BankFileReport(
        path: $0.location.file, areaID: nil, loadedCount: 0, skippedCount: 0,
        skipReason: $0.message)
    }
    var diagnostics = skillDiagnostics + unreadable
    var counts: [String: Int] = [:]
    try db.execute("BEGIN")
    defer { try? db.execute("COMMIT") }
    var stored: [[BankDiagnostic]?] = []
    try db.query(
      """
      SELECT path, area_id, loaded, parsed_skipped + duplicate_count, skip_reason, diagnostics,
        duplicates
      FROM file ORDER BY position
      """
    ) { row throws(IndexSQLiteError) in
      files.append(
        BankFileReport(
          path: row.text(0), areaID: row.optionalText(1), loadedCount: row.int(2),
          skippedCount: row.int(3), skipReason: row.optionalText(4)))
      for column: Int32 in [5, 6] where !row.isNull(column) {
        stored.append(
          try? row.withBlob(column) { body throws(CompactDecodingError) in
            try QuestionCodec.diagnostics(body: body)
          })
      }
    }
    for found in stored {
      guard let found else { throw IndexProblem.foreign }
      diagnostics += found
    }
    try db.query("SELECT label, count FROM scope_count") { row throws(IndexSQLiteError) in
      counts[row.text(0)] = row.int(1)
    }
    count = counts.removeValue(forKey: "") ?? 0
    self.files = files
    self.diagnostics = diagnostics
    self.counts = counts
    connection = Mutex(db)
  }

  /// The position of `q.id` in a column list.
  private static func idColumn(_ columns: String) -> Int32 {
    Int32(columns.components(separatedBy: ", ").firstIndex(of: "q.id") ?? 0)
  }

  private static let summaryColumns =
    "q.id, q.area_id, q.topic_id, q.kind, q.difficulty, q.a, q.b, q.c, q.d"
  private static let fullColumns =
    "b.body, q.file_id, f.position, q.ordinal, q.id, q.area_id, q.topic_id, q.difficulty, "
    + "f.path, q.line, q.col"

  func summaries(ids: some Collection<String>) -> [String: QuestionSummary] {
    var found: [String: QuestionSummary] = [:]
    read(ids: ids, columns: Self.summaryColumns, join: false) { row in
      if let summary = Self.summary(row) { found[summary.id] = summary }
    }
    return found
  }

  func summaries(in scope: SkillScope?) -> [QuestionSummary] {
    var found: [QuestionSummary] = []
    read(scope: scope, columns: Self.summaryColumns) { row in
      if let summary = Self.summary(row) { found.append(summary) }
    }
    return found
  }

  func questions(ids: some Collection<String>) -> [Question] {
    var rows: [(position: Int64, ordinal: Int64, file: Int64, question: Question)] = []
    read(ids: ids, columns: Self.fullColumns, join: true) { row in
      if let question = Self.question(row) {
        rows.append((row.integer(2), row.integer(3), row.integer(1), question))
      }
    }
    rows.sort { ($0.position, $0.ordinal) < ($1.position, $1.ordinal) }
    return withDatasets(rows.map { ($0.file, $0.question) })
  }

  func questions(in scope: SkillScope?) -> [Question] {
    var rows: [(file: Int64, question: Question)] = []
    read(scope: scope, columns: Self.fullColumns) { row in
      if let question = Self.question(row) { rows.append((row.integer(1), question)) }
    }
    return withDatasets(rows)
  }

  // MARK: - Reading

  /// Rows of live questions with these ids: one lookup each for a few, one pass for many.
  private func read(
    ids: some Collection<String>, columns: String, join: Bool, row: (IndexRow) -> Void
  ) {
    guard !ids.isEmpty else { return }
    let from =
      join
      ? "question q JOIN file f ON f.id = q.file_id JOIN question_body b ON b.row = q.row"
      : "question q"
    connection.withLock { db in
      do {
        if ids.count <= 32 {
          for id in Set(ids) {
            try db.query(
              "SELECT \(columns) FROM \(from) WHERE q.id = ? AND q.live = 1", [.text(id)]
            ) { found throws(IndexSQLiteError) in row(found) }
          }
        } else if ids.count > 2_000 {
          // Thousands of lookups (every card, every first answer) cost more than one pass over
          // the table: read every live row and keep the wanted ones.
          let wanted = Set(ids)
          let idColumn = Self.idColumn(columns)
          try db.query("SELECT \(columns) FROM \(from) WHERE q.live = 1") {
            found throws(IndexSQLiteError) in
            if wanted.contains(found.text(idColumn)) { row(found) }
          }
        } else {
          let list = String(decoding: try JSONEncoder().encode(Array(Set(ids))), as: UTF8.self)
          try db.query(
            """
            SELECT \(columns) FROM \(from)
            WHERE q.live = 1 AND q.id IN (SELECT value FROM json_each(?))
            """, [.text(list)]
          ) { found throws(IndexSQLiteError) in row(found) }
        }
      } catch {
        // See the type's note: a damaged index finds nothing until the next start rebuilds it.
      }
    }
  }

  func items(in scope: SkillScope, excluding kinds: Set<QuestionKind>) -> [ScopedItem] {
    var (filter, values) = Self.filter(scope)
    if !kinds.isEmpty {
      filter +=
        " AND q.kind NOT IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ", ")))"
      values += kinds.map { .text($0.rawValue) }
    }
    var found: [ScopedItem] = []
    connection.withLock { db in
      try? db.query(
        "SELECT q.id, q.a, q.b, q.c, q.d FROM question q WHERE q.live = 1 \(filter)", values
      ) { row throws(IndexSQLiteError) in
        found.append(
          ScopedItem(
            id: row.text(0),
            item: IRTItem(a: row.real(1), b: row.real(2), c: row.real(3), d: row.real(4))))
      }
    }
    return found
  }

  /// The `WHERE` terms (after `q.live = 1`) and their values that keep a scope's questions.
  private static func filter(_ scope: SkillScope?) -> (String, [IndexValue]) {
    switch scope {
    case .area(let area)?: ("AND q.area_id = ?", [.text(area.id)])
    case .topic(let topic)?:
      ("AND q.area_id = ? AND q.topic_id = ?", [.text(topic.areaID), .text(topic.id)])
    case nil: ("", [])
    }
  }

  /// Rows of live questions in a scope, in file order.
  private func read(scope: SkillScope?, columns: String, row: (IndexRow) -> Void) {
    let (filter, values) = Self.filter(scope)
    connection.withLock { db in
      try? db.query(
        """
        SELECT \(columns) FROM question q JOIN file f ON f.id = q.file_id
        \(columns == Self.fullColumns ? "JOIN question_body b ON b.row = q.row" : "")
        WHERE q.live = 1 \(filter) ORDER BY f.position, q.ordinal
        """, values
      ) { found throws(IndexSQLiteError) in row(found) }
    }
  }

  private static func summary(_ row: IndexRow) -> QuestionSummary? {
    guard let kind = QuestionKind(rawValue: row.text(3)),
      let difficulty = Difficulty(rawValue: row.text(4))
    else { return nil }
    return QuestionSummary(
      id: row.text(0), areaID: row.text(1), topicID: row.text(2), kind: kind,
      difficulty: difficulty,
      item: IRTItem(a: row.real(5), b: row.real(6), c: row.real(7), d: row.real(8)))
  }

  /// The question in a row of `fullColumns`; nil when its body does not decode.
  private static func question(_ row: IndexRow) -> Question? {
    guard let difficulty = Difficulty(rawValue: row.text(7)) else { return nil }
    return try? row.withBlob(0) { body throws(CompactDecodingError) in
      try QuestionCodec.question(
        body: body, id: row.text(4), areaID: row.text(5), topicID: row.text(6),
        difficulty: difficulty, file: row.text(8), line: row.int(9), column: row.int(10))
    }
  }

  /// Puts each SQL question's dataset back (read once per file and dataset); a question whose
  /// dataset is missing or damaged is left out.
  private func withDatasets(_ rows: [(file: Int64, question: Question)]) -> [Question] {
    var datasets: [String: SQLDataset] = [:]
    return rows.compactMap { file, question in
      guard case .sql(let exercise) = question.answer else { return question }
      let key = "\(file)/\(exercise.dataset.id)"
      if datasets[key] == nil {
        connection.withLock { db in
          try? db.query(
            "SELECT body FROM dataset WHERE file_id = ? AND id = ?",
            [.integer(file), .text(exercise.dataset.id)]
          ) { row throws(IndexSQLiteError) in
            datasets[key] = try? row.withBlob(0) { body throws(CompactDecodingError) in
              try QuestionCodec.dataset(body: body)
            }
          }
        }
      }
      guard let dataset = datasets[key] else { return nil }
      return question.replacingAnswer(
        .sql(SQLExercise(dataset: dataset, solution: exercise.solution, ordered: exercise.ordered)))
    }
  }
}
