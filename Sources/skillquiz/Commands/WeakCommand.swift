import ArgumentParser
import SkillQuizUseCases

/// `weak [area|topic] [--json]`.
struct WeakCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "weak",
    abstract: "Topics from weakest to strongest, with the next step for each, and leeches.",
    discussion: reflowed(
      """
      Ranks topics on the skill profile: one IRT estimate per topic from the first answer to
      each question (later answers, whether quiz, review or drill, train memory, not the
      estimate), on the 0-300 scale of `assess`, with its ± (50 × the posterior SD), so 2
      right of 2 never reads as a perfect score. A topic with fewer than 5 distinct
      questions answered says "not enough data". Each line shows recent misses (14 days),
      and the command to run next. Leeches (questions missed 8 times, which `review` leaves
      out) are listed with their explanation.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: ArgumentHelp("Only this area or topic.", valueName: "scope"))
  var scope: String?
  @Flag(help: "Print JSON.")
  var json = false

  func run(in context: CommandContext) throws {
    let report = try WeakReport(try context.workspace(), scope: scope)
    if json { return context.console.line(try prettyJSON(report.json)) }
    context.console.line(WeakView(renderer: context.renderer).render(report))
  }
}
