import Foundation

/// The posterior of an ability on a fine grid, for questions about a bar: how likely the
/// ability is at least a threshold, and where its quantiles lie.
///
/// The prior is N(0, 1), the model's reference population, so a scope with no evidence has
/// the prior as its posterior.
public struct AbilityPosterior: Sendable, Hashable {
  /// The grid points, evenly spaced on [−5, 5].
  public let nodes: [Double]
  /// The posterior mass at each point; they sum to 1.
  public let weights: [Double]

  /// The grid: 201 points, 0.05 apart.
  static let grid: [Double] = (0...200).map { -5 + Double($0) * 0.05 }

  /// The posterior after `responses` to `items` (empty: the prior).
  public init(items: [IRTItem], responses: [Bool]) {
    let tally = ResponseTally(items: items, responses: responses)
    let logs = Self.grid.map { x in tally.logLikelihood(at: x) - 0.5 * x * x }
    let top = logs.max() ?? 0
    let mass = logs.map { exp($0 - top) }
    let total = mass.reduce(0, +)
    nodes = Self.grid
    weights = mass.map { $0 / total }
  }

  /// The posterior mean of θ.
  public var mean: Double { zip(nodes, weights).reduce(0) { $0 + $1.0 * $1.1 } }

  /// The reference-population percentile of each grid point.
  static let gridPercentiles: [Double] = grid.map(ReferencePopulation.percentile)

  /// The expected value of `f(percentile)`, where percentile is that of θ in the reference
  /// population.
  public func expectedValue(ofPercentile f: (Double) -> Double) -> Double {
    zip(Self.gridPercentiles, weights).reduce(0) { $0 + $1.1 * f($1.0) }
  }

  /// The posterior after scored responses.
  public init(_ responses: [ItemResponse]) {
    self.init(items: responses.map(\.item), responses: responses.map(\.right))
  }

  /// The N(0, 1) prior.
  public static let prior = AbilityPosterior(items: [], responses: [])

  /// P(θ ≥ `theta`), with the mass of the point the bar falls in split linearly.
  public func probability(atLeast theta: Double) -> Double {
    let step = 0.05
    var sum = 0.0
    for (x, w) in zip(nodes, weights) {
      let low = x - step / 2
      let high = x + step / 2
      if low >= theta {
        sum += w
      } else if high > theta {
        sum += w * (high - theta) / step
      }
    }
    return min(1, max(0, sum))
  }

  /// The θ below which a share `q` of the posterior lies.
  public func quantile(_ q: Double) -> Double {
    let step = 0.05
    var below = 0.0
    for (x, w) in zip(nodes, weights) {
      if below + w >= q {
        let fraction = w > 0 ? (q - below) / w : 0
        return x - step / 2 + fraction * step
      }
      below += w
    }
    return nodes.last ?? 0
  }
}

/// One scored response: the item asked and whether the answer was fully right.
public struct ItemResponse: Sendable, Hashable {
  public let item: IRTItem
  public let right: Bool

  /// Creates a response.
  public init(item: IRTItem, right: Bool) {
    self.item = item
    self.right = right
  }
}

/// Percentiles of the model's reference population, N(0, 1).
public enum ReferencePopulation {
  /// 100 Φ(θ).
  public static func percentile(_ theta: Double) -> Double {
    50 * erfc(-theta / 2.0.squareRoot())
  }

  /// The θ at a percentile (0–100): the inverse of `percentile`, by bisection.
  public static func theta(atPercentile percentile: Double) -> Double {
    let target = min(99.9999, max(0.0001, percentile))
    var low = -8.0
    var high = 8.0
    for _ in 0..<56 {
      let middle = (low + high) / 2
      if Self.percentile(middle) < target { low = middle } else { high = middle }
    }
    return (low + high) / 2
  }
}

/// How much more evidence would settle whether an ability clears a bar.
public enum DecisionForecast {
  /// About how many more items, each giving `itemInformation` at the bar, would bring
  /// P(θ ≥ bar) to 0.8 or 0.2: the posterior SD must shrink to d / 0.84, where d is the
  /// distance of the estimate from the bar, or the typical distance of the true level from
  /// the estimate (0.674 SD, the median of |θ − θ̂|) when that is larger.
  public static func itemsToDecide(
    estimate: AbilityEstimate, bar: Double, itemInformation: Double
  ) -> Int? {
    guard itemInformation > 1e-6 else { return nil }
    let distance = max(abs(estimate.theta - bar), 0.674 * estimate.standardError)
    let neededSD = distance / 0.8416
    let added = 1 / (neededSD * neededSD) - 1 / (estimate.standardError * estimate.standardError)
    return max(1, Int((added / itemInformation).rounded(.up)))
  }
}
