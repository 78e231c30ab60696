import ArgumentParser
import SkillQuizKit
import SkillQuizUseCases

/// `review [area|topic] [--limit N]`: the due FSRS cards.
struct ReviewCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "The questions whose FSRS review card is due, most overdue first.",
    discussion: reflowed(
      """
      Every question you answer gets a card. A wrong answer rates Again; right but unsure
      (answer `b?`) or much slower than your median rates Hard; right rates Good; right, fast
      and on a card already in review rates Easy. Options are shuffled anew each time.
      Leeches (questions missed 8 times) are left out; `weak` lists them. At most 20 cards
      unless --limit says otherwise.
      """),
    aliases: ["r"])

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: ArgumentHelp("Only this area or topic.", valueName: "scope"))
  var scope: String?
  @Option(name: [.customShort("n"), .long], help: "At most this many cards (default 20).")
  var limit: Int?

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit needs a count of 1 or more") }
  }

  func run(in context: CommandContext) throws {
    let workspace = try context.workspace()
    // `review 5` has always meant five cards.
    let (word, cap) = scope.flatMap(Int.init).map { (nil, limit ?? $0) } ?? (scope, limit)
    let view = SessionView(renderer: context.renderer)
    switch try SessionPlanning.review(workspace, scope: word, limit: cap) {
    case .nothingDue(let scope, let next):
      context.console.line(view.nothingDue(scope: scope, next: next, now: context.clock.now))
    case .ready(let flow, let due):
      context.console.line(view.reviewStart(flow, due: due))
      try SessionRunner(context: context, workspace: workspace).run(
        flow, requestedCount: flow.questions.count, difficulty: nil)
      switch try SessionPlanning.review(workspace, scope: word, limit: cap) {
      case .nothingDue(let scope, let next):
        context.console.line(view.nothingDue(scope: scope, next: next, now: context.clock.now))
      case .ready(_, let left):
        context.console.line("\(TextFormat.grouped(left)) still due: `review` again to continue.")
      }
    }
  }
}
