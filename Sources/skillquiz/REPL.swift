import Foundation
import SQLSandbox
import SkillQuizKit
import SkillQuizStore

/// The interactive loop: reads commands, runs quizzes, shows progress.
final class REPL {
  let library: QuestionLibrary
  let store: AnswerStore
  let reader: any LineReader
  let console: any Console
  let clock: any Clock
  let seed: UInt64?
  let sandbox: any SQLSandbox
  /// The banks folder, where `openings.yaml` lives.
  let banksFolder: URL?
  private var random: SeededRandom
  private var hintedAboutExit = false

  init(
    library: QuestionLibrary, store: AnswerStore, reader: any LineReader, console: any Console,
    clock: any Clock, seed: UInt64?, sandbox: any SQLSandbox = SQLiteSandbox(),
    banksFolder: URL? = nil
  ) {
    self.library = library
    self.store = store
    self.reader = reader
    self.console = console
    self.clock = clock
    self.seed = seed
    self.sandbox = sandbox
    self.banksFolder = banksFolder
    self.random = seed.map(SeededRandom.init(seed:)) ?? SeededRandom()
  }

  var renderer: Renderer { Renderer(console: console) }

  private var prompt: String {
    guard reader.isInteractive else { return "" }
    guard console.usesColor else { return "skillquiz> " }
    return "\u{1}\u{1B}[1;36m\u{1}skillquiz>\u{1}\u{1B}[0m\u{1} "
  }

  /// The banner shown when the REPL starts.
  var banner: String {
    let areas = library.catalog.areas.count
    let count = library.questions.count
    return "skillquiz \(SkillQuizCommand.version) · \(areas) skill areas · \(count) questions"
      + " · type 'help'"
  }

  /// Runs until `quit` or end of input; returns the exit status.
  func run() -> Int32 {
    if reader.isInteractive {
      console.line(renderer.style(banner, .bold))
      if let cards = try? store.cards() {
        let due = ReviewQueue.due(cards, in: nil, library: library, at: clock.now).count
        if due > 0 {
          console.line(
            renderer.style(
              "\(due) \(due == 1 ? "card is" : "cards are") due: type `review`.", .accent))
        }
      }
    }
    while true {
      switch reader.readLine(prompt: prompt) {
      case .endOfInput:
        if reader.isInteractive { console.line() }
        return 0
      case .interrupted:
        if !hintedAboutExit {
          console.line(renderer.style("(type 'quit' or press Ctrl-D to leave)", .dim))
          hintedAboutExit = true
        }
      case .line(let line):
        reader.addToHistory(line)
        do {
          let command = try CommandParser.parse(line)
          if command == .quit { return 0 }
          if !execute(command) { return 0 }
        } catch {
          console.error(error.description)
        }
      }
    }
  }

  /// Runs one command; returns false when input ended inside it.
  func execute(_ command: REPLCommand) -> Bool {
    switch command {
    case .empty, .quit: return true
    case .clear:
      if reader.isInteractive { console.write("\u{1B}[H\u{1B}[2J") }
    case .help(let topic): showHelp(topic)
    case .skills: showSkills()
    case .stats(let scope): showStats(scope: scope)
    case .history(let limit): showHistory(limit: limit ?? 20)
    case .quiz(let scopeWord, let count, let difficulty):
      return runQuiz(scopeWord: scopeWord, count: count, difficulty: difficulty)
    case .assess(let scope):
      return runAssessment(scopeWord: scope)
    case .jobs(let filters, let limit):
      showJobs(filters: filters, limit: limit)
    case .jobShow(let id, let explain):
      showJob(id: id, explain: explain)
    case .plan:
      showPlan()
    case .review(let scope, let limit):
      return runReview(scopeWord: scope, limit: limit)
    case .drill(let scope):
      return runDrill(scopeWord: scope)
    case .weak(let scope):
      showWeak(scopeWord: scope)
    case .set(let key, let value):
      changeSetting(key: key, value: value)
    }
    return true
  }

  // MARK: Help

