import ArgumentParser
import SkillQuizKit
import SkillQuizUseCases

extension Difficulty: ExpressibleByArgument {}

/// `quiz <area|topic> [N] [--difficulty easy|medium|hard]`.
struct QuizCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quiz",
    abstract: "A quiz of N questions (default 10) from an area or topic.",
    discussion: reflowed(
      """
      Questions you have never answered come first. Answer with letters (`b`, `a,c` or `ac`),
      `true`/`false` (`t`/`f`), or typed text; add `?` (`b?`) when unsure. SQL questions take
      a query, over several lines if you like, ending with `;`; `schema` shows the dataset.
      `skip` moves on, `quit` ends the quiz early; answers given are kept. Ctrl-C at an answer
      asks whether to end the quiz.

      Examples: quiz git 5 · quiz kubernetes --difficulty hard · quiz sql 3 -d easy
      """),
    aliases: ["q"])

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: ArgumentHelp("An area or topic, such as git, docker or sql.", valueName: "scope"))
  var scope: String
  @Argument(
    help: ArgumentHelp(
      "How many questions (1 to 500); a difficulty here works too.", valueName: "N"))
  var amount: CountOrDifficulty?
  @Option(name: .shortAndLong, help: "Only easy, medium or hard questions.")
  var difficulty: Difficulty?

  /// `quiz docker hard` has always meant `quiz docker --difficulty hard`.
  enum CountOrDifficulty: ExpressibleByArgument {
    case count(Int)
    case difficulty(Difficulty)

    init?(argument: String) {
      if let number = Int(argument) {
        self = .count(number)
      } else if let level = Difficulty(argument: argument.lowercased()) {
        self = .difficulty(level)
      } else {
        return nil
      }
    }
  }

  var count: Int? {
    if case .count(let number)? = amount { return number }
    return nil
  }

  func validate() throws {
    if let count, !(1...500).contains(count) {
      throw ValidationError("ask for 1 to 500 questions, not \(count)")
    }
  }

  func run(in context: CommandContext) throws {
    let workspace = try context.workspace()
    var difficulty = difficulty
    if case .difficulty(let level)? = amount { difficulty = difficulty ?? level }
    let flow = try SessionPlanning.quiz(
      workspace, scope: scope, count: count, difficulty: difficulty, using: &context.random)
    let requested = count ?? QuizPlanner.defaultCount
    if flow.questions.count < requested {
      context.console.line(
        context.renderer.style(
          "Only \(flow.questions.count) questions match; asking all of them.", .dim))
    }
    try SessionRunner(context: context, workspace: workspace).run(
      flow, requestedCount: requested, difficulty: difficulty)
  }
}
