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
}
