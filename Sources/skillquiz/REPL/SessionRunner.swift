import Foundation
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases

/// Runs any session's questions.
///
/// It shows a question, reads an answer, stores it before its feedback, and shows the
/// feedback. What comes next and when it stops is the flow's business.
struct SessionRunner {
  let context: CommandContext
  let workspace: Workspace

  private var console: any Console { context.console }

  /// Runs the flow to its end (or until the user quits); throws `CommandOutcome.endOfInput`
  /// when input ended during it, after the summary.
  ///
  /// `finish` stores what a kind of session keeps beyond its answers (an assessment's
  /// estimate), before the summary is shown.
  func run<Flow: QuestionFlow>(
    _ flow: Flow, requestedCount: Int, difficulty: Difficulty?,
    finish: (Flow, SessionLog) throws -> Void = { _, _ in }
  ) throws {
    var flow = flow
    let log = try SessionLog(
      workspace, flow: flow, requestedCount: requestedCount, difficulty: difficulty,
      seed: context.seed)
    let view = SessionView(renderer: context.renderer)
    let reader = AnswerReader(
      reader: try context.reader(), console: console, sandbox: context.sandbox,
      renderer: context.renderer)
    var ending = AnswerReader.Ending.finished
    asking: while let presented = flow.next(using: &context.random) {
      console.line()
      console.line(view.question(presented, flow: flow, catalog: workspace.library.catalog))
      if case .sql(let exercise) = presented.question.answer {
        console.line(
          view.renderer.datasetSummary(
            exercise.dataset, tables: context.sandbox.tables(of: exercise.dataset)))
      }
      // Nobody can see the question: end the session as the user would (its row says so).
      if console.outputFailure != nil {
        ending = .endedEarly
        break asking
      }
      let asked = context.clock.now
      let reading = reader.read(presented, answeredSoFar: flow.summary.outcomes.count)
      let outcome: QuestionOutcome
      var unsure = false
      var verdict: SQLVerdict?
      switch reading {
      case .answer(let response, let isUnsure, let grade, let sqlVerdict):
        outcome = QuestionOutcome(presented: presented, response: response, grade: grade)
        unsure = isUnsure
        verdict = sqlVerdict
      case .skip:
        outcome = QuestionOutcome(presented: presented, response: nil, grade: nil)
      case .ended(let why):
        ending = why
        break asking
      }
      do {
        try log.record(outcome, unsure: unsure, askedAt: asked, fuzzSeed: context.random.next())
      } catch {
        console.error("your answer could not be saved, so the session stops here: \(error)")
        ending = .endedEarly
        break asking
      }
      flow.record(outcome)
      console.line(view.feedback(outcome, verdict: verdict))
      if let note = flow.afterAnswerNote {
        console.line(context.renderer.style("  " + note, .accent))
      }
    }
    let completed = ending == .finished
    try log.finish(completed: completed)
    try finish(flow, log)
    console.line()
    console.line(
      view.summary(
        flow.summary, completed: completed, standing: try standingLine(flow),
        catalog: workspace.library.catalog))
    if ending == .endOfInput { throw CommandOutcome.endOfInput }
  }

  /// `Git: 72% over 15 answers`, after a quiz of an area or topic.
  private func standingLine(_ flow: some QuestionFlow) throws -> String? {
    guard flow.mode == .quiz, let scope = flow.scope,
      let area = workspace.library.catalog.area(id: scope.areaID)
    else { return nil }
    let standing = try workspace.store.standings(trendLength: 0).area(area.id)
    guard let fraction = standing.fraction else { return nil }
    let noun = standing.answeredCount == 1 ? "answer" : "answers"
    return "\(TerminalText.sanitize(area.name)): \(TextFormat.percent(fraction)) over "
      + "\(standing.answeredCount) \(noun)"
  }
}
