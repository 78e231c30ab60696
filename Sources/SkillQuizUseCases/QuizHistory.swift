import Foundation
import SkillQuizKit
import SkillQuizStore

/// `history`: past sessions, newest first.
public struct QuizHistory: Sendable {
  /// One session, as JSON shows it.
  public struct Entry: Encodable, Sendable {
    public let id: Int64
    public let startedAt: Date
    public let finishedAt: Date?
    public let scope: String
    public let answered: Int
    public let correct: Int
    public let skipped: Int
    public let percentCorrect: Double?
    public let status: String
    /// An assessment's result: its score, or "incomplete (2 of ≥8)"; nil for other sessions.
    public let assessment: String?

    init(_ quiz: QuizRecord, assessment: AssessmentRecord?) {
      self.assessment = assessment?.resultText
      id = quiz.id
      startedAt = quiz.startedAt
      finishedAt = quiz.finishedAt
      scope = quiz.scope
      answered = quiz.answeredCount
      correct = quiz.correctCount
      skipped = quiz.skippedCount
      percentCorrect = quiz.fraction.map(percentOneDecimal)
      status = quiz.status.rawValue
    }
  }

  /// The default number of sessions listed.
  public static let defaultLimit = 20

  public let quizzes: [QuizRecord]
  /// The assessment stored with a session, by quiz id.
  public let assessments: [Int64: AssessmentRecord]

  /// The latest `limit` sessions.
  public init(_ workspace: Workspace, limit: Int?) throws(StoreError) {
    quizzes = try workspace.store.quizzes(limit: limit ?? Self.defaultLimit)
    assessments = try workspace.store.assessments().reduce(into: [:]) { result, record in
      if let id = record.quizID { result[id] = record }
    }
  }

  /// The JSON form: `{"quizzes": […]}`.
  public var json: some Encodable {
    ["quizzes": quizzes.map { Entry($0, assessment: assessments[$0.id]) }]
  }
}
