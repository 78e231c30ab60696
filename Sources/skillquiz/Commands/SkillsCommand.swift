import ArgumentParser
import SkillQuizUseCases

/// `skills`: areas and topics with question counts and standing.
struct SkillsCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "skills",
    abstract: "Areas, then their topics, with question counts and your standing in each.",
    aliases: ["areas"])

  @ParentCommand var globals: SkillQuizCommand

  func run(in context: CommandContext) throws {
    let overview = try SkillsOverview(try context.workspace())
    context.console.line(SkillsView(renderer: context.renderer).render(overview))
  }
}
