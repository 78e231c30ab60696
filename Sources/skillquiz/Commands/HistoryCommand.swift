import ArgumentParser
import SkillQuizUseCases

/// `history [N] [--json]`.
struct HistoryCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "Past quizzes, reviews, drills and assessments, newest first."
  )

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: ArgumentHelp("How many to list (default 20).", valueName: "N"))
  var limit: Int?
  @Flag(help: "Print JSON.")
  var json = false

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("list 1 or more, not \(limit)") }
  }

  func run(in context: CommandContext) throws {
    let history = try QuizHistory(try context.workspace(), limit: limit)
    if json { return context.console.line(try prettyJSON(history.json)) }
    context.console.line(HistoryView(renderer: context.renderer).render(history))
  }
}
