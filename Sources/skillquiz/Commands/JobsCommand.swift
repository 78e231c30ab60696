import ArgumentParser
import SkillQuizKit
import SkillQuizUseCases

extension SeniorityLevel: ExpressibleByArgument {
  public init?(argument: String) {
    guard let level = Self.allCases.first(where: { $0.name == argument.lowercased() }) else {
      return nil
    }
    self = level
  }

  public static var allValueStrings: [String] { allCases.map(\.name) }
}

/// Where skill levels come from for `jobs`, `jobs show` and `plan`.
struct JobLevelOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A what-if profile instead of your measured skills: JSON {\"skill-or-topic\": 0-100}.",
      valueName: "file"))
  var profile: String?

  @Option(help: ArgumentHelp("Your career level (default: `set level`).", valueName: "level"))
  var level: SeniorityLevel?

  func matching(_ context: CommandContext) throws -> JobMatching {
    let matching = try JobMatching(try context.workspace(), whatIfProfile: profile, level: level)
    for problem in matching.problems { context.console.writeError(problem.description + "\n") }
    return matching
  }
}

/// `jobs`: openings ranked by measured skill, and the commands that manage them.
struct JobsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jobs",
    abstract: "Openings ranked by your measured skills; `jobs show <id|rank>` explains one.",
    subcommands: [
      JobsRankCommand.self, JobsShowCommand.self, JobsImportCommand.self,
      JobsImportedCommand.self, JobsRemoveCommand.self,
    ],
    defaultSubcommand: JobsRankCommand.self, aliases: ["job"])
}

/// `jobs [rank]`.
struct JobsRankCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rank",
    abstract: "Rank the openings (the default).",
    discussion: reflowed(
      """
      Ranks the openings in QuestionBanks/openings.yaml and the imported ones by how well
      your measured skills meet each requirement: credit ramps from half the required level
      to the level, required skills count 80% and preferred 20%, and a seniority factor
      applies when you `set level`. Bands: Strong 85+, Good 70-84, Stretch 50-69, Not yet; a
      required skill with no credit caps the band at Stretch. Filters hide openings; they
      never change a score or a rank number. A skill never assessed is "not assessed":
      take its quiz.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @OptionGroup var levels: JobLevelOptions
  @Option(
    name: .shortAndLong,
    help: "Only openings in this city, region or country (remote ones always pass).")
  var location: String?
  @Flag(help: "Only remote openings.")
  var remote = false
  @Option(help: "Only openings that accept this level.")
  var seniority: SeniorityLevel?
  @Option(
    name: [.customLong("type"), .customLong("employment-type")],
    help: "Only this employment type, such as FULL_TIME or CONTRACTOR.")
  var employmentType: String?
  @Option(name: [.customShort("n"), .long], help: "How many to show (default 10).")
  var limit = 10
  @Flag(help: "Print JSON.")
  var json = false

  func validate() throws {
    if limit < 1 { throw ValidationError("--limit needs a count of 1 or more") }
  }

  func run(in context: CommandContext) throws {
    let matching = try levels.matching(context)
    let filters = JobFilters(
      location: location, remoteOnly: remote, seniority: seniority,
      employmentType: employmentType)
    let (shown, hidden) = try matching.filtered(filters, limit: limit)
    if json {
      return context.console.line(try prettyJSON(JobMatchingJSON.ranking(shown, hidden: hidden)))
    }
    context.console.line(
      JobsView(renderer: context.renderer, catalog: try context.library().catalog).ranking(
        shown, hidden: hidden, matching: matching))
  }
}

/// `jobs show <id|rank|prefix> [--explain]`.
struct JobsShowCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Every requirement of one opening and the arithmetic.")

  @ParentCommand var globals: SkillQuizCommand
  @OptionGroup var levels: JobLevelOptions
  @Argument(
    help: ArgumentHelp(
      "The opening's id, the rank number `jobs` shows, or the id's beginning.",
      valueName: "opening"))
  var opening: String
  @Flag(help: "Print the formula with its numbers.")
  var explain = false
  @Flag(help: "Print JSON.")
  var json = false

  func run(in context: CommandContext) throws {
    let matching = try levels.matching(context)
    let (rank, match) = try matching.opening(opening)
    if json {
      return context.console.line(try prettyJSON(JobMatchingJSON.opening(rank: rank, match: match)))
    }
    context.console.line(
      JobsView(renderer: context.renderer, catalog: try context.library().catalog).detail(
        match, rank: rank, explain: explain, seniority: matching.seniority, matching: matching))
  }
}

/// `plan [opening] [--json]`.
struct PlanCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "What to learn next to raise your best job matches, or one opening's match.",
    discussion: reflowed(
      """
      Without an opening, sums across your top 5 openings the points each skill would add if
      you met every level asked, and names the quiz, review or assessment to run next. With
      an opening (id, rank number or id prefix), plans for that opening alone.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @OptionGroup var levels: JobLevelOptions
  @Argument(
    help: ArgumentHelp("Plan for this opening only (id, rank or prefix).", valueName: "opening"))
  var opening: String?
  @Flag(help: "Print JSON.")
  var json = false

  func run(in context: CommandContext) throws {
    let plan = try levels.matching(context).plan(for: opening)
    if json { return context.console.line(try prettyJSON(JobMatchingJSON.plan(plan))) }
    context.console.line(
      JobsView(renderer: context.renderer, catalog: try context.library().catalog).plan(plan))
  }
}
