/// A review of due cards: each question once, its options shuffled afresh when asked.
public struct ReviewFlow: QuestionFlow, Sendable {
  /// The area or topic reviewed; nil across every area.
  public let scope: SkillScope?
  /// The questions, most overdue first.
  public let questions: [Question]
  /// How many cards are due in all (the review may ask fewer).
  public let dueCount: Int
  /// What happened to each question asked so far.
  private var outcomes: [QuestionOutcome] = []
  private var pending: PresentedQuestion?

  /// Creates a review of due questions.
  public init(scope: SkillScope?, questions: [Question], dueCount: Int) {
    self.scope = scope
    self.questions = questions
    self.dueCount = dueCount
  }

  /// Answers are stored as review answers.
  public var mode: AnswerMode { .review }

  /// The next due question, presented with freshly shuffled options so letters can't be
  /// memorised.
  public mutating func next(using random: inout SeededRandom) -> PresentedQuestion? {
    if let pending { return pending }
    guard outcomes.count < questions.count else { return nil }
    let presented = PresentedQuestion(question: questions[outcomes.count], using: &random)
    pending = presented
    return presented
  }

  /// Records the outcome of the question `next` returned.
  public mutating func record(_ outcome: QuestionOutcome) {
    guard let pending, outcome.presented == pending else { return }
    outcomes.append(outcome)
    self.pending = nil
  }

  /// Whether every question was asked.
  public var isFinished: Bool { outcomes.count >= questions.count }

  /// The question number, out of the questions this review asks.
  public var progress: (number: Int, total: Int?) {
    flowProgress(recorded: outcomes.count, isFinished: isFinished, total: questions.count)
  }

  /// How many cards are due, such as "12 due".
  public var headerNote: String? { "\(TextFormat.grouped(dueCount)) due" }

  /// The totals so far.
  public var summary: SessionSummary {
    SessionSummary(mode: mode, outcomes: outcomes, isFinished: isFinished)
  }
}
