import Foundation
import SkillQuizKit

/// Standings built from every answer, as before the store kept running totals.
///
/// Commands read the store's totals; this stays the reference the tests check them against
/// (in the Kit's tests and the store's).
extension StandingReport {
  /// Builds standings from answers, keeping the last `trendLength` quizzes for trends.
  public init(answers: [AnswerRecord], trendLength: Int = 8) {
    var areas: [String: Standing] = [:]
    var topics: [String: Standing] = [:]
    var overall = Standing()
    var perQuiz: [String: [Int64: (sum: Double, count: Int, date: Date)]] = [:]
    func add(_ record: AnswerRecord, to standing: inout Standing) {
      standing.answeredCount += 1
      standing.scoreSum += record.score
      if record.isCorrect { standing.correctCount += 1 }
      standing.lastPracticed = max(standing.lastPracticed ?? record.answeredAt, record.answeredAt)
    }
    for record in answers where !record.isSkipped {
      let topicKey = "\(record.areaID)/\(record.topicID)"
      add(record, to: &areas[record.areaID, default: Standing()])
      add(record, to: &topics[topicKey, default: Standing()])
      add(record, to: &overall)
      guard let quiz = record.quizID else { continue }
      for key in [record.areaID, topicKey, ""] {
        var entry = perQuiz[key, default: [:]][quiz] ?? (0, 0, record.answeredAt)
        entry.sum += record.score
        entry.count += 1
        entry.date = min(entry.date, record.answeredAt)
        perQuiz[key, default: [:]][quiz] = entry
      }
    }
    func fractions(_ key: String) -> [Double] {
      let quizzes = (perQuiz[key] ?? [:]).sorted {
        ($0.value.date, $0.key) < ($1.value.date, $1.key)
      }
      return quizzes.suffix(trendLength).map { $0.value.sum / Double($0.value.count) }
    }
    for key in areas.keys { areas[key]?.recentQuizFractions = fractions(key) }
    for key in topics.keys { topics[key]?.recentQuizFractions = fractions(key) }
    overall.recentQuizFractions = fractions("")
    self.init(areas: areas, topics: topics, overall: overall)
  }
}
