/// The questions of one session in the order they are asked, and when it stops.
///
/// A front end loops: `next`, show the question, read and store the answer, `record` it, show
/// the feedback and `afterAnswerNote`, until `next` returns nil or the user quits. Flows are
/// pure values: no I/O, no store, randomness only from the generator `next` is given.
public protocol QuestionFlow {
  /// How this session's answers are stored.
  var mode: AnswerMode { get }
  /// The area or topic it covers; nil for a review or drill across every area.
  var scope: SkillScope? { get }
  /// What the session covers, as its history row names it (`git`, `for plaid-credit-…`); nil
  /// for everything.
  var scopeLabel: String? { get }
  /// The question to ask now, its options shuffled with `random`; nil when the session is over.
  ///
  /// Calling it again before `record` returns the same question (same shuffle).
  mutating func next(using random: inout SeededRandom) -> PresentedQuestion?
  /// Records what happened to the question `next` returned (response nil: skipped).
  ///
  /// An outcome for any other question, or before `next`, is ignored.
  mutating func record(_ outcome: QuestionOutcome)
  /// Whether the session has nothing more to ask.
  var isFinished: Bool { get }
  /// The current question's number (1-based) and the planned total; total nil when open-ended
  /// (an assessment, or a drill that grows when misses come back).
  ///
  /// Once the session is finished, the number is that of the last question asked (0 if none).
  var progress: (number: Int, total: Int?) { get }
  /// A note for the question header, such as "12 due" or "8–25 questions"; nil for none.
  var headerNote: String? { get }
  /// A line to show after the last answer's feedback, such as an assessment's running estimate
  /// ("score 168 ± 22 after 5 questions"); nil for none.
  var afterAnswerNote: String? { get }
  /// The totals so far.
  var summary: SessionSummary { get }
}

extension QuestionFlow {
  /// The scope's label unless a flow names what it covers otherwise.
  public var scopeLabel: String? { scope?.label }
  /// No header note unless a flow gives one.
  public var headerNote: String? { nil }
  /// No note after answers unless a flow gives one.
  public var afterAnswerNote: String? { nil }
}

/// The progress of a flow that has recorded `recorded` outcomes.
func flowProgress(recorded: Int, isFinished: Bool, total: Int?) -> (number: Int, total: Int?) {
  (isFinished ? recorded : recorded + 1, total)
}
