import Foundation

/// How a user stands in an area or topic, from their stored answers.
public struct Standing: Sendable, Hashable {
  /// Answers given (skips excluded).
  public var answeredCount: Int = 0
  /// Answers with full credit.
  public var correctCount: Int = 0
  /// Sum of credit, partial credit included.
  public var scoreSum: Double = 0
  /// When the last answer was given.
  public var lastPracticed: Date?
  /// Mean credit per quiz, oldest first, for the quizzes that touched this scope.
  public var recentQuizFractions: [Double] = []

  /// Creates an empty standing.
  public init() {}

  /// Mean credit from 0 to 1, or nil with no answers.
  public var fraction: Double? {
    answeredCount == 0 ? nil : scoreSum / Double(answeredCount)
  }

  /// The direction of recent quizzes: the last quiz against the mean of the ones before it.
  public var trend: Trend {
    guard recentQuizFractions.count >= 2, let last = recentQuizFractions.last else {
      return .unknown
    }
    let earlier = recentQuizFractions.dropLast()
    let baseline = earlier.reduce(0, +) / Double(earlier.count)
    if last > baseline + 0.05 { return .up }
    if last < baseline - 0.05 { return .down }
    return .flat
  }

  /// Which way scores are moving.
  public enum Trend: String, Sendable {
    case up, down, flat, unknown
  }
}

/// Standings per area and topic.
public struct StandingReport: Sendable {
  /// Standings keyed by area id.
  public var areas: [String: Standing]
  /// Standings keyed by `area/topic`.
  public var topics: [String: Standing]
  /// The whole record.
  public var overall: Standing

  /// The standing for a topic.
  public func topic(_ topic: Topic) -> Standing {
    topics["\(topic.areaID)/\(topic.id)"] ?? Standing()
  }

  /// The standing for an area.
  public func area(_ id: String) -> Standing { areas[id] ?? Standing() }

  /// Standings as the store keeps them, already summed.
  public init(areas: [String: Standing], topics: [String: Standing], overall: Standing) {
    self.areas = areas
    self.topics = topics
    self.overall = overall
  }

  /// The scope key of a standing: "" for the whole record, the area id, or `area/topic`.
  public static func key(area: String?, topic: String? = nil) -> String {
    guard let area else { return "" }
    return topic.map { "\(area)/\($0)" } ?? area
  }

  /// Builds standings from answers, keeping the last `trendLength` quizzes for trends.
  ///
  /// This reads every answer: commands use the store's running totals instead, and this stays
  /// the reference they are checked against.
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
    self.areas = areas
    self.topics = topics
    self.overall = overall
  }
}
