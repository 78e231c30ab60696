import ArgumentParser
import Foundation
import SkillQuizKit
import SkillQuizUseCases

/// `export …`.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Take your answers or questions elsewhere (--out FILE).",
    subcommands: [ExportAnswersCommand.self, ExportAnkiCommand.self])
}

/// `export answers [--format csv|json] [--out FILE]`.
struct ExportAnswersCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "answers",
    abstract: "Every answer with time, question id, area, topic, correct and duration.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case csv, json
  }

  @ParentCommand var globals: SkillQuizCommand
  @Option(help: "csv or json.")
  var format: Format = .csv
  @Option(help: ArgumentHelp("The file to write; - is standard output.", valueName: "file"))
  var out = "-"

  func run(in context: CommandContext) throws {
    let store = try context.store()
    let total = try store.answerCount()
    let format = format
    let progress = context.progress
    // Rows go out as they are read, in blocks of 64 KiB: memory stays flat at any size.
    func stream(_ emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
      var writer = AnswersExportWriter(format: format == .csv ? .csv : .json)
      var written = 0
      progress.begin("Exporting answers", total: total)
      defer { progress.end() }
      try store.forEachAnswer { answer in
        writer.append(answer)
        written += 1
        if writer.isBlockFull {
          try writer.drain(emit)
          progress.advance(to: written)
        }
      }
      writer.finish()
      try writer.drain(emit)
    }
    switch OutputDestination(out) {
    case .standardOutput:
      do {
        try stream { bytes in
          context.console.write(bytes: bytes)
          // A reader gone away (or a full disk) ends the export; the failure is reported once.
          if context.console.outputFailure != nil { throw OutputStopped() }
        }
      } catch is OutputStopped {}
    case .file(let path):
      let written = try OutputFile.write(to: path) { emit in
        try stream { bytes in try emit(Data(buffer: bytes)) }
      }
      context.console.writeError("Wrote \(TextFormat.grouped(total)) answers to \(written)\n")
    }
  }

  /// Ends an export whose standard output failed.
  private struct OutputStopped: Error {}
}

/// `export anki [--missed] [--scope S] [--out FILE]`.
struct ExportAnkiCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "anki",
    abstract: "A tab-separated file for Anki's File > Import, one note per question.",
    discussion: reflowed(
      """
      Front: the question and its options; back: the answer, the explanation and links.
      Fields are HTML (code in <pre><code>), and each note is tagged skillquiz, the area and
      area::topic. The header lines tell Anki the separator, that fields are HTML, and that
      column 3 holds the tags, so the file imports as it is.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Flag(help: "Only the questions whose last answer was wrong.")
  var missed = false
  @Option(help: "Only this area or topic.")
  var scope: String?
  @Option(help: ArgumentHelp("The file to write; - is standard output.", valueName: "file"))
  var out: String?
  @Argument(help: ArgumentHelp("The file to write (the same as --out).", valueName: "file"))
  var file: String?

  func run(in context: CommandContext) throws {
    let questions = try AnkiSelection.questions(
      try context.workspace(), scope: scope, missedOnly: missed)
    guard !questions.isEmpty else { return context.console.line("No questions to export.") }
    let target = out ?? file ?? "-"
    try context.emit(AnkiExport.notes(questions), to: target, what: "\(questions.count) notes")
    if target != "-" {
      context.console.line("Import it in Anki with File > Import, then choose \(target).")
    }
  }
}

/// `report [--format md|html] [--out FILE]`.
struct ReportCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "A shareable readiness report: scores, trend, weakest topics, best job matches.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case md, html
  }

  @ParentCommand var globals: SkillQuizCommand
  @Option(help: "md or html (one self-contained file with SVG charts).")
  var format: Format = .html
  @Option(help: ArgumentHelp("The file to write; - is standard output.", valueName: "file"))
  var out = "-"

  func run(in context: CommandContext) throws {
    let report = try ReadinessReport(try context.workspace())
    try context.emit(
      format == .md ? report.markdown() : report.html(), to: out, what: "the report")
  }
}
