import Foundation

/// How an answer was given.
public enum AnswerMode: String, Sendable, CaseIterable {
  case quiz
  case review
  case drill
  case assess
}

/// One stored answer.
public struct AnswerRecord: Sendable, Hashable {
  /// The quiz it belongs to.
  public var quizID: Int64?
  /// The question's id.
  public var questionID: String
  /// The question's area when it was answered.
  public var areaID: String
  /// The question's topic when it was answered.
  public var topicID: String
  /// The question's difficulty when it was answered.
  public var difficulty: Difficulty
  /// How the answer was given.
  public var mode: AnswerMode
  /// The response in stored form; nil when skipped.
  public var response: String?
  /// Credit from 0 to 1.
  public var score: Double
  /// Whether the question was skipped.
  public var isSkipped: Bool
  /// Whether the user marked the answer as unsure (`b?`).
  public var isUnsure: Bool
  /// When the answer was given.
  public var answeredAt: Date
  /// How long the user took, in seconds.
  public var duration: Double?

  /// Whether the answer earned full credit.
  public var isCorrect: Bool { !isSkipped && score >= 1 - 1e-9 }

  /// Creates a record.
  public init(
    quizID: Int64?, questionID: String, areaID: String, topicID: String, difficulty: Difficulty,
    mode: AnswerMode = .quiz, response: String?, score: Double, isSkipped: Bool = false,
    isUnsure: Bool = false, answeredAt: Date, duration: Double? = nil
  ) {
    self.quizID = quizID
    self.questionID = questionID
    self.areaID = areaID
    self.topicID = topicID
    self.difficulty = difficulty
    self.mode = mode
    self.response = response
    self.score = score
    self.isSkipped = isSkipped
    self.isUnsure = isUnsure
    self.answeredAt = answeredAt
    self.duration = duration
  }
}

/// How a quiz ended.
public enum QuizStatus: String, Sendable, CaseIterable {
  case inProgress = "in_progress"
  case completed
  case endedEarly = "ended_early"
}

/// One stored quiz with its totals.
public struct QuizRecord: Sendable, Hashable {
  /// The quiz's id.
  public var id: Int64
  /// When it started.
  public var startedAt: Date
  /// When it ended, if it did.
  public var finishedAt: Date?
  /// What it covered, such as `git` or `containers/kubernetes`.
  public var scope: String
  /// How many questions were asked for.
  public var requestedCount: Int
  /// The difficulty filter, if any.
  public var difficulty: Difficulty?
  /// How it ended.
  public var status: QuizStatus
  /// Questions answered (not skipped).
  public var answeredCount: Int
  /// Questions skipped.
  public var skippedCount: Int
  /// Answers with full credit.
  public var correctCount: Int
  /// The sum of credit over answered questions.
  public var scoreSum: Double

  /// Creates a record.
  public init(
    id: Int64, startedAt: Date, finishedAt: Date?, scope: String, requestedCount: Int,
    difficulty: Difficulty?, status: QuizStatus, answeredCount: Int, skippedCount: Int,
    correctCount: Int, scoreSum: Double
  ) {
    self.id = id
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.scope = scope
    self.requestedCount = requestedCount
    self.difficulty = difficulty
    self.status = status
    self.answeredCount = answeredCount
    self.skippedCount = skippedCount
    self.correctCount = correctCount
    self.scoreSum = scoreSum
  }

  /// Mean credit over answered questions, from 0 to 1; nil when nothing was answered.
  public var fraction: Double? { answeredCount == 0 ? nil : scoreSum / Double(answeredCount) }
}
