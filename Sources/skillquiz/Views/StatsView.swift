import Foundation
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases

/// `stats`: the standings table, the latest assessments, and the review section.
struct StatsView {
  let renderer: Renderer

  func render(_ stats: StatsOverview) -> String {
    let report = stats.report
    var lines: [String] = []
    if report.overall.answeredCount > 0 {
      lines = standings(stats)
    } else {
      lines.append(
        renderer.markdown("No answers yet. Take a quiz first, for example `quiz git 5`."))
    }
    if !stats.assessments.isEmpty {
      lines += ["", renderer.style("Latest assessments", .bold)]
      let assessed = stats.assessments.map { area, record -> [String] in
        let band = record.isComplete ? SkillScore(record.estimate).bandText : "not a score"
        return [TerminalText.sanitize(area.name), Self.assessmentText(record), band]
      }
      lines += renderer.table(
        TableLayout([TableColumn(""), TableColumn(""), TableColumn("")], indent: "  "), assessed)
    }
    lines += reviewSection(stats)
    return lines.joined(separator: "\n")
  }

  private func standings(_ stats: StatsOverview) -> [String] {
    let report = stats.report
    let layout = TableLayout([
      TableColumn("area / topic"), TableColumn("answered", alignment: .right),
      TableColumn("correct", alignment: .right), TableColumn("last practiced"),
      TableColumn("trend"),
    ])
    var rows: [[String]] = []
    for area in stats.areas {
      rows.append(row(TerminalText.sanitize(area.name), report.area(area.id), now: stats.now))
      for topic in area.topics where report.topic(topic).answeredCount > 0 {
        rows.append(
          row("  " + TerminalText.sanitize(topic.name), report.topic(topic), now: stats.now))
      }
    }
    var lines = renderer.table(layout, rows)
    let overall = report.overall
    lines.append("")
    lines.append(
      "Overall: \(TextFormat.percent(overall.fraction)) over \(TextFormat.grouped(overall.answeredCount)) answers, "
        + "\(TextFormat.grouped(overall.correctCount)) fully right.")
    return lines
  }

  private func row(_ name: String, _ standing: Standing, now: Date) -> [String] {
    guard standing.answeredCount > 0 else { return [name, "", "", "not practiced", ""] }
    let arrow = TextFormat.arrow(standing.trend)
    return [
      name, TextFormat.grouped(standing.answeredCount), TextFormat.percent(standing.fraction),
      TextFormat.relative(standing.lastPracticed, now: now),
      TextFormat.sparkline(standing.recentQuizFractions) + (arrow.isEmpty ? "" : " " + arrow),
    ]
  }

  /// "score 168 ± 22 (2026-11-29)", naming the topic when the assessment was of one; an
  /// assessment stopped early reads "incomplete (5 of ≥8)".
  static func assessmentText(_ record: AssessmentRecord) -> String {
    let scope = record.scope == record.areaID ? "" : " for \(record.scope)"
    let result = record.incompleteText ?? "score \(SkillScore(record.estimate).text)"
    return "\(result)\(scope) ("
      + TextFormat.dayFormatter.string(from: record.finishedAt) + ")"
  }

  private func reviewSection(_ stats: StatsOverview) -> [String] {
    let statistics = stats.review
    guard statistics.cardCount > 0 else { return [] }
    var lines = ["", renderer.style("Review (FSRS)", .bold)]
    let later = statistics.dueToday - statistics.dueNow
    lines.append(
      "Due now: \(TextFormat.grouped(statistics.dueNow)) of \(TextFormat.grouped(statistics.cardCount)) cards"
        + (later > 0 ? " · \(TextFormat.grouped(later)) more later today" : "")
        + (statistics.dueNow > 0 ? " · `review` to start" : ""))
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "EEE dd"
    let top = max(statistics.forecast.max() ?? 0, 1)
    let barRoom = max(5, min(30, renderer.width - 16))
    let calendar = Calendar.current
    for (offset, count) in statistics.forecast.enumerated() {
      let day =
        calendar.date(byAdding: .day, value: offset, to: calendar.startOfDay(for: stats.now))
        ?? stats.now
      let label = offset == 0 ? "today " : formatter.string(from: day)
      let bar = String(
        repeating: "█", count: Int((Double(count) / Double(top) * Double(barRoom)).rounded(.up)))
      lines.append(
        "  " + TextFormat.pad(label, 7) + TextFormat.pad(TextFormat.grouped(count), 6, right: true)
          + " "
          + renderer.style(bar, .accent))
    }
    let (right, total) = statistics.retention
    if total > 0 {
      let parts = stats.areas.compactMap { area -> String? in
        guard let entry = statistics.retentionByArea[area.id], entry.total > 0 else { return nil }
        return "\(area.id) \(TextFormat.percent(Double(entry.right) / Double(entry.total)))"
      }
      let line =
        "True retention: \(TextFormat.percent(Double(right) / Double(total))) of \(TextFormat.grouped(total)) reviews "
        + "right" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
      lines += TextWrapper.wrap(line, width: renderer.width)
    } else {
      lines.append("True retention: no reviews yet")
    }
    if !statistics.leeches.isEmpty {
      lines += TextWrapper.wrap(
        "Leeches: \(TextFormat.grouped(statistics.leeches.count)) ("
          + statistics.leeches.prefix(Self.leechesNamed).map(\.questionID).joined(separator: ", ")
          + (statistics.leeches.count > Self.leechesNamed ? ", …" : "")
          + "); `weak` explains them", width: renderer.width)
    }
    return lines
  }

  /// How many leeches `stats` names; `weak` lists them all.
  static let leechesNamed = 5
}
