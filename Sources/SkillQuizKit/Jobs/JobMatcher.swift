import Foundation

/// A user's level in a skill, as job matching reads it.
public enum SkillLevel: Sendable, Hashable {
  /// Measured: the posterior of the ability, and how many evidence answers back it.
  case measured(AbilityPosterior, answered: Int)
  /// A level given as certain, 0–100 (a what-if profile).
  case certain(Double)
  /// Never assessed.
  case notAssessed
}

/// Where a requirement stands, given the evidence.
public enum RequirementStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// P(level ≥ threshold) ≥ 0.8, on at least 3 evidence answers.
  case met
  /// P(level ≥ threshold) ≤ 0.2, on at least 3 evidence answers.
  case notMet = "not met"
  /// In between: more answers would decide it.
  case uncertain
  /// None of its skills has evidence.
  case unknown

  /// The probability at or above which a requirement is met.
  public static let metProbability = 0.8
  /// The probability at or below which it is not met.
  public static let notMetProbability = 0.2
  /// The fewest evidence answers in a skill before it can be decided either way.
  public static let minimumAnswers = 3

  /// The status of a probability of meeting the bar.
  public init(probability: Double) {
    if probability >= Self.metProbability {
      self = .met
    } else if probability <= Self.notMetProbability {
      self = .notMet
    } else {
      self = .uncertain
    }
  }

  /// The status of one skill: decided only on at least `minimumAnswers` evidence answers.
  public init(probability: Double, answered: Int) {
    self = answered < Self.minimumAnswers ? .uncertain : RequirementStatus(probability: probability)
  }

  /// The status of an any-of group from its members': met when any member is, uncertain when
  /// any member is, unknown when a member is untested, not met only when every member is.
  public static func combined(_ members: [RequirementStatus]) -> RequirementStatus {
    if members.contains(.met) { return .met }
    if members.contains(.uncertain) { return .uncertain }
    if members.contains(.unknown) { return .unknown }
    return .notMet
  }

  /// Whether the evidence has decided it.
  public var isDecided: Bool { self == .met || self == .notMet }
}

/// How one requirement fared.
public struct RequirementResult: Sendable, Hashable {
  /// The requirement.
  public let requirement: JobRequirement
  /// Whether it is required (else preferred).
  public let isRequired: Bool
  /// The skill that gave the best credit (for any-of groups); nil when none has evidence.
  public let bestSkill: String?
  /// The user's level in it, a percentile (0–100) of the estimate; nil when unknown.
  public let level: Double?
  /// Evidence answers behind the level.
  public let answered: Int
  /// P(level ≥ threshold) from the posterior; nil when unknown.
  public let probabilityMet: Double?
  /// Met, not met, uncertain or unknown.
  public let status: RequirementStatus
  /// Expected credit under the posterior, 0–1 (a ramp from half the threshold to it).
  public let credit: Double
  /// The worst case: the credit at the posterior's 10th percentile (0 when unknown); equal to
  /// `credit` once decided.
  public let lowCredit: Double
  /// The best case: the credit at the posterior's 90th percentile (1 when unknown).
  public let highCredit: Double
  /// Whether it is required and almost surely earns no credit: P(level > half the bar) ≤ 0.2
  /// on enough evidence (or a certain level at most half the bar).
  public let isBlocker: Bool
  /// Points of the match lost on this requirement, unrounded.
  public let exactPointsLost: Double
  /// Points lost as shown, in tenths; they add up to `100·σ − score` as displayed.
  public internal(set) var pointsLost: Double = 0
}

/// The result of matching a user against an opening.
public struct JobMatch: Sendable, Hashable {
  /// The opening.
  public let opening: JobOpening
  /// Each requirement, required first.
  public let requirements: [RequirementResult]
  /// Required coverage, 0–1 (expected).
  public let requiredCoverage: Double
  /// Preferred coverage, 0–1 (nil when the opening lists none).
  public let preferredCoverage: Double?
  /// Skill fit: 0.8 R + 0.2 P, or R.
  public let fit: Double
  /// The seniority factor.
  public let seniorityFactor: Double
  /// The unrounded expected score, 100 σ F.
  public let exactScore: Double
  /// The unrounded worst case over unknown and uncertain requirements.
  public let exactLow: Double
  /// The unrounded best case.
  public let exactHigh: Double

