import Foundation
import SkillQuizKit

/// Reads one answer at the `answer>` prompt: letters, text, a multi-line SQL query, `skip`,
/// `quit`, `help`, `schema`, and Ctrl-C with a confirmation.
struct AnswerReader {
  let reader: any LineReader
  let console: any Console
  let sandbox: any SQLSandbox
  let renderer: Renderer

  /// Why a session stopped asking.
  enum Ending: Equatable {
    case finished
    case endedEarly
    case endOfInput
  }

  /// What was read.
  enum Reading {
    case answer(Response, unsure: Bool, grade: Grade, verdict: SQLVerdict?)
    case skip
    case ended(Ending)
  }

  /// Reads until the answer fits the question; SQL answers are run and graded here, and a
  /// query that fails or is refused is explained and asked again.
  func read(_ presented: PresentedQuestion, answeredSoFar: Int) -> Reading {
    let prompt = reader.isInteractive ? "answer> " : ""
    while console.outputFailure == nil {
      switch reader.readLine(prompt: prompt) {
      case .endOfInput:
        if reader.isInteractive { console.line() }
        return .ended(.endOfInput)
      case .interrupted:
        if confirmEnd(answered: answeredSoFar) { return .ended(.endedEarly) }
      case .line(let line):
        switch AnswerParser.parse(line, for: presented) {
        case .answer(let response, let unsure):
          guard case .sql(let exercise) = presented.question.answer,
            case .text(let firstLine) = response
          else {
            return .answer(
              response, unsure: unsure, grade: Grader.grade(response, for: presented.question),
              verdict: nil)
          }
          guard let query = readQuery(startingWith: firstLine) else { return .ended(.endOfInput) }
          guard !query.isEmpty else { continue }
          let verdict = SQLGrader.grade(query: query, exercise: exercise, sandbox: sandbox)
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
        case .quit: return .ended(.endedEarly)
        case .help: console.line(renderer.style(AnswerParser.hint(for: presented), .dim))
        case .schema:
          if case .sql(let exercise) = presented.question.answer {
            console.line(
              renderer.schema(exercise.dataset, tables: sandbox.tables(of: exercise.dataset)))
          }
        case .invalid(let hint): console.line(renderer.style("? " + hint, .partial))
        }
      }
    }
    return .ended(.endedEarly)
  }

  /// Reads the rest of a query until a line ends with a semicolon: nil at the end of input,
  /// an empty string when Ctrl-C discarded it.
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

  private func confirmEnd(answered: Int) -> Bool {
    let kept = answered == 1 ? "1 answer is" : "\(answered) answers are"
    switch reader.readLine(prompt: "End the quiz? \(kept) kept. [y/N] ") {
    case .line(let line):
      return ["y", "yes"].contains(line.lowercased().trimmingCharacters(in: .whitespaces))
    case .interrupted, .endOfInput: return true
    }
  }
}
