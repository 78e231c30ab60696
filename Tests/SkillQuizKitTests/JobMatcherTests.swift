import Foundation
import Testing

@testable import SkillQuizKit

/// The worked example of `shared/research/jobs.md` §6, with its levels taken as certain (as a
/// what-if profile gives them).
struct JobMatcherTests {
  static let user: [String: Double] = [
    "python": 85, "java": 70, "nodejs": 55, "go": 40, "ruby": 20, "sql": 80, "nosql": 50,
    "api": 80, "aws": 60, "docker": 70, "kubernetes": 35, "security": 55, "git": 90,
  ]

  static func level(_ skill: String) -> SkillLevel {
    user[skill].map { .certain($0) } ?? .notAssessed
  }

  static let plaid = JobOpening(
    id: "plaid", company: "Plaid", title: "Mid-Senior Software Engineer - Credit",
    locations: [JobLocation(city: "San Francisco", region: "CA", country: "US")],
    workplace: .onsite, seniority: .mid ... .senior,
    required: [
      JobRequirement(skills: ["go", "python", "typescript", "java"], threshold: 75, weight: 3),
      JobRequirement(skills: ["sql"], threshold: 65, weight: 2),
      JobRequirement(skills: ["api"], threshold: 65, weight: 2),
      JobRequirement(skills: ["security"], threshold: 65, weight: 2),
      JobRequirement(skills: ["git"], threshold: 50, weight: 1),
    ],
    preferred: [
      JobRequirement(skills: ["go"], threshold: 65, weight: 2),
      JobRequirement(skills: ["aws"], threshold: 50, weight: 1),
      JobRequirement(skills: ["kubernetes"], threshold: 50, weight: 1),
    ], origin: .modeled)

  static let whatnot = JobOpening(
    id: "whatnot", company: "Whatnot", title: "Backend Engineer, Commerce",
    locations: [JobLocation(city: "Los Angeles", region: "CA", country: "US")],
    workplace: .unspecified, seniority: nil,
    required: [
      JobRequirement(skills: ["python"], threshold: 75, weight: 3),
      JobRequirement(skills: ["sql"], threshold: 65, weight: 2),
      JobRequirement(skills: ["api"], threshold: 65, weight: 2),
      JobRequirement(skills: ["nosql"], threshold: 50, weight: 1),
      JobRequirement(skills: ["git"], threshold: 50, weight: 1),
    ],
    preferred: [
      JobRequirement(skills: ["kubernetes"], threshold: 50, weight: 1),
      JobRequirement(skills: ["aws"], threshold: 50, weight: 1),
      JobRequirement(skills: ["security"], threshold: 50, weight: 1),
      JobRequirement(skills: ["elixir"], threshold: 50, weight: 1),
    ], origin: .modeled)

  @Test func plaidScores84WithTheGapPointsOfTheWorkedExample() throws {
    let match = JobMatcher.match(Self.plaid, level: Self.level, seniority: .mid)
    #expect(match.score == 84)
    #expect(match.band == "Good")
    #expect(abs(match.requiredCoverage - 0.9385) < 1e-4)
    #expect(abs((match.preferredCoverage ?? 0) - 0.4654) < 1e-4)
    let lost = match.requirements.map {
      ($0.requirement.skills.joined(separator: "/"), $0.exactPointsLost)
    }
    #expect(abs((lost.first { $0.0 == "security" }?.1 ?? 0) - 4.92) < 0.005)
    #expect(abs((lost.first { $0.0 == "go" }?.1 ?? 0) - 7.69) < 0.005)
    #expect(abs((lost.first { $0.0 == "kubernetes" }?.1 ?? 0) - 3.00) < 0.005)
    let total = match.requirements.reduce(0) { $0 + $1.exactPointsLost }
    #expect(abs(total - (100 * match.seniorityFactor - match.exactScore)) < 1e-9)
    #expect(match.requirements.first?.bestSkill == "python")
    #expect(match.low == 84 && match.high == 84)
    #expect(match.scoreText == "84%")
  }

  /// §6 counts not-assessed Elixir as 0 (92); it is unknown instead: the expected credit of
  /// the reference population, 1 − 0.75·t/100 = 0.625, with 0–1 as its range.
  @Test func whatnotScores95From92To97AndRanksFirst() {
    let whatnot = JobMatcher.match(Self.whatnot, level: Self.level, seniority: .mid)
    #expect(whatnot.score == 95)
    #expect(whatnot.low == 92)
    #expect(whatnot.high == 97)
    #expect(whatnot.band == "Strong")
    let elixir = whatnot.requirements.first { $0.requirement.skills == ["elixir"] }
    #expect(elixir?.status == .unknown)
    #expect(elixir?.probabilityMet == nil)
    #expect(abs((elixir?.exactPointsLost ?? 0) - 5 * 0.375) < 1e-3)
    let plaid = JobMatcher.match(Self.plaid, level: Self.level, seniority: .mid)
    #expect(JobMatcher.rank([plaid, whatnot]).map(\.opening.id) == ["whatnot", "plaid"])
  }

  @Test func aJuniorOneLevelBelowTheRangeScores76() {
    let match = JobMatcher.match(Self.plaid, level: Self.level, seniority: .junior)
    #expect(match.seniorityFactor == 0.9)
    #expect(match.score == 76)
    let total = match.requirements.reduce(0) { $0 + $1.exactPointsLost }
    #expect(abs(total - (100 * 0.9 - match.exactScore)) < 1e-9)
    let shown = match.requirements.reduce(0) { $0 + $1.pointsLost }
    #expect(abs(shown - (90 - 76)) < 1e-9)
  }

  @Test func aRequiredSkillNotMetCapsTheBandAtStretch() {
    let opening = JobOpening(
      id: "x", company: "X", title: "T", locations: [], workplace: .remote, seniority: nil,
      required: [
        JobRequirement(skills: ["python"], threshold: 50, weight: 9),
        JobRequirement(skills: ["ruby"], threshold: 50, weight: 1),
      ], preferred: [], origin: .modeled)
    let match = JobMatcher.match(opening, level: Self.level, seniority: nil)
    #expect(match.score == 90)
    #expect(match.blockers.count == 1)
    #expect(match.band == "Stretch")
  }

  @Test(arguments: [(100.0, 65.0, 1.0), (65, 65, 1), (32.5, 65, 0), (20, 65, 0), (48.75, 65, 0.5)])
  func creditRampsFromHalfTheBarToTheBar(level: Double, threshold: Double, expected: Double) {
    #expect(abs(JobMatcher.credit(level: level, threshold: threshold) - expected) < 1e-12)
  }

  @Test func filtersHideOpeningsAndNeverChangeAScore() {
    let onsite = JobFilters(location: "Los Angeles")
    #expect(onsite.admits(Self.whatnot))
    #expect(!onsite.admits(Self.plaid))
    #expect(!JobFilters(remoteOnly: true).admits(Self.plaid))
    #expect(!JobFilters(seniority: .staff).admits(Self.plaid))
    #expect(JobFilters(seniority: .staff).admits(Self.whatnot))
    let before = JobMatcher.match(Self.whatnot, level: Self.level, seniority: .mid).exactScore
    _ = [Self.plaid, Self.whatnot].filter(onsite.admits)
    #expect(JobMatcher.match(Self.whatnot, level: Self.level, seniority: .mid).exactScore == before)
  }

  @Test func rankingIsStableForEqualScores() {
    let a = JobMatcher.match(Self.plaid, level: Self.level, seniority: .mid)
    let first = JobMatcher.rank([a, a, a]).map(\.opening.id)
    #expect(first == ["plaid", "plaid", "plaid"])
  }
}
