/// A drill of missed questions: a question answered not fully right comes back at the end until
/// each was answered fully right once.
///
/// A skip does not bring a question back; it stays in `summary.stillToGetRight`. The planned
/// total shows until the first miss comes back; from then on it is open-ended (nil).
public struct DrillFlow: QuestionFlow, Sendable {
  /// The area or topic drilled; nil across every area.
  public let scope: SkillScope?
  /// The drill's questions, each once, in the order first asked.
  public let questions: [Question]
  /// What happened to each question asked so far, repeats included.
  private var outcomes: [QuestionOutcome] = []
  /// The questions still to ask, in order; a miss joins the end.
  private var queue: [Question]
  /// Whether a miss has come back, making the length open-ended.
  private var hasRequeued = false
  private var pending: PresentedQuestion?

  /// Creates a drill; a question listed twice is drilled once.
  public init(scope: SkillScope?, questions: [Question]) {
    self.scope = scope
    var seen: Set<String> = []
    self.questions = questions.filter { seen.insert($0.id).inserted }
    queue = self.questions
  }

  /// Answers are stored as drill answers.
  public var mode: AnswerMode { .drill }

  /// The first question in the queue, presented with freshly shuffled options.
  public mutating func next(using random: inout SeededRandom) -> PresentedQuestion? {
    if let pending { return pending }
    guard let question = queue.first else { return nil }
    let presented = PresentedQuestion(question: question, using: &random)
    pending = presented
    return presented
  }

  /// Records the outcome of the question `next` returned; an answer not fully right sends the
  /// question to the end of the queue.
  public mutating func record(_ outcome: QuestionOutcome) {
    guard let pending, outcome.presented == pending, !queue.isEmpty else { return }
    outcomes.append(outcome)
    self.pending = nil
    let question = queue.removeFirst()
    if outcome.isMiss {
      queue.append(question)
      hasRequeued = true
    }
  }

  /// Whether nothing is left to ask: each question was answered right or skipped.
  public var isFinished: Bool { queue.isEmpty }

  /// The question number, out of the drill's questions until a miss comes back; then nil.
  public var progress: (number: Int, total: Int?) {
    flowProgress(
      recorded: outcomes.count, isFinished: isFinished,
      total: hasRequeued ? nil : questions.count)
  }

  /// The totals so far, with the questions not yet answered right.
  public var summary: SessionSummary {
    let right = Set(outcomes.filter(\.isCorrect).map(\.presented.question.id))
    return SessionSummary(
      mode: mode, outcomes: outcomes, isFinished: isFinished,
      stillToGetRight: questions.filter { !right.contains($0.id) })
  }
}
