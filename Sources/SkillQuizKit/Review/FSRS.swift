import Foundation

/// How well a card was recalled, as FSRS grades it.
public enum FSRSRating: Int, Sendable, CaseIterable, Codable {
  case again = 1
  case hard = 2
  case good = 3
  case easy = 4

  /// The rating's name, as Anki shows it.
  public var name: String {
    switch self {
    case .again: "Again"
    case .hard: "Hard"
    case .good: "Good"
    case .easy: "Easy"
    }
  }
}

/// Where a card is in its life.
public enum FSRSState: Int, Sendable, CaseIterable, Codable {
  case learning = 1
  case review = 2
  case relearning = 3
}

/// The memory state of one question: when it is due and how well it is known.
public struct FSRSCard: Sendable, Hashable, Codable {
  /// The card's state.
  public var state: FSRSState
  /// The (re)learning step; nil in review.
  public var step: Int?
  /// Days until recall probability falls to 90%; nil before the first review.
  public var stability: Double?
  /// Difficulty from 1 to 10; nil before the first review.
  public var difficulty: Double?
  /// When the card is next due.
  public var due: Date
  /// When it was last reviewed.
  public var lastReview: Date?

  /// A new card, due at `due`.
  public init(
    state: FSRSState = .learning, step: Int? = 0, stability: Double? = nil,
    difficulty: Double? = nil, due: Date, lastReview: Date? = nil
  ) {
    self.state = state
    self.step = step
    self.stability = stability
    self.difficulty = difficulty
    self.due = due
    self.lastReview = lastReview
  }
}

