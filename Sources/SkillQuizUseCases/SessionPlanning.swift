import Foundation
import SkillQuizKit
import SkillQuizStore

/// Starts the sessions of `quiz`, `review`, `drill` and `assess`: which questions, in which flow.
public enum SessionPlanning {
  /// The default number of cards one `review` asks.
  public static let defaultReviewLimit = 20

  /// A quiz of `count` questions (default 10) from an area or topic.
  public static func quiz(
    _ workspace: Workspace, scope word: String, count: Int?, difficulty: Difficulty?,
    using random: inout SeededRandom
  ) throws(any Error) -> QuizFlow {
    let scope = try workspace.scope(word)
    let questions = try QuizPlanner.plan(
      scope: scope, count: count ?? QuizPlanner.defaultCount, difficulty: difficulty,
      library: workspace.library, lastAnswered: try workspace.store.lastAnsweredDates(),
      using: &random)
    return QuizFlow(scope: scope, questions: questions)
  }

  /// What `review` found.
  public enum ReviewStart {
    /// Cards are due: the flow asks at most the limit of them, most overdue first.
    case ready(ReviewFlow, due: Int)
    /// Nothing is due; `next` is when the next card falls due (nil: no cards yet).
    case nothingDue(scope: SkillScope?, next: Date?)
  }

  /// The due cards of a scope (nil: every area).
  public static func review(_ workspace: Workspace, scope word: String?, limit: Int?)
    throws(any Error) -> ReviewStart
  {
    let scope = try workspace.optionalScope(word)
    let cards = try workspace.store.cards()
    let now = workspace.clock.now
    let library = workspace.library
    let due = ReviewQueue.due(cards, in: scope, library: library, at: now)
    guard !due.isEmpty else {
      return .nothingDue(
        scope: scope, next: ReviewQueue.nextDue(cards, in: scope, library: library, after: now))
    }
    let questions = due.prefix(limit ?? defaultReviewLimit).compactMap {
      library.question(id: $0.questionID)
    }
    return .ready(
      ReviewFlow(scope: scope, questions: questions, dueCount: due.count), due: due.count)
  }

  /// How many cards are due now in a scope, as `review` counts them.
  public static func dueCount(_ workspace: Workspace, scope: SkillScope? = nil) throws(StoreError)
    -> Int
  {
    ReviewQueue.due(
      try workspace.store.cards(), in: scope, library: workspace.library,
      at: workspace.clock.now
    ).count
  }

  /// The questions whose last answer was wrong; nil when there are none.
  public static func drill(_ workspace: Workspace, scope word: String?) throws(any Error)
    -> DrillFlow?
  {
    let scope = try workspace.optionalScope(word)
    let missed = WeakAreas.missedQuestions(
      answers: try workspace.store.answers(), in: scope, library: workspace.library)
    return missed.isEmpty ? nil : DrillFlow(scope: scope, questions: missed)
  }

  /// An adaptive assessment of an area or topic, starting from the last estimate.
  public static func assessment(_ workspace: Workspace, scope word: String) throws(any Error) -> (
    flow: AssessmentFlow, previous: AssessmentRecord?
  ) {
    let scope = try workspace.scope(word)
    let pool = AssessmentFlow.pool(in: scope, library: workspace.library)
    let minimum = StopRule().minimumItems
    guard pool.count >= minimum else {
      throw UseCaseError.invalid(
        "\(scope.label) has \(pool.count) \(pool.count == 1 ? "question" : "questions"); "
          + "an assessment needs at least \(minimum). Try its area, or `quiz \(scope.label)`.")
    }
    let previous = try workspace.store.assessments().last { $0.scope == scope.label }
    let flow = AssessmentFlow(
      scope: scope, pool: pool, calibrated: try workspace.calibratedParameters(),
      startTheta: previous?.estimate.theta ?? 0)
    return (flow, previous)
  }
}

/// The database side of a running session: its quiz row and every answer, each committed
/// before its feedback is shown.
public struct SessionLog: Sendable {
  let workspace: Workspace
  /// The quiz row's id.
  public let quizID: Int64
  let mode: AnswerMode

  /// Starts the quiz row of a session.
  public init(
    _ workspace: Workspace, flow: some QuestionFlow, requestedCount: Int,
    difficulty: Difficulty?, seed: UInt64?
  ) throws(StoreError) {
    self.workspace = workspace
    mode = flow.mode
    let scope = flow.scope?.label
    let stored: String =
      switch flow.mode {
      case .quiz: scope ?? "all"
      case .review, .drill, .assess: flow.mode.rawValue + (scope.map { ":" + $0 } ?? "")
      }
    quizID = try workspace.store.startQuiz(
      scope: stored, requestedCount: requestedCount, difficulty: difficulty, seed: seed,
      at: workspace.clock.now)
  }

  /// Commits one answer (a nil response is a skip) with its card update.
  public func record(
    _ outcome: QuestionOutcome, unsure: Bool, askedAt: Date, fuzzSeed: UInt64
  ) throws(StoreError) {
    let question = outcome.presented.question
    let now = workspace.clock.now
    let record = AnswerRecord(
      quizID: quizID, questionID: question.id, areaID: question.areaID,
      topicID: question.topicID, difficulty: question.difficulty, mode: mode,
      response: outcome.response?.storedForm, score: outcome.grade?.score ?? 0,
      isSkipped: outcome.isSkipped, isUnsure: unsure, answeredAt: now,
      duration: now.timeIntervalSince(askedAt))
    try workspace.store.record(record, fuzzSeed: fuzzSeed)
  }

  /// Closes the quiz row.
  public func finish(completed: Bool) throws(StoreError) {
    try workspace.store.finishQuiz(
      id: quizID, status: completed ? .completed : .endedEarly, at: workspace.clock.now)
  }

  /// Stores an assessment's estimate, so `skills`, `stats` and the next assessment see it.
  public func saveAssessment(_ flow: AssessmentFlow) throws(StoreError) {
    guard let scope = flow.scope, !flow.test.administered.isEmpty else { return }
    try workspace.store.saveAssessment(
      AssessmentRecord(
        scope: scope.label, areaID: scope.areaID, finishedAt: workspace.clock.now,
        estimate: flow.test.estimate, items: flow.test.administered.count),
      quizID: quizID)
  }
}
