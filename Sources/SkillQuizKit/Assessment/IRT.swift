import Foundation

/// An item's parameters in the four-parameter logistic model (3PL when `d` is 1).
public struct IRTItem: Sendable, Hashable, Codable {
  /// Discrimination.
  public var a: Double
  /// Difficulty, on the ability (logit) scale.
  public var b: Double
  /// Pseudo-guessing: the chance of a right answer by luck.
  public var c: Double
  /// Upper asymptote.
  public var d: Double

  /// Creates an item.
  public init(a: Double = 1, b: Double, c: Double = 0, d: Double = 1) {
    self.a = a
    self.b = b
    self.c = c
    self.d = d
  }

  /// The probability of a right answer at ability `theta`.
  public func probability(at theta: Double) -> Double {
    c + (d - c) / (1 + exp(-a * (theta - b)))
  }

  /// The Fisher information the item gives at `theta`.
  public func information(at theta: Double) -> Double {
    let p = probability(at: theta)
    return (a * a * (p - c) * (p - c) * (d - p) * (d - p)) / ((d - c) * (d - c) * p * (1 - p))
  }
}

/// Gauss–Legendre quadrature nodes and weights on an interval.
public struct Quadrature: Sendable, Hashable {
  /// The nodes.
  public let nodes: [Double]
  /// The weights.
  public let weights: [Double]

  /// The rule girth uses by default: 41 points on [−4.5, 4.5].
  public static let girth = Quadrature(points: 41, from: -4.5, to: 4.5)

  /// Computes an `points`-point Gauss–Legendre rule on [`lower`, `upper`] by Newton's method.
  public init(points n: Int, from lower: Double, to upper: Double) {
    var nodes = [Double](repeating: 0, count: n)
    var weights = [Double](repeating: 0, count: n)
    for i in 1...n {
      var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        var p0 = 1.0
        var p1 = x
        for k in 2...n {
          let p2 = ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k)
          p0 = p1
          p1 = p2
        }
        derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
        let step = p1 / derivative
        x -= step
        if abs(step) < 1e-16 { break }
      }
      let half = (upper - lower) / 2
      let middle = (upper + lower) / 2
      nodes[n - i] = middle + half * x
      weights[n - i] = half * 2 / ((1 - x * x) * derivative * derivative)
    }
    self.nodes = nodes
    self.weights = weights
  }

  /// A rule from given nodes and weights.
  public init(nodes: [Double], weights: [Double]) {
    self.nodes = nodes
    self.weights = weights
  }
}

/// An ability estimate with its posterior standard deviation.
public struct AbilityEstimate: Sendable, Hashable, Codable {
  /// The estimate, on the logit scale.
  public let theta: Double
  /// The posterior standard deviation.
  public let standardError: Double

  /// Creates an estimate.
  public init(theta: Double, standardError: Double) {
    self.theta = theta
    self.standardError = standardError
  }
}

