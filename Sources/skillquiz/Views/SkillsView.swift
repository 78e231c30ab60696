import Foundation
import SkillQuizKit
import SkillQuizUseCases

/// `skills`: one table of areas and their topics.
struct SkillsView {
  let renderer: Renderer

  func render(_ overview: SkillsOverview) -> String {
    let layout = TableLayout([
      TableColumn("area / topic"), TableColumn("id"),
      TableColumn("questions", alignment: .right), TableColumn("fresh", alignment: .right),
      TableColumn("measured skill"),
    ])
    var rows: [[String]] = []
    for line in overview.areas {
      let incomplete = line.assessment?.incompleteText.map { " · assessment " + $0 } ?? ""
      rows.append([
        TerminalText.sanitize(line.area.name), line.area.id, "\(line.questionCount)",
        "\(line.freshCount)", Self.skill(line.skill) + incomplete,
      ])
      for topic in line.topics {
        rows.append([
          "  " + TerminalText.sanitize(topic.topic.name), topic.topic.id,
          "\(topic.questionCount)", "\(topic.freshCount)", Self.skill(topic.skill),
        ])
      }
    }
    let lines = renderer.table(layout, rows)
    let measured = overview.areas.contains { $0.skill != nil }
    let note =
      measured
      ? "Skill is 0-300 ± its uncertainty, from your first answer to each question (later"
        + " answers train memory, not the estimate). Fresh questions are ones never shown."
      : "Start with `quiz <id> 5`, for example `quiz git 5`, or measure with `assess git`."
    return
      (lines + [""]
      + TextWrapper.wrap(note, width: renderer.width).map {
        renderer.style($0, .dim)
      }).joined(separator: "\n")
  }

  /// "148 ± 31 · 6 answers", "148 ± 31 · 3 answers, too few to judge", or "not measured".
  static func skill(_ entry: SkillProfile.Entry?) -> String {
    guard let entry else { return "not measured" }
    let noun = entry.answered == 1 ? "answer" : "answers"
    return "\(entry.score.text) · \(entry.answered) \(noun)"
      + (entry.hasEnoughData ? "" : ", too few to judge")
  }

  /// "72% over 15 answers", or "not practiced".
  static func standing(_ standing: Standing) -> String {
    guard let fraction = standing.fraction else { return "not practiced" }
    let noun = standing.answeredCount == 1 ? "answer" : "answers"
    return "\(TextFormat.percent(fraction)) over \(standing.answeredCount) \(noun)"
  }
}

/// `history`: one row per session.
struct HistoryView {
  let renderer: Renderer

  func render(_ history: QuizHistory) -> String {
    guard !history.quizzes.isEmpty else { return "No quizzes yet. Try `quiz git 5`." }
    let layout = TableLayout([
      TableColumn("#", alignment: .right), TableColumn("date"), TableColumn("scope"),
      TableColumn("score", alignment: .right), TableColumn("right"), TableColumn("status"),
    ])
    let rows = history.quizzes.map { quiz -> [String] in
      let status: String =
        switch quiz.status {
        case .completed: "completed"
        case .endedEarly: "ended early"
        case .inProgress: "interrupted"
        }
      return [
        "\(quiz.id)", TextFormat.minuteFormatter.string(from: quiz.startedAt),
        TerminalText.sanitize(quiz.scope, keepNewlines: false),
        history.assessments[quiz.id]?.resultText ?? quiz.fraction.map(TextFormat.percent) ?? "—",
        quiz.answeredCount == 0 ? "nothing answered" : "\(quiz.correctCount)/\(quiz.answeredCount)",
        status,
      ]
    }
    return renderer.table(layout, rows).joined(separator: "\n")
  }
}

/// Bank files and questions skipped at load, on standard error.
struct BankProblemsView {
  let console: any Console

  func report(_ library: QuestionLibrary) {
    for file in library.files {
      let firstError = library.diagnostics.first {
        $0.location.file == file.path && $0.severity == .error
      }
      if let reason = file.skipReason {
        // The first error usually says the reason again, with its line and a fix.
        let shown = firstError.map { "\($0)".contains(reason) } == true
        warn("skipped \(file.path)" + (shown ? ":" : ": \(reason)"))
        if let firstError { show("\(firstError)", indent: "  ") }
      } else if file.skippedCount > 0 {
        let noun = file.skippedCount == 1 ? "question" : "questions"
        warn("\(file.path): skipped \(file.skippedCount) \(noun) with errors")
        if let firstError { show("\(firstError)", indent: "  ") }
      }
    }
    let skillsProblems = library.diagnostics.filter {
      $0.location.file.hasSuffix("skills.yaml") && $0.severity == .error
    }
    for problem in skillsProblems { show("\(problem)", indent: "") }
    if library.hasErrors {
      console.writeError("  run `skillquiz validate` to see every problem\n")
    }
  }

  /// A warning, wrapped to a terminal's width under its `warning: ` prefix.
  private func warn(_ text: String) {
    console.warning(TerminalText.sanitize(text, keepNewlines: false))
  }

  /// A diagnostic on standard error, fitted to the terminal.
  private func show(_ text: String, indent: String) {
    console.writeError(console.fitted(TerminalText.sanitize(text), indent: indent) + "\n")
  }

}
