import ArgumentParser
import SkillQuizKit
import SkillQuizUseCases

/// `jobs import FILE…`.
struct JobsImportCommand: RunnableCommand {
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

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: "Saved posting files.")
  var files: [String]
  @Option(
    help: "The employer, for Lever and Ashby files, which do not name it (default: the file name).")
  var company: String?

  func run(in context: CommandContext) throws {
    let run = try PostingImportRun(
      files: files, company: company, workspace: context.workspace(),
      progress: context.progress)
    for line in run.report {
      context.console.line(context.console.fitted(TerminalText.sanitize(line)))
    }
    context.console.line(
      "Imported \(run.added) new and updated \(run.updated) openings; `jobs` ranks them.")
  }
}

/// `jobs imported`.
struct JobsImportedCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "imported", abstract: "List imported openings.")

  @ParentCommand var globals: SkillQuizCommand

  func run(in context: CommandContext) throws {
    let openings = try context.store().openings.all()
    guard !openings.isEmpty else {
      return context.console.line("No imported openings. `jobs import FILE` adds some.")
    }
    for opening in openings {
      context.console.line(
        TerminalText.sanitize(
          "\(opening.id)  \(opening.company) — \(opening.title)  (\(opening.source))",
          keepNewlines: false))
    }
  }
}

/// `jobs remove <id>`.
struct JobsRemoveCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove an imported opening.")

  @ParentCommand var globals: SkillQuizCommand
  @Argument(
    help: ArgumentHelp(
      "The imported opening's id (`jobs imported` lists them).", valueName: "opening"))
  var id: String

  func run(in context: CommandContext) throws {
    guard try context.store().openings.remove(id: id) else {
      throw CommandFailure("no imported opening '\(id)'; `jobs imported` lists them")
    }
    context.console.line("Removed \(id).")
  }
}
