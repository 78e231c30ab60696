import Foundation

/// A readiness test for one opening: an adaptive classification test across its required
/// skills, which stops once every requirement is decided (met or not met).
///
/// Each next item is the fresh item with the most information at the bar of the requirement
/// furthest from decided (unknown ones and ones with too few answers to decide first, then the
/// one whose P(met) is nearest 0.5). Requirements are balanced: none gets more than half the items while another is still
/// undecided and has items left. It stops when every requirement is decided, when no
/// undecided requirement has a fresh item, or after `maximumItems`.
public struct ReadinessTest: Sendable {
  /// An item that may be asked: its id, parameters, and the skill labels it informs (its area
  /// and `area/topic`).
  public struct Item: Sendable, Hashable {
    public let id: String
    public let parameters: IRTItem
    public let skills: Set<String>

    /// Creates an item.
    public init(id: String, parameters: IRTItem, skills: Set<String>) {
      self.id = id
      self.parameters = parameters
      self.skills = skills
    }
  }

  /// The most items a readiness test asks.
  public static let maximumItems = 40

  /// The requirements tested (the opening's required ones).
  public let requirements: [JobRequirement]
  /// The items that may be asked (never seen before).
  public let items: [Item]
  /// The most items this test asks.
  public let maximumItems: Int
  /// The evidence so far per skill label, earlier evidence included.
  public private(set) var evidence: [String: [ItemResponse]]
  /// The ids asked, in order, with the requirement each was asked for.
  public private(set) var asked: [(id: String, requirement: Int)] = []
  /// Each skill's level, recomputed only when its evidence changes.
  private var levels: [String: SkillLevel] = [:]
  /// Each requirement's bar on the θ scale.
  private let bars: [Double]

  /// Creates a test.
  ///
  /// - Parameters:
  ///   - requirements: The requirements to decide.
  ///   - items: The fresh items.
  ///   - evidence: Earlier evidence per skill label.
  ///   - maximumItems: The most items to ask.
  public init(
    requirements: [JobRequirement], items: [Item], evidence: [String: [ItemResponse]],
    maximumItems: Int = ReadinessTest.maximumItems
  ) {
    self.requirements = requirements
    self.items = items
    self.evidence = evidence
    self.maximumItems = maximumItems
    bars = requirements.map { ReferencePopulation.theta(atPercentile: $0.threshold) }
    for skill in Set(requirements.flatMap(\.skills)) { levels[skill] = Self.level(evidence[skill]) }
  }

  private static func level(_ responses: [ItemResponse]?) -> SkillLevel {
    guard let responses, !responses.isEmpty else { return .notAssessed }
    return .measured(AbilityPosterior(responses), answered: responses.count)
  }

  /// A skill's level from the evidence: its posterior, or not assessed.
  public func level(_ skill: String) -> SkillLevel {
    levels[skill] ?? Self.level(evidence[skill])
  }

  /// A member skill against a requirement's bar: its P(level ≥ bar) (nil when untested),
  /// its status, and its evidence count.
  private func member(_ skill: String, bar: Double) -> (
    probability: Double?, status: RequirementStatus, answered: Int
  ) {
    guard case .measured(let posterior, let answered) = level(skill) else {
      return (nil, .unknown, 0)
    }
    let p = posterior.probability(atLeast: bar)
    return (p, RequirementStatus(probability: p, answered: answered), answered)
  }

  /// Where a requirement stands, by the same rules job matching uses.
  public func status(of index: Int) -> RequirementStatus {
    RequirementStatus.combined(
      requirements[index].skills.map { member($0, bar: bars[index]).status })
  }

  /// P(met) of a requirement (its best tested member); nil while unknown.
  public func probability(of index: Int) -> Double? {
    guard status(of: index) != .unknown else { return nil }
    return requirements[index].skills.compactMap { member($0, bar: bars[index]).probability }.max()
  }

  /// Whether every requirement is decided.
  public var allDecided: Bool { requirements.indices.allSatisfy { status(of: $0).isDecided } }

  /// Whether the test is over.
  public var isFinished: Bool { next() == nil }

  private var askedIDs: Set<String> { Set(asked.map(\.id)) }

  /// The next item (an index into `items`) and the requirement it is asked for; nil when the
  /// test is over.
  public func next() -> (item: Int, requirement: Int)? {
    guard asked.count < maximumItems else { return nil }
    let used = askedIDs
    var candidates: [(requirement: Int, skill: String, priority: Double)] = []
    for index in requirements.indices {
      let members = requirements[index].skills.map { ($0, member($0, bar: bars[index])) }
      let status = RequirementStatus.combined(members.map(\.1.status))
      guard !status.isDecided else { continue }
      // The member to test: not already ruled out, with fresh items, most likely to clear.
      let open = members.compactMap { skill, state -> (String, Double)? in
        guard state.status != .notMet,
          items.contains(where: { $0.skills.contains(skill) && !used.contains($0.id) })
        else { return nil }
        return (
          skill, state.probability ?? AbilityPosterior.prior.probability(atLeast: bars[index])
        )
      }
      guard let chosen = open.max(by: { $0.1 < $1.1 }) else { continue }
      // Furthest from decided: unknown, or too few answers to decide at all (fewest first),
      // then the one whose P(met) is nearest 0.5.
      let answered = members.map(\.1.answered).max() ?? 0
      let probability = members.compactMap(\.1.probability).max() ?? 0.5
      let priority =
        answered < RequirementStatus.minimumAnswers
        ? 2 - Double(answered) / Double(RequirementStatus.minimumAnswers)
        : 0.5 - abs(probability - 0.5)
      candidates.append((index, chosen.0, priority))
    }
    let counts = Dictionary(grouping: asked, by: \.requirement).mapValues(\.count)
    let total = asked.count + 1
    let balanced = candidates.filter {
      Double(counts[$0.requirement, default: 0] + 1) <= Double(total) / 2
    }
    let pool = balanced.isEmpty || candidates.count == 1 ? candidates : balanced
    guard
      let chosen = pool.max(by: {
        ($0.priority, -$0.requirement) < ($1.priority, -$1.requirement)
      })
    else { return nil }
    let bar = bars[chosen.requirement]
    let best = items.indices.filter {
      items[$0].skills.contains(chosen.skill) && !used.contains(items[$0].id)
    }.max {
      let left = items[$0].parameters.information(at: bar)
      let right = items[$1].parameters.information(at: bar)
      return left != right ? left < right : $0 > $1
    }
    return best.map { ($0, chosen.requirement) }
  }

  /// Records the response to an item `next` returned, for every skill it informs; a skip
  /// (`right` nil) uses the item up but is not evidence, as in the skill profile.
  public mutating func record(item index: Int, requirement: Int, right: Bool?) {
    let item = items[index]
    asked.append((item.id, requirement))
    guard let right else { return }
    for skill in item.skills {
      evidence[skill, default: []].append(ItemResponse(item: item.parameters, right: right))
      if levels[skill] != nil { levels[skill] = Self.level(evidence[skill]) }
    }
  }
}
