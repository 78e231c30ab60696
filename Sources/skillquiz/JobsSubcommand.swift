import ArgumentParser
import Foundation
import SkillQuizKit
import SkillQuizStore

/// Options shared by the job commands: where skill levels come from.
struct JobLevelOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A what-if profile instead of your measured skills: JSON {\"skill-or-topic\": 0-100}.",
      valueName: "file"))
  var profile: String?

  @Option(
    help: ArgumentHelp("Your career level: junior, mid, senior or staff.", valueName: "level"))
  var level: String?
}

/// The openings, levels and seniority every job command needs.
private struct JobContext {
  let context: AppContext
  let library: QuestionLibrary
  let openings: [JobOpening]
  let levels: SkillLevels
  let seniority: SeniorityLevel?

  init(_ parent: SkillQuizCommand, _ options: JobLevelOptions) throws {
    let context = try AppContext(parent)
    self.context = context
    let library = try context.loadLibrary(quietAboutProblems: true)
    self.library = library
    let store = try context.openStore()
    let (openings, problems) = try context.orExit {
      try OpeningsLoader.load(
        banks: context.locations.banks, catalog: library.catalog, store: store)
    }
    for problem in problems { context.console.writeError(problem.description + "\n") }
    self.openings = openings
    if let path = options.profile {
      do {
        levels = SkillLevels(
          catalog: library.catalog, profile: nil,
          overrides: try SkillLevels.whatIf(path, catalog: library.catalog))
      } catch {
        context.console.error("\(error)")
        throw ExitCode.failure
      }
    } else {
      let answers = try context.orExit { try store.answers() }
      levels = SkillLevels(
        catalog: library.catalog,
        profile: SkillProfile(
          answers: answers, library: library,
          calibrated: store.calibratedParameters(for: library)),
        overrides: nil)
    }
    let stored = try context.orExit { try OpeningsLoader.seniority(in: store) }
    if let text = options.level {
      guard let level = SeniorityLevel(name: text) else {
        throw ValidationError("'\(text)' is not a level; use junior, mid, senior or staff")
      }
      seniority = level
    } else {
      seniority = stored
    }
  }

  var matches: [JobMatch] {
    JobMatcher.rank(
      openings.map { JobMatcher.match($0, level: levels.level, seniority: seniority) })
  }
}

/// `skillquiz jobs`: openings ranked by measured skill.
struct JobsSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jobs",
    abstract: "Rank job openings by your measured skills.",
    subcommands: [
      JobsRankCommand.self, JobsShowCommand.self, JobsImportCommand.self, JobsRemoveCommand.self,
      JobsImportedCommand.self,
    ],
    defaultSubcommand: JobsRankCommand.self)
}

/// `skillquiz jobs [rank]`.
struct JobsRankCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rank", abstract: "Rank the openings (the default).")

  @ParentCommand var parent: SkillQuizCommand
  @OptionGroup var levelOptions: JobLevelOptions

  @Option(help: "Only openings in this city, region or country (remote ones always pass).")
  var location: String?
  @Flag(help: "Only remote openings.")
  var remote = false
  @Option(help: "Only openings that accept this level.")
  var seniority: String?
  @Option(
    name: .customLong("employment-type"),
    help: "Only this employment type, such as FULL_TIME or CONTRACTOR.")
  var employmentType: String?
  @Option(help: "How many to show.")
  var limit = 10
  @Flag(help: "Print JSON.")
  var json = false

  func run() throws {
    let job = try JobContext(parent, levelOptions)
    var filters = JobFilters(
      location: location, remoteOnly: remote, employmentType: employmentType)
    if let seniority {
      guard let level = SeniorityLevel(name: seniority) else {
        throw ValidationError("'\(seniority)' is not a level; use junior, mid, senior or staff")
      }
      filters.seniority = level
    }
    let shown = job.matches.filter { filters.admits($0.opening) }
    let hidden = job.openings.filter { !filters.admits($0) }
    if json {
      let rows: [[String: Any]] = shown.prefix(limit).map { match in
        [
          "id": match.opening.id, "company": match.opening.company, "title": match.opening.title,
          "score": match.score, "band": match.band,
          "requiredCoverage": match.requiredCoverage,
          "preferredCoverage": match.preferredCoverage as Any,
          "seniorityFactor": match.seniorityFactor,
          "requirements": match.requirements.map { result -> [String: Any] in
            [
              "skills": result.requirement.skills, "required": result.isRequired,
              "threshold": result.requirement.threshold, "weight": result.requirement.weight,
              "level": result.level as Any, "credit": result.credit,
              "pointsLost": result.pointsLost, "status": result.status,
            ]
          },
        ]
      }
      let object: [String: Any] = ["openings": rows, "hidden": hidden.map(\.id)]
      let data = try JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
      job.context.console.line(String(decoding: data, as: UTF8.self))
      return
    }
    let view = JobsView(
      renderer: Renderer(console: job.context.console), catalog: job.library.catalog)
    job.context.console.line(view.ranking(Array(shown.prefix(limit)), hidden: hidden))
  }
}

