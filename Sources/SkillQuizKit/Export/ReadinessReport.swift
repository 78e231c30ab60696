import Foundation

/// A shareable snapshot of where a user stands: scores per area, the trend, the weakest topics
/// and the best job matches, as Markdown or as one self-contained HTML page with SVG charts.
public struct ReadinessReport: Sendable {
  /// One area's line.
  public struct AreaLine: Sendable {
    /// The area.
    public let area: SkillArea
    /// The skill profile's estimate, if anything was answered.
    public let profile: SkillProfile.Entry?
    /// Answers and % correct.
    public let standing: Standing
    /// The latest assessment: when, and "incomplete (2 of ≥8)" when it was stopped early.
    public let assessment: (date: Date, incomplete: String?)?

    /// Creates a line.
    public init(
      area: SkillArea, profile: SkillProfile.Entry?, standing: Standing,
      assessment: (date: Date, incomplete: String?)?
    ) {
      self.area = area
      self.profile = profile
      self.standing = standing
      self.assessment = assessment
    }

    /// The score shown: the profile's, from each question's first answer.
    public var score: SkillScore? { profile.map(\.score) }

    /// The band, only with enough evidence: "Proficient (Average)", or "too few answers (3)".
    public var band: String {
      guard let profile else { return "—" }
      guard profile.hasEnoughData else { return "too few answers (\(profile.answered))" }
      return profile.score.bandText
    }

    /// When it was last assessed, or the incomplete assessment.
    public var assessedText: String {
      guard let assessment else { return "—" }
      return assessment.incomplete.map { "\($0), \(ReadinessReport.day(assessment.date))" }
        ?? ReadinessReport.day(assessment.date)
    }
  }

  /// When it was made.
  public let generatedAt: Date
  /// Every area.
  public let areas: [AreaLine]
  /// Quiz results over time: when, and the fraction right.
  public let history: [(date: Date, fraction: Double)]
  /// The weakest topics with enough data.
  public let weakest: [WeakTopic]
  /// The best job matches.
  public let jobs: [JobMatch]

  /// Creates a report.
  public init(
    generatedAt: Date, areas: [AreaLine], history: [(date: Date, fraction: Double)],
    weakest: [WeakTopic], jobs: [JobMatch]
  ) {
    self.generatedAt = generatedAt
    self.areas = areas
    self.history = history
    self.weakest = weakest
    self.jobs = jobs
  }

