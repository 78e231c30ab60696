/// What happened to one question of a session.
public struct QuestionOutcome: Sendable, Hashable {
  /// The question as shown.
  public let presented: PresentedQuestion
  /// The response, or nil when skipped.
  public let response: Response?
  /// The grade, or nil when skipped.
  public let grade: Grade?

  /// Creates an outcome; a response without a grade earns no credit.
  public init(presented: PresentedQuestion, response: Response?, grade: Grade?) {
    self.presented = presented
    self.response = response
    self.grade = grade
  }

  /// An answer graded by `Grader`.
  public static func answered(_ presented: PresentedQuestion, _ response: Response)
    -> QuestionOutcome
  {
    QuestionOutcome(
      presented: presented, response: response,
      grade: Grader.grade(response, for: presented.question))
  }

  /// A skip.
  public static func skipped(_ presented: PresentedQuestion) -> QuestionOutcome {
    QuestionOutcome(presented: presented, response: nil, grade: nil)
  }

  /// Whether the question was skipped.
  public var isSkipped: Bool { response == nil }

  /// Whether the answer earned full credit (never for a skip).
  public var isCorrect: Bool { !isSkipped && grade?.isCorrect == true }

  /// Whether the question was answered without full credit (a skip is not a miss).
  public var isMiss: Bool { !isSkipped && !isCorrect }
}
