import Foundation
import Testing

@testable import SkillQuizKit

struct AdaptiveTestTests {
  /// A calibrated 3PL bank of 200 items with difficulties spread over [−3, 3].
  static func bank(using random: inout SeededRandom) -> [IRTItem] {
    (0..<200).map { index in
      IRTItem(
        a: Double.random(in: 0.9...2.0, using: &random),
        b: -3 + 6 * (Double(index) + 0.5) / 200, c: 0.2)
    }
  }

  @Test func simulatedExamineesAreMeasuredWithinAThirdOfALogit() {
    var random = SeededRandom(seed: 2026)
    let bank = Self.bank(using: &random)
    var errors: [Double] = []
    var lengths: [Int] = []
    for person in 0..<300 {
      let trueTheta = -2.5 + 5 * (Double(person) + 0.5) / 300
      var test = AdaptiveTest(bank: bank)
      while let item = test.nextItem(using: &random) {
        let right = Double.random(in: 0..<1, using: &random) < bank[item].probability(at: trueTheta)
        test.record(item: item, right: right)
      }
      errors.append(abs(test.estimate.theta - trueTheta))
      lengths.append(test.administered.count)
    }
    let meanError = errors.reduce(0, +) / Double(errors.count)
    let medianLength = lengths.sorted()[lengths.count / 2]
    print(
      "CAT simulation: \(errors.count) examinees, θ in [−2.5, 2.5], 200-item 3PL bank: "
        + "mean |θ̂ − θ| = \(String(format: "%.3f", meanError)), median length = \(medianLength), "
        + "lengths \(lengths.min() ?? 0)…\(lengths.max() ?? 0)")
    #expect(meanError <= 0.35)
    #expect(medianLength <= 25)
    #expect(lengths.allSatisfy { $0 >= 8 && $0 <= 25 })
  }

  @Test func theStopRuleNeverStopsBeforeEightAndAlwaysByTwentyFive() {
    let rule = StopRule()
    let precise = AbilityEstimate(theta: 0, standardError: 0.2)
    let vague = AbilityEstimate(theta: 0, standardError: 0.6)
    #expect(!rule.shouldStop(administered: 7, remaining: 100, estimate: precise))
    #expect(rule.shouldStop(administered: 8, remaining: 100, estimate: precise))
    #expect(!rule.shouldStop(administered: 24, remaining: 100, estimate: vague))
    #expect(rule.shouldStop(administered: 25, remaining: 100, estimate: vague))
    #expect(rule.shouldStop(administered: 3, remaining: 0, estimate: vague))
    #expect(
      !rule.shouldStop(
        administered: 10, remaining: 5, estimate: AbilityEstimate(theta: 0, standardError: 0.35)))
  }

  @Test(arguments: [
    (-0.8417, "Novice", "Novice"), (-0.8415, "Proficient", "Emerging"),
    (-0.2534, "Proficient", "Emerging"), (-0.2532, "Proficient", "Average"),
    (0.2532, "Proficient", "Average"), (0.2534, "Proficient", "Above Average"),
    (0.8415, "Proficient", "Above Average"), (0.8417, "Expert", "Expert"),
  ])
  func bandsChangeAtTheirPercentileCuts(theta: Double, band: String, subBand: String) {
    let score = SkillScore(AbilityEstimate(theta: theta, standardError: 0.3))
    #expect(score.band.rawValue == band)
    #expect(score.subBand == subBand)
  }

  @Test func scoresAreClampedAndCarryTheirMargin() {
    #expect(SkillScore(AbilityEstimate(theta: 4, standardError: 0.3)).score == 300)
    #expect(SkillScore(AbilityEstimate(theta: -4, standardError: 0.3)).score == 0)
    let score = SkillScore(AbilityEstimate(theta: 0.36, standardError: 0.44))
    #expect(score.text == "168 ± 22")
  }

  @Test func halvingTheErrorNeedsAboutFourTimesTheInformation() {
    var random = SeededRandom(seed: 5)
    let bank = Self.bank(using: &random)
    var test = AdaptiveTest(bank: bank)
    for _ in 0..<8 {
      guard let item = test.nextItem(using: &random) else { break }
      test.record(item: item, right: Bool.random(using: &random))
    }
    let more = test.itemsToHalveError ?? 0
    #expect(more > 8)
    let tiny = AdaptiveTest(bank: Array(bank.prefix(10)))
    #expect(tiny.itemsToHalveError == nil)
  }

  @Test func itemsFollowTheRandomesqueRuleAmongTheThreeMostInformative() {
    var random = SeededRandom(seed: 9)
    let bank = Self.bank(using: &random)
    let top3 = Set(IRT.rankByInformation(bank, administered: [], at: 0).prefix(3))
    var seen: Set<Int> = []
    for _ in 0..<200 {
      let pick = IRT.randomesqueItem(bank, administered: [], at: 0, using: &random)
      seen.insert(pick ?? -1)
    }
    #expect(seen == top3)
  }
}

