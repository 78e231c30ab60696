import Foundation
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases

/// Renders job rankings, one opening's arithmetic, and the plan.
struct JobsView {
  let renderer: Renderer
  let catalog: SkillCatalog

  func name(_ label: String) -> String {
    guard let scope = catalog.scope(named: label) else { return label }
    return scope.name
  }

  func command(for label: String) -> String {
    let word = label.split(separator: "/").last.map(String.init) ?? label
    return "quiz \(word) 10"
  }

  private func bar(_ fraction: Double) -> String {
    let filled = Int((fraction * 10).rounded())
    return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
  }

  func ranking(
    _ matches: [(rank: Int, match: JobMatch)], hidden: [String], matching: JobMatching
  ) -> String {
    var lines: [String] = []
    if matching.nothingMeasured {
      lines.append(
        renderer.style(
          renderer.markdown(
            "Nothing measured yet, so every opening reads 0%. Take a quiz or `assess` an area;"
              + " matches use what you answer, never what you claim."), .partial))
      lines.append("")
    }
    for (rank, match) in matches {
      let opening = match.opening
      let place = opening.locations.map(\.text).joined(separator: " / ")
      let head = TerminalText.sanitize(
        "#\(rank)  \(opening.company) — \(opening.title)", keepNewlines: false)
      let score = renderer.style(
        "\(match.score)%  \(match.band)", match.band == "Strong" ? .correct : .accent)
      lines += wrapped(head, style: .bold, suffix: "  " + score)
      lines += wrapped(
        TerminalText.sanitize(
          "id \(opening.id) · \(place) · \(opening.workplace.rawValue)", keepNewlines: false),
        indent: "    ", style: .dim)
      let required = match.requirements.filter(\.isRequired)
      let met = required.filter { $0.credit >= 1 }.count
      let partial = required.filter { $0.credit > 0 && $0.credit < 1 }.count
      lines.append(
        "    Required   \(met) of \(required.count) met"
          + (partial > 0 ? ", \(partial) partial" : "")
          + "   " + bar(match.requiredCoverage) + " " + TextFormat.percent(match.requiredCoverage))
      if let preferredCoverage = match.preferredCoverage {
        let preferred = match.requirements.filter { !$0.isRequired }
        let pmet = preferred.filter { $0.credit >= 1 }.count
        let notAssessed = preferred.filter { $0.level == nil }.count
        lines.append(
          "    Preferred  \(pmet) of \(preferred.count) met   " + bar(preferredCoverage) + " "
            + TextFormat.percent(preferredCoverage)
            + (notAssessed > 0 ? "  (\(notAssessed) not assessed)" : ""))
      }
      let gaps = match.requirements.filter { $0.pointsLost > 0.05 }.sorted {
        $0.pointsLost > $1.pointsLost
      }
      if !gaps.isEmpty {
        let text = gaps.prefix(3).map(gapText).joined(separator: " · ")
        lines.append(
          renderer.markdown("Close the gap: " + text, indent: "    ", hangingIndent: "      "))
      }
      if opening.isSample {
        lines.append(renderer.style("    sample opening, not a real posting", .dim))
      }
      lines.append("")
    }
    if matches.isEmpty { lines.append("No openings pass your filters.") }
    if !hidden.isEmpty {
      lines += wrapped(
        "Hidden by your filters (\(hidden.count)): " + hidden.joined(separator: ", "), style: .dim)
    }
    lines += wrapped(
      "`jobs show <id or #>` explains a score; `plan` says what to learn next.", style: .dim)
    if matching.seniority == nil, !matching.isWhatIf {
      lines += wrapped(
        "Tip: `set level mid` (or junior, senior, staff) adds the seniority factor.", style: .dim)
    }
    return lines.joined(separator: "\n")
  }

  /// Plain lines wider than the terminal, wrapped under their own indent; styled lines kept.
  private func fitted(_ lines: [String]) -> [String] {
    lines.flatMap { line -> [String] in
      guard TerminalText.visibleWidth(of: line) > renderer.width, !line.contains("\u{1B}") else {
        return [line]
      }
      let indent = String(line.prefix { $0 == " " })
      return TextWrapper.wrap(
        String(line.dropFirst(indent.count)), width: renderer.width - indent.count - 2
      )
      .enumerated().map { indent + ($0.offset == 0 ? "" : "  ") + $0.element }
    }
  }

  /// Text wrapped to the width, each line styled, the suffix after the last line.
  private func wrapped(_ text: String, indent: String = "", style: Style, suffix: String = "")
    -> [String]
  {
    let pieces = TextWrapper.wrap(
      text, width: renderer.width - indent.count - TerminalText.visibleWidth(of: suffix))
    return pieces.enumerated().map { index, piece in
      indent + renderer.style(piece, style) + (index == pieces.count - 1 ? suffix : "")
    }
  }

  func gapText(_ result: RequirementResult) -> String {
    let skill = result.bestSkill ?? result.requirement.skills.first ?? "?"
    let points = String(format: "+%.1f", result.pointsLost)
    guard let level = result.level else {
      return "\(name(skill)) not assessed — take `\(command(for: skill))` (up to \(points))"
    }
    return
      "\(name(skill)) \(Int(level.rounded())) → \(Int(result.requirement.threshold)) (\(points))"
  }

