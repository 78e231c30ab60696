import ArgumentParser
import SkillQuizKit
import SkillQuizUseCases

/// `assess <area|topic>`: an adaptive test.
struct AssessCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess",
    abstract: "An adaptive test (IRT): a 0-300 score with its ± in 8 to 25 questions.",
    discussion: reflowed(
      """
      Each question is the most informative at your current estimate (3PL item response
      theory), and after each answer you see the running score on a 0-300 scale with its ±
      (50 × the posterior SD). It stops when the ± is below 18 (SD 0.35) or after 25
      questions, never before 8. A skip counts as a wrong answer. The report gives the
      score, percentile, band (Novice below the 20th percentile, Proficient, Expert from the
      80th) and how many more questions would halve the ±. The next assessment of the area
      starts from this estimate. SQL lab questions are left out (they take minutes each).
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: ArgumentHelp("An area or topic.", valueName: "scope"))
  var scope: String

  func run(in context: CommandContext) throws {
    let workspace = try context.workspace()
    let (flow, previous) = try SessionPlanning.assessment(workspace, scope: scope)
    let view = SessionView(renderer: context.renderer)
    context.console.line(view.assessmentStart(flow, previous: previous))
    try SessionRunner(context: context, workspace: workspace).run(
      flow, requestedCount: flow.test.stopRule.maximumItems, difficulty: nil,
      finish: { try $1.saveAssessment($0) })
  }
}
