import Foundation
import SkillQuizKit
import SkillQuizStore

/// The `assess` command: an adaptive test with a 0–300 score and its uncertainty.
extension REPL {
  func runAssessment(scopeWord: String) -> Bool {
    guard let scope = library.catalog.scope(named: scopeWord) else {
      reportUnknownScope(scopeWord)
      return true
    }
    let pool = library.questions(in: scope).filter { $0.kind != .sql }
    guard pool.count >= StopRule().minimumItems else {
      console.error(
        "\(scope.label) has \(pool.count) \(pool.count == 1 ? "question" : "questions"); "
          + "an assessment needs at least "
          + "\(StopRule().minimumItems). Try its area, or `quiz \(scope.label)`.")
      return true
    }
    let previous = (try? store.assessments())?.last { $0.scope == scope.label }
    let driver = AdaptiveDriver(
      questions: pool, calibrated: calibratedParameters(),
      startTheta: previous?.estimate.theta ?? 0)
    guard let first = driver.nextQuestion(using: self) else { return true }
    let start =
      previous.map { "starting from your last estimate, \(SkillScore($0.estimate).text)" }
      ?? "starting at 150, the middle of the scale"
    console.line(
      renderer.style(
        renderer.markdown(
          "Assessing \(scope.name): \(pool.count) questions to draw from, \(start). "
            + "Each answer moves the estimate; skip counts as wrong."), .bold))
    var runner = QuizRunner(
      session: QuizSession(scope: scope, questions: [present(first)]), repl: self,
      requestedCount: StopRule().maximumItems, difficulty: nil)
    runner.mode = .assess
    runner.adaptive = driver
    let keepGoing = runner.run()
    report(driver, scope: scope)
    return keepGoing
  }

  private func report(_ driver: AdaptiveDriver, scope: SkillScope) {
    let test = driver.test
    guard !test.administered.isEmpty else { return }
    let score = SkillScore(test.estimate)
    let finished = test.isFinished
    do {
      try store.saveAssessment(
        AssessmentRecord(
          scope: scope.label, areaID: scope.areaID, finishedAt: clock.now,
          estimate: test.estimate, items: test.administered.count),
        quizID: nil)
    } catch {
      console.error(error.description)
    }
    let percentile =
      score.percentile < 1
      ? "below the 1st percentile"
      : "\(Self.ordinal(Int(score.percentile.rounded(.down)))) percentile"
    let band =
      score.band == .proficient ? "Proficient (\(score.subBand))" : score.band.rawValue
    console.line(
      renderer.style(
        "\(scope.name): score \(score.text) · \(percentile) · \(band)",
        .bold))
    var notes: [String] = []
    let count = test.administered.count
    if !finished {
      notes.append("Stopped early after \(count) questions, so the ± is wide.")
    } else if test.estimate.standardError < test.stopRule.targetStandardError {
      notes.append("Measured with \(count) questions, precisely enough to stop.")
    } else {
      notes.append(
        "Reached the \(count)-question limit before the ± fell below "
          + "\(Int((50 * test.stopRule.targetStandardError).rounded())); "
          + "the questions left are not informative enough at this level.")
    }
    if let more = test.itemsToHalveError {
      notes.append("About \(more) more questions would halve the ±.")
    } else {
      notes.append("The bank has too few questions left to halve the ±.")
    }
    notes.append("Bands: Novice below the 20th percentile, Proficient to the 80th, then Expert.")
    console.line(renderer.markdown(notes.joined(separator: " ")))
  }

  /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st.
  static func ordinal(_ number: Int) -> String {
    let suffix: String
    switch (number % 10, number % 100) {
    case (_, 11...13): suffix = "th"
    case (1, _): suffix = "st"
    case (2, _): suffix = "nd"
    case (3, _): suffix = "rd"
    default: suffix = "th"
    }
    return "\(number)\(suffix)"
  }

  /// Calibrated item parameters per question id, from `skillquiz calibrate`.
  func calibratedParameters() -> [String: IRTItem] {
    store.calibratedParameters(for: library)
  }
}
