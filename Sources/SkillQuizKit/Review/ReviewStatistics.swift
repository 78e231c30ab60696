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
  ///
  /// This reads every answer: `stats` passes the store's running totals to the other
  /// initialiser, and this stays the reference it is checked against.
  public init(
    cards: [StoredCard], answers: [AnswerRecord], library: QuestionLibrary, now: Date,
    calendar: Calendar = .current
  ) {
    let reviews = answers.filter { $0.mode == .review && !$0.isSkipped }
    var byArea: [String: (right: Int, total: Int)] = [:]
    for answer in reviews {
      var entry = byArea[answer.areaID] ?? (0, 0)
      entry.total += 1
      if answer.isCorrect { entry.right += 1 }
      byArea[answer.areaID] = entry
    }
    self.init(
      soonDue: cards, cardCount: library.summaries(ids: cards.map(\.questionID)).count,
      leeches: cards.filter(\.isLeech),
      retention: (reviews.filter(\.isCorrect).count, reviews.count),
      retentionByArea: byArea, library: library, now: now, calendar: calendar)
  }

  /// Computes the section from the cards due within the forecast (overdue ones included; later
  /// ones may be passed too), the card count, the leeches and the review totals.
  ///
  /// `cardCount` counts the cards whose questions still exist.
  public init(
    soonDue: [StoredCard], cardCount: Int, leeches: [StoredCard],
    retention: (right: Int, total: Int), retentionByArea: [String: (right: Int, total: Int)],
    library: QuestionLibrary, now: Date, calendar: Calendar = .current
  ) {
    let known = library.summaries(ids: (soonDue + leeches).map(\.questionID))
    self.cardCount = cardCount
    // One lookup of the questions serves the forecast, the due count and the leeches.
    forecast = ReviewQueue.forecast(soonDue, known: known, from: now, calendar: calendar)
    dueToday = forecast.first ?? 0
    dueNow = ReviewQueue.due(soonDue, in: nil, known: known, at: now).count
    self.retention = retention
    self.retentionByArea = retentionByArea
    self.leeches = leeches.filter { $0.isLeech && known[$0.questionID] != nil }
  }

  /// The end of the forecast: cards due before it are all `stats` needs.
  public static func forecastEnd(from now: Date, days: Int = 7, calendar: Calendar = .current)
    -> Date
  {
    calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: now))
      ?? now.addingTimeInterval(Double(days + 1) * 86_400)
  }
}
