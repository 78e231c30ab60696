import ArgumentParser
import Foundation
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
      never written to. The running totals (stats, weak, review) are compared with a
      recomputation from every answer and rebuilt if they differ.

      Every page and every answer is read: about a minute and a half for a 600 MB database of
      a million answers. On a terminal, doctor says so first when the database is over 50 MB.

      Exits 1 when a problem is left.
      """))

  /// Above this size (bytes), doctor says on a terminal that it will take a while.
  static let largeDatabase = 50_000_000

  @ParentCommand var globals: SkillQuizCommand
  @Flag(help: "Print JSON.")
  var json = false

  func run(in context: CommandContext) throws {
    let database = context.locations.data.appendingPathComponent(AnswerStore.fileName).path
    var info = stat()
    if isatty(STDERR_FILENO) == 1, stat(database, &info) == 0, info.st_size > Self.largeDatabase {
      context.console.writeError(
        "Reading every page of \(info.st_size / 1_000_000) MB and every answer; on a large "
          + "database this takes a minute or more (about 1.5 minutes for 600 MB)…\n")
    }
    let report = DatabaseDoctor.examine(directory: context.locations.data, now: context.clock.now)
    if json {
      context.console.line(try prettyJSON(report))
    } else {
      context.console.line(DoctorView(renderer: context.renderer).render(report))
    }
    if !report.isHealthy { throw ExitCode.failure }
  }
}
