import Foundation
import SkillQuizKit
import SkillQuizStore

/// What a session shows: its opening line, each question and its feedback, and the summary.
struct SessionView {
  let renderer: Renderer

  // MARK: Starting

  func assessmentStart(_ flow: AssessmentFlow, previous: AssessmentRecord?) -> String {
    let start =
      previous.map { "starting from your last estimate, \(SkillScore($0.estimate).text)" }
      ?? "starting at 150, the middle of the scale"
    let name = flow.scope?.name ?? ""
    return renderer.style(
      renderer.markdown(
        "Assessing \(TerminalText.sanitize(name)): \(flow.test.bank.count) questions to draw from, "
          + "\(start). Each answer moves the estimate; skip counts as wrong."), .bold)
  }

  func readinessStart(_ flow: ReadinessFlow, catalog: SkillCatalog) -> String {
    let test = flow.test
    let names = test.requirements.indices.map { index -> String in
      let skills = test.requirements[index].skills.map { catalog.scope(named: $0)?.name ?? $0 }
      return skills.joined(separator: " / ") + " (\(test.status(of: index).rawValue))"
    }
    return renderer.style(
      renderer.markdown(
        TerminalText.sanitize(
          "Readiness test for \(flow.opening.company) — \(flow.opening.title): "
            + names.joined(separator: ", ") + ". Up to \(test.maximumItems) questions you have"
            + " never seen, from \(flow.pool.count); it stops once each requirement is met or"
            + " not met. A skip is not evidence: it uses the question up and decides nothing.",
          keepNewlines: false)), .bold)
  }

  func reviewStart(_ flow: ReviewFlow, due: Int) -> String {
    let place = flow.scope.map { " in \(TerminalText.sanitize($0.name))" } ?? ""
    return renderer.style(
      "\(TextFormat.grouped(due)) \(due == 1 ? "card is" : "cards are") due\(place); "
        + "reviewing \(flow.questions.count), most overdue first.", .bold)
  }

  func drillStart(_ flow: DrillFlow) -> String {
    let count = flow.questions.count
    return renderer.style(
      "\(count) \(count == 1 ? "question" : "questions") to get right; a miss comes back at the "
        + "end.", .bold)
  }

  /// What comes next when nothing is due.
  func nothingDue(scope: SkillScope?, next: Date?, now: Date) -> String {
    let place = scope.map { " in \(TerminalText.sanitize($0.name))" } ?? ""
    guard let next else {
      let target = scope.map { $0.label.split(separator: "/").last.map(String.init) ?? "" } ?? "git"
      return renderer.markdown(
        "Nothing to review\(place) yet: every question you answer gets a review card. "
          + "Take a quiz first, such as `quiz \(target) 10`.")
    }
    return renderer.markdown(
      "Nothing is due\(place). The next card is due \(Self.describe(next, from: now)). "
        + "Meanwhile: `weak` shows where to practise.")
  }

  /// A due time in words: "in 40 min", "in 5 h (2026-12-03 18:10)", "in 3 days (…)".
  static func describe(_ date: Date, from now: Date) -> String {
    let seconds = date.timeIntervalSince(now)
    let when = TextFormat.minuteFormatter.string(from: date)
    if seconds < 3600 { return "in \(max(1, Int((seconds / 60).rounded(.up)))) min" }
    if seconds < 48 * 3600 { return "in \(Int((seconds / 3600).rounded())) h (\(when))" }
    return "in \(Int((seconds / 86_400).rounded())) days (\(when))"
  }

  // MARK: Asking

  /// The header, prompt and options of the flow's current question.
  func question(_ presented: PresentedQuestion, flow: some QuestionFlow, catalog: SkillCatalog)
    -> String
  {
    let progress = flow.progress
    return renderer.question(
      presented, number: progress.number, of: progress.total ?? 0,
      label: label(for: presented.question, flow: flow, catalog: catalog), note: flow.headerNote)
  }

  /// The scope, with the topic when the session spans more than one.
  private func label(for question: Question, flow: some QuestionFlow, catalog: SkillCatalog)
    -> String
  {
    let topic = catalog.topic(id: question.topicID, inArea: question.areaID)?.name
    let prefix: String? =
      switch flow.mode {
      case .review: "Review"
      case .drill: "Drill"
      case .assess: "Assess"
      case .quiz: nil
      }
    switch flow.scope {
    case .topic(let scopeTopic)?:
      return [prefix, scopeTopic.name].compactMap { $0 }.joined(separator: " › ")
    case .area(let area)?:
      return [prefix, area.name, topic].compactMap { $0 }.joined(separator: " › ")
    case nil:
      let area = catalog.area(id: question.areaID)?.name
      return [prefix, area, topic].compactMap { $0 }.joined(separator: " › ")
    }
  }

  func feedback(_ outcome: QuestionOutcome, verdict: SQLVerdict?) -> String {
    let question = outcome.presented.question
    if verdict != nil || (question.kind == .sql && outcome.isSkipped) {
      return renderer.sqlFeedback(verdict, question: question)
    }
    return renderer.feedback(
      for: outcome.presented, response: outcome.response, grade: outcome.grade)
  }

