import Foundation
import SkillQuizKit
import SkillQuizStore
import Synchronization

/// A progress database of synthetic answers over about two years, written through the real
/// store API (`AnswerStore.open`, `startQuiz`, `record`, `finishQuiz`), so every derived table
/// (first answers, FSRS cards, and whatever later versions keep) is what a real user would have.
struct SyntheticHistory {
  /// How many answers.
  var answers: Int
  /// The seed of everything random.
  var seed: UInt64
  /// The time of the last answer; the first is about two years earlier.
  var end = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01T00:00:00Z

  /// What was written.
  struct Summary: Equatable {
    var answers: Int
    var quizzes: Int
  }

  /// Writes the answers into the database in `dataDirectory`, over the questions of `library`.
  func write(
    library: QuestionLibrary, dataDirectory: URL, progress: any ProgressReporter = SilentProgress()
  ) throws -> Summary {
    let questions = library.allQuestions()
    guard !questions.isEmpty else { throw SynthError("the banks hold no question to answer") }
    let store = try AnswerStore.open(directory: dataDirectory)
    var text = SyntheticText(seed: seed)
    // A learner with an ability per area, improving a little over the two years.
    var ability: [String: Double] = [:]
    for area in library.catalog.areas {
      ability[area.id] = Double(text.int(-150...150)) / 100
    }
    let span = 730.0 * 86_400
    let start = end.addingTimeInterval(-span)
    var answered: [Int] = []
    var written = 0
    var quizzes = 0
    progress.begin("Writing \(answers) answers", total: answers)
    defer { progress.end() }
    while written < answers {
      let size = min(answers - written, text.int(10...20))
      let reviewing = !answered.isEmpty && text.chance(0.35)
      var when = start.addingTimeInterval(span * Double(written) / Double(max(1, answers)))
      let first =
        reviewing
        ? answered[text.int(0...(answered.count - 1))] : text.int(0...(questions.count - 1))
      let quizID = try store.startQuiz(
        scope: questions[first].areaID, requestedCount: size, difficulty: nil,
        seed: UInt64(quizzes), at: when)
      var chunk: [AnswerRecord] = []
      for index in 0..<size {
        let position =
          index == 0
          ? first
          : reviewing
            ? answered[text.int(0...(answered.count - 1))] : text.int(0...(questions.count - 1))
        if !reviewing { answered.append(position) }
        let question = questions[position]
        let growth = Double(written) / Double(max(1, answers))
        let theta = (ability[question.areaID] ?? 0) + growth
        let bar: Double =
          switch question.difficulty {
          case .easy: -1
          case .medium: 0
          case .hard: 1
          }
        let correct = text.chance(1 / (1 + exp(-(theta - bar) * 1.7)))
        let skipped = !correct && text.chance(0.05)
        when = when.addingTimeInterval(Double(text.int(8...90)))
        chunk.append(
          AnswerRecord(
            quizID: quizID, questionID: question.id, areaID: question.areaID,
            topicID: question.topicID, difficulty: question.difficulty,
            mode: reviewing ? .review : .quiz, response: skipped ? nil : (correct ? "a" : "b"),
            score: correct ? 1 : 0, isSkipped: skipped, isUnsure: text.chance(0.05),
            answeredAt: when, duration: Double(text.int(4_000...90_000)) / 1000))
      }
      // One transaction per quiz, through the same steps as a single answer's commit.
      try store.record(contentsOf: chunk)
      written += chunk.count
      try store.finishQuiz(id: quizID, status: .completed, at: when)
      quizzes += 1
      progress.advance(to: written)
    }
    return Summary(answers: written, quizzes: quizzes)
  }
}

/// A progress line on standard error when it is a terminal; nothing on a pipe.
struct StandardErrorProgress: ProgressReporter {
  private struct State {
    var title = ""
    var total = 0
    var lastDrawn = Date.distantPast
  }
  private final class Shared: Sendable {
    let state = Mutex(State())
  }
  private let shared = Shared()
  private let isTerminal = isatty(2) == 1

  func begin(_ title: String, total: Int, unit: ProgressUnit) {
    shared.state.withLock { state in
      state.title = title
      state.total = total
    }
  }

  func advance(to completed: Int) {
    guard isTerminal else { return }
    let line: String? = shared.state.withLock { state in
      guard Date().timeIntervalSince(state.lastDrawn) > 0.2 else { return nil }
      state.lastDrawn = Date()
      let percent = state.total > 0 ? 100 * completed / state.total : 0
      return "\r\(state.title): \(completed)/\(state.total) (\(percent)%)"
    }
    if let line { writeStandardError(line) }
  }

  func end() {
    guard isTerminal else { return }
    writeStandardError("\r\u{1B}[K")
  }
}