struct CalibrationTests {
  @Test func aQuestionEveryoneMissesGetsHarderAndOneEveryoneGetsRightEasier() {
    var responses: [Calibration.Response] = []
    for user in 0..<20 {
      responses.append(Calibration.Response(user: "u\(user)", questionID: "hard", right: false))
      responses.append(Calibration.Response(user: "u\(user)", questionID: "easy", right: true))
      responses.append(
        Calibration.Response(user: "u\(user)", questionID: "mixed", right: user.isMultiple(of: 2)))
    }
    let result = Calibration.elo(responses, initial: ["hard": 0, "easy": 0, "mixed": 0])
    #expect((result["hard"]?.b ?? 0) > 1)
    #expect((result["easy"]?.b ?? 0) < -1)
    #expect(abs(result["mixed"]?.b ?? 9) < 0.5)
    #expect(result["hard"]?.responses == 20)
    #expect(Calibration.elo([], initial: ["x": 0]).isEmpty)
  }

  @Test func responseFilesAreReadWithTheirHeaderAndBadRowsNamed() throws {
    let text =
      "user,question id,correct\nann,git.a,1\n\"bob\", git.b , false\n# note\n\ncy,git.a,yes\n"
    let rows = try Calibration.parseCSV(text, file: "pool.csv")
    #expect(
      rows == [
        Calibration.Response(user: "ann", questionID: "git.a", right: true),
        Calibration.Response(user: "bob", questionID: "git.b", right: false),
        Calibration.Response(user: "cy", questionID: "git.a", right: true),
      ])
    #expect {
      try Calibration.parseCSV("ann,git.a,1\nbob,git.b,maybe\n", file: "pool.csv")
    } throws: { error in
      "\(error)" == "pool.csv:2: 'maybe' is not a correct flag; use 1 or 0 (or true/false)"
    }
  }

  @Test func bankParametersOverrideTheLabelDefaults() throws {
    let yaml = """
      schema: 1
      area: git
      questions:
        - {id: git.x, topic: basics, difficulty: hard, type: true_false, prompt: A, answer: true, explanation: B, irt: {a: 1.7, c: 0.1}}
        - {id: git.y, topic: basics, difficulty: easy, type: single, prompt: C, options: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C}, {id: d, text: D}], answer: a, explanation: D}
        - {id: git.z, topic: basics, difficulty: easy, type: true_false, prompt: E, answer: true, explanation: F, irt: {b: 9}}
      """
    let library = try BankFixtures.library(banks: ["git.yaml": yaml])
    #expect(library.question(id: "git.x")?.itemParameters == IRTItem(a: 1.7, b: 1, c: 0.1))
    #expect(library.question(id: "git.y")?.itemParameters == IRTItem(a: 1, b: -1, c: 0.25))
    #expect(library.question(id: "git.z") == nil)
    #expect(
      library.diagnostics.contains {
        $0.message.contains("irt `b` of question 'git.z' must be a number from -4.0 to 4.0")
      })
  }
}

struct DiscriminationCalibrationTests {
  @Test func aSharpItemGetsAHigherDiscriminationThanAFlatOne() {
    var random = SeededRandom(seed: 77)
    let truth: [String: IRTItem] = Dictionary(
      uniqueKeysWithValues: (0..<30).map { ("q\($0)", IRTItem(a: 1, b: -2 + 4 * Double($0) / 29)) }
        + [("sharp", IRTItem(a: 2.5, b: 0)), ("flat", IRTItem(a: 0.4, b: 0))])
    var responses: [Calibration.Response] = []
    for user in 0..<60 {
      let theta = -2.5 + 5 * Double(user) / 59
      for id in truth.keys.sorted() {
        let right =
          Double.random(in: 0..<1, using: &random) < (truth[id]?.probability(at: theta) ?? 0)
        responses.append(Calibration.Response(user: "u\(user)", questionID: id, right: right))
      }
    }
    let initial = truth.mapValues { _ in 0.0 }
    let result = Calibration.calibrate(responses, initial: initial)
    let sharp = result["sharp"]?.a ?? 0
    let flat = result["flat"]?.a ?? 0
    #expect(sharp > 1.2)
    #expect(flat < 0.9)
    let few = Calibration.calibrate(Array(responses.prefix(40)), initial: initial)
    #expect(few.values.allSatisfy { $0.a == nil })
  }
}
