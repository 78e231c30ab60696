import Foundation
import Testing

@testable import SkillQuizKit

/// The posterior behind "met", "not met", "uncertain" and "unknown", and matching on it.
struct HonestMeasurementTests {
  static let medium = IRTItem(a: 1, b: 0, c: 0.25)

  static func measured(right: Int, wrong: Int, item: IRTItem = medium) -> SkillLevel {
    let responses = Array(repeating: true, count: right) + Array(repeating: false, count: wrong)
    return .measured(
      AbilityPosterior(
        items: Array(repeating: item, count: responses.count), responses: responses),
      answered: responses.count)
  }

  static func opening(_ required: [JobRequirement], preferred: [JobRequirement] = [])
    -> JobOpening
  {
    JobOpening(
      id: "x", company: "X", title: "T", locations: [], workplace: .remote, seniority: nil,
      required: required, preferred: preferred, origin: .modeled)
  }

  @Test func thePriorIsTheReferencePopulation() {
    let prior = AbilityPosterior.prior
    #expect(abs(prior.probability(atLeast: 0) - 0.5) < 1e-3)
    #expect(abs(prior.probability(atLeast: 1) - 0.1587) < 2e-3)
    #expect(abs(prior.quantile(0.5)) < 0.01)
    #expect(abs(prior.quantile(0.9) - 1.2816) < 0.02)
    #expect(abs(ReferencePopulation.theta(atPercentile: 84.134) - 1) < 1e-3)
    #expect(
      abs(ReferencePopulation.percentile(ReferencePopulation.theta(atPercentile: 65)) - 65) < 1e-6)
  }

  /// `IRT.eap` sums the posterior in log space: 10,000 responses stay finite and sensible.
  @Test func theEstimateStaysFiniteAtTenThousandResponses() {
    var random = SeededRandom(seed: 11)
    let items = (0..<10_000).map { _ in
      IRTItem(a: 1.2, b: Double.random(in: -2...2, using: &random), c: 0.2)
    }
    let responses = items.map { Double.random(in: 0..<1, using: &random) < $0.probability(at: 0.7) }
    let estimate = IRT.eap(items: items, responses: responses)
    #expect(estimate.theta.isFinite && estimate.standardError.isFinite)
    #expect(abs(estimate.theta - 0.7) < 0.15)
    #expect(estimate.standardError < 0.1)
    let posterior = AbilityPosterior(items: items, responses: responses)
    #expect(posterior.probability(atLeast: 0) > 0.99)
    #expect(SkillScore(estimate).text.contains("±"))
  }

  @Test func aRequirementWithTwoRightAnswersIsUncertainNotMet() {
    let match = JobMatcher.match(
      Self.opening([JobRequirement(skills: ["security"], threshold: 65, weight: 1)]),
      level: { _ in Self.measured(right: 2, wrong: 0) }, seniority: nil)
    let result = match.requirements[0]
    #expect(result.status == .uncertain)
    #expect(result.answered == 2)
    let p = result.probabilityMet ?? 0
    #expect(p > 0.5 && p < 1)
    #expect(match.low < match.score && match.score < match.high)
    #expect(match.band != "Good" && match.band != "Strong")
  }

  @Test func manyAnswersDecideEitherWay() {
    let strong = JobMatcher.term("git", level: Self.measured(right: 18, wrong: 2), threshold: 50)
    #expect(strong.status == .met)
    #expect(strong.low == strong.credit && strong.high == strong.credit)
    let weak = JobMatcher.term("git", level: Self.measured(right: 2, wrong: 18), threshold: 50)
    #expect(weak.status == .notMet)
    #expect((weak.probability ?? 1) <= 0.2)
  }

  @Test func anUnknownRequirementWidensTheRangeInsteadOfCostingItsPoints() {
    let opening = Self.opening([
      JobRequirement(skills: ["python"], threshold: 50, weight: 1),
      JobRequirement(skills: ["go"], threshold: 50, weight: 1),
    ])
    let unknown = JobMatcher.match(
      opening, level: { $0 == "python" ? .certain(90) : .notAssessed }, seniority: nil)
    let zero = JobMatcher.match(
      opening, level: { $0 == "python" ? .certain(90) : .certain(0) }, seniority: nil)
    let go = unknown.requirements[1]
    #expect(go.status == .unknown)
    #expect(go.probabilityMet == nil)
    #expect(go.lowCredit == 0 && go.highCredit == 1)
    #expect(zero.score == 50)
    #expect(unknown.score > zero.score)
    #expect(unknown.low == 50 && unknown.high == 100)
    #expect(unknown.scoreText == "81% (50–100)")
    #expect(unknown.blockers.isEmpty && zero.blockers.count == 1)
  }

  @Test func theBandHoldsInTheWorstCase() {
    let match = JobMatcher.match(
      Self.opening([
        JobRequirement(skills: ["python"], threshold: 50, weight: 3),
        JobRequirement(skills: ["go"], threshold: 50, weight: 1),
      ]), level: { $0 == "python" ? .certain(90) : .notAssessed }, seniority: nil)
    #expect(match.score >= 85)
    #expect(match.low == 75)
    #expect(match.band == "Good")
  }

  /// Round once: the points shown add up to 100·σ − score as shown, whatever the inputs.
  @Test func pointsLostAddUpToTheDisplayedScore() {
    var random = SeededRandom(seed: 5)
    let skills = ["a", "b", "c", "d", "e", "f"]
    for _ in 0..<300 {
      let levels = Dictionary(
        uniqueKeysWithValues: skills.map { skill -> (String, SkillLevel) in
          switch Int.random(in: 0..<3, using: &random) {
          case 0: (skill, .notAssessed)
          case 1: (skill, .certain(Double.random(in: 0...100, using: &random)))
          default:
            (
              skill,
              Self.measured(
                right: Int.random(in: 0...12, using: &random),
                wrong: Int.random(in: 0...12, using: &random))
            )
          }
        })
      func requirement(_ skill: String) -> JobRequirement {
        JobRequirement(
          skills: [skill], threshold: Double(Int.random(in: 30...90, using: &random)),
          weight: Double(Int.random(in: 1...3, using: &random)))
      }
      let opening = JobOpening(
        id: "x", company: "X", title: "T", locations: [], workplace: .remote,
        seniority: .mid ... .senior, required: skills.prefix(4).map(requirement),
        preferred: skills.suffix(2).map(requirement), origin: .modeled)
      let level = SeniorityLevel.allCases.randomElement(using: &random)
      let match = JobMatcher.match(opening, level: { levels[$0] ?? .notAssessed }, seniority: level)
      let shown = match.requirements.reduce(0) { $0 + $1.pointsLost }
      let expected = match.ceiling - Double(match.score)
      #expect(Int((shown * 10).rounded()) == max(0, Int((expected * 10).rounded())))
      #expect(match.low <= match.score && match.score <= match.high)
      #expect(
        match.requirements.allSatisfy { ($0.pointsLost * 10).rounded() == $0.pointsLost * 10 })
    }
  }

  @Test func evidenceIsEachQuestionsFirstAnswer() {
    let day = Date(timeIntervalSince1970: 1_790_000_000)
    func answer(_ id: String, _ score: Double, skipped: Bool = false, mode: AnswerMode = .quiz)
      -> AnswerRecord
    {
      AnswerRecord(
        quizID: nil, questionID: id, areaID: "git", topicID: "basics", difficulty: .medium,
        mode: mode, response: skipped ? nil : "a", score: score, isSkipped: skipped,
        answeredAt: day)
    }
    let evidence = Evidence.firstAnswers([
      answer("q1", 0), answer("q1", 1, mode: .drill), answer("q2", 0, skipped: true),
      answer("q2", 1), answer("q3", 0.67), answer("q3", 1, mode: .review),
    ])
    #expect(evidence.map(\.questionID) == ["q1", "q2", "q3"])
    #expect(evidence.map(\.isCorrect) == [false, false, false])
    #expect(evidence.map(\.isSkipped) == [false, true, false])
  }
}