  private func showHelp(_ topic: String?) {
    if let topic {
      let key = topic == "exit" ? "quit" : topic
      guard let text = REPLCommand.details[key] else {
        let close = closestMatches(to: topic, among: REPLCommand.names, limit: 2)
        console.error(
          "no command '\(topic)'."
            + (close.isEmpty
              ? "" : " Did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"))
        return
      }
      console.line(text)
      return
    }
    console.line("Commands:")
    let width = REPLCommand.summaries.map { $0.usage.count }.max() ?? 0
    for (usage, summary) in REPLCommand.summaries {
      let lines = TextWrapper.wrap(summary, width: console.width - width - 4)
      console.line("  " + Renderer.pad(usage, width) + "  " + lines[0])
      for more in lines.dropFirst() {
        console.line(String(repeating: " ", count: width + 4) + more)
      }
    }
    console.line()
    console.line("Areas: " + library.catalog.areas.map(\.id).joined(separator: ", "))
    console.line("Tab completes commands, areas and topics; Up and Down walk your history.")
    console.line(
      "From the shell: skillquiz import | export | report | validate | calibrate (--help on each).")
  }

  // MARK: Skills

  func loadAnswers() -> [AnswerRecord]? {
    do {
      return try store.answers()
    } catch {
      console.error(error.description)
      return nil
    }
  }

  private func showSkills() {
    guard let answers = loadAnswers() else { return }
    let report = StandingReport(answers: answers)
    let counts = Dictionary(grouping: library.questions) { "\($0.areaID)/\($0.topicID)" }
    let now = clock.now
    let latest = latestAssessments()
    let allTopics = library.catalog.areas.flatMap(\.topics)
    let idWidth = allTopics.map { $0.id.count }.max() ?? 0
    let nameWidth = allTopics.map { TerminalText.width(of: $0.name) }.max() ?? 0
    for area in library.catalog.areas {
      let areaCount = library.questions.filter { $0.areaID == area.id }.count
      let standing = report.area(area.id)
      console.line(
        renderer.style(TerminalText.sanitize(area.name), .bold) + "  "
          + renderer.style("(\(area.id))", .dim) + " · \(areaCount) questions · "
          + standingText(standing, now: now)
          + (latest[area.id].map { " · " + assessmentText($0) } ?? ""))
      for topic in area.topics {
        let count = counts["\(area.id)/\(topic.id)"]?.count ?? 0
        console.line(
          "  " + Renderer.pad(topic.id, idWidth) + "  "
            + Renderer.pad(TerminalText.sanitize(topic.name), nameWidth) + "  "
            + Renderer.pad("\(count)", 3, right: true) + " q  "
            + standingText(report.topic(topic), now: now))
      }
    }
    console.line()
    console.line(renderer.style("Start with `quiz <id> 5`, for example `quiz git 5`.", .dim))
  }

  /// The latest assessment of each area.
  func latestAssessments() -> [String: AssessmentRecord] {
    AssessmentSection.latest((try? store.assessments()) ?? [])
  }

  /// "score 168 ± 22 (2026-11-29)".
  func assessmentText(_ record: AssessmentRecord) -> String {
    AssessmentSection.text(record)
  }

  private func standingText(_ standing: Standing, now: Date) -> String {
    guard let fraction = standing.fraction else { return renderer.style("not practiced", .dim) }
    let noun = standing.answeredCount == 1 ? "answer" : "answers"
    return "\(Renderer.percent(fraction)) over \(standing.answeredCount) \(noun)"
  }

  // MARK: Stats and history

