/// What a session did, for its closing lines.
public struct SessionSummary: Sendable {
  /// How the answers were stored.
  public let mode: AnswerMode
  /// What happened to each question, in the order asked.
  public let outcomes: [QuestionOutcome]
  /// Whether the session ran to its end (false when the user ended it early).
  public let isFinished: Bool
  /// Questions answered, not skipped.
  public var answeredCount: Int
  /// Answers with full credit.
  public var correctCount: Int
  /// Questions skipped.
  public var skippedCount: Int
  /// The credit of every answer summed, partial credit included.
  public var scoreSum: Double
  /// Questions whose answer in this session was not fully right (skips excluded), each once,
  /// in the order first missed.
  public var missed: [Question]
  /// Drill only: questions of the drill not yet answered fully right in it; empty for other
  /// kinds.
  public var stillToGetRight: [Question]
  /// Whether a skip was graded as a wrong answer (a plain assessment's rule).
  public var skipsCountAsWrong: Bool
  /// Assessment only: the estimate after the last answer (the starting one before any answer).
  public var estimate: AbilityEstimate?
  /// Assessment only: about how many more questions would halve the error; nil when the pool
  /// cannot provide them, or for other kinds.
  public var itemsToHalveError: Int?

  /// Totals the outcomes of a session.
  public init(
    mode: AnswerMode, outcomes: [QuestionOutcome], isFinished: Bool,
    stillToGetRight: [Question] = [], estimate: AbilityEstimate? = nil,
    itemsToHalveError: Int? = nil, skipsCountAsWrong: Bool? = nil
  ) {
    self.mode = mode
    self.skipsCountAsWrong = skipsCountAsWrong ?? (mode == .assess)
    self.outcomes = outcomes
    self.isFinished = isFinished
    answeredCount = outcomes.filter { !$0.isSkipped }.count
    correctCount = outcomes.filter(\.isCorrect).count
    skippedCount = outcomes.filter(\.isSkipped).count
    scoreSum = outcomes.filter { !$0.isSkipped }.compactMap { $0.grade?.score }.reduce(0, +)
    var seen: Set<String> = []
    missed = outcomes.filter(\.isMiss).map(\.presented.question).filter {
      seen.insert($0.id).inserted
    }
    self.stillToGetRight = stillToGetRight
    self.estimate = estimate
    self.itemsToHalveError = itemsToHalveError
  }
}