  /// The score as displayed, 0–100: the one rounding.
  public var score: Int { Int(exactScore.rounded()) }
  /// The low end of the range as displayed (never above the score).
  public var low: Int { min(score, Int(exactLow.rounded())) }
  /// The high end of the range as displayed (never below the score).
  public var high: Int { max(score, Int(exactHigh.rounded())) }
  /// `72% (58–91)`, or `72%` when nothing is left to decide.
  public var scoreText: String { low == high ? "\(score)%" : "\(score)% (\(low)–\(high))" }
  /// 100·σ in tenths, as the points lost are shown.
  public var ceiling: Double { (1000 * seniorityFactor).rounded() / 10 }

  /// Required requirements that almost surely earn no credit.
  public var blockers: [RequirementResult] { requirements.filter(\.isBlocker) }

  /// Requirements not yet decided (uncertain or unknown).
  public var undecided: [RequirementResult] {
    requirements.filter { !$0.status.isDecided }
  }

  /// Strong, Good, Stretch or Not yet, from the low end of the range, so that a band holds in
  /// the worst case; a blocker caps it at Stretch.
  public var band: String {
    var band: String
    switch low {
    case 85...: band = "Strong"
    case 70..<85: band = "Good"
    case 50..<70: band = "Stretch"
    default: band = "Not yet"
    }
    if !blockers.isEmpty, band == "Strong" || band == "Good" { band = "Stretch" }
    return band
  }
}

