import ArgumentParser
import SkillQuizUseCases

/// `stats [area] [--json]`.
struct StatsCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Per area and topic: answers, % correct, last practice and trend; assessments; "
      + "what is due for review.")

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: ArgumentHelp("Only this area (an area or topic word).", valueName: "area"))
  var area: String?
  @Flag(help: "Print JSON instead of tables.")
  var json = false

  func run(in context: CommandContext) throws {
    let workspace = try context.workspace()
    let stats = try StatsOverview(workspace, scope: area)
    if json {
      return context.console.line(try prettyJSON(StatsJSON(stats, workspace: workspace)))
    }
    context.console.line(StatsView(renderer: context.renderer).render(stats))
  }
}
