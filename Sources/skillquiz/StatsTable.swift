import Foundation
import SkillQuizKit

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

  let generatedAt: Date
  let answered: Int
  let percentCorrect: Double?
  let areas: [Entry]
  let quizzes: [Quiz]

  init(report: StandingReport, catalog: SkillCatalog, quizzes: [QuizRecord], now: Date) {
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