  private func showStats(scope word: String?) {
    guard let answers = loadAnswers() else { return }
    var areas = library.catalog.areas
    if let word {
      guard let scope = library.catalog.scope(named: word),
        let area = library.catalog.area(id: scope.areaID)
      else {
        reportUnknownScope(word)
        return
      }
      areas = [area]
    }
    let table = StatsTable(
      report: StandingReport(answers: answers), areas: areas, now: clock.now,
      renderer: renderer)
    console.line(table.render())
    let assessments = AssessmentSection(
      records: (try? store.assessments()) ?? [], areas: areas, renderer: renderer
    ).render()
    if !assessments.isEmpty { console.line(assessments) }
    if let cards = try? store.cards() {
      let section = ReviewStatsSection(
        statistics: ReviewStatistics(
          cards: cards, answers: answers, library: library, now: clock.now),
        catalog: library.catalog, now: clock.now, renderer: renderer)
      let text = section.render()
      if !text.isEmpty { console.line(text) }
    }
  }

  private func showHistory(limit: Int) {
    let quizzes: [QuizRecord]
    do {
      quizzes = try store.quizzes(limit: limit)
    } catch {
      console.error(error.description)
      return
    }
    guard !quizzes.isEmpty else {
      console.line("No quizzes yet. Try `quiz git 5`.")
      return
    }
    console.line(
      renderer.style(
        "  #  date              scope                   score                status", .bold))
    for quiz in quizzes {
      let score =
        quiz.fraction.map {
          Renderer.pad(Renderer.percent($0), 4, right: true)
            + "  \(quiz.correctCount)/\(quiz.answeredCount) right"
        } ?? "nothing answered"
      let status: String =
        switch quiz.status {
        case .completed: "completed"
        case .endedEarly: "ended early"
        case .inProgress: "interrupted"
        }
      console.line(
        Renderer.pad("\(quiz.id)", 3, right: true) + "  "
          + Renderer.minuteFormatter.string(from: quiz.startedAt) + "  "
          + Renderer.pad(TerminalText.truncate(quiz.scope, toColumns: 22), 22) + "  "
          + Renderer.pad(score, 19) + "  " + status)
    }
  }

  func reportUnknownScope(_ word: String) {
    let close = library.catalog.suggestions(for: word)
    let hint =
      close.isEmpty
      ? "" : " Did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
    console.error("no area or topic named '\(word)'.\(hint) `skills` lists them all.")
  }

  // MARK: Quiz

  private func runQuiz(scopeWord: String, count: Int?, difficulty: Difficulty?) -> Bool {
    guard let scope = library.catalog.scope(named: scopeWord) else {
      reportUnknownScope(scopeWord)
      return true
    }
    let questions: [PresentedQuestion]
    do {
      let lastAnswered = try store.lastAnsweredDates()
      questions = try QuizPlanner.plan(
        scope: scope, count: count ?? QuizPlanner.defaultCount, difficulty: difficulty,
        library: library, lastAnswered: lastAnswered, using: &random)
    } catch {
      console.error("\(error)")
      return true
    }
    var runner = QuizRunner(
      session: QuizSession(scope: scope, questions: questions), repl: self,
      requestedCount: count ?? QuizPlanner.defaultCount, difficulty: difficulty)
    return runner.run()
  }

  /// The session's generator, lent out; give it back with `adopt(_:)`.
  func randomSource() -> SeededRandom { random }

  /// Takes back the generator lent by `randomSource()`, advanced.
  func adopt(_ source: SeededRandom) { random = source }

  /// A seed for the spread of a card's next interval, from the session's generator.
  func nextFuzzSeed() -> UInt64 { random.next() }

  /// A question with its options freshly shuffled, so letters cannot be memorised.
  func present(_ question: Question) -> PresentedQuestion {
    PresentedQuestion(question: question, using: &random)
  }

  /// The one-line standing of an area after a quiz, such as `Git: 72% over 15 answers`.
  func areaStandingLine(areaID: String) -> String? {
    guard let answers = try? store.answers(), let area = library.catalog.area(id: areaID) else {
      return nil
    }
    let standing = StandingReport(answers: answers).area(areaID)
    guard let fraction = standing.fraction else { return nil }
    let noun = standing.answeredCount == 1 ? "answer" : "answers"
    return "\(TerminalText.sanitize(area.name)): \(Renderer.percent(fraction)) over "
      + "\(standing.answeredCount) \(noun)"
  }
}