  // MARK: Summing up

  func summary(
    _ summary: SessionSummary, completed: Bool, standing: String?, catalog: SkillCatalog
  ) -> String {
    let noun =
      switch summary.mode {
      case .review: "Review"
      case .drill: "Drill"
      case .assess: "Assessment"
      case .quiz: "Quiz"
      }
    // An assessment grades a skip as wrong, so it counts every question asked.
    let skipsAreWrong = summary.skipsCountAsWrong
    let graded = skipsAreWrong ? summary.outcomes.count : summary.answeredCount
    guard graded > 0 else {
      // Skips are stored (a first skip even ends a question's evidence), so only a session
      // without them changed nothing.
      let skips = summary.skippedCount
      if skips == 0 {
        return completed
          ? "\(noun) done: nothing answered." : "\(noun) ended: nothing answered, nothing changed."
      }
      return (completed ? "\(noun) done" : "\(noun) ended early") + ": nothing answered · "
        + (skips == 1 ? "1 skip" : "\(skips) skips") + " stored."
    }
    let fraction = summary.scoreSum / Double(graded)
    let counts = "\(summary.correctCount)/\(graded)"
    let partial = abs(summary.scoreSum - Double(summary.correctCount)) > 1e-9
    var line =
      (completed ? "\(noun) done: " : "\(noun) ended early: ")
      + (partial
        ? "\(counts) right (\(TextFormat.percent(fraction)) with partial credit)"
        : "\(counts) (\(TextFormat.percent(fraction)))")
    if summary.skippedCount > 0 {
      line += " · \(summary.skippedCount) skipped" + (skipsAreWrong ? ", counted as wrong" : "")
    }
    if let standing { line += " · " + standing }
    var lines = TextWrapper.wrap(line, width: renderer.width).map { renderer.style($0, .bold) }
    switch summary.mode {
    case .drill:
      let open = summary.stillToGetRight.count
      lines.append(
        open == 0
          ? "Every missed question is now answered right. They come back in `review` when due."
          : "\(open) still to get right; `drill` picks them up again.")
    case .assess:
      lines += assessmentReport(summary, catalog: catalog)
    case .quiz, .review:
      if !summary.missed.isEmpty {
        lines.append(renderer.style("Missed:", .dim))
        for question in summary.missed {
          lines.append(renderer.style(renderer.markdown(gist(question), indent: "  • "), .dim))
        }
        lines.append(renderer.style("`drill` asks them again until you get them right.", .dim))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// A question in words: its prompt's first line, shortened, with its topic.
  private func gist(_ question: Question) -> String {
    let line = MarkdownLite.firstLine(of: question.prompt)
    let first = line.isEmpty ? question.id : line
    return TerminalText.truncate(first, toColumns: max(20, renderer.width - 6))
  }

  private func assessmentReport(_ summary: SessionSummary, catalog: SkillCatalog) -> [String] {
    guard let estimate = summary.estimate else { return [] }
    let score = SkillScore(estimate)
    let percentile =
      score.percentile < 1
      ? "below the 1st percentile"
      : "\(Self.ordinal(Int(score.percentile.rounded(.down)))) percentile"
    let band = score.bandText
    var notes: [String] = []
    let count = summary.outcomes.count
    let rule = StopRule()
    if !summary.isFinished {
      return [
        renderer.style(
          "Incomplete (\(count) of ≥\(rule.minimumItems)): stopped before the stop rule, so there"
            + " is no score.", .bold),
        renderer.markdown(
          "Your answers count as evidence in `skills` and `jobs`; `assess` again to finish"
            + " measuring (it asks only questions you have not seen)."),
      ]
    } else if estimate.standardError < rule.targetStandardError {
      notes.append("Measured with \(count) questions, precisely enough to stop.")
    } else {
      notes.append(
        "Reached the \(count)-question limit before the ± fell below "
          + "\(Int((50 * rule.targetStandardError).rounded())); the questions left are not "
          + "informative enough at this level.")
    }
    notes.append(
      summary.itemsToHalveError.map { "About \($0) more questions would halve the ±." }
        ?? "The bank has too few questions left to halve the ±.")
    notes.append(
      "Bands: Novice below the 20th percentile, Proficient to the 80th, then Expert. The"
        + " percentile assumes a normal N(0, 1) population; the items are not yet calibrated"
        + " on pooled answers (see `help assess`).")
    return [
      renderer.style(
        "Score \(score.text) · \(percentile) vs. the model's reference population · \(band)",
        .bold),
      renderer.markdown(notes.joined(separator: " ")),
    ]
  }

  /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st.
  static func ordinal(_ number: Int) -> String {
    let suffix =
      switch (number % 10, number % 100) {
      case (_, 11...13): "th"
      case (1, _): "st"
      case (2, _): "nd"
      case (3, _): "rd"
      default: "th"
      }
    return "\(number)\(suffix)"
  }
}
