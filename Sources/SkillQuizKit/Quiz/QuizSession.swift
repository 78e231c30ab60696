import Foundation

/// What happened to one question of a quiz.
public struct QuestionOutcome: Sendable, Hashable {
  /// The question as shown.
  public let presented: PresentedQuestion
  /// The response, or nil when skipped.
  public let response: Response?
  /// The grade, or nil when skipped.
  public let grade: Grade?

  /// Whether the question was skipped.
  public var isSkipped: Bool { response == nil }
}

/// A quiz in progress: the questions, the outcomes so far, and the totals.
public struct QuizSession: Sendable {
  /// The area or topic it covers; nil for a review or drill across every area.
  public let scope: SkillScope?
  /// The questions in the order they are asked.
  public private(set) var questions: [PresentedQuestion]
  /// The outcomes so far, in order.
  public private(set) var outcomes: [QuestionOutcome] = []

  /// Creates a session.
  public init(scope: SkillScope?, questions: [PresentedQuestion]) {
    self.scope = scope
    self.questions = questions
  }

  /// The question to ask next, or nil when all were asked.
  public var current: PresentedQuestion? {
    outcomes.count < questions.count ? questions[outcomes.count] : nil
  }

  /// The 1-based number of the current question.
  public var currentNumber: Int { outcomes.count + 1 }

  /// Records a response to the current question, graded by `Grader` unless a grade is given
  /// (as for `sql` questions, which a sandbox grades).
  @discardableResult
  public mutating func answer(_ response: Response, grade given: Grade? = nil) -> Grade? {
    guard let presented = current else { return nil }
    let grade = given ?? Grader.grade(response, for: presented.question)
    outcomes.append(QuestionOutcome(presented: presented, response: response, grade: grade))
    return grade
  }

  /// Asks a question again at the end (drills repeat misses until they are answered right).
  public mutating func requeue(_ presented: PresentedQuestion) {
    questions.append(presented)
  }

  /// Skips the current question.
  public mutating func skip() {
    guard let presented = current else { return }
    outcomes.append(QuestionOutcome(presented: presented, response: nil, grade: nil))
  }

  /// Questions answered (not skipped).
  public var answeredCount: Int { outcomes.filter { !$0.isSkipped }.count }
  /// Answers with full credit.
  public var correctCount: Int { outcomes.filter { $0.grade?.isCorrect == true }.count }
  /// Sum of credit.
  public var scoreSum: Double { outcomes.compactMap { $0.grade?.score }.reduce(0, +) }
  /// Whether every question was asked.
  public var isFinished: Bool { outcomes.count == questions.count }
}
