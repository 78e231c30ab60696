import Foundation
import SkillQuizKit
import SkillQuizStore

/// The `stats` table: one row per area and per topic.
struct StatsTable {
  let report: StandingReport
  let areas: [SkillArea]
  let now: Date
  let renderer: Renderer

  func render() -> String {
    guard report.overall.answeredCount > 0 else {
      return "No answers yet. Take a quiz first, for example `quiz git 5`."
    }
    let nameWidth = max(
      24,
      areas.flatMap { [$0.name] + $0.topics.map { "  " + $0.name } }
        .map { TerminalText.width(of: $0) }.max() ?? 0)
    var lines = [
      renderer.style(
        Renderer.pad("area / topic", nameWidth) + "  answered  correct  last practiced  trend",
        .bold)
    ]
    for area in areas {
      lines.append(
        row(TerminalText.sanitize(area.name), report.area(area.id), width: nameWidth, bold: true))
      for topic in area.topics {
        let standing = report.topic(topic)
        guard standing.answeredCount > 0 else { continue }
        lines.append(
          row("  " + TerminalText.sanitize(topic.name), standing, width: nameWidth, bold: false))
      }
    }
    let overall = report.overall
    lines.append("")
    lines.append(
      "Overall: \(Renderer.percent(overall.fraction)) over \(overall.answeredCount) answers, "
        + "\(overall.correctCount) fully right.")
    return lines.joined(separator: "\n")
  }

  private func row(_ name: String, _ standing: Standing, width: Int, bold: Bool) -> String {
    let label = Renderer.pad(name, width)
    guard standing.answeredCount > 0 else {
      return (bold ? renderer.style(label, .bold) : label) + renderer.style("  not practiced", .dim)
    }
    let arrow = Renderer.arrow(standing.trend)
    let trend =
      Renderer.sparkline(standing.recentQuizFractions) + (arrow.isEmpty ? "" : " " + arrow)
    return (bold ? renderer.style(label, .bold) : label) + "  "
      + Renderer.pad("\(standing.answeredCount)", 8, right: true) + "  "
      + Renderer.pad(Renderer.percent(standing.fraction), 7, right: true) + "  "
      + Renderer.pad(Renderer.relative(standing.lastPracticed, now: now), 14) + "  " + trend
  }
}

/// The latest assessment per area, for `skills` and `stats`.
struct AssessmentSection {
  let records: [AssessmentRecord]
  let areas: [SkillArea]
  let renderer: Renderer

  /// The latest assessment of each area: the area's own, or else the latest of its topics.
  static func latest(_ records: [AssessmentRecord]) -> [String: AssessmentRecord] {
    var latest: [String: AssessmentRecord] = [:]
    for record in records {
      let currentIsArea = latest[record.areaID].map { $0.scope == $0.areaID } ?? false
      if record.scope == record.areaID || !currentIsArea { latest[record.areaID] = record }
    }
    return latest
  }

  /// "score 168 ± 22 (2026-11-29)", naming the topic when the assessment was of one.
  static func text(_ record: AssessmentRecord) -> String {
    let scope = record.scope == record.areaID ? "" : " for \(record.scope)"
    return "score \(SkillScore(record.estimate).text)\(scope) ("
      + Renderer.dayFormatter.string(from: record.finishedAt) + ")"
  }

  func render() -> String {
    let latest = Self.latest(records)
    let lines = areas.compactMap { area -> String? in
      guard let record = latest[area.id] else { return nil }
      let score = SkillScore(record.estimate)
      let band =
        score.band == .proficient ? "Proficient (\(score.subBand))" : score.band.rawValue
      return "  " + Renderer.pad(TerminalText.sanitize(area.name), 30) + Self.text(record) + " · "
        + band
    }
    guard !lines.isEmpty else { return "" }
    return (["", renderer.style("Latest assessments", .bold)] + lines).joined(separator: "\n")
  }
}

/// The review section of `stats`: due today, the week ahead as bars, true retention, leeches.
struct ReviewStatsSection {
  let statistics: ReviewStatistics
  let catalog: SkillCatalog
  let now: Date
  let renderer: Renderer

