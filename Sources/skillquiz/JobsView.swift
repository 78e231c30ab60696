import Foundation
import SkillQuizKit
import SkillQuizStore

/// Where a user's skill levels come from for matching: the measured profile or a what-if file.
struct SkillLevels {
  let catalog: SkillCatalog
  let profile: SkillProfile?
  let overrides: [String: Double]?

  /// The level of an area or topic label.
  func level(_ label: String) -> SkillLevel {
    if let overrides { return overrides[label].map { .measured($0, answered: 99) } ?? .notAssessed }
    guard let profile else { return .notAssessed }
    let entry = label.contains("/") ? profile.topics[label] : profile.areas[label]
    guard let entry, entry.answered > 0 else { return .notAssessed }
    return .measured(entry.score.percentile, answered: entry.answered)
  }

  /// Reads a what-if profile: JSON `{"skill-or-topic": score 0-100}`.
  static func whatIf(_ path: String, catalog: SkillCatalog) throws -> [String: Double] {
    let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
    guard let data = try? Data(contentsOf: url) else {
      throw SkillLevelsError("cannot read the profile '\(path)'")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw SkillLevelsError(
        "the profile '\(path)' is not a JSON object; write {\"python\": 80, \"sql\": 65}")
    }
    var result: [String: Double] = [:]
    for (key, value) in object {
      guard let scope = catalog.scope(named: key) else {
        throw SkillLevelsError("unknown skill '\(key)' in '\(path)'; use ids from skills.yaml")
      }
      guard let number = value as? Double ?? (value as? Int).map(Double.init),
        (0...100).contains(number)
      else {
        throw SkillLevelsError("'\(key)' in '\(path)' must be a number from 0 to 100")
      }
      result[scope.label] = number
    }
    return result
  }
}

/// A problem with a what-if profile.
struct SkillLevelsError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

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

  func ranking(_ matches: [JobMatch], hidden: [JobOpening]) -> String {
    var lines: [String] = []
    for (index, match) in matches.enumerated() {
      let opening = match.opening
      let place = opening.locations.map(\.text).joined(separator: " / ")
      let head =
        "#\(index + 1)  \(opening.company) — \(opening.title) · \(place) · \(opening.workplace.rawValue)"
      lines.append(
        renderer.style(TerminalText.sanitize(head), .bold) + "  "
          + renderer.style(
            "\(match.score)%  \(match.band)", match.band == "Strong" ? .correct : .accent))
      let required = match.requirements.filter(\.isRequired)
      let met = required.filter { $0.credit >= 1 }.count
      let partial = required.filter { $0.credit > 0 && $0.credit < 1 }.count
      lines.append(
        "    Required   \(met) of \(required.count) met"
          + (partial > 0 ? ", \(partial) partial" : "")
          + "   " + bar(match.requiredCoverage) + " " + Renderer.percent(match.requiredCoverage))
      if let preferredCoverage = match.preferredCoverage {
        let preferred = match.requirements.filter { !$0.isRequired }
        let pmet = preferred.filter { $0.credit >= 1 }.count
        let notAssessed = preferred.filter { $0.level == nil }.count
        lines.append(
          "    Preferred  \(pmet) of \(preferred.count) met   " + bar(preferredCoverage) + " "
            + Renderer.percent(preferredCoverage)
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
      lines.append(
        renderer.style(
          "Hidden by your filters (\(hidden.count)): " + hidden.map(\.id).joined(separator: ", "),
          .dim))
    }
    lines.append(
      renderer.style("`jobs show <id>` explains a score; `plan` says what to learn next.", .dim))
    return lines.joined(separator: "\n")
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

  func detail(_ match: JobMatch, explain: Bool, seniority: SeniorityLevel?) -> String {
    let opening = match.opening
    var lines = [
      renderer.style(TerminalText.sanitize("\(opening.company) — \(opening.title)"), .bold),
      "  \(opening.locations.map(\.text).joined(separator: " / ")) · \(opening.workplace.rawValue) · "
        + "\(opening.employmentType)"
        + (opening.seniority.map { " · \($0.lowerBound.name)–\($0.upperBound.name)" }
          ?? " · level not stated"),
      "  requirements: \(opening.origin.rawValue)" + (opening.isSample ? " (sample opening)" : "")
        + (opening.url.map { " · \($0)" } ?? ""),
      "",
      renderer.style(
        "  requirement                    you   need  weight  credit  points lost", .bold),
    ]
    for result in match.requirements {
      let skills = result.requirement.skills.map(name).joined(separator: " / ")
      let label = (result.isRequired ? "req  " : "pref ") + skills
      let you = result.level.map { "\(Int($0.rounded()))" } ?? "—"
      lines.append(
        "  " + Renderer.pad(TerminalText.truncate(label, toColumns: 30), 30) + " "
          + Renderer.pad(you, 4, right: true) + "  "
          + Renderer.pad("\(Int(result.requirement.threshold))", 4, right: true)
          + "  " + Renderer.pad(String(format: "%g", result.requirement.weight), 6, right: true)
          + "  " + Renderer.pad(String(format: "%.3f", result.credit), 6, right: true)
          + "  " + Renderer.pad(String(format: "%.2f", result.pointsLost), 11, right: true)
          + (result.level == nil ? "  not assessed" : ""))
    }
    let total = match.requirements.reduce(0) { $0 + $1.pointsLost }
    lines.append("")
    lines.append(
      renderer.style("  Match \(match.score)% · \(match.band)", .bold)
        + String(
          format: " · points lost %.2f = 100·σ − score = %.2f", total,
          100 * match.seniorityFactor - match.exactScore))
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
    return lines.joined(separator: "\n")
  }

  func plan(_ steps: [JobPlanStep], openings: Int) -> String {
    guard !steps.isEmpty else {
      return "Nothing to close: you meet every requirement of the top openings."
    }
    var lines = [
      renderer.style(
        "What would raise your matches most, across the top \(openings) openings:", .bold)
    ]
    let shown = Array(steps.prefix(8))
    let nameWidth = shown.map { TerminalText.width(of: name($0.skill)) }.max() ?? 10
    for step in shown {
      let points = String(format: "+%.1f", step.points)
      let next =
        step.notAssessed
        ? "not assessed: `\(command(for: step.skill))`"
        : "\(Int((step.level ?? 0).rounded())) → \(Int(step.target)): `\(command(for: step.skill))`, then `review`"
      lines.append(
        "  " + Renderer.pad(name(step.skill), nameWidth) + "  "
          + Renderer.pad(points, 6, right: true)
          + " pts · "
          + Renderer.pad("\(step.openings) \(step.openings == 1 ? "opening" : "openings")", 10)
          + "  " + next)
    }
    lines.append(
      renderer.style(
        "Points are what the skill would add to your scores if you met every level asked.", .dim))
    return lines.joined(separator: "\n")
  }
}
