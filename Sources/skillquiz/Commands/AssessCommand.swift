import ArgumentParser
import SkillQuizKit
import SkillQuizUseCases

/// `assess <area|topic>`: an adaptive test; `assess --for OPENING`: a readiness test.
struct AssessCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess",
    abstract:
      "An adaptive test (IRT): a 0-300 score with its ±, or a readiness test for one opening.",
    discussion: reflowed(
      """
      `assess <area|topic>` asks only questions you have never seen, so every answer is \
      evidence. Each is the most informative at your current estimate (3PL item response \
      theory), and after each answer you see the running score on a 0-300 scale with its ± \
      (50 × the posterior SD). It stops when the ± is below 18 (SD 0.35) or after 25 \
      questions, never before 8. A skip counts as a wrong answer, and so does partial credit. \
      Stopped early (Ctrl-C or `quit`), it is stored as "incomplete (5 of ≥8)": its answers count as \
      evidence, but it is never shown as a score. With fewer than 8 fresh questions left it \
      gives no score and says so. The percentile is against the model's reference \
      population (a normal N(0, 1) prior), not against real test-takers: the items are not \
      yet calibrated on pooled responses. Bands: Novice below the 20th percentile, \
      Proficient, Expert from the 80th. SQL lab questions are left out (they take minutes).

      `assess --for <opening>` (an id, the # that `jobs` shows, or a unique prefix) is one \
      adaptive session across the opening's required skills. Each question is the fresh one \
      that tells most about the requirement furthest from decided, at that requirement's \
      bar; no requirement gets more than half the questions while another is undecided. It \
      stops when each requirement is met (P ≥ 0.8) or not met (P ≤ 0.2), or after 40 \
      questions, and ends with the match, its range, and what stayed uncertain. Here a skip is \
      not evidence: it uses the question up and decides nothing.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: ArgumentHelp("An area or topic.", valueName: "scope"))
  var scope: String?
  @Option(
    name: .customLong("for"),
    help: ArgumentHelp("A readiness test for an opening (id, # or prefix).", valueName: "opening"))
  var opening: String?

  func validate() throws {
    if scope == nil, opening == nil {
      throw ValidationError("name an area or topic (`assess git`) or an opening (`assess --for 1`)")
    }
    if scope != nil, opening != nil {
      throw ValidationError("give an area or topic, or --for an opening, not both")
    }
  }

  func run(in context: CommandContext) throws {
    let workspace = try context.workspace()
    let runner = SessionRunner(context: context, workspace: workspace)
    let view = SessionView(renderer: context.renderer)
    if let opening {
      let flow = try SessionPlanning.readiness(workspace, opening: opening)
      context.console.line(view.readinessStart(flow, catalog: workspace.library.catalog))
      var finished = false
      defer {
        if let (rank, match) = try? JobMatching(workspace).opening(flow.opening.id) {
          context.console.line()
          context.console.line(
            JobsView(renderer: context.renderer, catalog: workspace.library.catalog)
              .readinessResult(match, rank: rank, finished: finished))
        }
      }
      try runner.run(
        flow, requestedCount: ReadinessTest.maximumItems, difficulty: nil,
        finish: { flow, _ in finished = flow.isFinished })
      return
    }
    guard let scope else { return }
    let (flow, previous) = try SessionPlanning.assessment(workspace, scope: scope)
    context.console.line(view.assessmentStart(flow, previous: previous))
    try runner.run(
      flow, requestedCount: flow.test.stopRule.maximumItems, difficulty: nil,
      finish: { try $1.saveAssessment($0) })
  }
}
