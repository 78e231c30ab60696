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
    let now = workspace.clock.now
    let library = workspace.library
    let due = try dueCards(workspace, in: scope)
    guard !due.isEmpty else {
      let next = try workspace.store.firstCard(dueAfter: now) { stored in
        guard !stored.isLeech, let summary = library.summary(id: stored.questionID) else {
          return false
        }
        return scope?.contains(summary) ?? true
      }
      return .nothingDue(scope: scope, next: next?.card.due)
    }
    let questions = library.questions(
      ids: due.prefix(limit ?? defaultReviewLimit).map(\.questionID))
    return .ready(
      ReviewFlow(scope: scope, questions: questions, dueCount: due.count), due: due.count)
  }

  /// How many cards are due now in a scope, as `review` counts them.
  public static func dueCount(_ workspace: Workspace, scope: SkillScope? = nil) throws(StoreError)
    -> Int
  {
    try dueCards(workspace, in: scope).count
  }

  /// The cards due now in a scope, most overdue first, as `review` asks them; reads only the
  /// due cards (through the `card(due)` index).
  public static func dueCards(_ workspace: Workspace, in scope: SkillScope?) throws(StoreError)
    -> [StoredCard]
  {
    let now = workspace.clock.now
    // `due <= now`: the store's bound is exclusive, so ask up to the next millisecond (the
    // precision dates are stored with).
    return ReviewQueue.due(
      try workspace.store.cards(dueBefore: now.addingTimeInterval(0.001)), in: scope,
      library: workspace.library, at: now)
  }

  /// The questions whose last answer was wrong; nil when there are none.
  public static func drill(_ workspace: Workspace, scope word: String?) throws(any Error)
    -> DrillFlow?
  {
    let scope = try workspace.optionalScope(word)
    let missed = WeakAreas.missedQuestions(
      try workspace.store.lastMisses(), in: scope, library: workspace.library)
    return missed.isEmpty ? nil : DrillFlow(scope: scope, questions: missed)
  }

  /// An adaptive assessment of an area or topic over its fresh questions (never shown, so
  /// every answer is evidence), starting from the profile's estimate.
  ///
  /// - Throws: `UseCaseError.invalid` when fewer fresh questions are left than the stop
  ///   rule's minimum: an assessment then gives no score.
  public static func assessment(_ workspace: Workspace, scope word: String) throws(any Error) -> (
    flow: AssessmentFlow, previous: AssessmentRecord?
  ) {
    let scope = try workspace.scope(word)
    let profile = try workspace.profile()
    let all = AssessmentFlow.pool(in: scope, library: workspace.library)
    let pool = all.filter { !profile.seen.contains($0.id) }
    let minimum = StopRule().minimumItems
    guard pool.count >= minimum else {
      if all.count < minimum {
        throw UseCaseError.invalid(
          "\(scope.label) has \(all.count) \(all.count == 1 ? "question" : "questions"); "
            + "an assessment needs at least \(minimum). Try its area, or `quiz \(scope.label)`.")
      }
      throw UseCaseError.invalid(
        (pool.isEmpty
          ? "no fresh questions left in \(scope.label)"
          : "only \(pool.count) fresh \(pool.count == 1 ? "question" : "questions") left in "
            + "\(scope.label)")
          + " (an assessment asks only questions you have never seen, at least \(minimum)),"
          + " so it would give no score: import or add questions, or assess another scope.")
    }
    let previous = try workspace.store.assessments().last {
      $0.scope == scope.label && $0.isComplete
    }
    let flow = AssessmentFlow(
      scope: scope, pool: pool, library: workspace.library,
      calibrated: try workspace.calibratedParameters(),
      startTheta: profile.entry(scope.label)?.estimate.theta ?? previous?.estimate.theta ?? 0)
    return (flow, previous)
  }
}

extension SessionPlanning {
  /// A readiness test for one opening (id, rank or unique prefix): its required skills'
  /// fresh questions, and the evidence so far per skill.
  ///
  /// - Throws: The opening is unknown, or its required skills have no fresh questions left.
  public static func readiness(_ workspace: Workspace, opening reference: String)
    throws(any Error) -> ReadinessFlow
  {
    let matching = try JobMatching(workspace)
    let opening = try matching.opening(reference).match.opening
    let profile = try matching.profile ?? workspace.profile()
    let skills = Set(opening.required.flatMap(\.skills))
    let pool = workspace.library.summaries(in: nil).filter {
      $0.kind != .sql && !profile.seen.contains($0.id)
        && (skills.contains($0.areaID) || skills.contains($0.topicLabel))
    }
    guard !pool.isEmpty else {
      throw UseCaseError.invalid(
        "no fresh questions left in the skills \(opening.id) requires, so a readiness test"
          + " would decide nothing: import or add questions.")
    }
    return ReadinessFlow(
      opening: opening, pool: pool, library: workspace.library,
      calibrated: try workspace.calibratedParameters(),
      evidence: profile.responses)
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
    let scope = flow.scopeLabel
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

  /// Stores an assessment: its estimate when the stop rule ended it, or "incomplete" when
  /// it was stopped early (its answers still count as evidence; it never shows as a score).
  public func saveAssessment(_ flow: AssessmentFlow) throws(StoreError) {
    guard let scope = flow.scope, !flow.test.administered.isEmpty else { return }
    try workspace.store.saveAssessment(
      AssessmentRecord(
        scope: scope.label, areaID: scope.areaID, finishedAt: workspace.clock.now,
        estimate: flow.test.estimate, items: flow.test.administered.count,
        isComplete: flow.endedByStopRule, minimumItems: flow.test.stopRule.minimumItems),
      quizID: quizID)
  }
}
