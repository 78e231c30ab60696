import Foundation

/// An ability estimate reported on the 0–300 scale, with percentile and band.
public struct SkillScore: Sendable, Hashable {
  /// The estimate it reports.
  public let estimate: AbilityEstimate

  /// Creates a report of an estimate.
  public init(_ estimate: AbilityEstimate) {
    self.estimate = estimate
  }

  /// The band of a percentile.
  public enum Band: String, Sendable, CaseIterable {
    case novice = "Novice"
    case proficient = "Proficient"
    case expert = "Expert"
  }

  /// clamp(150 + 50θ, 0, 300).
  public var score: Double { min(300, max(0, 150 + 50 * estimate.theta)) }
  /// The uncertainty on the score scale: 50 × the posterior SD.
  public var margin: Double { 50 * estimate.standardError }
  /// 100 Φ(θ), against an N(0, 1) population.
  public var percentile: Double { ReferencePopulation.percentile(estimate.theta) }

  /// Novice below the 20th percentile, Expert from the 80th, Proficient between.
  public var band: Band {
    if percentile < 20 { return .novice }
    if percentile < 80 { return .proficient }
    return .expert
  }

  /// Novice, Emerging, Average, Above Average or Expert.
  public var subBand: String {
    switch percentile {
    case ..<20: "Novice"
    case ..<40: "Emerging"
    case ..<60: "Average"
    case ..<80: "Above Average"
    default: "Expert"
    }
  }

  /// "Proficient (Above Average)", "Novice" or "Expert".
  public var bandText: String {
    band == .proficient ? "Proficient (\(subBand))" : band.rawValue
  }

  /// "168 ± 22", rounded.
  public var text: String { "\(Int(score.rounded())) ± \(Int(margin.rounded()))" }
}

/// When an adaptive test stops.
public struct StopRule: Sendable, Hashable {
  /// Never stop before this many items.
  public var minimumItems = 8
  /// Always stop after this many items.
  public var maximumItems = 25
  /// Stop once the posterior SD falls below this.
  public var targetStandardError = 0.35

  /// Creates a rule.
  public init(minimumItems: Int = 8, maximumItems: Int = 25, targetStandardError: Double = 0.35) {
    self.minimumItems = minimumItems
    self.maximumItems = maximumItems
    self.targetStandardError = targetStandardError
  }

  /// Whether to stop after `administered` items with this estimate, when `remaining` are left.
  public func shouldStop(administered: Int, remaining: Int, estimate: AbilityEstimate) -> Bool {
    if administered >= maximumItems || remaining == 0 { return true }
    if administered < minimumItems { return false }
    return estimate.standardError < targetStandardError
  }
}

/// An adaptive test in progress: picks the next item, updates the estimate, decides when to stop.
public struct AdaptiveTest: Sendable {
  /// The items that may be asked.
  public let bank: [IRTItem]
  /// The rule for stopping.
  public let stopRule: StopRule
  /// Where the estimate starts (0, or the last estimate for the area).
  public let startTheta: Double
  /// Indices of the items asked, in order.
  public private(set) var administered: [Int] = []
  /// The responses, in order.
  public private(set) var responses: [Bool] = []

  /// Creates a test over a bank.
  public init(bank: [IRTItem], stopRule: StopRule = StopRule(), startTheta: Double = 0) {
    self.bank = bank
    self.stopRule = stopRule
    self.startTheta = startTheta
  }

  /// The current estimate (the prior mean shifted to the start before any answer).
  public var estimate: AbilityEstimate {
    guard !administered.isEmpty else { return AbilityEstimate(theta: startTheta, standardError: 1) }
    return IRT.eap(items: administered.map { bank[$0] }, responses: responses)
  }

  /// The next item: random among the three most informative at the current estimate.
  public func nextItem(using random: inout some RandomNumberGenerator) -> Int? {
    guard !isFinished else { return nil }
    return IRT.randomesqueItem(
      bank, administered: Set(administered), at: estimate.theta, binSize: 3, using: &random)
  }

  /// Records a response to an item.
  public mutating func record(item: Int, right: Bool) {
    administered.append(item)
    responses.append(right)
  }

  /// Whether the stop rule says the test is done.
  public var isFinished: Bool {
    stopRule.shouldStop(
      administered: administered.count, remaining: bank.count - administered.count,
      estimate: estimate)
  }

  /// About how many more items, of the kind still available, would halve the error; nil when
  /// the bank cannot provide them.
  public var itemsToHalveError: Int? {
    let current = estimate
    let added = 3 / (current.standardError * current.standardError)
    let ranked = IRT.rankByInformation(bank, administered: Set(administered), at: current.theta)
    var gained = 0.0
    for (count, index) in ranked.enumerated() {
      gained += bank[index].information(at: current.theta)
      if gained >= added { return count + 1 }
    }
    return nil
  }
}
