import ArgumentParser
import SkillQuizKit
import SkillQuizUseCases

/// `drill [area|topic]`: the questions last answered wrong, until each is right once.
struct DrillCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drill",
    abstract: "Only the questions whose last answer was wrong, until each is right once.",
    discussion: reflowed(
      """
      A question you miss comes back at the end, its options shuffled anew, until each has
      been answered right once (or you type `quit`). Drill answers come after you have seen
      the key, so they train memory; they update review cards like any answer.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: ArgumentHelp("Only this area or topic.", valueName: "scope"))
  var scope: String?

  func run(in context: CommandContext) throws {
    let workspace = try context.workspace()
    guard let flow = try SessionPlanning.drill(workspace, scope: scope) else {
      let place = try workspace.optionalScope(scope).map { " in \($0.name)" } ?? ""
      context.console.line(
        context.renderer.markdown(
          "No missed questions\(place): your last answer to each was right. Try `weak`."))
      return
    }
    context.console.line(SessionView(renderer: context.renderer).drillStart(flow))
    try SessionRunner(context: context, workspace: workspace).run(
      flow, requestedCount: flow.questions.count, difficulty: nil)
  }
}