  static func day(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date)
  }

  /// What the numbers are, said once.
  static let scaleNote =
    "Scores are 0–300 ± their uncertainty, from the first answer to each question. Bands and"
    + " percentiles are against the model's reference population (a normal N(0, 1) prior), not"
    + " against real test-takers: the items are not yet calibrated on pooled answers. A band"
    + " needs at least \(SkillProfile.Entry.minimumAnswers) answers."

  /// "2 of 5 required met · 1 not met · 1 uncertain · 1 unknown".
  static func requirementCounts(_ required: [RequirementResult]) -> String {
    let met = required.filter { $0.status == .met }.count
    var parts = ["\(met) of \(required.count) required met"]
    for status in [RequirementStatus.notMet, .uncertain, .unknown] {
      let count = required.filter { $0.status == status }.count
      if count > 0 { parts.append("\(count) \(status.rawValue)") }
    }
    return parts.joined(separator: " · ")
  }

  private func percent(_ value: Double?) -> String {
    value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
  }

  // MARK: Markdown

  /// The report as Markdown.
  public func markdown() -> String {
    var lines = ["# Readiness report", "", "Generated \(Self.day(generatedAt)) by skillquiz.", ""]
    lines += [
      "## Skill areas", "", "| area | score (0–300) | band | answered | correct | assessed |",
      "|---|---|---|---|---|---|",
    ]
    for line in areas {
      let score = line.score
      lines.append(
        "| \(Self.markdownText(line.area.name)) | \(score?.text ?? "not measured") | "
          + "\(line.band) | "
          + "\(line.standing.answeredCount) | \(percent(line.standing.fraction)) | "
          + "\(line.assessedText) |")
    }
    lines += ["", Self.scaleNote]
    lines += ["", "## Trend", ""]
    if history.isEmpty {
      lines.append("No quizzes yet.")
    } else {
      lines.append("| date | result |")
      lines.append("|---|---|")
      for point in history.suffix(20) {
        lines.append("| \(Self.day(point.date)) | \(percent(point.fraction)) |")
      }
    }
    lines += ["", "## Weakest topics", ""]
    if weakest.isEmpty {
      lines.append("Not enough answers yet to call any topic weak.")
    } else {
      for topic in weakest {
        lines.append(
          "- **\(Self.markdownText(topic.topic.name))**: score \(topic.profile?.score.text ?? "—"), "
            + "\(Self.misses(topic.recentMisses)); next: `\(topic.nextStep)`")
      }
    }
    lines += ["", "## Best job matches", ""]
    if jobs.isEmpty {
      lines.append("No openings to match.")
    } else {
      for match in jobs {
        let required = match.requirements.filter(\.isRequired)
        lines.append(
          "- **\(Self.markdownText(match.opening.company)) — "
            + "\(Self.markdownText(match.opening.title))**: \(match.scoreText)"
            + " (\(match.band)), " + Self.requirementCounts(required))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: HTML

  /// Untrusted text (bank names, posting titles) as HTML text: no markup, no control
  /// characters.
  static func escape(_ text: String) -> String {
    AnkiExport.escape(TerminalText.sanitize(text, keepNewlines: false))
  }

  /// Untrusted text as literal Markdown on one line: `<`, `>` and `&` as entities (no raw
  /// HTML), the punctuation of links, images, emphasis, code and table cells escaped, no
  /// control characters.
  static func markdownText(_ text: String) -> String {
    var result = ""
    for character in TerminalText.sanitize(text, keepNewlines: false) {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\\", "`", "*", "_", "[", "]", "|", "~":
        result += "\\" + String(character)
      default: result.append(character)
      }
    }
    return result
  }

  /// "1 recent miss", "3 recent misses".
  static func misses(_ count: Int) -> String {
    "\(count) recent \(count == 1 ? "miss" : "misses")"
  }

  /// A horizontal bar per area on the 0–300 scale, with the ± as a whisker.
  func areaChart() -> String {
    let rowHeight = 34
    let width = 640
    let left = 230
    let plot = width - left - 20
    let height = rowHeight * areas.count + 40
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="Scores per skill area">
      """
    for tick in stride(from: 0, through: 300, by: 50) {
      let x = left + plot * tick / 300
      svg += "<line x1=\"\(x)\" y1=\"10\" x2=\"\(x)\" y2=\"\(height - 25)\" class=\"grid\"/>"
      svg +=
        "<text x=\"\(x)\" y=\"\(height - 8)\" class=\"tick\" text-anchor=\"middle\">\(tick)</text>"
    }
    for (index, line) in areas.enumerated() {
      let y = 14 + index * rowHeight
      svg +=
        "<text x=\"\(left - 10)\" y=\"\(y + 16)\" class=\"label\" text-anchor=\"end\">\(Self.escape(line.area.name))</text>"
      guard let score = line.score else {
        svg += "<text x=\"\(left + 6)\" y=\"\(y + 16)\" class=\"muted\">not measured yet</text>"
        continue
      }
      let barWidth = Int(Double(plot) * score.score / 300)
      let band = score.band.rawValue.lowercased()
      svg +=
        "<rect x=\"\(left)\" y=\"\(y + 2)\" width=\"\(barWidth)\" height=\"20\" rx=\"3\" class=\"bar \(band)\"/>"
      let low = left + Int(Double(plot) * max(0, score.score - score.margin) / 300)
      let high = left + Int(Double(plot) * min(300, score.score + score.margin) / 300)
      svg +=
        "<line x1=\"\(low)\" y1=\"\(y + 12)\" x2=\"\(high)\" y2=\"\(y + 12)\" class=\"whisker\"/>"
      if high + 70 <= width {
        svg += "<text x=\"\(high + 6)\" y=\"\(y + 16)\" class=\"value\">\(score.text)</text>"
      } else {
        svg +=
          "<text x=\"\(low - 6)\" y=\"\(y + 16)\" class=\"value inside\" text-anchor=\"end\">\(score.text)</text>"
      }
    }
    return svg + "</svg>"
  }

  /// The percentage right per quiz over time, as a line.
  func historyChart() -> String {
    let width = 640
    let height = 220
    let left = 40
    let bottom = height - 30
    let plotWidth = width - left - 20
    let plotHeight = bottom - 15
    let points = Array(history.suffix(40))
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="Quiz results over time">
      """
    for tick in stride(from: 0, through: 100, by: 25) {
      let y = bottom - plotHeight * tick / 100
      svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - 20)\" y2=\"\(y)\" class=\"grid\"/>"
      svg +=
        "<text x=\"\(left - 6)\" y=\"\(y + 4)\" class=\"tick\" text-anchor=\"end\">\(tick)%</text>"
    }
    guard !points.isEmpty else {
      return svg
        + "<text x=\"\(left + 10)\" y=\"\(height / 2)\" class=\"muted\">No quizzes yet</text></svg>"
    }
    let step = points.count > 1 ? Double(plotWidth) / Double(points.count - 1) : 0
    let coordinates = points.enumerated().map { index, point in
      (left + Int(Double(index) * step), bottom - Int(Double(plotHeight) * point.fraction))
    }
    svg +=
      "<polyline class=\"trend\" points=\""
      + coordinates.map { "\($0.0),\($0.1)" }.joined(separator: " ") + "\"/>"
    for (x, y) in coordinates { svg += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"3.5\" class=\"dot\"/>" }
    if let first = points.first, let last = points.last {
      svg += "<text x=\"\(left)\" y=\"\(height - 8)\" class=\"tick\">\(Self.day(first.date))</text>"
      svg +=
        "<text x=\"\(width - 20)\" y=\"\(height - 8)\" class=\"tick\" text-anchor=\"end\">\(Self.day(last.date))</text>"
    }
    return svg + "</svg>"
  }

  /// The report as one self-contained HTML page: no scripts, no network.
  public func html() -> String {
    var rows = ""
    for line in areas {
      let score = line.score
      rows +=
        "<tr><td>\(Self.escape(line.area.name))</td><td>\(score?.text ?? "—")</td>"
        + "<td>\(Self.escape(line.band))</td>"
        + "<td>\(line.standing.answeredCount)</td><td>\(percent(line.standing.fraction))</td>"
        + "<td>\(Self.escape(line.assessedText))</td></tr>"
    }
    let weak =
      weakest.isEmpty
      ? "<p class=\"muted\">Not enough answers yet to call any topic weak.</p>"
      : "<ol>"
        + weakest.map {
          "<li><b>\(Self.escape($0.topic.name))</b> — score \($0.profile?.score.text ?? "—"), "
            + "\(Self.misses($0.recentMisses)) · next: <code>\(Self.escape($0.nextStep))</code></li>"
        }.joined() + "</ol>"
    let jobList =
      jobs.isEmpty
      ? "<p class=\"muted\">No openings to match.</p>"
      : "<ol>"
        + jobs.map { match in
          let required = match.requirements.filter(\.isRequired)
          return
            "<li><b>\(Self.escape(match.opening.company)) — \(Self.escape(match.opening.title))</b> "
            + "<span class=\"pill\">\(match.scoreText) \(match.band)</span> "
            + "\(Self.requirementCounts(required))</li>"
        }.joined() + "</ol>"
    return """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Readiness report · skillquiz</title>
      <style>
      body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;max-width:760px;margin:32px auto;padding:0 20px;background:#fbfbfd}
      h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #e3e6ee;padding-bottom:4px}
      .muted{color:#7a8194}table{border-collapse:collapse;width:100%;font-size:14px}
      th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eceef4}th{color:#4b5366;font-weight:600}
      svg{max-width:100%;height:auto;background:#fff;border:1px solid #eceef4;border-radius:8px}
      .grid{stroke:#eceef4}.tick{fill:#7a8194;font-size:11px}.label{fill:#1d2330;font-size:13px}.value{fill:#1d2330;font-size:12px;font-weight:600}.value.inside{fill:#fff}
      text.muted{fill:#7a8194;font-size:13px}
      .bar.novice{fill:#f2a65a}.bar.proficient{fill:#5b8def}.bar.expert{fill:#2fb67c}.whisker{stroke:#1d2330;stroke-width:2;opacity:.55}
      .trend{fill:none;stroke:#5b8def;stroke-width:2.5}.dot{fill:#5b8def}
      .pill{display:inline-block;background:#eef3ff;color:#2b4ea8;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
      code{background:#f1f2f6;border-radius:4px;padding:0 4px}
      </style></head><body>
      <h1>Readiness report</h1>
      <p class="muted">Generated \(Self.day(generatedAt)) by skillquiz · \(Self.escape(Self.scaleNote))</p>
      <h2>Skill areas</h2>
      \(areaChart())
      <table><thead><tr><th>Area</th><th>Score</th><th>Band</th><th>Answered</th><th>Correct</th><th>Assessed</th></tr></thead><tbody>\(rows)</tbody></table>
      <h2>Trend</h2>
      \(historyChart())
      <h2>Weakest topics</h2>
      \(weak)
      <h2>Best job matches</h2>
      \(jobList)
      </body></html>

      """
  }
}
