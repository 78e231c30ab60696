import Foundation
import SkillQuizKit
import SkillQuizStore

/// `stats`: per area and topic, answers, % correct, last practice and trend; the latest
/// assessments; and the review section.
public struct StatsOverview: Sendable {
  /// The areas shown.
  public let areas: [SkillArea]
  /// Standings over every answer.
  public let report: StandingReport
  /// The latest assessment of each shown area.
  public let assessments: [(area: SkillArea, record: AssessmentRecord)]
  /// Due counts, forecast, retention and leeches.
  public let review: ReviewStatistics
  /// When the numbers were computed.
  public let now: Date

  /// Reads everything from the store; `scope` limits the areas shown.
  public init(_ workspace: Workspace, scope: String?) throws(any Error) {
    areas = try workspace.areas(scope)
    let store = workspace.store
    now = workspace.clock.now
    report = try store.standings()
    let latest = AssessmentRecord.latestPerArea(try store.assessments())
    assessments = areas.compactMap { area in latest[area.id].map { (area, $0) } }
    review = try ReviewStatistics(workspace)
  }
}

extension ReviewStatistics {
  /// The review section from the store's totals and the cards due within the forecast.
  public init(_ workspace: Workspace) throws(StoreError) {
    let store = workspace.store
    let library = workspace.library
    let now = workspace.clock.now
    let retention = try store.reviewRetention()
    self.init(
      soonDue: try store.cards(dueBefore: ReviewStatistics.forecastEnd(from: now)),
      cardCount: library.summaries(ids: try store.cardQuestionIDs()).count,
      leeches: try store.leechCards(), retention: retention.overall,
      retentionByArea: retention.byArea, library: library, now: now)
  }
}

/// The JSON form of `stats --json`.
public struct StatsJSON: Encodable {
  struct Entry: Encodable {
    let id: String
    let name: String
    let answered: Int
    let correct: Int
    let percentCorrect: Double?
    let lastPracticed: Date?
    let recentQuizPercents: [Double]
    let trend: String
    var topics: [Entry]?
  }

  struct Review: Encodable {
    let cards: Int
    let dueNow: Int
    let dueToday: Int
    let forecastNext7Days: [Int]
    let reviewsAnswered: Int
    let reviewsRight: Int
    let retentionPercent: Double?
    let leeches: [String]
  }

  struct Assessment: Encodable {
    let area: String
    let scope: String
    /// "complete", or "incomplete": stopped before its stop rule, so it has no score.
    let status: String
    let score: Int?
    let plusMinus: Int?
    /// Against the model's reference population, N(0, 1).
    let percentile: Double?
    let finishedAt: Date
    let questions: Int
    let minimumQuestions: Int
  }

  let generatedAt: Date
  let answered: Int
  let percentCorrect: Double?
  let areas: [Entry]
  let assessments: [Assessment]
  /// How many sessions were started, in all.
  let quizCount: Int
  /// The latest sessions, newest first, as `history --json` lists them (`history N --json`
  /// lists more): a long history would make this output grow without end.
  let recentQuizzes: [QuizHistory.Entry]
  let review: Review

  /// The JSON shape of an overview, with the latest sessions (read only here: the table does
  /// not list them).
  public init(_ stats: StatsOverview, workspace: Workspace) throws(StoreError) {
    let statistics = stats.review
    let (right, total) = statistics.retention
    review = Review(
      cards: statistics.cardCount, dueNow: statistics.dueNow, dueToday: statistics.dueToday,
      forecastNext7Days: statistics.forecast, reviewsAnswered: total, reviewsRight: right,
      retentionPercent: total == 0 ? nil : (Double(right) / Double(total) * 1000).rounded() / 10,
      leeches: statistics.leeches.map(\.questionID))
    func entry(id: String, name: String, _ standing: Standing, topics: [Entry]?) -> Entry {
      Entry(
        id: id, name: name, answered: standing.answeredCount, correct: standing.correctCount,
        percentCorrect: standing.fraction.map(percentOneDecimal),
        lastPracticed: standing.lastPracticed,
        recentQuizPercents: standing.recentQuizFractions.map(percentOneDecimal),
        trend: standing.trend.rawValue, topics: topics)
    }
    let report = stats.report
    generatedAt = stats.now
    answered = report.overall.answeredCount
    percentCorrect = report.overall.fraction.map(percentOneDecimal)
    areas = stats.areas.map { area in
      entry(
        id: area.id, name: area.name, report.area(area.id),
        topics: area.topics.map { entry(id: $0.id, name: $0.name, report.topic($0), topics: nil) })
    }
    assessments = stats.assessments.map { area, record in
      let score = SkillScore(record.estimate)
      let complete = record.isComplete
      return Assessment(
        area: area.id, scope: record.scope, status: complete ? "complete" : "incomplete",
        score: complete ? Int(score.score.rounded()) : nil,
        plusMinus: complete ? Int(score.margin.rounded()) : nil,
        percentile: complete ? (score.percentile * 10).rounded() / 10 : nil,
        finishedAt: record.finishedAt, questions: record.items,
        minimumQuestions: record.minimumItems)
    }
    let history = try QuizHistory(workspace, limit: QuizHistory.defaultLimit)
    recentQuizzes = history.quizzes.map {
      QuizHistory.Entry($0, assessment: history.assessments[$0.id])
    }
    quizCount = try workspace.store.quizCount()
  }
}

/// 0.723 → 72.3.
func percentOneDecimal(_ fraction: Double) -> Double { (fraction * 1000).rounded() / 10 }

/// Encodes a value as pretty, key-sorted JSON with ISO 8601 dates.
public func prettyJSON(_ value: some Encodable) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  encoder.dateEncodingStrategy = .iso8601
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}
