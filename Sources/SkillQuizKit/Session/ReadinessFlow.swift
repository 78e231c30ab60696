/// A readiness test for one opening, as a session: `ReadinessTest` picks each question among
/// the fresh ones of the opening's required skills, until every requirement is decided.
public struct ReadinessFlow: QuestionFlow, Sendable {
  /// The opening tested.
  public let opening: JobOpening
  /// The questions that may be asked; item `i` of `test` is question `i`.
  public let pool: [QuestionSummary]
  /// Where the full text of the question to ask next is fetched.
  let library: QuestionLibrary
  /// The classification test: evidence, items asked, decisions.
  public private(set) var test: ReadinessTest
  private var outcomes: [QuestionOutcome] = []
  private var pending: (item: Int, requirement: Int, presented: PresentedQuestion)?

  /// Creates a readiness test.
  ///
  /// - Parameters:
  ///   - opening: The opening; its required requirements are tested.
  ///   - pool: The fresh questions of its required skills.
  ///   - library: Where the full text of each question asked comes from.
  ///   - calibrated: Calibrated parameters per question id.
  ///   - evidence: Earlier evidence per skill label.
  public init(
    opening: JobOpening, pool: [QuestionSummary], library: QuestionLibrary,
    calibrated: [String: IRTItem], evidence: [String: [ItemResponse]]
  ) {
    self.opening = opening
    self.pool = pool
    self.library = library
    test = ReadinessTest(
      requirements: opening.required,
      items: pool.map {
        ReadinessTest.Item(
          id: $0.id, parameters: calibrated[$0.id] ?? $0.item,
          skills: [$0.areaID, "\($0.areaID)/\($0.topicID)"])
      }, evidence: evidence)
  }

  /// Answers are stored as assessment answers.
  public var mode: AnswerMode { .assess }

  /// It spans several skills, so no single scope.
  public var scope: SkillScope? { nil }

  /// "for <opening id>".
  public var scopeLabel: String? { "for " + opening.id }

  /// The question the test picks; nil once every requirement is decided (or none is left).
  public mutating func next(using random: inout SeededRandom) -> PresentedQuestion? {
    if let pending { return pending.presented }
    guard let (item, requirement) = test.next(),
      let question = library.question(id: pool[item].id)
    else { return nil }
    let presented = PresentedQuestion(question: question, using: &random)
    pending = (item, requirement, presented)
    return presented
  }

  /// Records the outcome of the question `next` returned: right only with full credit; a skip
  /// is not evidence (the question is used up and decides nothing).
  public mutating func record(_ outcome: QuestionOutcome) {
    guard let pending, outcome.presented == pending.presented else { return }
    test.record(
      item: pending.item, requirement: pending.requirement,
      right: outcome.isSkipped ? nil : outcome.isCorrect)
    outcomes.append(outcome)
    self.pending = nil
  }

  /// Whether the test is over.
  public var isFinished: Bool { test.isFinished }

  /// The question number; the total is open-ended.
  public var progress: (number: Int, total: Int?) {
    flowProgress(recorded: outcomes.count, isFinished: isFinished, total: nil)
  }

  /// "readiness test · up to 40 questions".
  public var headerNote: String? { "readiness · up to \(test.maximumItems) questions" }

  /// "Decided so far: 2 of 5 requirements".
  public var afterAnswerNote: String? {
    guard !outcomes.isEmpty else { return nil }
    let decided = test.requirements.indices.filter { test.status(of: $0).isDecided }.count
    return "Decided so far: \(decided) of \(test.requirements.count) requirements"
  }

  /// The totals so far.
  public var summary: SessionSummary {
    SessionSummary(
      mode: mode, outcomes: outcomes, isFinished: isFinished, skipsCountAsWrong: false)
  }
}
