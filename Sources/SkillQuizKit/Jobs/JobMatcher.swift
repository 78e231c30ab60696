import Foundation

/// A user's level in a skill, as job matching reads it.
public enum SkillLevel: Sendable, Hashable {
  /// Measured, 0–100, with how many questions back it.
  case measured(Double, answered: Int)
  /// Never assessed.
  case notAssessed

  /// The level, or nil when not assessed.
  public var value: Double? {
    if case .measured(let value, _) = self { return value }
    return nil
  }
}

/// How one requirement fared.
public struct RequirementResult: Sendable, Hashable {
  /// The requirement.
  public let requirement: JobRequirement
  /// Whether it is required (else preferred).
  public let isRequired: Bool
  /// The skill that gave the best level (for any-of groups), if any was assessed.
  public let bestSkill: String?
  /// The user's level in it; nil when none of its skills was assessed.
  public let level: Double?
  /// Credit from 0 to 1: a ramp from half the threshold to the threshold.
  public let credit: Double
  /// Points of the match lost on this requirement.
  public let pointsLost: Double

  /// Met, partial or missing.
  public var status: String {
    if credit >= 1 { return "met" }
    if level == nil { return "not assessed" }
    return credit > 0 ? "partial" : "missing"
  }
}

/// The result of matching a user against an opening.
public struct JobMatch: Sendable, Hashable {
  /// The opening.
  public let opening: JobOpening
  /// Each requirement, required first.
  public let requirements: [RequirementResult]
  /// Required coverage, 0–1.
  public let requiredCoverage: Double
  /// Preferred coverage, 0–1 (nil when the opening lists none).
  public let preferredCoverage: Double?
  /// Skill fit: 0.8 R + 0.2 P, or R.
  public let fit: Double
  /// The seniority factor.
  public let seniorityFactor: Double
  /// The unrounded score, 100 σ F.
  public let exactScore: Double

  /// The score, 0–100.
  public var score: Int { Int(exactScore.rounded()) }

  /// Required requirements with no credit at all.
  public var blockers: [RequirementResult] {
    requirements.filter { $0.isRequired && $0.credit == 0 }
  }

  /// Strong, Good, Stretch or Not yet; a blocker caps the band at Stretch.
  public var band: String {
    var band: String
    switch score {
    case 85...: band = "Strong"
    case 70..<85: band = "Good"
    case 50..<70: band = "Stretch"
    default: band = "Not yet"
    }
    if !blockers.isEmpty, band == "Strong" || band == "Good" { band = "Stretch" }
    return band
  }
}

/// The matching formula of `shared/research/jobs.md` §3.2.
public enum JobMatcher {
  /// Credit for a level against a threshold: none below half of it, full at it.
  public static func credit(level: Double, threshold: Double) -> Double {
    guard threshold > 0 else { return 1 }
    return min(1, max(0, (level - threshold / 2) / (threshold / 2)))
  }

  /// The seniority factor: 1 inside the range, 0.9 per level below, 0.97 per level above.
  public static func seniorityFactor(
    user: SeniorityLevel?, range: ClosedRange<SeniorityLevel>?
  ) -> Double {
    guard let user, let range else { return 1 }
    if user < range.lowerBound {
      return pow(0.9, Double(range.lowerBound.rawValue - user.rawValue))
    }
    if user > range.upperBound {
      return pow(0.97, Double(user.rawValue - range.upperBound.rawValue))
    }
    return 1
  }

  /// Matches a user against an opening.
  ///
  /// - Parameters:
  ///   - opening: The opening.
  ///   - level: The user's level in a skill id.
  ///   - seniority: The user's career level, if known.
  /// - Returns: The match, with every term and the points lost per requirement.
  public static func match(
    _ opening: JobOpening, level: (String) -> SkillLevel, seniority: SeniorityLevel?
  ) -> JobMatch {
    let sigma = seniorityFactor(user: seniority, range: opening.seniority)
    func evaluate(_ requirement: JobRequirement) -> (String?, Double?, Double) {
      var best: (String?, Double?) = (nil, nil)
      for skill in requirement.skills {
        if let value = level(skill).value, value > (best.1 ?? -1) { best = (skill, value) }
      }
      let credit = best.1.map { self.credit(level: $0, threshold: requirement.threshold) } ?? 0
      return (best.0, best.1, credit)
    }
    let hasPreferred = !opening.preferred.isEmpty
    var results: [RequirementResult] = []
    var coverage: [Bool: Double] = [:]
    for (isRequired, group) in [(true, opening.required), (false, opening.preferred)] {
      let total = group.reduce(0) { $0 + $1.weight }
      let share = isRequired ? (hasPreferred ? 0.8 : 1.0) : 0.2
      var earned = 0.0
      for requirement in group {
        let (skill, value, credit) = evaluate(requirement)
        earned += requirement.weight * credit
        let lost = total > 0 ? 100 * sigma * share * (requirement.weight / total) * (1 - credit) : 0
        results.append(
          RequirementResult(
            requirement: requirement, isRequired: isRequired, bestSkill: skill, level: value,
            credit: credit, pointsLost: lost))
      }
      coverage[isRequired] = total > 0 ? earned / total : 1
    }
    let required = coverage[true] ?? 1
    let preferred = hasPreferred ? coverage[false] : nil
    let fit = preferred.map { 0.8 * required + 0.2 * $0 } ?? required
    return JobMatch(
      opening: opening, requirements: results, requiredCoverage: required,
      preferredCoverage: preferred, fit: fit, seniorityFactor: sigma, exactScore: 100 * sigma * fit)
  }

  /// Openings ranked: score, then required coverage, then fewer blockers, then newest, then id.
  public static func rank(_ matches: [JobMatch]) -> [JobMatch] {
    matches.sorted { lhs, rhs in
      if lhs.score != rhs.score { return lhs.score > rhs.score }
      if lhs.requiredCoverage != rhs.requiredCoverage {
        return lhs.requiredCoverage > rhs.requiredCoverage
      }
      if lhs.blockers.count != rhs.blockers.count { return lhs.blockers.count < rhs.blockers.count }
      let left = lhs.opening.datePosted ?? ""
      let right = rhs.opening.datePosted ?? ""
      if left != right { return left > right }
      return lhs.opening.id < rhs.opening.id
    }
  }
}

/// Filters that hide openings before scoring; they never change a score.
public struct JobFilters: Sendable, Hashable {
  /// A city or region the opening must be in (remote openings always pass).
  public var location: String?
  /// Only remote openings.
  public var remoteOnly = false
  /// A level the opening must accept.
  public var seniority: SeniorityLevel?
  /// An employment type the opening must have.
  public var employmentType: String?

  /// Creates filters.
  public init(
    location: String? = nil, remoteOnly: Bool = false, seniority: SeniorityLevel? = nil,
    employmentType: String? = nil
  ) {
    self.location = location
    self.remoteOnly = remoteOnly
    self.seniority = seniority
    self.employmentType = employmentType
  }

  /// Whether an opening passes every filter.
  public func admits(_ opening: JobOpening) -> Bool {
    if remoteOnly, opening.workplace != .remote { return false }
    if let location, opening.workplace != .remote {
      let wanted = location.lowercased()
      let matches = opening.locations.contains {
        [$0.city, $0.region, $0.country].compactMap { $0?.lowercased() }.contains {
          $0.contains(wanted) || wanted.contains($0)
        }
      }
      if !matches { return false }
    }
    if let seniority, let range = opening.seniority, !range.contains(seniority) { return false }
    if let employmentType, opening.employmentType.uppercased() != employmentType.uppercased() {
      return false
    }
    return true
  }
}
