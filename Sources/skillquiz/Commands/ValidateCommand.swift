import ArgumentParser
import SkillQuizUseCases

/// `validate [--strict] [PATH…]`.
struct ValidateCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check question banks and report every problem as file:line:column.",
    discussion: reflowed(
      """
      With no PATH, checks every bank under --banks. A PATH may be a bank file (checked
      against the skills.yaml of --banks) or a folder with its own skills.yaml.
      Besides errors, content lint reports warnings: a reference with an https URL, a real
      explanation, 3 to 6 options, code blocks that name their language, a right option not
      much longer than the wrong ones (which would give it away), no duplicate or
      near-duplicate prompts, and for whole folders the difficulty mix per area (at least
      25% easy, 35% medium, 25% hard) and at least 8 questions per topic. For whole folders a
      test-wiseness check asks, per area, whether keys can be guessed from form alone: the key
      the strictly longest option in at most 35% of single-answer questions, true/false keys
      40-60% true, at least 10% of multiple-answer questions with other than 2 or 3 right
      options, right options on average at most 15% longer than wrong ones, and an examinee
      who picks the longest option(s) and answers false no more than 5 points above blind
      guessing. SQL questions are run: each dataset must build and each solution must return
      rows.

      Exits 1 when any error is found, or any warning with --strict.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Flag(help: "Treat content warnings as errors.")
  var strict = false
  @Argument(help: "Bank files or folders to check.")
  var paths: [String] = []

  func run(in context: CommandContext) throws {
    let result = try BankValidation(paths: paths, banks: context.locations.banks)
    for failure in result.loadFailures { context.console.error(failure) }
    for finding in result.findings {
      context.console.line(context.console.fitted(finding.description))
    }
    let (errors, warnings) = (result.errorCount, result.warningCount)
    let summary =
      "checked \(result.fileCount) files: \(result.questionCount) questions loaded, "
      + "\(errors) \(errors == 1 ? "error" : "errors"), "
      + "\(warnings) \(warnings == 1 ? "warning" : "warnings")"
    guard errors == 0, !(strict && warnings > 0) else {
      context.console.line(summary + (strict && warnings > 0 ? " (--strict: warnings count)" : ""))
      throw ExitCode.failure
    }
    context.console.line(summary + (warnings > 0 ? "" : " · all good"))
  }
}
