import Foundation

/// Maps a graded answer onto an FSRS rating.
///
/// Wrong (or partly right) is Again. Right but marked unsure (`b?`), or much slower than the
/// user's median, is Hard. Right, fast and on a card already in review is Easy. Otherwise Good.
public enum ReviewRating {
  /// Answers slower than this multiple of the median count as hard.
  public static let slowFactor = 2.0
  /// Answers at most this multiple of the median count as fast.
  public static let fastFactor = 0.5
  /// Durations above this multiple of the median are treated as unknown (the user was away).
  public static let awayFactor = 10.0

  /// The rating for an answer; nil for a skipped question, which leaves the card alone.
  public static func rating(
    for answer: AnswerRecord, medianDuration: Double?, cardState: FSRSState?
  ) -> FSRSRating? {
    guard !answer.isSkipped else { return nil }
    guard answer.isCorrect else { return .again }
    if answer.isUnsure { return .hard }
    guard let median = medianDuration, median > 0, let duration = answer.duration,
      duration <= awayFactor * median
    else { return .good }
    if duration > slowFactor * median { return .hard }
    if duration <= fastFactor * median, cardState == .review { return .easy }
    return .good
  }

  /// The median of durations, or nil with fewer than five.
  public static func median(_ durations: [Double]) -> Double? {
    guard durations.count >= 5 else { return nil }
    let sorted = durations.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}

/// A card as stored, with what the review commands need to know about its question.
public struct StoredCard: Sendable, Hashable {
  /// The question's id.
  public let questionID: String
  /// The question's area.
  public let areaID: String
  /// The question's topic.
  public let topicID: String
  /// The memory state.
  public let card: FSRSCard
  /// How many answers to the question were wrong.
  public let misses: Int

  /// Creates a stored card.
  public init(questionID: String, areaID: String, topicID: String, card: FSRSCard, misses: Int) {
    self.questionID = questionID
    self.areaID = areaID
    self.topicID = topicID
    self.card = card
    self.misses = misses
  }

  /// Misses at which a question becomes a leech.
  public static let leechThreshold = 8

  /// Whether the question was missed so often that reviewing it again is no longer useful.
  public var isLeech: Bool { misses >= Self.leechThreshold }
}

/// Chooses what `review` asks and summarises what is due.
public enum ReviewQueue {
  /// The due cards in scope whose questions still exist, most overdue first; leeches are left
  /// out (they are listed by `weak` instead).
  public static func due(
    _ cards: [StoredCard], in scope: SkillScope?, library: QuestionLibrary, at now: Date
  ) -> [StoredCard] {
    let candidates = cards.filter { $0.card.due <= now && !$0.isLeech }
    return due(
      candidates, in: scope, known: library.summaries(ids: candidates.map(\.questionID)), at: now)
  }

  /// `due(_:in:library:at:)` for a caller that has already looked the questions up: `known`
  /// holds the summaries of the cards' questions that still exist.
  public static func due(
    _ cards: [StoredCard], in scope: SkillScope?, known: [String: QuestionSummary], at now: Date
  ) -> [StoredCard] {
    cards.filter { stored in
      guard stored.card.due <= now, !stored.isLeech, let question = known[stored.questionID]
      else { return false }
      return scope?.contains(question) ?? true
    }
    .sorted { ($0.card.due, $0.questionID) < ($1.card.due, $1.questionID) }
  }

  /// The next due time after `now` in scope, for "nothing is due" messages.
  public static func nextDue(
    _ cards: [StoredCard], in scope: SkillScope?, library: QuestionLibrary, after now: Date
  ) -> Date? {
    let candidates = cards.filter { $0.card.due > now && !$0.isLeech }
    let live = library.summaries(ids: candidates.map(\.questionID))
    return candidates.filter { stored in
      guard let question = live[stored.questionID] else { return false }
      return scope?.contains(question) ?? true
    }
    .map(\.card.due).min()
  }

  /// How many cards fall due on each of the next `days` days; day 0 includes overdue cards.
  public static func forecast(
    _ cards: [StoredCard], library: QuestionLibrary, from now: Date, days: Int = 7,
    calendar: Calendar = .current
  ) -> [Int] {
    forecast(
      cards, known: library.summaries(ids: cards.map(\.questionID)), from: now, days: days,
      calendar: calendar)
  }

  /// `forecast(_:library:from:days:calendar:)` for a caller that has already looked the
  /// questions up: `known` holds the summaries of the cards' questions that still exist.
  public static func forecast(
    _ cards: [StoredCard], known: [String: QuestionSummary], from now: Date, days: Int = 7,
    calendar: Calendar = .current
  ) -> [Int] {
    var counts = Array(repeating: 0, count: days)
    let today = calendar.startOfDay(for: now)
    // The start of each following day, worked out once: a calendar computation per card cost
    // seconds with tens of thousands due.
    let starts = (1...max(1, days)).compactMap {
      calendar.date(byAdding: .day, value: $0, to: today)
    }
    for stored in cards where !stored.isLeech && known[stored.questionID] != nil {
      let day = starts.prefix { $0 <= stored.card.due }.count
      if day < days { counts[day] += 1 }
    }
    return counts
  }
}
