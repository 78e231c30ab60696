import ArgumentParser
import Foundation
import LineEditing
import SQLSandbox
import SkillQuizKit
import SkillQuizStore

/// The `skillquiz` command: the REPL by default, plus `validate` and `stats`.
@main
struct SkillQuizCommand: ParsableCommand {
  static let version = "0.1"

  static let configuration = CommandConfiguration(
    commandName: "skillquiz",
    abstract: "Measure and train the skills backend engineering jobs ask for.",
    discussion: reflowed(
      """
      With no subcommand, skillquiz starts an interactive prompt. Type 'help' there.

      Data: $XDG_DATA_HOME/skillquiz (default ~/.local/share/skillquiz).

      History: $XDG_STATE_HOME/skillquiz/history. NO_COLOR turns colour off.
      """),
    version: version,
    subcommands: [
      REPLSubcommand.self, ValidateSubcommand.self, StatsSubcommand.self,
      CalibrateSubcommand.self, JobsSubcommand.self, PlanSubcommand.self, ExportSubcommand.self,
      ReportSubcommand.self, ImportSubcommand.self,
    ],
    defaultSubcommand: REPLSubcommand.self)

  @Option(
    help: ArgumentHelp(
      "The question banks folder (default: the bundled QuestionBanks).", valueName: "dir"))
  var banks: String?

  @Option(
    name: .customLong("data-dir"),
    help: ArgumentHelp(
      "Where progress is kept (default: $XDG_DATA_HOME/skillquiz).", valueName: "dir"))
  var dataDir: String?

  @Option(help: "Seed for a reproducible order of questions and options.")
  var seed: UInt64?

  @Flag(name: .customLong("no-color"), help: "Never use colour (NO_COLOR works too).")
  var noColor = false

  @Option(
    help: ArgumentHelp(
      "Pretend it is this time (ISO 8601, e.g. 2026-12-01T09:00:00Z) to see future reviews; "
        + "also SKILLQUIZ_NOW.", valueName: "time"))
  var now: String?
}

/// What every subcommand needs: locations, console, clock.
struct AppContext {
  let locations: FileLocations
  let console: any Console
  let clock: any Clock
  let seed: UInt64?

  init(_ options: SkillQuizCommand) throws {
    let environment = ProcessInfo.processInfo.environment
    locations = FileLocations.resolve(
      banks: options.banks, dataDir: options.dataDir, environment: environment,
      executable: FileLocations.currentExecutable)
    console = StandardConsole(
      usesColor: StandardConsole.wantsColor(noColorFlag: options.noColor, environment: environment))
    seed = options.seed
    if let text = options.now ?? environment["SKILLQUIZ_NOW"] {
      guard let date = ISO8601DateFormatter().date(from: text) else {
        throw ValidationError("'\(text)' is not an ISO 8601 time such as 2026-11-29T10:00:00Z")
      }
      clock = FixedClock(date)
    } else {
      clock = SystemClock()
    }
  }

  /// Loads the banks through the parse cache, reporting skipped files and questions on
  /// standard error.
  func loadLibrary(quietAboutProblems: Bool = false) throws -> QuestionLibrary {
    do {
      let parser = CachingBankParser(
        base: YAMLBankParser(), directory: locations.cache, salt: Self.buildIdentity)
      let library = try BankLoader(parser: parser).load(
        from: DirectoryBankSource(root: locations.banks))
      if !quietAboutProblems { reportProblems(library) }
      return library
    } catch {
      console.error(error.description)
      throw ExitCode.failure
    }
  }

  private func reportProblems(_ library: QuestionLibrary) {
    for file in library.files {
      let firstError = library.diagnostics.first {
        $0.location.file == file.path && $0.severity == .error
      }
      if let reason = file.skipReason {
        console.warning("skipped \(file.path): \(reason)")
        if let firstError { console.writeError("  \(firstError)\n") }
      } else if file.skippedCount > 0 {
        let noun = file.skippedCount == 1 ? "question" : "questions"
        console.warning("\(file.path): skipped \(file.skippedCount) \(noun) with errors")
        if let firstError { console.writeError("  \(firstError)\n") }
      }
    }
    let skillsProblems = library.diagnostics.filter {
      $0.location.file.hasSuffix("skills.yaml") && $0.severity == .error
    }
    for problem in skillsProblems { console.writeError("\(problem)\n") }
    if library.hasErrors {
      console.writeError("  run `skillquiz validate` to see every problem\n")
    }
  }

  /// Identifies this build, so a rebuilt skillquiz never trusts another build's cache.
  static var buildIdentity: String {
    let path = FileLocations.currentExecutable?.path ?? ""
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    return "\(SkillQuizCommand.version)|\(path)|\(modified)|\(size)"
  }

  /// Runs a step whose failure ends the command: the error is printed for people, then the
  /// command exits with status 1.
  func orExit<T>(_ step: () throws -> T) throws -> T {
    do {
      return try step()
    } catch let exit as ExitCode {
      throw exit
    } catch {
      console.error("\(error)")
      throw ExitCode.failure
    }
  }

