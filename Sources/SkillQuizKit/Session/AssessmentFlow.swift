/// An adaptive assessment: each next question is the one that tells most about the estimate so
/// far, until the stop rule is met.
///
/// It wraps `AdaptiveTest`: a question's item is its calibrated parameters, or its
/// `itemParameters`; the next item is a random pick among the three most informative; a skip
/// counts as wrong, and so does partial credit.
public struct AssessmentFlow: QuestionFlow, Sendable {
  /// The area or topic assessed.
  public let scope: SkillScope?
  /// The questions that may be asked; item `i` of `test` is question `i`.
  public let pool: [QuestionSummary]
  /// Where the full text of the question to ask next is fetched.
  let library: QuestionLibrary
  /// The adaptive test: items asked, responses, estimate.
  public private(set) var test: AdaptiveTest
  private var outcomes: [QuestionOutcome] = []
  private var pending: (item: Int, presented: PresentedQuestion)?

  /// Creates an assessment over a pool of summaries, starting at `startTheta` (0, or the last
  /// estimate); the library gives the full text of each question when it is asked.
  public init(
    scope: SkillScope, pool: [QuestionSummary], library: QuestionLibrary,
    calibrated: [String: IRTItem], startTheta: Double, stopRule: StopRule = StopRule()
  ) {
    self.scope = scope
    self.pool = pool
    self.library = library
    test = AdaptiveTest(
      bank: pool.map { calibrated[$0.id] ?? $0.item }, stopRule: stopRule,
      startTheta: startTheta)
  }

  /// Creates an assessment over questions in memory.
  public init(
    scope: SkillScope, pool: [Question], calibrated: [String: IRTItem], startTheta: Double,
    stopRule: StopRule = StopRule()
  ) {
    self.init(
      scope: scope, pool: pool.map(QuestionSummary.init),
      library: QuestionLibrary(catalog: SkillCatalog(areas: []), questions: pool),
      calibrated: calibrated, startTheta: startTheta, stopRule: stopRule)
  }

  /// Answers are stored as assessment answers.
  public var mode: AnswerMode { .assess }

  /// The next item the test picks, presented with shuffled options; nil once the stop rule is met.
  public mutating func next(using random: inout SeededRandom) -> PresentedQuestion? {
    if let pending { return pending.presented }
    guard let item = test.nextItem(using: &random),
      let question = library.question(id: pool[item].id)
    else { return nil }
    let presented = PresentedQuestion(question: question, using: &random)
    pending = (item, presented)
    return presented
  }

  /// Records the outcome of the question `next` returned: right only with full credit.
  public mutating func record(_ outcome: QuestionOutcome) {
    guard let pending, outcome.presented == pending.presented else { return }
    test.record(item: pending.item, right: outcome.isCorrect)
    outcomes.append(outcome)
    self.pending = nil
  }

  /// Whether the stop rule is met (it is when no question is left).
  public var isFinished: Bool { test.isFinished }

  /// Whether the stop rule ended the test; false while it runs or when the user ended it early.
  public var endedByStopRule: Bool { test.isFinished }

  /// The question number; the total is open-ended.
  public var progress: (number: Int, total: Int?) {
    flowProgress(recorded: outcomes.count, isFinished: isFinished, total: nil)
  }

  /// The range of questions the test may take, such as "8–25 questions".
  public var headerNote: String? {
    "\(test.stopRule.minimumItems)–\(test.stopRule.maximumItems) questions"
  }

  /// The running estimate, such as "Running estimate: score 168 ± 22 after 5 questions"; nil before any answer.
  public var afterAnswerNote: String? {
    let count = test.administered.count
    guard count > 0 else { return nil }
    return "Running estimate: score \(SkillScore(test.estimate).text) after \(count) "
      + (count == 1 ? "question" : "questions")
  }

  /// The totals so far, with the estimate and how many more questions would halve its error.
  public var summary: SessionSummary {
    SessionSummary(
      mode: mode, outcomes: outcomes, isFinished: isFinished, estimate: test.estimate,
      itemsToHalveError: test.itemsToHalveError)
  }
}

extension AssessmentFlow {
  /// The kinds an assessment never asks: `sql` labs, which take minutes.
  public static let excludedKinds: Set<QuestionKind> = [.sql]

  /// The questions an assessment of `scope` draws from: all but `excludedKinds`.
  public static func pool(in scope: SkillScope, library: QuestionLibrary) -> [QuestionSummary] {
    library.summaries(in: scope).filter { !excludedKinds.contains($0.kind) }
  }

  /// The ids and items of `pool(in:library:)`, unordered, read without the rest of each summary.
  public static func poolItems(in scope: SkillScope, library: QuestionLibrary) -> [ScopedItem] {
    library.items(in: scope, excluding: excludedKinds)
  }

  /// Checks that a pool has enough questions for the stop rule's minimum.
  ///
  /// - Throws: `AssessmentError.tooFewQuestions` when it has fewer than `minimumItems`.
  public static func checkPool(
    _ pool: some Collection, scope: SkillScope, stopRule: StopRule = StopRule()
  ) throws(AssessmentError) {
    guard pool.count >= stopRule.minimumItems else {
      throw .tooFewQuestions(scope: scope, count: pool.count, minimum: stopRule.minimumItems)
    }
  }
}

/// Why an assessment cannot start.
public enum AssessmentError: Error, Equatable, CustomStringConvertible {
  /// The scope has fewer questions than the stop rule's minimum.
  case tooFewQuestions(scope: SkillScope, count: Int, minimum: Int)

  public var description: String {
    switch self {
    case .tooFewQuestions(let scope, let count, let minimum):
      let advice =
        switch scope {
        case .topic: "try its area, or `quiz \(scope.label)`"
        case .area: "try `quiz \(scope.label)`"
        }
      return "\(scope.label) has \(count) \(count == 1 ? "question" : "questions"); "
        + "an assessment needs at least \(minimum); \(advice)"
    }
  }
}
