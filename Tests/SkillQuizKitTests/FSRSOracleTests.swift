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
    let desired_retention: Double
    let learning_steps: [Double]
    let relearning_steps: [Double]
    let maximum_interval: Int

    var fsrs: FSRSScheduler {
      FSRSScheduler(
        parameters: parameters, desiredRetention: desired_retention,
        learningSteps: learning_steps, relearningSteps: relearning_steps,
        maximumInterval: maximum_interval, enableFuzzing: false)
    }
  }

  struct StartCard: Decodable {
    let state: Int
    let step: Int?
    let stability: Double?
    let difficulty: Double?
    let due: String
    let last_review: String?
  }

  struct Review: Decodable {
    let rating: Int
    let review_epoch: Double
    let state: Int
    let step: Int?
    let stability: Double
    let difficulty: Double
    let due_epoch: Double
    let retrievability_before: Double?
  }

  struct History: Decodable {
    let id: String
    let scheduler: Scheduler
    let start_card: StartCard
    let reviews: [Review]
  }

  struct Primitives: Decodable {
    struct Interval: Decodable {
      let desired_retention: Double
      let stability: Double
      let interval_days: Int
    }
    struct Fuzz: Decodable {
      let interval_days: Int
      let min_ivl: Int
      let max_ivl: Int
      let fuzzed_for_random_value: [String: Int]
    }
    struct NextDifficulty: Decodable {
      let difficulty: Double
      let rating: Int
      let next_difficulty: Double
    }
    struct ShortTerm: Decodable {
      let stability: Double
      let rating: Int
      let short_term_stability: Double
    }
    let next_interval: [Interval]
    let fuzz: [Fuzz]
    let next_difficulty: [NextDifficulty]
    let short_term_stability: [ShortTerm]
  }

  static func load(_ name: String) throws -> File {
    try JSONDecoder().decode(File.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
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
      let start = history.start_card
      var card = FSRSCard(
        state: try #require(FSRSState(rawValue: start.state)), step: start.step,
        stability: start.stability, difficulty: start.difficulty,
        due: try #require(FSRSOracle.date(start.due)),
        lastReview: start.last_review.flatMap(FSRSOracle.date))
      for (index, review) in history.reviews.enumerated() {
        let now = Date(timeIntervalSince1970: review.review_epoch)
        if let expected = review.retrievability_before, card.lastReview != nil {
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
        #expect(card.due.timeIntervalSince1970 == review.due_epoch, "\(place): due")
        reviews += 1
      }
    }
    #expect(reviews > 0)
  }

  @Test(arguments: FSRSOracle.files)
  func thePrimitivesMatch(file: String) throws {
    guard let primitives = try FSRSOracle.load(file).primitives else { return }
    for row in primitives.next_interval {
      let scheduler = FSRSScheduler(desiredRetention: row.desired_retention, enableFuzzing: false)
      #expect(scheduler.interval(stability: row.stability) == row.interval_days, "\(row.stability)")
    }
    let scheduler = FSRSScheduler(enableFuzzing: false)
    for row in primitives.next_difficulty {
      let rating = try #require(FSRSRating(rawValue: row.rating))
      #expect(close(scheduler.nextDifficulty(row.difficulty, rating), row.next_difficulty))
    }
    for row in primitives.short_term_stability {
      let rating = try #require(FSRSRating(rawValue: row.rating))
      #expect(close(scheduler.shortTermStability(row.stability, rating), row.short_term_stability))
    }
    for row in primitives.fuzz {
      let range = scheduler.fuzzRange(interval: row.interval_days)
      #expect(range.minimum == row.min_ivl && range.maximum == row.max_ivl, "\(row.interval_days)")
      for (draw, expected) in row.fuzzed_for_random_value {
        let value = try #require(Double(draw))
        #expect(
          scheduler.fuzzedInterval(row.interval_days, random: value) == expected,
          "\(row.interval_days) at \(draw)")
      }
    }
  }
}