/// The matching formula of `shared/research/jobs.md` §3.2, on posterior levels.
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

  /// One skill against a threshold: (probability, status, expected, low, high, level, answered).
  struct Term {
    let skill: String
    let probability: Double?
    let status: RequirementStatus
    let credit: Double
    let low: Double
    let high: Double
    let level: Double?
    let answered: Int
    /// Almost surely no credit at all.
    let noCredit: Bool
  }

  static func term(_ skill: String, level: SkillLevel, threshold: Double) -> Term {
    func credit(_ theta: Double) -> Double {
      Self.credit(level: ReferencePopulation.percentile(theta), threshold: threshold)
    }
    switch level {
    case .certain(let value):
      let c = Self.credit(level: value, threshold: threshold)
      let p = value >= threshold ? 1.0 : 0.0
      return Term(
        skill: skill, probability: p, status: RequirementStatus(probability: p), credit: c,
        low: c, high: c, level: value, answered: 0, noCredit: c == 0)
    case .measured(let posterior, let answered):
      let p = posterior.probability(atLeast: ReferencePopulation.theta(atPercentile: threshold))
      let status = RequirementStatus(probability: p, answered: answered)
      let expected = posterior.expectedValue(ofPercentile: {
        Self.credit(level: $0, threshold: threshold)
      })
      let decided = status.isDecided
      return Term(
        skill: skill, probability: p, status: status, credit: expected,
        low: decided ? expected : credit(posterior.quantile(0.1)),
        high: decided ? expected : credit(posterior.quantile(0.9)),
        level: ReferencePopulation.percentile(posterior.mean), answered: answered,
        noCredit: answered >= RequirementStatus.minimumAnswers
          && posterior.probability(
            atLeast: ReferencePopulation.theta(atPercentile: threshold / 2))
            <= RequirementStatus.notMetProbability
      )
    case .notAssessed:
      return Term(
        skill: skill, probability: nil, status: .unknown,
        credit: AbilityPosterior.prior.expectedValue(ofPercentile: {
          Self.credit(level: $0, threshold: threshold)
        }), low: 0, high: 1, level: nil,
        answered: 0, noCredit: false)
    }
  }

  /// A requirement: its best member; met when any member is, not met when every member is.
  static func evaluate(_ requirement: JobRequirement, level: (String) -> SkillLevel) -> Term {
    evaluate(
      requirement.skills.map { term($0, level: level($0), threshold: requirement.threshold) })
  }

  /// A requirement from its members' terms, in the order of its skills.
  static func evaluate(_ terms: [Term]) -> Term {
    let measured = terms.filter { $0.status != .unknown }
    let best = (measured.isEmpty ? terms : measured).max { $0.credit < $1.credit } ?? terms[0]
    let status = RequirementStatus.combined(terms.map(\.status))
    let credit = terms.map(\.credit).max() ?? 0
    let winner =
      status == .met ? measured.filter { $0.status == .met }.max { $0.credit < $1.credit } : best
    return Term(
      skill: (winner ?? best).skill,
      probability: status == .unknown ? nil : measured.compactMap(\.probability).max(),
      status: status, credit: credit,
      low: status.isDecided ? credit : terms.map(\.low).max() ?? 0,
      high: status.isDecided ? credit : terms.map(\.high).max() ?? 1,
      level: (winner ?? best).level, answered: (winner ?? best).answered,
      noCredit: terms.allSatisfy(\.noCredit))
  }

  /// Matches a user against an opening.
  ///
  /// - Parameters:
  ///   - opening: The opening.
  ///   - level: The user's level in a skill id.
  ///   - seniority: The user's career level, if known.
  /// - Returns: The match, with every term and the points lost per requirement.
  public static func match(
    _ opening: JobOpening, level: @escaping (String) -> SkillLevel, seniority: SeniorityLevel?
  ) -> JobMatch {
    var scorer = RequirementScorer(level: level)
    return match(opening, scorer: &scorer, seniority: seniority)
  }

  /// Matches a user against an opening, each requirement evaluated through `scorer`.
  ///
  /// The same as `match(_:level:seniority:)`; a scorer shared across openings evaluates each
  /// distinct requirement once.
  public static func match(
    _ opening: JobOpening, scorer: inout RequirementScorer, seniority: SeniorityLevel?
  ) -> JobMatch {
    let sigma = seniorityFactor(user: seniority, range: opening.seniority)
    let hasPreferred = !opening.preferred.isEmpty
    var results: [RequirementResult] = []
    var coverage: [Bool: Coverage] = [:]
    for (isRequired, group) in [(true, opening.required), (false, opening.preferred)] {
      let sums = GroupSums(group, scorer: &scorer)
      let share = isRequired ? (hasPreferred ? 0.8 : 1.0) : 0.2
      for (requirement, term) in zip(group, sums.terms) {
        let lost =
          sums.total > 0
          ? 100 * sigma * share * (requirement.weight / sums.total) * (1 - term.credit) : 0
        results.append(
          RequirementResult(
            requirement: requirement, isRequired: isRequired,
            bestSkill: term.status == .unknown ? nil : term.skill, level: term.level,
            answered: term.answered, probabilityMet: term.probability, status: term.status,
            credit: term.credit, lowCredit: term.low, highCredit: term.high,
            isBlocker: isRequired && term.noCredit, exactPointsLost: lost))
      }
      coverage[isRequired] = sums.coverage
    }
    let required = coverage[true] ?? (1, 1, 1)
    let preferred = hasPreferred ? coverage[false] : nil
    let expected = fit(required.expected, preferred?.expected)
    let exactScore = 100 * sigma * expected
    let ceiling = (1000 * sigma).rounded() / 10
    return JobMatch(
      opening: opening,
      requirements: apportioned(results, total: ceiling - exactScore.rounded()),
      requiredCoverage: required.expected, preferredCoverage: preferred?.expected, fit: expected,
      seniorityFactor: sigma, exactScore: exactScore,
      exactLow: 100 * sigma * fit(required.low, preferred?.low),
      exactHigh: 100 * sigma * fit(required.high, preferred?.high))
  }

  /// Where an opening ranks: what `rank` orders by, computed as `match` computes it, without
  /// building the match.
  public static func rankKey(
    _ outline: OpeningOutline, scorer: inout RequirementScorer, seniority: SeniorityLevel?
  ) -> RankKey {
    let sigma = seniorityFactor(user: seniority, range: outline.seniority)
    let required = GroupSums(outline.required.map { ($0.weight, scorer.evaluate(kind: $0.kind)) })
    let preferred =
      outline.preferred.isEmpty
      ? nil
      : GroupSums(outline.preferred.map { ($0.weight, scorer.evaluate(kind: $0.kind)) }).coverage
    let exactScore = 100 * sigma * fit(required.coverage.expected, preferred?.expected)
    return RankKey(
      score: Int(exactScore.rounded()), requiredCoverage: required.coverage.expected,
      blockers: required.terms.filter(\.noCredit).count, datePosted: outline.datePosted ?? "",
      id: outline.id)
  }

  /// Expected, worst-case and best-case coverage of a group, 0–1.
  typealias Coverage = (expected: Double, low: Double, high: Double)

  /// Skill fit: 0.8 R + 0.2 P, or R when the opening lists no preferred requirement.
  static func fit(_ required: Double, _ preferred: Double?) -> Double {
    preferred.map { 0.8 * required + 0.2 * $0 } ?? required
  }

  /// A group's terms and weighted sums, in the group's order.
  struct GroupSums {
    let terms: [Term]
    let total: Double
    let coverage: Coverage

    init(_ group: [JobRequirement], scorer: inout RequirementScorer) {
      self.init(group.map { ($0.weight, scorer.evaluate($0)) })
    }

    init(_ weighted: [(weight: Double, term: Term)]) {
      let total = weighted.reduce(0) { $0 + $1.weight }
      var earned = (expected: 0.0, low: 0.0, high: 0.0)
      for (weight, term) in weighted {
        earned.expected += weight * term.credit
        earned.low += weight * term.low
        earned.high += weight * term.high
      }
      terms = weighted.map(\.term)
      self.total = total
      coverage =
        total > 0 ? (earned.expected / total, earned.low / total, earned.high / total) : (1, 1, 1)
    }
  }

  /// Rounds each requirement's points lost to tenths so that they add up to `total` exactly
  /// (largest remainders get the spare tenths).
  static func apportioned(_ results: [RequirementResult], total: Double) -> [RequirementResult] {
    let tenths = max(0, Int((total * 10).rounded()))
    let exact = results.reduce(0) { $0 + $1.exactPointsLost }
    guard exact > 0 else { return results }
    let shares = results.map { $0.exactPointsLost / exact * Double(tenths) }
    var given = shares.map { Int($0.rounded(.down)) }
    let order = shares.indices.sorted {
      (shares[$0] - Double(given[$0]), -$0) > (shares[$1] - Double(given[$1]), -$1)
    }
    for index in order.prefix(tenths - given.reduce(0, +)) { given[index] += 1 }
    var results = results
    for index in results.indices { results[index].pointsLost = Double(given[index]) / 10 }
    return results
  }

  /// Openings ranked: expected score, then required coverage, then fewer blockers, then
  /// newest, then id.
  public static func rank(_ matches: [JobMatch]) -> [JobMatch] {
    matches.map { (RankKey($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
  }
}

/// What openings are ranked by: expected score, then required coverage, then fewer blockers,
/// then newest, then id; `<` means ranked higher.
public struct RankKey: Sendable, Hashable, Comparable {
  /// The score as displayed.
  public let score: Int
  /// Required coverage, 0–1 (expected).
  public let requiredCoverage: Double
  /// How many required requirements almost surely earn no credit.
  public let blockers: Int
  /// When it was posted, "" when unknown.
  public let datePosted: String
  /// The opening's id.
  public let id: String

  /// Creates a key.
  public init(score: Int, requiredCoverage: Double, blockers: Int, datePosted: String, id: String) {
    self.score = score
    self.requiredCoverage = requiredCoverage
    self.blockers = blockers
    self.datePosted = datePosted
    self.id = id
  }

  /// The key of a match.
  public init(_ match: JobMatch) {
    self.init(
      score: match.score, requiredCoverage: match.requiredCoverage,
      blockers: match.blockers.count, datePosted: match.opening.datePosted ?? "",
      id: match.opening.id)
  }

  public static func < (lhs: RankKey, rhs: RankKey) -> Bool {
    if lhs.score != rhs.score { return lhs.score > rhs.score }
    if lhs.requiredCoverage != rhs.requiredCoverage {
      return lhs.requiredCoverage > rhs.requiredCoverage
    }
    if lhs.blockers != rhs.blockers { return lhs.blockers < rhs.blockers }
    if lhs.datePosted != rhs.datePosted { return lhs.datePosted > rhs.datePosted }
    return lhs.id < rhs.id
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