  func openStore() throws -> AnswerStore {
    try orExit { try AnswerStore.open(directory: locations.data) }
  }
}

/// The interactive prompt.
struct REPLSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl", abstract: "Start the interactive prompt (the default).")

  @ParentCommand var options: SkillQuizCommand

  func run() throws {
    let context = try AppContext(options)
    let library = try context.loadLibrary()
    let store = try context.openStore()
    let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    if interactive {
      TerminalLocale.adoptUTF8()
      let catalog = library.catalog
      guard
        let reader = EditLineReader(
          programName: "skillquiz", historyPath: context.locations.history.path,
          complete: { CommandParser.completions(previousWords: $0, catalog: catalog) })
      else {
        context.console.error("cannot start line editing (libedit); is TERM set?")
        throw ExitCode.failure
      }
      let repl = REPL(
        library: library, store: store, reader: reader, console: context.console,
        clock: context.clock, seed: context.seed, banksFolder: context.locations.banks)
      let status = repl.run()
      reader.saveHistory()
      if status != 0 { throw ExitCode(status) }
    } else {
      let repl = REPL(
        library: library, store: store, reader: StandardInputReader(),
        console: StandardConsole(usesColor: false), clock: context.clock, seed: context.seed,
        banksFolder: context.locations.banks)
      let status = repl.run()
      if status != 0 { throw ExitCode(status) }
    }
  }
}

