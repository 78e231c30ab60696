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
            "Nothing measured yet, so every requirement is unknown and each range runs from 0."
              + " Take a quiz or `assess --for <id>`; matches use what you answer, never what"
              + " you claim."), .partial))
      lines.append("")
    }
    for (rank, match) in matches {
      let opening = match.opening
      let place = opening.locations.map(\.text).joined(separator: " / ")
      let head = TerminalText.sanitize(
        "#\(rank)  \(opening.company) — \(opening.title)", keepNewlines: false)
      let score = renderer.style(
        "\(match.scoreText)  \(match.band)", match.band == "Strong" ? .correct : .accent)
      lines += wrapped(head, style: .bold, suffix: "  " + score)
      lines += wrapped(
        TerminalText.sanitize(
          "id \(opening.id) · \(place) · \(opening.workplace.rawValue)", keepNewlines: false),
        indent: "    ", style: .dim)
      lines += coverageLine(
        "Required   ", match.requirements.filter(\.isRequired), match.requiredCoverage)
      if let preferredCoverage = match.preferredCoverage {
        lines += coverageLine(
          "Preferred  ", match.requirements.filter { !$0.isRequired }, preferredCoverage)
      }
      let undecided = Self.decidingOrder(match.undecided)
      if !undecided.isEmpty, !matching.nothingMeasured {
        let text = undecided.prefix(3).map { decideText($0, matching: matching) }
          .joined(separator: " · ")
        lines.append(
          renderer.markdown("To decide: " + text, indent: "    ", hangingIndent: "      "))
      }
      let gaps = match.requirements.filter { $0.status.isDecided && $0.pointsLost >= 0.1 }
        .sorted { $0.pointsLost > $1.pointsLost }
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
    if matching.isWhatIf {
      lines += wrapped(
        "What-if: the profile's levels count as certain, so no range is shown.", style: .dim)
    } else if !matches.isEmpty {
      lines += wrapped(
        "Score = expected match (worst–best case over what is not yet decided); the band"
          + " holds in the worst case.", style: .dim)
    }
    lines += wrapped(
      "`jobs show <id or #>` explains a score; `assess --for <id>` decides what is uncertain;"
        + " `plan` says what to learn next.", style: .dim)
    if matching.seniority == nil, !matching.isWhatIf {
      lines += wrapped(
        "Tip: `set level mid` (or junior, senior, staff) adds the seniority factor.", style: .dim)
    }
    return lines.joined(separator: "\n")
  }

  /// "    Required   1 met · 2 unknown   ██████░░░░ 58%", the bar on its own line when narrow.
  private func coverageLine(_ label: String, _ results: [RequirementResult], _ coverage: Double)
    -> [String]
  {
    let head = "    " + label + counts(results)
    let tail = bar(coverage) + " " + TextFormat.percent(coverage)
    if TerminalText.visibleWidth(of: head) + 3 + TerminalText.visibleWidth(of: tail)
      <= renderer.width
    {
      return [head + "   " + tail]
    }
    return [head, "    " + String(repeating: " ", count: label.count) + tail]
  }

  /// "1 met · 1 not met · 2 uncertain · 1 unknown".
  private func counts(_ results: [RequirementResult]) -> String {
    let parts = RequirementStatus.allCases.compactMap { status -> String? in
      let count = results.filter { $0.status == status }.count
      return count > 0 ? "\(count) \(status.rawValue)" : nil
    }
    return parts.isEmpty ? "none" : parts.joined(separator: " · ")
  }

  /// Required before preferred, and uncertain (a few answers may settle it) before unknown.
  static func decidingOrder(_ results: [RequirementResult]) -> [RequirementResult] {
    results.enumerated().sorted {
      ($0.element.isRequired ? 0 : 1, $0.element.status == .uncertain ? 0 : 1, $0.offset)
        < ($1.element.isRequired ? 0 : 1, $1.element.status == .uncertain ? 0 : 1, $1.offset)
    }.map(\.element)
  }

  /// "Security uncertain (P 0.55): about 6 more questions of `assess security` would decide".
  func decideText(_ result: RequirementResult, matching: JobMatching) -> String {
    let skills = result.requirement.skills.map(name).joined(separator: " / ")
    let state =
      result.probabilityMet.map { String(format: "uncertain (P %.2f)", $0) } ?? "unknown"
    guard let forecast = matching.itemsToDecide(result) else { return "\(skills) \(state)" }
    let word = forecast.skill.split(separator: "/").last.map(String.init) ?? forecast.skill
    guard let items = forecast.items else {
      return "\(skills) \(state): no fresh questions left in \(word)"
    }
    let more = result.status == .unknown ? "" : "more "
    return "\(skills) \(state): about \(items) \(more)\(items == 1 ? "question" : "questions")"
      + " of `assess \(word)` would decide"
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

  /// Plain text wrapped to the width under an indent.
  private func paragraph(_ text: String, indent: String) -> [String] {
    TextWrapper.wrap(text, width: renderer.width - indent.count).map { indent + $0 }
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

  func detail(
    _ match: JobMatch, rank: Int, explain: Bool, seniority: SeniorityLevel?, matching: JobMatching
  ) -> String {
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
    var columns = [
      TableColumn("requirement"), TableColumn("you", alignment: .right),
      TableColumn("need", alignment: .right),
    ]
    if explain { columns.append(TableColumn("P(met)", alignment: .right)) }
    columns += [TableColumn("status")]
    if explain {
      columns += [
        TableColumn("weight", alignment: .right), TableColumn("credit", alignment: .right),
      ]
    }
    columns.append(TableColumn("lost", alignment: .right))
    let rows = match.requirements.map { result -> [String] in
      let skills = result.requirement.skills.map(name).joined(separator: " / ")
      var row = [
        (result.isRequired ? "req " : "pref ") + skills,
        result.level.map { "\(Int($0.rounded()))" } ?? "—",
        "\(Int(result.requirement.threshold))",
      ]
      if explain { row.append(result.probabilityMet.map { String(format: "%.2f", $0) } ?? "—") }
      row.append(result.status.rawValue)
      if explain {
        row += [
          String(format: "%g", result.requirement.weight),
          String(format: "%.2f", result.credit),
        ]
      }
      row.append(String(format: "%.1f", result.pointsLost))
      return row
    }
    lines = fitted(lines) + renderer.table(TableLayout(columns, indent: "  "), rows)
    var after: [String] = []
    let total = match.requirements.reduce(0) { $0 + $1.pointsLost }
    after.append("")
    after += wrapped(
      "Match \(match.scoreText) · \(match.band)"
        + String(
          format: " · points lost %.1f = 100·σ − score = %.1f − %d", total, match.ceiling,
          match.score), indent: "  ", style: .bold)
    if !match.blockers.isEmpty {
      let count = match.blockers.count
      after.append(
        "  Blockers: \(count) required \(count == 1 ? "skill earns" : "skills earn") almost surely no credit"
          + (match.score >= 70 ? ", so the band is at most Stretch." : "."))
    }
    let undecided = Self.decidingOrder(match.undecided)
    if !undecided.isEmpty, !matching.isWhatIf {
      after.append("")
      for result in undecided {
        after += renderer.markdown(
          "To decide: " + decideText(result, matching: matching), indent: "  ",
          hangingIndent: "    "
        ).components(separatedBy: "\n")
      }
    }
    if explain {
      after.append("")
      after += paragraph(
        "you = the percentile of your estimate (vs. the model's reference population);"
          + " P(met) = P(your level ≥ need) from the posterior of your first answers; met"
          + " when P ≥ 0.8, not met when P ≤ 0.2, else uncertain (each on at least 3 answers);"
          + " unknown = never assessed.",
        indent: "  ")
      after.append(
        "  credit c = clamp((p − t/2) / (t/2), 0, 1), its expected value under the posterior;"
          + " an any-of group takes its best member")
      after.append(String(format: "  R = Σ w·c / Σ w over required = %.4f", match.requiredCoverage))
      if let p = match.preferredCoverage {
        after.append(String(format: "  P = Σ w·c / Σ w over preferred = %.4f", p))
        after.append(String(format: "  F = 0.8·R + 0.2·P = %.4f", match.fit))
      } else {
        after.append(String(format: "  F = R = %.4f (no preferred requirements)", match.fit))
      }
      after.append(
        String(format: "  σ = %.2f", match.seniorityFactor)
          + (seniority.map { " (your level: \($0.name))" }
            ?? " (your level is not set: `set level mid`)"))
      after.append(
        String(format: "  score = round(100·σ·F) = round(%.2f) = %d", match.exactScore, match.score)
      )
      after += paragraph(
        String(
          format:
            "range = the same with each undecided requirement at its worst and best case"
            + " (unknown: 0 and 1; uncertain: the credit at the posterior's 10th and 90th"
            + " percentiles) = %.1f–%.1f; the band comes from the low end.", match.exactLow,
          match.exactHigh), indent: "  ")
      after += paragraph(
        "Points lost are rounded to tenths once, so they add up to 100·σ − score as shown.",
        indent: "  ")
      if matching.isWhatIf {
        after += paragraph(
          "What-if: the profile's levels count as certain (P is 1 or 0).", indent: "  ")
      }
    }
    return (lines + fitted(after)).joined(separator: "\n")
  }

  /// The end of a readiness test: the match, its range, and what is still undecided.
  func readinessResult(_ match: JobMatch, rank: Int, finished: Bool) -> String {
    let opening = match.opening
    var lines = wrapped(
      TerminalText.sanitize(
        "Readiness for #\(rank) \(opening.company) — \(opening.title): \(match.scoreText)"
          + " · \(match.band)", keepNewlines: false), style: .bold)
    let required = match.requirements.filter(\.isRequired)
    for status in RequirementStatus.allCases {
      let names = required.filter { $0.status == status }.map { result -> String in
        let skills = result.requirement.skills.map(name).joined(separator: " / ")
        guard status == .uncertain, let p = result.probabilityMet else { return skills }
        return skills + String(format: " (P %.2f)", p)
      }
      guard !names.isEmpty else { continue }
      lines += wrapped(
        "\(status.rawValue): " + names.joined(separator: ", "), indent: "  ", style: .dim)
    }
    if !finished {
      lines += paragraph(
        "Incomplete: stopped before every requirement was decided. The answers count as"
          + " evidence; `assess --for \(opening.id)` continues with fresh questions.",
        indent: "  ")
    } else if required.contains(where: { !$0.status.isDecided }) {
      lines += paragraph(
        "Some requirements stayed undecided: the question limit was reached, or no fresh"
          + " questions were left for them.", indent: "  ")
    }
    lines += paragraph(
      "`jobs show \(opening.id) --explain` shows every term.", indent: "  ")
    return lines.joined(separator: "\n")
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
