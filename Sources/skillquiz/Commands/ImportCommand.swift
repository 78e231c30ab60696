import ArgumentParser
import Foundation
import SkillQuizKit
import SkillQuizUseCases

extension QuestionFormat: ExpressibleByArgument {}

/// `import FILE… --area A`: GIFT, Aiken, Markdown or CSV into native bank files.
struct ImportCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Convert GIFT, Aiken, LinkedIn-style Markdown or CSV quizzes into a bank file.",
    discussion: reflowed(
      """
      Each FILE becomes <banks>/imported/<name>.yaml (or --out, for a single FILE; - is
      standard output). The format is told from the content unless --format is given.
      Question ids come from a hash of the file name and the question text, so importing the
      same file again updates its bank without duplicating questions. Questions that cannot
      be imported (essays, matching, no right answer marked…) are listed with file:line and
      the reason. Nothing is written when any FILE cannot be read or yields no question.

      CSV needs a header row: question, options (separated by |), answer (letters, true/false
      or accepted text), explanation, topic, difficulty.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: "Quiz files to import.")
  var files: [String]
  @Option(help: "The skill area the questions belong to (an id or alias from skills.yaml).")
  var area: String
  @Option(help: "The topic for questions whose category names no topic (default: the first).")
  var topic: String?
  @Option(help: "gift, aiken, markdown or csv (default: detected from the content).")
  var format: QuestionFormat?
  @Option(
    name: [.customLong("out"), .customLong("into")],
    help: ArgumentHelp(
      "The bank file to write, for a single FILE (- : standard output).", valueName: "file"))
  var out: String?
  @Flag(name: .customLong("dry-run"), help: "Show what would be imported; write nothing.")
  var dryRun = false

  func run(in context: CommandContext) throws {
    let console = context.console
    let run = try QuestionImportRun(
      files: files, area: area, topic: topic, format: format,
      into: out == "-" ? nil : out,
      library: try context.library(), banks: context.locations.banks,
      progress: context.progress)
    let toStandardOutput = out == "-"
    // On a terminal long lines wrap; on a pipe each `file:line: reason` stays one line.
    let width = console.isTerminal ? context.renderer.width : Int.max / 2
    let report: (String) -> Void = { line in
      let indent = String(line.prefix { $0 == " " })
      let text = TextWrapper.wrap(
        String(line.dropFirst(indent.count)), width: width - indent.count,
        continuationWidth: width - indent.count - 2
      ).enumerated().map { indent + ($0.offset == 0 ? "" : "  ") + $0.element }
        .joined(separator: "\n")
      toStandardOutput ? console.writeError(text + "\n") : console.line(text)
    }
    for plan in run.plans {
      let name = TerminalText.sanitize(
        URL(fileURLWithPath: plan.path).lastPathComponent, keepNewlines: false)
      let kinds = plan.outcome.kinds.map { "\($0.count) \($0.type)" }.joined(separator: ", ")
      report(
        "\(name) (\(plan.format.rawValue)): imported \(plan.outcome.ids.count)"
          + (kinds.isEmpty ? "" : " (\(kinds))") + ", skipped \(plan.outcome.skipped.count)")
      for skip in plan.outcome.skipped {
        report("  \(name):\(skip.line): \(TerminalText.sanitize(skip.reason, keepNewlines: false))")
      }
      for note in plan.outcome.notes {
        report(
          "  \(name):\(note.line): note: \(TerminalText.sanitize(note.reason, keepNewlines: false))"
        )
      }
      for error in plan.outcome.errors { console.writeError("\(error)\n") }
      if let refusal = QuestionImportRun.refusal(plan) { throw CommandFailure(refusal) }
    }
    for plan in run.plans {
      if dryRun {
        report(
          "would write \(toStandardOutput ? "standard output" : plan.target.path) (\(plan.change))")
        continue
      }
      if toStandardOutput {
        console.write(plan.outcome.text)
        continue
      }
      let folder = plan.target.deletingLastPathComponent()
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      } catch {
        throw CommandFailure(
          "cannot create the folder '\(TerminalText.sanitize(folder.path, keepNewlines: false))': "
            + "\(FileErrorText.reason(error)). Nothing was written.\n"
            + "    fix: give --out a path in a folder you can write to")
      }
      let written = try OutputFile.write(Data(plan.outcome.text.utf8), to: plan.target.path)
      report("wrote \(written) (\(plan.change))")
      if let only = plan.outcome.topics.first {
        let scope = plan.outcome.topics.count == 1 ? only.topic : run.area.id
        let topics = plan.outcome.topics.map { "\($0.count) in \($0.topic)" }
        report("  topics: \(topics.joined(separator: ", ")) · practise with `quiz \(scope)`")
      }
    }
    if !dryRun, !toStandardOutput {
      report(
        "`skillquiz validate \(run.plans.map(\.target.path).joined(separator: " "))` lists "
          + "content warnings such as missing explanations or references")
    }
  }
}
