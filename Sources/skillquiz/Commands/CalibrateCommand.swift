import ArgumentParser
import Foundation
import SkillQuizKit
import SkillQuizUseCases

/// `calibrate [--responses FILE…] [--dry-run]`.
struct CalibrateCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Re-estimate question difficulty (IRT b) from answers.",
    discussion: reflowed(
      """
      Replays every answer in the database (as one user) and every row of the response
      files through an Elo-style update: after each answer the user's ability and the
      question's difficulty move toward what the answer suggests, by a step that shrinks as
      they gain answers (K = 1 / (1 + 0.05 n)). Difficulties start from the bank (an `irt: b`,
      or easy -1, medium 0, hard +1). Where a question has 30+ responses from 10+ users,
      right and wrong, its discrimination (a) is fitted too, by maximum likelihood given
      the users' abilities. The result is kept in the database and used by `assess` and the
      skill profile; guessing (c) keeps the bank's value. Response files are CSV with the
      columns user, question id, correct (1/0); a header line is allowed. Pool a team's or a
      bootcamp's answers this way: one person's answers alone move difficulties toward that
      person.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Option(
    name: .customLong("responses"),
    help: ArgumentHelp("A CSV response file to pool.", valueName: "file"))
  var responseFiles: [String] = []
  @Flag(help: "Show the result without saving it.")
  var dryRun = false

  func run(in context: CommandContext) throws {
    let console = context.console
    let run = try CalibrationRun(
      try context.workspace(), responseFiles: responseFiles, dryRun: dryRun,
      progress: context.progress)
    if !run.unknownIDs.isEmpty {
      console.warning(
        "\(run.unknownIDs.count) question ids are not in the banks and were left out: "
          + run.unknownIDs.prefix(5).joined(separator: ", ")
          + (run.unknownIDs.count > 5 ? ", …" : ""))
    }
    guard !run.rows.isEmpty else {
      return console.line(
        "Nothing to calibrate: no answers yet. Answer some questions, or pass --responses.")
    }
    console.line(
      "\(run.rows.count) \(run.rows.count == 1 ? "question" : "questions") calibrated from "
        + "\(run.responseCount) responses by \(run.userCount) "
        + (run.userCount == 1 ? "user" : "users") + ".")
    let table = TableLayout([
      TableColumn("question id"), TableColumn("responses", alignment: .right),
      TableColumn("b bank → b now", alignment: .right), TableColumn("a", alignment: .right),
    ])
    let rows = run.rows.prefix(25).map { row in
      [
        row.questionID, "\(row.responses)", String(format: "%+.2f → %+.2f", row.bankB, row.b),
        row.a.map { String(format: "%.2f", $0) } ?? "—",
      ]
    }
    for line in context.renderer.table(table, rows) { console.line(line) }
    console.line(
      "a (discrimination) is fitted only for questions with "
        + "\(Calibration.minimumResponsesForDiscrimination)+ responses from "
        + "\(Calibration.minimumUsersForDiscrimination)+ users, both right and wrong; "
        + "— keeps the bank's.")
    if run.rows.count > 25 { console.line("… and \(run.rows.count - 25) more") }
    console.line(
      run.saved
        ? "Saved; `assess` and `weak` now use these difficulties." : "Dry run: nothing saved.")
  }
}