  func render() -> String {
    guard statistics.cardCount > 0 else { return "" }
    var lines = ["", renderer.style("Review (FSRS)", .bold)]
    lines.append(
      "Due today: \(statistics.dueToday) of \(statistics.cardCount) cards"
        + (statistics.dueToday > 0 ? " · `review` to start" : ""))
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "EEE dd"
    let top = max(statistics.forecast.max() ?? 0, 1)
    let calendar = Calendar.current
    for (offset, count) in statistics.forecast.enumerated() {
      let day =
        calendar.date(byAdding: .day, value: offset, to: calendar.startOfDay(for: now)) ?? now
      let label = offset == 0 ? "today " : formatter.string(from: day)
      let bar = String(repeating: "█", count: Int((Double(count) / Double(top) * 30).rounded(.up)))
      lines.append(
        "  " + Renderer.pad(label, 7) + Renderer.pad("\(count)", 4, right: true) + " "
          + renderer.style(bar, .accent))
    }
    let (right, total) = statistics.retention
    if total > 0 {
      var line =
        "True retention: \(Renderer.percent(Double(right) / Double(total))) of \(total) reviews right"
      let parts = catalog.areas.compactMap { area -> String? in
        guard let entry = statistics.retentionByArea[area.id], entry.total > 0 else { return nil }
        return "\(area.id) \(Renderer.percent(Double(entry.right) / Double(entry.total)))"
      }
      if !parts.isEmpty { line += " (" + parts.joined(separator: ", ") + ")" }
      lines.append(line)
    } else {
      lines.append("True retention: no reviews yet")
    }
    if !statistics.leeches.isEmpty {
      lines.append(
        "Leeches: \(statistics.leeches.count) ("
          + statistics.leeches.map(\.questionID).joined(separator: ", ")
          + "); `weak` explains them")
    }
    return lines.joined(separator: "\n")
  }
}

/// The JSON form of `skillquiz stats --json`.
struct StatsJSON: Encodable {
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

  struct Quiz: Encodable {
    let id: Int64
    let startedAt: Date
    let finishedAt: Date?
    let scope: String
    let answered: Int
    let correct: Int
    let skipped: Int
    let percentCorrect: Double?
    let status: String
  }

  struct Review: Encodable {
    let cards: Int
    let dueToday: Int
    let forecastNext7Days: [Int]
    let reviewsAnswered: Int
    let reviewsRight: Int
    let retentionPercent: Double?
    let leeches: [String]
  }

  let generatedAt: Date
  let answered: Int
  let percentCorrect: Double?
  let areas: [Entry]
  let quizzes: [Quiz]
  let review: Review

  init(
    report: StandingReport, catalog: SkillCatalog, quizzes: [QuizRecord],
    review statistics: ReviewStatistics, now: Date
  ) {
    let (right, total) = statistics.retention
    review = Review(
      cards: statistics.cardCount, dueToday: statistics.dueToday,
      forecastNext7Days: statistics.forecast, reviewsAnswered: total, reviewsRight: right,
      retentionPercent: total == 0 ? nil : (Double(right) / Double(total) * 1000).rounded() / 10,
      leeches: statistics.leeches.map(\.questionID))
    func entry(id: String, name: String, _ standing: Standing, topics: [Entry]?) -> Entry {
      Entry(
        id: id, name: name, answered: standing.answeredCount, correct: standing.correctCount,
        percentCorrect: standing.fraction.map { ($0 * 1000).rounded() / 10 },
        lastPracticed: standing.lastPracticed,
        recentQuizPercents: standing.recentQuizFractions.map { ($0 * 1000).rounded() / 10 },
        trend: standing.trend.rawValue, topics: topics)
    }
    generatedAt = now
    answered = report.overall.answeredCount
    percentCorrect = report.overall.fraction.map { ($0 * 1000).rounded() / 10 }
    areas = catalog.areas.map { area in
      entry(
        id: area.id, name: area.name, report.area(area.id),
        topics: area.topics.map { entry(id: $0.id, name: $0.name, report.topic($0), topics: nil) })
    }
    self.quizzes = quizzes.map {
      Quiz(
        id: $0.id, startedAt: $0.startedAt, finishedAt: $0.finishedAt, scope: $0.scope,
        answered: $0.answeredCount, correct: $0.correctCount, skipped: $0.skippedCount,
        percentCorrect: $0.fraction.map { ($0 * 1000).rounded() / 10 }, status: $0.status.rawValue)
    }
  }

  func encoded() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