/// `skillquiz validate [--strict] [PATH…]`.
struct ValidateSubcommand: ParsableCommand {
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
      25% easy, 35% medium, 25% hard) and at least 8 questions per topic. SQL questions are
      run: each dataset must build and each solution must return rows.

      Exits 1 when any error is found, or any warning with --strict.
      """))

  @ParentCommand var options: SkillQuizCommand

  @Flag(help: "Treat content warnings as errors.")
  var strict = false

  @Argument(help: "Bank files or folders to check.")
  var paths: [String] = []

  func run() throws {
    let context = try AppContext(options)
    let console = context.console
    var sources: [(source: any BankSource, wholeAreas: Bool)] = []
    var looseFiles: [URL] = []
    for path in paths {
      let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        console.error("no such file or folder: '\(path)'")
        throw ExitCode.failure
      }
      if isDirectory.boolValue {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("skills.yaml").path) {
          sources.append((DirectoryBankSource(root: url), true))
        } else {
          let files =
            (FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
          looseFiles += files
        }
      } else if url.lastPathComponent == "skills.yaml" {
        sources.append((DirectoryBankSource(root: url.deletingLastPathComponent()), true))
      } else {
        looseFiles.append(url)
      }
    }
    if paths.isEmpty { sources.append((DirectoryBankSource(root: context.locations.banks), true)) }
    if !looseFiles.isEmpty {
      sources.append(
        (DirectoryBankSource(root: context.locations.banks, selectedFiles: looseFiles), false))
    }
    var errors = 0
    var warnings = 0
    var files = 0
    var questions = 0
    for (source, wholeAreas) in sources {
      do {
        let library = try BankLoader().load(from: source)
        let findings =
          library.diagnostics + BankLint().findings(in: library, wholeAreas: wholeAreas)
          + SQLExerciseCheck.problems(in: library, sandbox: SQLiteSandbox())
        for diagnostic in findings {
          console.line(diagnostic.description)
          if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
        }
        files += library.files.count + 1
        questions += library.questions.count
      } catch {
        console.error(error.description)
        errors += 1
      }
    }
    let summary =
      "checked \(files) files: \(questions) questions loaded, "
      + "\(errors) \(errors == 1 ? "error" : "errors"), "
      + "\(warnings) \(warnings == 1 ? "warning" : "warnings")"
    if errors > 0 || (strict && warnings > 0) {
      console.line(summary + (strict && warnings > 0 ? " (--strict: warnings count)" : ""))
      throw ExitCode.failure
    }
    console.line(summary + (warnings > 0 ? "" : " · all good"))
  }
}

/// `skillquiz stats [--json]`.
struct StatsSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats", abstract: "Show progress per area and topic.")

  @ParentCommand var options: SkillQuizCommand

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @Argument(help: "Only this area.")
  var area: String?

  func run() throws {
    let context = try AppContext(options)
    let library = try context.loadLibrary(quietAboutProblems: json)
    let store = try context.openStore()
    do {
      let answers = try store.answers()
      let report = StandingReport(answers: answers)
      let review = ReviewStatistics(
        cards: try store.cards(), answers: answers, library: library, now: context.clock.now)
      if json {
        let output = StatsJSON(
          report: report, catalog: library.catalog, quizzes: try store.quizzes(),
          review: review, now: context.clock.now)
        context.console.line(try output.encoded())
        return
      }
      var areas = library.catalog.areas
      if let area {
        guard let scope = library.catalog.scope(named: area),
          let found = library.catalog.area(id: scope.areaID)
        else {
          context.console.error(
            "no area or topic named '\(area)'; `skillquiz` then `skills` lists them")
          throw ExitCode.failure
        }
        areas = [found]
      }
      let table = StatsTable(
        report: report, areas: areas, now: context.clock.now,
        renderer: Renderer(console: context.console))
      context.console.line(table.render())
      let assessments = AssessmentSection(
        records: try store.assessments(), areas: areas,
        renderer: Renderer(console: context.console)
      ).render()
      if !assessments.isEmpty { context.console.line(assessments) }
      let section = ReviewStatsSection(
        statistics: review, catalog: library.catalog, now: context.clock.now,
        renderer: Renderer(console: context.console)
      ).render()
      if !section.isEmpty { context.console.line(section) }
    } catch let error as StoreError {
      context.console.error(error.description)
      throw ExitCode.failure
    }
  }
}

/// `skillquiz calibrate [--responses FILE…] [--dry-run]`.
struct CalibrateSubcommand: ParsableCommand {
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
      skill profile; guessing (c) keeps the bank's value. Response files are CSV with the columns user, question id, correct (1/0); a
      header line is allowed. Pool a team's or a bootcamp's answers this way: one person's
      answers alone move difficulties toward that person.
      """))

  @ParentCommand var options: SkillQuizCommand

  @Option(
    name: .customLong("responses"),
    help: ArgumentHelp("A CSV response file to pool.", valueName: "file"))
  var responseFiles: [String] = []

  @Flag(help: "Show the result without saving it.")
  var dryRun = false

  func run() throws {
    let context = try AppContext(options)
    let console = context.console
    let library = try context.loadLibrary()
    let store = try context.openStore()
    var responses = try context.orExit { try store.answers() }.filter { !$0.isSkipped }.map {
      Calibration.Response(user: "me", questionID: $0.questionID, right: $0.isCorrect)
    }
    for path in responseFiles {
      let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
      guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
      else {
        console.error(
          "cannot read the response file '\(path)'; check the path and that it is UTF-8 CSV")
        throw ExitCode.failure
      }
      do {
        responses += try Calibration.parseCSV(text, file: path)
      } catch {
        console.error("\(error.description)\n    fix: write rows as `user,question id,1` or `…,0`")
        throw ExitCode.failure
      }
    }
    let unknown = Set(responses.map(\.questionID)).filter { library.question(id: $0) == nil }
    if !unknown.isEmpty {
      console.warning(
        "\(unknown.count) question ids are not in the banks and were left out: "
          + unknown.sorted().prefix(5).joined(separator: ", ") + (unknown.count > 5 ? ", …" : ""))
    }
    responses.removeAll { unknown.contains($0.questionID) }
    let initial = library.questions.reduce(into: [String: Double]()) {
      $0[$1.id] = $1.itemParameters.b
    }
    let guessing = library.questions.reduce(into: [String: Double]()) {
      $0[$1.id] = $1.itemParameters.c
    }
    let result = Calibration.calibrate(responses, initial: initial, guessing: guessing)
    guard !result.isEmpty else {
      console.line(
        "Nothing to calibrate: no answers yet. Answer some questions, or pass --responses.")
      return
    }
    let users = Set(responses.map(\.user)).count
    console.line(
      "\(result.count) \(result.count == 1 ? "question" : "questions") calibrated from "
        + "\(responses.count) responses by \(users) "
        + (users == 1 ? "user" : "users") + ".")
    console.line(
      "question id                                          responses  b bank → b now   a")
    let rows = result.sorted { ($0.value.responses, $1.key) > ($1.value.responses, $0.key) }
    for (id, value) in rows.prefix(25) {
      let start = initial[id] ?? 0
      console.line(
        Renderer.pad(TerminalText.truncate(id, toColumns: 52), 52) + " "
          + Renderer.pad("\(value.responses)", 9, right: true) + "  "
          + String(format: "%+.2f → %+.2f", start, value.b) + "   "
          + (value.a.map { String(format: "%.2f", $0) } ?? "—"))
    }
    console.line(
      "a (discrimination) is fitted only for questions with \(Calibration.minimumResponsesForDiscrimination)+ responses "
        + "from \(Calibration.minimumUsersForDiscrimination)+ users, both right and wrong; — keeps the bank's."
    )
    if rows.count > 25 { console.line("… and \(rows.count - 25) more") }
    if dryRun {
      console.line("Dry run: nothing saved.")
      return
    }
    try context.orExit {
      try store.replaceCalibrations(
        result.map {
          ItemCalibration(questionID: $0.key, b: $0.value.b, responses: $0.value.responses)
        },
        at: context.clock.now)
    }
    console.line("Saved; `assess` and `weak` now use these difficulties.")
  }
}

/// Joins the lines of each paragraph, so ArgumentParser wraps help text to the terminal
/// instead of breaking it where the source did; a blank line separates paragraphs.
func reflowed(_ text: String) -> String {
  text.components(separatedBy: "\n\n").map {
    $0.split(separator: "\n").joined(separator: " ")
  }.joined(separator: "\n\n")
}