  func detail(_ match: JobMatch, rank: Int, explain: Bool, seniority: SeniorityLevel?) -> String {
    let opening = match.opening
    var lines = wrapped(
      TerminalText.sanitize("#\(rank)  \(opening.company) — \(opening.title)", keepNewlines: false),
      style: .bold)
    let facts =
      "id \(opening.id) · \(opening.locations.map(\.text).joined(separator: " / ")) · "
      + "\(opening.workplace.rawValue) · \(opening.employmentType)"
      + (opening.seniority.map { " · \($0.lowerBound.name)–\($0.upperBound.name)" }
        ?? " · level not stated")
      + " · requirements: \(opening.origin.rawValue)"
      + (opening.isSample ? " (sample opening)" : "") + (opening.url.map { " · \($0)" } ?? "")
    lines += wrapped(TerminalText.sanitize(facts, keepNewlines: false), indent: "  ", style: .dim)
    lines.append("")
    let layout = TableLayout(
      [
        TableColumn("requirement"), TableColumn("you", alignment: .right),
        TableColumn("need", alignment: .right), TableColumn("weight", alignment: .right),
        TableColumn("credit", alignment: .right),
        TableColumn("points lost", alignment: .right, wraps: true),
      ], indent: "  ")
    let rows = match.requirements.map { result -> [String] in
      let skills = result.requirement.skills.map(name).joined(separator: " / ")
      return [
        (result.isRequired ? "req " : "pref ") + skills
          + (result.level == nil ? " (not assessed)" : ""),
        result.level.map { "\(Int($0.rounded()))" } ?? "—",
        "\(Int(result.requirement.threshold))", String(format: "%g", result.requirement.weight),
        String(format: "%.3f", result.credit), String(format: "%.2f", result.pointsLost),
      ]
    }
    lines += renderer.table(layout, rows)
    let total = match.requirements.reduce(0) { $0 + $1.pointsLost }
    lines.append("")
    lines += wrapped(
      "Match \(match.score)% · \(match.band)"
        + String(
          format: " · points lost %.2f = 100·σ − score = %.2f", total,
          100 * match.seniorityFactor - match.exactScore), indent: "  ", style: .bold)
    if !match.blockers.isEmpty {
      let count = match.blockers.count
      lines.append(
        "  Blockers: \(count) required \(count == 1 ? "skill has" : "skills have") no credit"
          + (match.score >= 70 ? ", so the band is at most Stretch." : "."))
    }
    if explain {
      let r = match.requiredCoverage
      lines.append("")
      lines.append(
        "  credit c = clamp((p − t/2) / (t/2), 0, 1); an any-of group takes its best member")
      lines.append(String(format: "  R = Σ w·c / Σ w over required = %.4f", r))
      if let p = match.preferredCoverage {
        lines.append(String(format: "  P = Σ w·c / Σ w over preferred = %.4f", p))
        lines.append(String(format: "  F = 0.8·R + 0.2·P = %.4f", match.fit))
      } else {
        lines.append(String(format: "  F = R = %.4f (no preferred requirements)", match.fit))
      }
      lines.append(
        String(format: "  σ = %.2f", match.seniorityFactor)
          + (seniority.map { " (your level: \($0.name))" }
            ?? " (your level is not set: `set level mid`)"))
      lines.append(
        String(format: "  score = round(100·σ·F) = round(%.2f) = %d", match.exactScore, match.score)
      )
      lines.append(
        "  Your levels are percentiles of your measured skill (0-100); — means not assessed.")
    }
    return fitted(lines).joined(separator: "\n")
  }

  func plan(_ plan: JobPlan) -> String {
    let names = plan.weighed.map { "#\($0.rank) \($0.match.opening.id)" }.joined(separator: ", ")
    let weighing =
      plan.isForOneOpening
      ? "For \(names):" : "Across your top \(plan.weighed.count) openings (\(names)):"
    guard !plan.steps.isEmpty else {
      return weighing + " nothing to close: you meet every requirement."
    }
    var lines = wrapped(
      weighing + " what would raise your match most.", style: .bold)
    let layout = TableLayout(
      [
        TableColumn("skill"), TableColumn("points", alignment: .right),
        TableColumn("openings", alignment: .right),
        TableColumn("next step"),
      ], indent: "  ")
    let rows = plan.steps.prefix(8).map { step -> [String] in
      [
        name(step.skill), String(format: "+%.1f", step.points),
        "\(step.openings)",
        step.notAssessed
          ? "not assessed: `\(command(for: step.skill))`"
          : "\(Int((step.level ?? 0).rounded())) → \(Int(step.target)): "
            + "`\(command(for: step.skill))`, then `review`",
      ]
    }
    lines += renderer.table(layout, rows)
    lines.append(
      renderer.style(
        renderer.markdown(
          "Points are what the skill would add to your scores if you met every level asked."),
        .dim))
    return lines.joined(separator: "\n")
  }
}
