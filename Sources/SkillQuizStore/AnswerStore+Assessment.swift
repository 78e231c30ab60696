import Foundation
import GRDB
import SkillQuizKit

/// An adaptive assessment that ended: by its stop rule, or stopped early.
public struct AssessmentRecord: Sendable, Hashable {
  /// The area or topic assessed, such as `git` or `containers/kubernetes`.
  public let scope: String
  /// The area it belongs to.
  public let areaID: String
  /// When it finished.
  public let finishedAt: Date
  /// The final estimate.
  public let estimate: AbilityEstimate
  /// How many questions it took.
  public let items: Int
  /// Whether its stop rule ended it; an assessment stopped early is not a score.
  public let isComplete: Bool
  /// The fewest questions its stop rule allowed.
  public let minimumItems: Int
  /// The session it ran in, once stored.
  public var quizID: Int64?

  /// Creates a record.
  public init(
    scope: String, areaID: String, finishedAt: Date, estimate: AbilityEstimate, items: Int,
    isComplete: Bool = true, minimumItems: Int = StopRule().minimumItems, quizID: Int64? = nil
  ) {
    self.quizID = quizID
    self.scope = scope
    self.areaID = areaID
    self.finishedAt = finishedAt
    self.estimate = estimate
    self.items = items
    self.isComplete = isComplete
    self.minimumItems = minimumItems
  }

  /// "168 ± 22", or "incomplete (5 of ≥8)" for an assessment stopped early: never a score.
  public var resultText: String { incompleteText ?? SkillScore(estimate).text }

  /// "incomplete (5 of ≥8)" for an assessment stopped early; nil for a complete one.
  public var incompleteText: String? {
    isComplete ? nil : "incomplete (\(items) of ≥\(minimumItems))"
  }
}

/// A question's difficulty as calibrated from pooled answers.
public struct ItemCalibration: Sendable, Hashable {
  /// The question.
  public let questionID: String
  /// The calibrated difficulty.
  public let b: Double
  /// The calibrated discrimination, when there was enough data to fit it.
  public let a: Double?
  /// How many responses back it.
  public let responses: Int

  /// Creates a calibration.
  public init(questionID: String, b: Double, a: Double? = nil, responses: Int) {
    self.questionID = questionID
    self.b = b
    self.a = a
    self.responses = responses
  }

  /// Applies the calibration to a question's parameters.
  public func applied(to item: IRTItem) -> IRTItem {
    var item = item
    item.b = b
    if let a { item.a = a }
    return item
  }
}

extension AnswerStore {
  /// Saves an assessment, complete or stopped early.
  public func saveAssessment(_ record: AssessmentRecord, quizID: Int64?) throws(StoreError) {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO assessment (quiz_id, scope, area_id, finished_at, theta, standard_error,
            items, status, minimum_items) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          quizID, record.scope, record.areaID, record.finishedAt, record.estimate.theta,
          record.estimate.standardError, record.items,
          record.isComplete ? "complete" : "incomplete", record.minimumItems,
        ])
    }
  }

  /// Every assessment, oldest first.
  public func assessments() throws(StoreError) -> [AssessmentRecord] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM assessment ORDER BY finished_at, id").map { row in
        AssessmentRecord(
          scope: row["scope"], areaID: row["area_id"], finishedAt: row["finished_at"],
          estimate: AbilityEstimate(theta: row["theta"], standardError: row["standard_error"]),
          items: row["items"], isComplete: (row["status"] as String) != "incomplete",
          minimumItems: row["minimum_items"], quizID: row["quiz_id"])
      }
    }
  }

  /// Calibrated difficulties keyed by question id.
  public func calibrations() throws(StoreError) -> [String: ItemCalibration] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM item_calibration").reduce(into: [:]) {
        $0[$1["question_id"]] = ItemCalibration(
          questionID: $1["question_id"], b: $1["b"], a: $1["a"], responses: $1["responses"])
      }
    }
  }

  /// Replaces every calibration.
  public func replaceCalibrations(_ calibrations: [ItemCalibration], at date: Date)
    throws(StoreError)
  {
    try write { db in
      try db.execute(sql: "DELETE FROM item_calibration")
      for item in calibrations {
        try db.execute(
          sql:
            "INSERT INTO item_calibration (question_id, b, responses, updated_at) VALUES (?, ?, ?, ?)",
          arguments: [item.questionID, item.b, item.responses, date])
      }
    }
  }
}

extension AnswerStore {
  /// Calibrated item parameters per question id (bank parameters with calibrated `b` and `a`);
  /// empty when nothing was calibrated.
  public func calibratedParameters(for library: QuestionLibrary) throws(StoreError) -> [String:
    IRTItem]
  {
    let calibrations = try calibrations()
    let known = library.summaries(ids: calibrations.keys)
    return calibrations.reduce(into: [:]) { result, entry in
      if let question = known[entry.key] {
        result[entry.key] = entry.value.applied(to: question.item)
      }
    }
  }
}
