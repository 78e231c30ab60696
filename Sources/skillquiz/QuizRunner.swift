import Foundation
import SkillQuizKit
import SkillQuizStore

/// Asks a quiz's questions, stores each answer before its feedback, and sums up.
///
/// The same loop runs quizzes, reviews of due cards, and drills of missed questions.
struct QuizRunner {
  var session: QuizSession
  let repl: REPL
  let requestedCount: Int
  let difficulty: Difficulty?
  /// How answers are recorded.
  var mode: AnswerMode = .quiz
  /// Shown after the counter in each question's header, such as `12 due`.
  var headerNote: String?
  /// Picks each next question from the answers so far, in an adaptive assessment.
  var adaptive: AdaptiveDriver?

  private var console: any Console { repl.console }
  private var reader: any LineReader { repl.reader }
  private var renderer: Renderer { Renderer(console: console) }

  private enum Ending {
    case finished
    case endedEarly
    case endOfInput
    case storageFailed
  }

  init(session: QuizSession, repl: REPL, requestedCount: Int, difficulty: Difficulty?) {
    self.session = session
    self.repl = repl
    self.requestedCount = requestedCount
    self.difficulty = difficulty
  }

  /// Runs the quiz; returns false when input ended during it.
  mutating func run() -> Bool {
    let quizID: Int64
    do {
      quizID = try repl.store.startQuiz(
        scope: storedScope, requestedCount: requestedCount, difficulty: difficulty,
        seed: repl.seed, at: repl.clock.now)
    } catch {
      console.error(error.description)
      return true
    }
    if mode == .quiz, session.questions.count < requestedCount {
      console.line(
        renderer.style(
          "Only \(session.questions.count) questions match; asking all of them.", .dim))
    }
    let ending = askAll(quizID: quizID)
    let status: QuizStatus = ending == .finished ? .completed : .endedEarly
    do {
      try repl.store.finishQuiz(id: quizID, status: status, at: repl.clock.now)
    } catch {
      console.error(error.description)
    }
    summarize(status: status)
    return ending != .endOfInput
  }

  private mutating func askAll(quizID: Int64) -> Ending {
    while let presented = session.current {
      console.line()
      console.line(
        renderer.question(
          presented, number: session.currentNumber,
          of: adaptive == nil ? session.questions.count : 0,
          label: label(for: presented.question), note: adaptive?.headerNote ?? headerNote))
      if case .sql(let exercise) = presented.question.answer {
        console.line(
          renderer.datasetSummary(
            exercise.dataset, tables: repl.sandbox.tables(of: exercise.dataset)))
      }
      let asked = repl.clock.now
      switch readAnswer(for: presented) {
      case .answer(let response, let unsure, let grade, let verdict):
        let record = AnswerRecord(
          quizID: quizID, questionID: presented.question.id, areaID: presented.question.areaID,
          topicID: presented.question.topicID, difficulty: presented.question.difficulty,
          mode: mode, response: response.storedForm, score: grade.score, isUnsure: unsure,
          answeredAt: repl.clock.now, duration: repl.clock.now.timeIntervalSince(asked))
        guard save(record) else { return .storageFailed }
        session.answer(response, grade: grade)
        if mode == .drill, !grade.isCorrect {
          session.requeue(repl.present(presented.question))
        }
        if let adaptive {
          console.line(renderer.feedback(for: presented, response: response, grade: grade))
          continueAdaptive(adaptive, after: presented.question, right: grade.isCorrect)
          continue
        }
        if let verdict {
          console.line(renderer.sqlFeedback(verdict, question: presented.question))
        } else {
          console.line(renderer.feedback(for: presented, response: response, grade: grade))
        }
      case .skip:
        let record = AnswerRecord(
          quizID: quizID, questionID: presented.question.id, areaID: presented.question.areaID,
          topicID: presented.question.topicID, difficulty: presented.question.difficulty,
          mode: mode, response: nil, score: 0, isSkipped: true, answeredAt: repl.clock.now,
          duration: repl.clock.now.timeIntervalSince(asked))
        guard save(record) else { return .storageFailed }
        session.skip()
        if let adaptive {
          console.line(renderer.feedback(for: presented, response: nil, grade: nil))
          continueAdaptive(adaptive, after: presented.question, right: false)
          continue
        }
        if presented.question.kind == .sql {
          console.line(renderer.sqlFeedback(nil, question: presented.question))
        } else {
          console.line(renderer.feedback(for: presented, response: nil, grade: nil))
        }
      case .quit:
        return .endedEarly
      case .endOfInput:
        return .endOfInput
      }
    }
    return .finished
  }

  /// Updates the adaptive estimate, shows it, and queues the next question unless done.
  private mutating func continueAdaptive(
    _ adaptive: AdaptiveDriver, after question: Question, right: Bool
  ) {
    adaptive.record(question, right: right)
    console.line(renderer.style("  Running estimate: " + adaptive.runningText, .accent))
    if let next = adaptive.nextQuestion(using: repl) {
      session.requeue(repl.present(next))
    }
  }

  /// What the quiz row in the database calls this session, such as `git` or `drill:git`.
  private var storedScope: String {
    let scope = session.scope?.label
    switch mode {
    case .quiz: return scope ?? "all"
    case .review, .drill, .assess: return mode.rawValue + (scope.map { ":" + $0 } ?? "")
    }
  }

