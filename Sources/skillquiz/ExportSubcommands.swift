import ArgumentParser
import Foundation
import SkillQuizKit
import SkillQuizStore

/// Writes text to a file, or to standard output when no file is given.
private func emit(_ text: String, to path: String?, console: any Console) throws {
  guard let path else {
    console.write(text)
    return
  }
  let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
  do {
    try Data(text.utf8).write(to: url, options: .atomic)
  } catch {
    console.error("cannot write '\(path)': \(error.localizedDescription)")
    throw ExitCode.failure
  }
  console.writeError("Wrote \(url.path)\n")
}

/// `skillquiz export …`.
struct ExportSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Take your answers or questions elsewhere.",
    subcommands: [ExportAnswersCommand.self, ExportAnkiCommand.self])
}

/// `skillquiz export answers --format csv|json [--out FILE]`.
struct ExportAnswersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "answers",
    abstract: "Every answer with time, question id, area, topic, correct and duration.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case csv, json
  }

  @ParentCommand var parent: SkillQuizCommand
  @Option(help: "csv or json.")
  var format: Format = .csv
  @Option(help: "Write to this file instead of standard output.")
  var out: String?

  func run() throws {
    let context = try AppContext(parent)
    let store = try context.openStore()
    let answers = try context.orExit { try store.answers() }
    let text = format == .csv ? AnswersExport.csv(answers) : try AnswersExport.json(answers)
    try emit(text, to: out, console: context.console)
  }
}

/// `skillquiz export anki [--missed] FILE`.
struct ExportAnkiCommand: ParsableCommand {
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

  @ParentCommand var parent: SkillQuizCommand
  @Flag(help: "Only the questions whose last answer was wrong.")
  var missed = false
  @Option(help: "Only this area or topic.")
  var scope: String?
  @Argument(help: "The file to write, such as skillquiz.txt.")
  var file: String

  func run() throws {
    let context = try AppContext(parent)
    let library = try context.loadLibrary(quietAboutProblems: true)
    var questions = library.questions
    if let word = scope {
      guard let resolved = library.catalog.scope(named: word) else {
        context.console.error("no area or topic named '\(word)'")
        throw ExitCode.failure
      }
      questions = questions.filter { resolved.contains($0) }
    }
    if missed {
      let store = try context.openStore()
      let answers = try context.orExit { try store.answers() }
      let ids = Set(
        WeakAreas.missedQuestions(answers: answers, in: nil, library: library).map(\.id))
      questions = questions.filter { ids.contains($0.id) }
      if questions.isEmpty {
        context.console.line("No missed questions to export.")
        return
      }
    }
    try emit(AnkiExport.notes(questions), to: file, console: context.console)
    context.console.line("\(questions.count) notes for Anki: File > Import, then choose \(file).")
  }
}

/// `skillquiz report [--format md|html] [--out FILE]`.
struct ReportSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "A shareable readiness report: scores, trend, weakest topics, best job matches.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case md, html
  }

  @ParentCommand var parent: SkillQuizCommand
  @Option(help: "md or html (one self-contained file with SVG charts).")
  var format: Format = .html
  @Option(help: "Write to this file instead of standard output.")
  var out: String?

  func run() throws {
    let context = try AppContext(parent)
    let library = try context.loadLibrary(quietAboutProblems: true)
    let store = try context.openStore()
    let answers = try context.orExit { try store.answers() }
    let profile = SkillProfile(
      answers: answers, library: library, calibrated: store.calibratedParameters(for: library))
    let standings = StandingReport(answers: answers)
    let latest = AssessmentSection.latest(try context.orExit { try store.assessments() })
    let areas = library.catalog.areas.map { area in
      ReadinessReport.AreaLine(
        area: area, profile: profile.areas[area.id], standing: standings.area(area.id),
        assessment: latest[area.id].map { ($0.finishedAt, $0.estimate) })
    }
    let history = try context.orExit { try store.quizzes() }.reversed().compactMap { quiz in
      quiz.fraction.map { (date: quiz.startedAt, fraction: $0) }
    }
    let weakest = WeakAreas.rank(
      areas: library.catalog.areas, answers: answers,
      cards: try context.orExit { try store.cards() },
      library: library, profile: profile, now: context.clock.now
    ).filter(\.hasEnoughData).prefix(5)
    var jobs: [JobMatch] = []
    // A report without openings is still a report: a missing openings file only drops the
    // job section.
    let openings = try context.orExit { () throws -> [JobOpening] in
      do {
        return try OpeningsLoader.load(
          banks: context.locations.banks, catalog: library.catalog, store: store
        ).openings
      } catch is OpeningsLoader.MissingFile {
        return []
      }
    }
    if !openings.isEmpty {
      let levels = SkillLevels(catalog: library.catalog, profile: profile, overrides: nil)
      let seniority = try context.orExit { try OpeningsLoader.seniority(in: store) }
      jobs = Array(
        JobMatcher.rank(
          openings.map { JobMatcher.match($0, level: levels.level, seniority: seniority) }
        )
        .prefix(3))
    }
    let report = ReadinessReport(
      generatedAt: context.clock.now, areas: areas, history: Array(history),
      weakest: Array(weakest), jobs: jobs)
    try emit(format == .md ? report.markdown() : report.html(), to: out, console: context.console)
  }
}
