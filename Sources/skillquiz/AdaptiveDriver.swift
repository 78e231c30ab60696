import Foundation
import SkillQuizKit

/// Runs an adaptive test over questions: maps questions to items and picks the next one.
final class AdaptiveDriver {
  private(set) var test: AdaptiveTest
  let questions: [Question]
  private var indexByID: [String: Int] = [:]

  init(questions: [Question], calibrated: [String: IRTItem], startTheta: Double) {
    self.questions = questions
    let items = questions.map { calibrated[$0.id] ?? $0.itemParameters }
    test = AdaptiveTest(bank: items, startTheta: startTheta)
    for (index, question) in questions.enumerated() { indexByID[question.id] = index }
  }

  /// The first question, or the next one; nil when the stop rule says done.
  func nextQuestion(using repl: REPL) -> Question? {
    var random = repl.randomSource()
    defer { repl.adopt(random) }
    return test.nextItem(using: &random).map { questions[$0] }
  }

  /// Records an answer (a skip counts as wrong).
  func record(_ question: Question, right: Bool) {
    guard let index = indexByID[question.id] else { return }
    test.record(item: index, right: right)
  }

  /// The header note: the range of questions the test may take.
  var headerNote: String {
    "\(test.stopRule.minimumItems)–\(test.stopRule.maximumItems) questions"
  }

  /// "score 168 ± 22 after 5 questions".
  var runningText: String {
    let count = test.administered.count
    return
      "score \(SkillScore(test.estimate).text) after \(count) \(count == 1 ? "question" : "questions")"
  }
}
