import ArgumentParser
import Foundation
import SkillQuizKit

/// `skillquiz import FILE… --area A`: GIFT, Aiken, Markdown or CSV into native bank files.
struct ImportSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Convert GIFT, Aiken, LinkedIn-style Markdown or CSV quizzes into a bank file.",
    discussion: reflowed(
      """
      Each FILE becomes <banks>/imported/<name>.yaml (or --into, for a single FILE). The
      format is told from the content unless --format is given. Question ids come from a
      hash of the file name and the question text, so importing the same file again updates
      its bank without duplicating questions. Questions that cannot be imported (essays,
      matching, no right answer marked…) are listed with file:line and the reason. Nothing
      is written when any FILE cannot be read or yields no question.

      CSV needs a header row: question, options (separated by |), answer (letters, true/false
      or accepted text), explanation, topic, difficulty.
      """))

  @ParentCommand var parent: SkillQuizCommand
  @Argument(help: "Quiz files to import.")
  var files: [String]
  @Option(help: "The skill area the questions belong to (an id or alias from skills.yaml).")
  var area: String
  @Option(help: "The topic for questions whose category names no topic (default: the first).")
  var topic: String?
  @Option(help: "gift, aiken, markdown or csv (default: detected from the content).")
  var format: QuestionFormat?
  @Option(help: ArgumentHelp("The bank file to write, for a single FILE.", valueName: "file"))
  var into: String?
  @Flag(name: .customLong("dry-run"), help: "Show what would be imported; write nothing.")
  var dryRun = false

  func run() throws {
    let context = try AppContext(parent)
    let console = context.console
    let library = try context.loadLibrary(quietAboutProblems: true)
    let catalog = library.catalog
    guard case .area(let skillArea)? = catalog.scope(named: area) else {
      console.error(
        "'\(area)' is not a skill area; use one of: "
          + catalog.areas.map(\.id).joined(separator: ", "))
      throw ExitCode.failure
    }
    guard var chosenTopic = skillArea.topics.first else {
      console.error("area '\(skillArea.id)' declares no topics in skills.yaml; add one first")
      throw ExitCode.failure
    }
    if let topic {
      guard
        let found = skillArea.topics.first(where: { $0.id == topic || $0.aliases.contains(topic) })
      else {
        console.error(
          "'\(topic)' is not a topic of \(skillArea.id); use one of: "
            + skillArea.topics.map(\.id).joined(separator: ", "))
        throw ExitCode.failure
      }
      chosenTopic = found
    }
    if into != nil, files.count > 1 {
      console.error("--into takes a single FILE; leave it out to write one bank per file")
      throw ExitCode.failure
    }
    var plans: [(source: String, target: URL, outcome: QuestionImport)] = []
    for path in files {
      let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
      guard let data = try? Data(contentsOf: url) else {
        console.error("cannot read '\(path)'; check the path. Nothing was written.")
        throw ExitCode.failure
      }
      guard let text = String(data: data, encoding: .utf8) else {
        console.error("'\(path)' is not UTF-8 text; save it as UTF-8. Nothing was written.")
        throw ExitCode.failure
      }
      guard let format = format ?? QuestionFormat.detect(text, fileName: path) else {
        console.error(
          "cannot tell the format of '\(path)'; pass --format gift, aiken, markdown or csv. "
            + "Nothing was written.")
        throw ExitCode.failure
      }
      let stem = Self.slug(url.deletingPathExtension().lastPathComponent)
      let target =
        into.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
        ?? context.locations.banks.appendingPathComponent("imported/\(stem).yaml")
      let outcome = QuestionImport(
        text, format: format, area: skillArea, topic: chosenTopic, source: url.lastPathComponent,
        bankPath: target.path, catalog: catalog)
      let name = TerminalText.sanitize(url.lastPathComponent, keepNewlines: false)
      let kinds = outcome.kinds.map { "\($0.count) \($0.type)" }.joined(separator: ", ")
      console.line(
        "\(name) (\(format.rawValue)): imported \(outcome.ids.count)"
          + (kinds.isEmpty ? "" : " (\(kinds))") + ", skipped \(outcome.skipped.count)")
      for skip in outcome.skipped {
        console.line(
          "  \(name):\(skip.line): \(TerminalText.sanitize(skip.reason, keepNewlines: false))")
      }
      for note in outcome.notes {
        console.line(
          "  \(name):\(note.line): note: \(TerminalText.sanitize(note.reason, keepNewlines: false))"
        )
      }
      guard outcome.errors.isEmpty else {
        for error in outcome.errors { console.writeError("\(error)\n") }
        console.error(
          "the bank made from '\(path)' does not load (a bug in the importer; please report it "
            + "with the file). Nothing was written.")
        throw ExitCode.failure
      }
      guard !outcome.ids.isEmpty else {
        console.error("no question in '\(path)' could be imported. Nothing was written.")
        throw ExitCode.failure
      }
      plans.append((url.lastPathComponent, target, outcome))
    }
    for plan in plans {
      let old = Self.existingIDs(at: plan.target, catalog: catalog)
      let new = Set(plan.outcome.ids)
      let change =
        "\(new.subtracting(old).count) new, \(new.intersection(old).count) updated, "
        + "\(old.subtracting(new).count) removed"
      if dryRun {
        console.line("would write \(plan.target.path) (\(change))")
        continue
      }
      do {
        try FileManager.default.createDirectory(
          at: plan.target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(plan.outcome.text.utf8).write(to: plan.target, options: .atomic)
      } catch {
        console.error(
          "cannot write \(plan.target.path): \(error.localizedDescription); "
            + "choose another file with --into")
        throw ExitCode.failure
      }
      console.line("wrote \(plan.target.path) (\(change))")
      let topics = plan.outcome.topics.map { "\($0.count) in \($0.topic)" }
      if let only = plan.outcome.topics.first {
        let scope = plan.outcome.topics.count == 1 ? only.topic : skillArea.id
        console.line(
          "  topics: \(topics.joined(separator: ", ")) · practise with `quiz \(scope)`")
      }
    }
    if !dryRun {
      console.line(
        "`skillquiz validate \(plans.map(\.target.path).joined(separator: " "))` lists content "
          + "warnings such as missing explanations or references")
    }
  }

  /// Bank file names: lowercase letters, digits and dashes.
  static func slug(_ name: String) -> String {
    let mapped = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
    let joined = String(mapped).split(separator: "-").joined(separator: "-")
    return joined.isEmpty ? "imported" : joined
  }

  static func existingIDs(at url: URL, catalog: SkillCatalog) -> Set<String> {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return Set(
      YAMLBankParser().parseBank(BankFile(path: url.path, contents: text), catalog: catalog)
        .questions.map(\.id))
  }
}

extension QuestionFormat: ExpressibleByArgument {}