/// Item response theory: estimation, item selection and reporting.
public enum IRT {
  /// The expected a posteriori ability with an N(0, 1) prior, and its posterior SD.
  ///
  /// The posterior is summed in log space, so it stays finite over any number of responses.
  public static func eap(
    items: [IRTItem], responses: [Bool], quadrature: Quadrature = .girth
  ) -> AbilityEstimate {
    let tally = ResponseTally(items: items, responses: responses)
    let logs = zip(quadrature.nodes, quadrature.weights).map { x, w in
      tally.logLikelihood(at: x) - 0.5 * x * x + log(w)
    }
    let top = logs.max() ?? 0
    let posterior = logs.map { exp($0 - top) }
    let denominator = posterior.reduce(0, +)
    let mean = zip(posterior, quadrature.nodes).reduce(0) { $0 + $1.0 * $1.1 } / denominator
    let variance =
      zip(posterior, quadrature.nodes).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }
      / denominator
    return AbilityEstimate(theta: mean, standardError: variance.squareRoot())
  }

  /// The log-likelihood of the responses at `theta`; probabilities are kept off 0 and 1.
  static func logLikelihood(items: [IRTItem], responses: [Bool], at theta: Double) -> Double {
    ResponseTally(items: items, responses: responses).logLikelihood(at: theta)
  }

  /// The indices of not yet administered items, most informative at `theta` first; ties go
  /// to the lower index.
  public static func rankByInformation(
    _ bank: [IRTItem], administered: Set<Int>, at theta: Double
  ) -> [Int] {
    bank.indices.filter { !administered.contains($0) }
      .map { ($0, bank[$0].information(at: theta)) }
      .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
      .map(\.0)
  }

  /// The unadministered item with maximum information at `theta` (lowest index on ties).
  public static func maximumInformationItem(
    _ bank: [IRTItem], administered: Set<Int>, at theta: Double
  ) -> Int? {
    rankByInformation(bank, administered: administered, at: theta).first
  }

  /// Randomesque exposure control: a random pick among the `binSize` most informative items.
  public static func randomesqueItem(
    _ bank: [IRTItem], administered: Set<Int>, at theta: Double, binSize: Int = 3,
    using random: inout some RandomNumberGenerator
  ) -> Int? {
    let top = rankByInformation(bank, administered: administered, at: theta).prefix(binSize)
    return top.randomElement(using: &random)
  }

  /// The information a set of items gives at `theta`.
  public static func testInformation(_ items: [IRTItem], at theta: Double) -> Double {
    items.reduce(0) { $0 + $1.information(at: theta) }
  }

  /// One Elo-style update of a user's ability and an item's difficulty after an answer.
  ///
  /// - Parameters:
  ///   - theta: The user's ability before the answer.
  ///   - b: The item's difficulty before the answer.
  ///   - right: Whether the answer was right.
  ///   - userAnswers: Answers the user gave before this one.
  ///   - itemAnswers: Answers the item received before this one.
  ///   - alpha: The step size at the start.
  ///   - beta: How fast the step shrinks with experience.
  /// - Returns: The updated ability and difficulty.
  public static func eloUpdate(
    theta: Double, b: Double, right: Bool, userAnswers: Int, itemAnswers: Int,
    alpha: Double = 1, beta: Double = 0.05
  ) -> (theta: Double, b: Double) {
    let p = 1 / (1 + exp(-(theta - b)))
    let x = right ? 1.0 : 0.0
    let userStep = alpha / (1 + beta * Double(userAnswers))
    let itemStep = alpha / (1 + beta * Double(itemAnswers))
    return (theta + userStep * (x - p), b - itemStep * (x - p))
  }
}

/// Responses counted by item and result, so that a likelihood costs one term per distinct
/// pair instead of one per response.
///
/// Items take their parameters from a difficulty label unless calibrated, so a scope with
/// thousands of answers holds a handful of distinct items: the profile of a million answers
/// then costs what a few answers cost.
struct ResponseTally {
  private struct Key: Hashable {
    let item: IRTItem
    let right: Bool
  }

  /// Each distinct (item, result) in first-seen order, with how many times it was given.
  private(set) var entries: [(item: IRTItem, right: Bool, count: Double)] = []

  init(items: [IRTItem], responses: [Bool]) {
    var position: [Key: Int] = [:]
    for (item, right) in zip(items, responses) {
      let key = Key(item: item, right: right)
      if let index = position[key] {
        entries[index].count += 1
      } else {
        position[key] = entries.count
        entries.append((item, right, 1))
      }
    }
  }

  /// The log-likelihood at `theta`; probabilities are kept off 0 and 1.
  func logLikelihood(at theta: Double) -> Double {
    var sum = 0.0
    for (item, right, count) in entries {
      let p = min(max(item.probability(at: theta), 1e-300), 1 - 1e-16)
      sum += count * (right ? log(p) : log1p(-p))
    }
    return sum
  }
}
