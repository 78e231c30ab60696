import Foundation

/// The review section of `stats`: what is due, the week ahead, and true retention.
public struct ReviewStatistics: Sendable {
  /// Cards due by the end of today, overdue ones included.
  public let dueToday: Int
  /// Cards due now, as `review` counts them (the startup banner says the same).
  public let dueNow: Int
  /// Cards due on each of the next 7 days; day 0 is today and includes overdue cards.
  public let forecast: [Int]
  /// Review answers right, over review answers given: (right, total) overall.
  public let retention: (right: Int, total: Int)
  /// The same per area id.
  public let retentionByArea: [String: (right: Int, total: Int)]
  /// Questions missed often enough to be leeches.
  public let leeches: [StoredCard]
  /// Cards in all.
  public let cardCount: Int

  /// Computes the section from cards and answers.
  public init(
    cards: [StoredCard], answers: [AnswerRecord], library: QuestionLibrary, now: Date,
    calendar: Calendar = .current
  ) {
    let known = library.summaries(ids: cards.map(\.questionID))
    let live = cards.filter { known[$0.questionID] != nil }
    cardCount = live.count
    forecast = ReviewQueue.forecast(live, library: library, from: now, calendar: calendar)
    dueToday = forecast.first ?? 0
    dueNow = ReviewQueue.due(live, in: nil, library: library, at: now).count
    let reviews = answers.filter { $0.mode == .review && !$0.isSkipped }
    retention = (reviews.filter(\.isCorrect).count, reviews.count)
    var byArea: [String: (right: Int, total: Int)] = [:]
    for answer in reviews {
      var entry = byArea[answer.areaID] ?? (0, 0)
      entry.total += 1
      if answer.isCorrect { entry.right += 1 }
      byArea[answer.areaID] = entry
    }
    retentionByArea = byArea
    leeches = live.filter(\.isLeech)
  }
}