/// `skillquiz jobs show <id>`.
struct JobsShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Every requirement of one opening and the arithmetic.")

  @ParentCommand var parent: SkillQuizCommand
  @OptionGroup var levelOptions: JobLevelOptions
  @Argument(help: "The opening's id (or its beginning).")
  var id: String
  @Flag(help: "Print the formula with its numbers.")
  var explain = false

  func run() throws {
    let job = try JobContext(parent, levelOptions)
    guard
      let opening = job.openings.first(where: { $0.id == id })
        ?? job.openings.first(where: { $0.id.hasPrefix(id) })
    else {
      job.context.console.error("no opening '\(id)'; `skillquiz jobs` lists them")
      throw ExitCode.failure
    }
    let match = JobMatcher.match(opening, level: job.levels.level, seniority: job.seniority)
    let view = JobsView(
      renderer: Renderer(console: job.context.console), catalog: job.library.catalog)
    job.context.console.line(view.detail(match, explain: explain, seniority: job.seniority))
  }
}

/// `skillquiz plan`.
struct PlanSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan", abstract: "What to learn next to raise your best job matches.")

  @ParentCommand var parent: SkillQuizCommand
  @OptionGroup var levelOptions: JobLevelOptions

  func run() throws {
    let job = try JobContext(parent, levelOptions)
    let top = Array(job.matches.prefix(5))
    let view = JobsView(
      renderer: Renderer(console: job.context.console), catalog: job.library.catalog)
    job.context.console.line(view.plan(JobPlanner.plan(top), openings: top.count))
  }
}

/// `skillquiz jobs import FILE…`.
struct JobsImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Import saved job postings: JSON-LD (or an HTML page with it), Greenhouse, Lever, Ashby.",
    discussion: reflowed(
      """
      Requirements are extracted from the text: skills by the keywords in skills.yaml
      (longest first, at word boundaries; capitalised keywords such as Go match only as
      written), required or preferred by section headings and cues such as "nice to have" or
      "a plus", the level by cues ("familiarity" → familiar, "strong"/"deep"/"5+ years" →
      strong). Unrecognised technology words are listed, not guessed. Importing the same
      posting again updates it. If any file fails, nothing is imported.
      """))

  @ParentCommand var parent: SkillQuizCommand
  @Argument(help: "Saved posting files.")
  var files: [String]
  @Option(
    help: "The employer, for Lever and Ashby files, which do not name it (default: the file name).")
  var company: String?

  func run() throws {
    let context = try AppContext(parent)
    let library = try context.loadLibrary(quietAboutProblems: true)
    let extractor = SkillExtractor(catalog: library.catalog)
    var openings: [JobOpening] = []
    var report: [String] = []
    for path in files {
      let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
      guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
      else {
        context.console.error("cannot read '\(path)'; nothing was imported")
        throw ExitCode.failure
      }
      let postings: [ImportedPosting]
      do {
        postings = try PostingImporter.read(text, file: path, company: company)
      } catch {
        context.console.error("\(error.description)\n    nothing was imported")
        throw ExitCode.failure
      }
      for posting in postings {
        let (opening, unrecognised) = PostingImporter.opening(
          from: posting, extractor: extractor, file: path)
        guard let opening else {
          report.append("skipped \(posting.company) — \(posting.title): no known skill in its text")
          continue
        }
        openings.append(opening)
        let skills = (opening.required + opening.preferred).map { $0.skills[0] }
        report.append(
          "\(opening.id): \(opening.company) — \(opening.title) · \(opening.required.count) required, "
            + "\(opening.preferred.count) preferred (\(skills.joined(separator: ", ")))")
        if !unrecognised.isEmpty {
          report.append("    not recognised: " + unrecognised.prefix(12).joined(separator: ", "))
        }
      }
    }
    let store = try context.openStore()
    let (added, updated) = try context.orExit {
      try store.importOpenings(openings, at: context.clock.now)
    }
    for line in report { context.console.line(line) }
    context.console.line(
      "Imported \(added) new and updated \(updated) openings; `skillquiz jobs` ranks them.")
  }
}

/// `skillquiz jobs remove <id>`.
struct JobsRemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove an imported opening.")

  @ParentCommand var parent: SkillQuizCommand
  @Argument(help: "The imported opening's id (`skillquiz jobs imported` lists them).")
  var id: String

  func run() throws {
    let context = try AppContext(parent)
    let store = try context.openStore()
    do {
      if try store.removeImportedOpening(id: id) {
        context.console.line("Removed \(id).")
      } else {
        context.console.error("no imported opening '\(id)'; `skillquiz jobs imported` lists them")
        throw ExitCode.failure
      }
    } catch let error as StoreError {
      context.console.error(error.description)
      throw ExitCode.failure
    }
  }
}

/// `skillquiz jobs imported`.
struct JobsImportedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "imported", abstract: "List imported openings.")

  @ParentCommand var parent: SkillQuizCommand

  func run() throws {
    let context = try AppContext(parent)
    let store = try context.openStore()
    let openings = try context.orExit { try store.importedOpenings() }
    guard !openings.isEmpty else {
      context.console.line("No imported openings. `skillquiz jobs import FILE` adds some.")
      return
    }
    for opening in openings {
      context.console.line(
        "\(opening.id)  \(opening.company) — \(opening.title)  (\(opening.source))")
    }
  }
}
