import Foundation
import Testing

@testable import SkillQuizKit

/// Replays every reference file in `Fixtures/fsrs/`: drop a new `*.json` there and it is tested.
enum FSRSOracle {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fsrs")

  static var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".json") }.sorted()
  }

  struct File: Decodable {
    let histories: [History]
    let primitives: Primitives?
  }

  struct Scheduler: Decodable {
    let parameters: [Double]
    let desiredRetention: Double
    let learningSteps: [Double]
    let relearningSteps: [Double]
    let maximumInterval: Int

    var fsrs: FSRSScheduler {
      FSRSScheduler(
        parameters: parameters, desiredRetention: desiredRetention,
        learningSteps: learningSteps, relearningSteps: relearningSteps,
        maximumInterval: maximumInterval, enableFuzzing: false)
    }
  }

  struct StartCard: Decodable {
    let state: Int
    let step: Int?
    let stability: Double?
    let difficulty: Double?
    let due: String
    let lastReview: String?
  }

  struct Review: Decodable {
    let rating: Int
    let reviewEpoch: Double
    let state: Int
    let step: Int?
    let stability: Double
    let difficulty: Double
    let dueEpoch: Double
    let retrievabilityBefore: Double?
  }

  struct History: Decodable {
    let id: String
    let scheduler: Scheduler
    let startCard: StartCard
    let reviews: [Review]
  }

  struct Primitives: Decodable {
    struct Interval: Decodable {
      let desiredRetention: Double
      let stability: Double
      let intervalDays: Int
    }
    struct Fuzz: Decodable {
      let intervalDays: Int
      let minIvl: Int
      let maxIvl: Int
      let fuzzedForRandomValue: [String: Int]
    }
    struct NextDifficulty: Decodable {
      let difficulty: Double
      let rating: Int
      let nextDifficulty: Double
    }
    struct ShortTerm: Decodable {
      let stability: Double
      let rating: Int
      let shortTermStability: Double
    }
    let nextInterval: [Interval]
    let fuzz: [Fuzz]
    let nextDifficulty: [NextDifficulty]
    let shortTermStability: [ShortTerm]
  }

  static func load(_ name: String) throws -> File {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(
      File.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
  }

  static func date(_ text: String) -> Date? {
    ISO8601DateFormatter().date(from: text.replacingOccurrences(of: "+00:00", with: "Z"))
  }
}

struct FSRSOracleTests {
  private func close(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= 1e-9 * max(abs(expected), 1e-300)
  }

  @Test func theFixtureFolderHasReferenceFiles() {
    #expect(!FSRSOracle.files.isEmpty)
  }

  @Test(arguments: FSRSOracle.files)
  func everyHistoryReplaysExactly(file: String) throws {
    let oracle = try FSRSOracle.load(file)
    var random = SeededRandom(seed: 1)
    var reviews = 0
    for history in oracle.histories {
      let scheduler = history.scheduler.fsrs
      let start = history.startCard
      var card = FSRSCard(
        state: try #require(FSRSState(rawValue: start.state)), step: start.step,
        stability: start.stability, difficulty: start.difficulty,
        due: try #require(FSRSOracle.date(start.due)),
        lastReview: start.lastReview.flatMap(FSRSOracle.date))
      for (index, review) in history.reviews.enumerated() {
        let now = Date(timeIntervalSince1970: review.reviewEpoch)
        if let expected = review.retrievabilityBefore, card.lastReview != nil {
          let used = scheduler.retrievability(of: card, at: now)
          #expect(abs(used - expected) <= 1e-12, "\(history.id) #\(index) R")
        }
        card = scheduler.review(
          card, rating: try #require(FSRSRating(rawValue: review.rating)), at: now,
          using: &random)
        let place = "\(file) \(history.id) review \(index + 1)"
        #expect(card.state.rawValue == review.state, "\(place): state")
        #expect(card.step == review.step, "\(place): step")
        #expect(
          close(card.stability, review.stability),
          "\(place): stability \(String(describing: card.stability)) vs \(review.stability)")
        #expect(close(card.difficulty, review.difficulty), "\(place): difficulty")
        #expect(card.due.timeIntervalSince1970 == review.dueEpoch, "\(place): due")
        reviews += 1
      }
    }
    #expect(reviews > 0)
  }

  @Test(arguments: FSRSOracle.files)
  func thePrimitivesMatch(file: String) throws {
    guard let primitives = try FSRSOracle.load(file).primitives else { return }
    for row in primitives.nextInterval {
      let scheduler = FSRSScheduler(desiredRetention: row.desiredRetention, enableFuzzing: false)
      #expect(scheduler.interval(stability: row.stability) == row.intervalDays, "\(row.stability)")
    }
    let scheduler = FSRSScheduler(enableFuzzing: false)
    for row in primitives.nextDifficulty {
      let rating = try #require(FSRSRating(rawValue: row.rating))
      #expect(close(scheduler.nextDifficulty(row.difficulty, rating), row.nextDifficulty))
    }
    for row in primitives.shortTermStability {
      let rating = try #require(FSRSRating(rawValue: row.rating))
      #expect(close(scheduler.shortTermStability(row.stability, rating), row.shortTermStability))
    }
    for row in primitives.fuzz {
      let range = scheduler.fuzzRange(interval: row.intervalDays)
      #expect(range.minimum == row.minIvl && range.maximum == row.maxIvl, "\(row.intervalDays)")
      for (draw, expected) in row.fuzzedForRandomValue {
        let value = try #require(Double(draw))
        #expect(
          scheduler.fuzzedInterval(row.intervalDays, random: value) == expected,
          "\(row.intervalDays) at \(draw)")
      }
    }
  }
}
