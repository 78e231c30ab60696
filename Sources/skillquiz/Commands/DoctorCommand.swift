import ArgumentParser
import SkillQuizStore
import SkillQuizUseCases

/// `doctor [--json]`.
struct DoctorCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check the progress database and its folder; copy a damaged database's data out.",
    discussion: reflowed(
      """
      Checks the data folder (0700) and the database: every page (integrity_check), the
      schema version, whether its -wal file was written for it (one written for another
      database is moved aside, never replayed), and the permissions of its files (0600,
      whatever the umask). When the database is damaged, what can still be read is copied into
      a new database next to it, and doctor says how to switch to it; the damaged file is
      never written to.

      Exits 1 when a problem is left.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Flag(help: "Print JSON.")
  var json = false

  func run(in context: CommandContext) throws {
    let report = DatabaseDoctor.examine(directory: context.locations.data, now: context.clock.now)
    if json {
      context.console.line(try prettyJSON(report))
    } else {
      context.console.line(DoctorView(renderer: context.renderer).render(report))
    }
    if !report.isHealthy { throw ExitCode.failure }
  }
}