/// FSRS-6 scheduling, ported from py-fsrs 6.3.2 operation by operation.
public struct FSRSScheduler: Sendable, Hashable {
  /// The default 21 weights of FSRS-6.
  public static let defaultParameters: [Double] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
  ]

  /// The 21 weights.
  public let parameters: [Double]
  /// The recall probability intervals aim for.
  public let desiredRetention: Double
  /// Learning steps, in seconds.
  public let learningSteps: [TimeInterval]
  /// Relearning steps, in seconds.
  public let relearningSteps: [TimeInterval]
  /// The longest interval, in days.
  public let maximumInterval: Int
  /// Whether review intervals are spread randomly, as in Anki.
  public let enableFuzzing: Bool

  static let stabilityMin = 0.001
  static let difficultyMin = 1.0
  static let difficultyMax = 10.0
  static let day: TimeInterval = 86_400

  /// Creates a scheduler; the defaults are py-fsrs's.
  public init(
    parameters: [Double] = Self.defaultParameters, desiredRetention: Double = 0.9,
    learningSteps: [TimeInterval] = [60, 600], relearningSteps: [TimeInterval] = [600],
    maximumInterval: Int = 36_500, enableFuzzing: Bool = true
  ) {
    self.parameters = parameters
    self.desiredRetention = desiredRetention
    self.learningSteps = learningSteps
    self.relearningSteps = relearningSteps
    self.maximumInterval = maximumInterval
    self.enableFuzzing = enableFuzzing
  }

  private var w: [Double] { parameters }
  var decay: Double { -parameters[20] }
  var factor: Double { pow(0.9, 1 / decay) - 1 }

  // MARK: Formulas

  /// The probability of recall after `elapsedDays` whole days at stability `stability`.
  public func retrievability(elapsedDays: Int, stability: Double) -> Double {
    pow(1 + factor * Double(elapsedDays) / stability, decay)
  }

  func initialStability(_ rating: FSRSRating) -> Double {
    max(w[rating.rawValue - 1], Self.stabilityMin)
  }

  func initialDifficulty(_ rating: FSRSRating, clamp: Bool = true) -> Double {
    let value = w[4] - pow(M_E, w[5] * Double(rating.rawValue - 1)) + 1
    return clamp ? clampDifficulty(value) : value
  }

  func clampDifficulty(_ value: Double) -> Double {
    min(max(value, Self.difficultyMin), Self.difficultyMax)
  }

  func nextDifficulty(_ difficulty: Double, _ rating: FSRSRating) -> Double {
    let delta = -(w[6] * Double(rating.rawValue - 3))
    let damped = difficulty + (10.0 - difficulty) * delta / 9.0
    let reverted = w[7] * initialDifficulty(.easy, clamp: false) + (1 - w[7]) * damped
    return clampDifficulty(reverted)
  }

  func shortTermStability(_ stability: Double, _ rating: FSRSRating) -> Double {
    var increase =
      pow(M_E, w[17] * (Double(rating.rawValue) - 3 + w[18])) * pow(stability, -w[19])
    if rating.rawValue >= FSRSRating.hard.rawValue { increase = max(increase, 1.0) }
    return max(stability * increase, Self.stabilityMin)
  }

  func recallStability(_ difficulty: Double, _ stability: Double, _ r: Double, _ rating: FSRSRating)
    -> Double
  {
    let hardPenalty = rating == .hard ? w[15] : 1
    let easyBonus = rating == .easy ? w[16] : 1
    return stability
      * (1 + pow(M_E, w[8]) * (11 - difficulty) * pow(stability, -w[9])
        * (pow(M_E, (1 - r) * w[10]) - 1) * hardPenalty * easyBonus)
  }

  func forgetStability(_ difficulty: Double, _ stability: Double, _ r: Double) -> Double {
    let long =
      w[11] * pow(difficulty, -w[12]) * (pow(stability + 1, w[13]) - 1)
      * pow(M_E, (1 - r) * w[14])
    let short = stability / pow(M_E, w[17] * w[18])
    return min(long, short)
  }

  func nextStability(_ difficulty: Double, _ stability: Double, _ r: Double, _ rating: FSRSRating)
    -> Double
  {
    let value =
      rating == .again
      ? forgetStability(difficulty, stability, r)
      : recallStability(difficulty, stability, r, rating)
    return max(value, Self.stabilityMin)
  }

  /// The raw interval in days before rounding.
  func rawInterval(_ stability: Double) -> Double {
    (stability / factor) * (pow(desiredRetention, 1 / decay) - 1)
  }

  /// The review interval in whole days: rounded half to even, at least 1, at most the maximum.
  public func interval(stability: Double) -> Int {
    let rounded = Int(rawInterval(stability).rounded(.toNearestOrEven))
    return min(max(rounded, 1), maximumInterval)
  }

  /// The range a fuzzed interval is drawn from, as py-fsrs computes it.
  public func fuzzRange(interval: Int) -> (minimum: Int, maximum: Int) {
    let value = Double(interval)
    guard value >= 2.5 else { return (interval, interval) }
    var delta = 1.0
    for (start, end, factor) in [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, Double.infinity, 0.05)]
    {
      delta += factor * max(min(value, end) - start, 0)
    }
    var minimum = max(2, Int((value - delta).rounded(.toNearestOrEven)))
    let maximum = min(Int((value + delta).rounded(.toNearestOrEven)), maximumInterval)
    minimum = min(minimum, maximum)
    return (minimum, maximum)
  }

  /// A fuzzed interval for a draw `random` in [0, 1), as py-fsrs maps it.
  public func fuzzedInterval(_ interval: Int, random: Double) -> Int {
    guard Double(interval) >= 2.5 else { return interval }
    let (minimum, maximum) = fuzzRange(interval: interval)
    let value = (random * Double(maximum - minimum + 1) + Double(minimum)).rounded(.toNearestOrEven)
    return min(Int(value), maximumInterval)
  }

  // MARK: The state machine

  /// Whole days between two instants, floored (a day is 86,400 s).
  static func elapsedDays(from start: Date, to end: Date) -> Int {
    Int((end.timeIntervalSince(start) / day).rounded(.down))
  }

  /// The card after a review with `rating` at `now`.
  ///
  /// - Parameters:
  ///   - card: The card before the review.
  ///   - rating: How well the question was recalled.
  ///   - now: When the review happened.
  ///   - random: The generator for fuzz; used only when fuzzing is on and the card is in review.
  /// - Returns: The updated card.
  public func review(
    _ card: FSRSCard, rating: FSRSRating, at now: Date,
    using random: inout some RandomNumberGenerator
  ) -> FSRSCard {
    var next = card
    let elapsed = card.lastReview.map { Self.elapsedDays(from: $0, to: now) }
    if card.state == .learning, card.stability == nil || card.difficulty == nil {
      next.stability = initialStability(rating)
      next.difficulty = initialDifficulty(rating)
    } else if let elapsed, elapsed < 1, let stability = card.stability,
      let difficulty = card.difficulty
    {
      next.stability = shortTermStability(stability, rating)
      next.difficulty = nextDifficulty(difficulty, rating)
    } else if let stability = card.stability, let difficulty = card.difficulty {
      let r =
        card.lastReview == nil
        ? 0 : retrievability(elapsedDays: max(0, elapsed ?? 0), stability: stability)
      next.stability = nextStability(difficulty, stability, r, rating)
      next.difficulty = nextDifficulty(difficulty, rating)
    }
    let stability = next.stability ?? Self.stabilityMin
    var intervalSeconds: TimeInterval
    var days: Int?
    func graduate() {
      next.state = .review
      next.step = nil
      days = interval(stability: stability)
    }
    switch card.state {
    case .learning, .relearning:
      let steps = card.state == .learning ? learningSteps : relearningSteps
      let step = card.step ?? 0
      if steps.isEmpty || (step >= steps.count && rating != .again) {
        graduate()
      } else {
        switch rating {
        case .again:
          next.step = 0
        case .hard:
          next.step = step
        case .good:
          if step + 1 == steps.count {
            graduate()
          } else {
            next.step = step + 1
          }
        case .easy:
          graduate()
        }
      }
      if days == nil {
        switch rating {
        case .hard where step == 0 && steps.count == 1: intervalSeconds = steps[0] * 1.5
        case .hard where step == 0: intervalSeconds = (steps[0] + steps[1]) / 2
        case .hard: intervalSeconds = steps[step]
        default: intervalSeconds = steps[next.step ?? 0]
        }
      } else {
        intervalSeconds = 0
      }
    case .review:
      if rating == .again, let first = relearningSteps.first {
        next.state = .relearning
        next.step = 0
        intervalSeconds = first
      } else {
        days = interval(stability: stability)
        intervalSeconds = 0
      }
    }
    if var whole = days {
      if enableFuzzing, next.state == .review {
        whole = fuzzedInterval(whole, random: Double.random(in: 0..<1, using: &random))
      }
      intervalSeconds = Double(whole) * Self.day
    }
    next.due = now.addingTimeInterval(intervalSeconds)
    next.lastReview = now
    return next
  }

  /// The probability of recalling a card at `now`; 0 for a card never reviewed.
  public func retrievability(of card: FSRSCard, at now: Date) -> Double {
    guard let last = card.lastReview, let stability = card.stability else { return 0 }
    return retrievability(
      elapsedDays: max(0, Self.elapsedDays(from: last, to: now)), stability: stability)
  }
}
