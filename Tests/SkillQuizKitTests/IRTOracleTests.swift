import Foundation
import Testing

@testable import SkillQuizKit

/// Replays every reference file in `Fixtures/irt/`: drop a new `*.json` there and it is tested.
enum IRTOracle {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/irt")

  static var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".json") }.sorted()
  }

  struct File: Decodable {
    let banks: [String: [[Double]]]
    let cases: [Case]
    let quadratureGl41: QuadratureRule?
    let reportTable: [Report]?
    let eloCalibration: Elo?
  }

  struct QuadratureRule: Decodable {
    let nodes: [Double]
    let weights: [Double]
  }

  struct Case: Decodable {
    struct EAP: Decodable {
      let ownGl41: Double
      let ownGl41Psd: Double
    }
    struct NextItem: Decodable {
      struct AtEAP: Decodable {
        let catsimMaxInfoItem: Int
      }
      let atEap: AtEAP
    }
    let id: String
    let bank: String
    let administered: [Int]
    let responses: [Int]
    let eap: EAP
    let nextItem: NextItem
    let reportFromEap: Report?
  }

  struct Report: Decodable {
    let theta: Double
    let scale0300: Double
    let percentile: Double
    let band: String
    let subBand: String

    enum CodingKeys: String, CodingKey {
      case theta, percentile, band, subBand
      case scale0300 = "scale0300"
    }
  }

  struct Elo: Decodable {
    struct Event: Decodable {
      let user: String
      let item: String
      let correct: Int
      let thetaAfter: Double
      let bAfter: Double
    }
    let alpha: Double
    let beta: Double
    let initialTheta: [String: Double]
    let initialB: [String: Double]
    let events: [Event]
  }

  static func load(_ name: String) throws -> File {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return try decoder.decode(
      File.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
  }

  static func items(_ rows: [[Double]]) -> [IRTItem] {
    rows.map { IRTItem(a: $0[0], b: $0[1], c: $0[2], d: $0[3]) }
  }
}

struct IRTOracleTests {
  @Test func theFixtureFolderHasReferenceFiles() {
    #expect(!IRTOracle.files.isEmpty)
  }

  @Test(arguments: IRTOracle.files)
  func eapAndTheNextItemMatchEveryCase(file: String) throws {
    let oracle = try IRTOracle.load(file)
    #expect(!oracle.cases.isEmpty)
    for entry in oracle.cases {
      let bank = IRTOracle.items(try #require(oracle.banks[entry.bank]))
      let estimate = IRT.eap(
        items: entry.administered.map { bank[$0] }, responses: entry.responses.map { $0 == 1 })
      #expect(abs(estimate.theta - entry.eap.ownGl41) <= 1e-9, "\(entry.id): EAP")
      #expect(abs(estimate.standardError - entry.eap.ownGl41Psd) <= 1e-9, "\(entry.id): PSD")
      let next = IRT.maximumInformationItem(
        bank, administered: Set(entry.administered), at: estimate.theta)
      #expect(next == entry.nextItem.atEap.catsimMaxInfoItem, "\(entry.id): next item")
      if let report = entry.reportFromEap {
        let score = SkillScore(estimate)
        #expect(abs(score.score - report.scale0300) <= 1e-9, "\(entry.id): score")
        #expect(abs(score.percentile - report.percentile) <= 1e-9, "\(entry.id): percentile")
        #expect(score.band.rawValue == report.band && score.subBand == report.subBand)
      }
    }
  }

  @Test(arguments: IRTOracle.files)
  func theQuadratureRuleMatches(file: String) throws {
    guard let rule = try IRTOracle.load(file).quadratureGl41 else { return }
    let ours = Quadrature.girth
    #expect(ours.nodes.count == rule.nodes.count)
    for (mine, theirs) in zip(ours.nodes, rule.nodes) { #expect(abs(mine - theirs) <= 1e-13) }
    for (mine, theirs) in zip(ours.weights, rule.weights) { #expect(abs(mine - theirs) <= 1e-13) }
  }

  @Test(arguments: IRTOracle.files)
  func reportsMatchTheTableIncludingBandEdges(file: String) throws {
    for row in try IRTOracle.load(file).reportTable ?? [] {
      let score = SkillScore(AbilityEstimate(theta: row.theta, standardError: 0.3))
      #expect(abs(score.score - row.scale0300) <= 1e-9, "θ \(row.theta)")
      #expect(abs(score.percentile - row.percentile) <= 1e-9, "θ \(row.theta)")
      #expect(score.band.rawValue == row.band, "θ \(row.theta)")
      #expect(score.subBand == row.subBand, "θ \(row.theta)")
    }
  }

  @Test(arguments: IRTOracle.files)
  func eloCalibrationMatches(file: String) throws {
    guard let elo = try IRTOracle.load(file).eloCalibration else { return }
    var theta = elo.initialTheta
    var b = elo.initialB
    var userCounts: [String: Int] = [:]
    var itemCounts: [String: Int] = [:]
    for event in elo.events {
      let (newTheta, newB) = IRT.eloUpdate(
        theta: theta[event.user] ?? 0, b: b[event.item] ?? 0, right: event.correct == 1,
        userAnswers: userCounts[event.user, default: 0],
        itemAnswers: itemCounts[event.item, default: 0], alpha: elo.alpha, beta: elo.beta)
      theta[event.user] = newTheta
      b[event.item] = newB
      userCounts[event.user, default: 0] += 1
      itemCounts[event.item, default: 0] += 1
      #expect(abs(newTheta - event.thetaAfter) <= 1e-12)
      #expect(abs(newB - event.bAfter) <= 1e-12)
    }
  }
}

/// Counting responses by (item, result) gives the likelihood of summing them one by one.
struct ResponseTallyTests {
  @Test func theTalliedLikelihoodIsTheSumOverEveryResponse() {
    var random = SeededRandom(seed: 11)
    let labelled = [
      IRTItem(a: 1, b: -1, c: 0.25), IRTItem(a: 1.2, b: 0, c: 0.2), IRTItem(a: 1.4, b: 1, c: 0),
    ]
    for size in [0, 1, 7, 3_000] {
      // Mostly labelled items, some calibrated ones with their own parameters.
      let items = (0..<size).map { _ in
        Int.random(in: 0..<10, using: &random) == 0
          ? IRTItem(
            a: Double.random(in: 0.5...2, using: &random),
            b: Double.random(in: -2...2, using: &random), c: 0)
          : labelled[Int.random(in: 0..<3, using: &random)]
      }
      let responses = items.map { _ in Bool.random(using: &random) }
      let tally = ResponseTally(items: items, responses: responses)
      #expect(tally.entries.count <= min(size, 6 + size / 5 + 1))
      for theta in [-3.0, -0.4, 0, 1.7] {
        var direct = 0.0
        for (item, right) in zip(items, responses) {
          let p = min(max(item.probability(at: theta), 1e-300), 1 - 1e-16)
          direct += right ? log(p) : log1p(-p)
        }
        let tallied = tally.logLikelihood(at: theta)
        #expect(abs(tallied - direct) <= 1e-9 * max(1, abs(direct)), "size \(size), θ \(theta)")
      }
    }
  }
}