  /// The header label: the scope, with the topic when the session spans more than one.
  private func label(for question: Question) -> String {
    let topic = repl.library.catalog.topic(id: question.topicID, inArea: question.areaID)
    let prefix: String? =
      switch mode {
      case .review: "Review"
      case .drill: "Drill"
      case .assess: "Assess"
      case .quiz: nil
      }
    switch session.scope {
    case .topic(let scopeTopic)?:
      return [prefix, scopeTopic.name].compactMap { $0 }.joined(separator: " › ")
    case .area(let area)?:
      return [prefix, area.name, topic?.name].compactMap { $0 }.joined(separator: " › ")
    case nil:
      let area = repl.library.catalog.area(id: question.areaID)?.name
      return [prefix, area, topic?.name].compactMap { $0 }.joined(separator: " › ")
    }
  }

  private enum Reading {
    case answer(Response, unsure: Bool, grade: Grade, verdict: SQLVerdict?)
    case skip
    case quit
    case endOfInput
  }

  private func readAnswer(for presented: PresentedQuestion) -> Reading {
    let prompt = reader.isInteractive ? "answer> " : ""
    while true {
      switch reader.readLine(prompt: prompt) {
      case .endOfInput:
        if reader.isInteractive { console.line() }
        return .endOfInput
      case .interrupted:
        if confirmEnd() { return .quit }
      case .line(let line):
        switch AnswerParser.parse(line, for: presented) {
        case .answer(let response, let unsure):
          guard case .sql(let exercise) = presented.question.answer,
            case .text(let firstLine) = response
          else {
            let grade = Grader.grade(response, for: presented.question)
            return .answer(response, unsure: unsure, grade: grade, verdict: nil)
          }
          guard let query = readQuery(startingWith: firstLine) else { return .endOfInput }
          guard !query.isEmpty else { continue }
          let verdict = SQLGrader.grade(query: query, exercise: exercise, sandbox: repl.sandbox)
          switch verdict {
          case .notRun(let outcome):
            console.line(renderer.notRun(outcome))
          case .brokenSolution(let message):
            console.error("\(message) (\(presented.question.id)); skipping it")
            return .skip
          case .correct, .wrong:
            return .answer(
              .text(query), unsure: false, grade: verdict.grade ?? Grade(score: 0),
              verdict: verdict)
          }
        case .skip: return .skip
        case .quit: return .quit
        case .help: console.line(renderer.style(AnswerParser.hint(for: presented), .dim))
        case .schema:
          if case .sql(let exercise) = presented.question.answer {
            console.line(
              renderer.schema(exercise.dataset, tables: repl.sandbox.tables(of: exercise.dataset)))
          }
        case .invalid(let hint): console.line(renderer.style("? " + hint, .partial))
        }
      }
    }
  }

  /// Reads the rest of a query until a line ends with a semicolon.
  ///
  /// - Returns: The query; nil at the end of input; an empty string when Ctrl-C discarded it.
  private func readQuery(startingWith firstLine: String) -> String? {
    var lines = [firstLine]
    let prompt = reader.isInteractive ? "   ...> " : ""
    while !(lines.last ?? "").trimmingCharacters(in: .whitespaces).hasSuffix(";") {
      switch reader.readLine(prompt: prompt) {
      case .line(let line): lines.append(line)
      case .interrupted: return ""
      case .endOfInput: return nil
      }
    }
    return lines.joined(separator: "\n")
  }

  private func confirmEnd() -> Bool {
    let answered = session.outcomes.count
    let kept = answered == 1 ? "1 answer is" : "\(answered) answers are"
    switch reader.readLine(prompt: "End the quiz? \(kept) kept. [y/N] ") {
    case .line(let line):
      return ["y", "yes"].contains(line.lowercased().trimmingCharacters(in: .whitespaces))
    case .interrupted, .endOfInput: return true
    }
  }

  private func save(_ record: AnswerRecord) -> Bool {
    do {
      try repl.store.record(record, fuzzSeed: repl.nextFuzzSeed())
      return true
    } catch {
      console.error("your answer could not be saved, so the quiz stops here: \(error)")
      return false
    }
  }

  private func summarize(status: QuizStatus) {
    console.line()
    let noun =
      switch mode {
      case .review: "Review"
      case .drill: "Drill"
      case .assess: "Assessment"
      case .quiz: "Quiz"
      }
    let answered = session.answeredCount
    guard answered > 0 else {
      console.line(
        status == .completed
          ? "\(noun) done: nothing answered." : "\(noun) ended: nothing answered, nothing changed.")
      return
    }
    let fraction = session.scoreSum / Double(answered)
    let counts = "\(session.correctCount)/\(answered)"
    let partial = abs(session.scoreSum - Double(session.correctCount)) > 1e-9
    var line =
      (status == .completed ? "\(noun) done: " : "\(noun) ended early: ")
      + (partial
        ? "\(counts) right (\(Renderer.percent(fraction)) with partial credit)"
        : "\(counts) (\(Renderer.percent(fraction)))")
    let skipped = session.outcomes.filter(\.isSkipped).count
    if skipped > 0 { line += " · \(skipped) skipped" }
    if mode == .quiz, let areaID = session.scope?.areaID,
      let standing = repl.areaStandingLine(areaID: areaID)
    {
      line += " · " + standing
    }
    console.line(renderer.style(line, .bold))
    if mode == .drill {
      let open = Set(session.questions.map(\.question.id)).filter { id in
        !session.outcomes.contains { $0.presented.question.id == id && $0.grade?.isCorrect == true }
      }
      console.line(
        open.isEmpty
          ? "Every missed question is now answered right. They come back in `review` when due."
          : "\(open.count) still to get right; `drill` picks them up again.")
      return
    }
    let missed = session.outcomes.filter { $0.grade.map { !$0.isCorrect } ?? false }
    if !missed.isEmpty {
      let ids = missed.map { $0.presented.question.id }.joined(separator: ", ")
      console.line(renderer.style(renderer.markdown("Missed: " + ids, hangingIndent: "  "), .dim))
      console.line(renderer.style("`drill` asks them again until you get them right.", .dim))
    }
  }
}
