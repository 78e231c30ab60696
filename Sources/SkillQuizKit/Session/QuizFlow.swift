/// A quiz: the planned questions in order, each asked once.
public struct QuizFlow: QuestionFlow, Sendable {
  /// The area or topic quizzed.
  public let scope: SkillScope?
  /// The questions as `QuizPlanner` planned and shuffled them, in the order asked.
  public let questions: [PresentedQuestion]
  /// What happened to each question asked so far.
  private var outcomes: [QuestionOutcome] = []

  /// Creates a quiz over planned questions.
  public init(scope: SkillScope, questions: [PresentedQuestion]) {
    self.scope = scope
    self.questions = questions
  }

  /// Answers are stored as quiz answers.
  public var mode: AnswerMode { .quiz }

  /// The next planned question; the generator is not used, as the plan is already shuffled.
  public mutating func next(using random: inout SeededRandom) -> PresentedQuestion? {
    current
  }

  /// Records the outcome of the current question.
  public mutating func record(_ outcome: QuestionOutcome) {
    guard let current, outcome.presented == current else { return }
    outcomes.append(outcome)
  }

  /// Whether every planned question was asked.
  public var isFinished: Bool { outcomes.count >= questions.count }

  /// The question number, out of the planned count.
  public var progress: (number: Int, total: Int?) {
    flowProgress(recorded: outcomes.count, isFinished: isFinished, total: questions.count)
  }

  /// The totals so far.
  public var summary: SessionSummary {
    SessionSummary(mode: mode, outcomes: outcomes, isFinished: isFinished)
  }

  private var current: PresentedQuestion? {
    outcomes.count < questions.count ? questions[outcomes.count] : nil
  }
}
