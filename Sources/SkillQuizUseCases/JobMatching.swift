import Foundation
import SkillQuizKit
import SkillQuizStore
import Synchronization

/// One opening's place in the ranking, before the opening itself is read.
public struct RankedOpening: Sendable, Hashable {
  /// The number `jobs` shows, from 1.
  public let rank: Int
  /// The opening's id.
  public let id: String
  /// Where the store keeps it.
  let key: Int64
  /// What it is ranked by.
  public let rankKey: RankKey
}

/// `jobs`, `jobs show` and `plan`: the openings matched against the user's measured levels.
///
/// Every opening is ranked from its outline in the store (each distinct requirement evaluated
/// once against the profile); only the openings shown are read whole and matched in full.
public struct JobMatching: Sendable {
  /// Every opening, ranked best first.
  public let ranking: [RankedOpening]
  /// Problems found in `openings.yaml` (those openings are left out).
  public let problems: [BankDiagnostic]
  /// The career level used for the seniority factor.
  public let seniority: SeniorityLevel?
  /// Whether the levels come from a what-if file rather than measurement.
  public let isWhatIf: Bool
  /// Whether nothing has been measured, so every requirement is unknown.
  public let nothingMeasured: Bool

  /// The measured profile the levels come from; nil for a what-if.
  public let profile: SkillProfile?
  let library: QuestionLibrary
  let levels: SkillLevels
  let store: AnswerStore
  /// The unseen assessment items of each scope asked about, fetched once per run.
  private let freshItems = FreshItems()

  /// How many of the best openings `plan` weighs when no opening is named.
  public static let planBreadth = 5

  /// Loads the openings and the levels: measured, or from a what-if profile file.
  ///
  /// - Parameters:
  ///   - workspace: The banks, the database and the clock.
  ///   - whatIfProfile: A JSON file `{"skill-or-topic": 0-100}` used instead of measurement.
  ///   - level: A career level that overrides the stored one.
  /// - Throws: The openings file or the database failed, or the profile is not usable.
  public init(_ workspace: Workspace, whatIfProfile: String? = nil, level: SeniorityLevel? = nil)
    throws(any Error)
  {
    problems = try OpeningsLoader.sync(workspace)
    let levels: SkillLevels
    if let whatIfProfile {
      levels = SkillLevels(
        profile: nil,
        overrides: try SkillLevels.whatIf(whatIfProfile, catalog: workspace.library.catalog))
    } else {
      levels = SkillLevels(profile: try workspace.profile(), overrides: nil)
    }
    self.levels = levels
    profile = levels.profile
    library = workspace.library
    store = workspace.store
    isWhatIf = whatIfProfile != nil
    let seniority = try level ?? workspace.store.settings.level()
    self.seniority = seniority
    let (outlines, kinds) = try workspace.store.openings.outlines()
    var scorer = RequirementScorer(level: levels.level, kinds: kinds)
    let keyed = outlines.map { stored in
      (
        stored.key,
        JobMatcher.rankKey(stored.outline, scorer: &scorer, seniority: seniority)
      )
    }
    ranking = keyed.sorted { $0.1 < $1.1 }.enumerated().map {
      RankedOpening(
        rank: $0.offset + 1, id: $0.element.1.id, key: $0.element.0, rankKey: $0.element.1)
    }
    nothingMeasured = !scorer.anyMeasured
  }

  /// The full matches of some ranked openings, in the order given.
  ///
  /// - Throws: `StoreError` when the openings cannot be read.
  public func matches(_ entries: [RankedOpening]) throws(any Error) -> [(
    rank: Int, match: JobMatch
  )] {
    let openings = try store.openings.openings(keys: entries.map(\.key))
    var scorer = RequirementScorer(level: levels.level)
    return entries.compactMap { entry in
      openings[entry.key].map {
        (entry.rank, JobMatcher.match($0, scorer: &scorer, seniority: seniority))
      }
    }
  }

  /// The best `count` openings, matched in full.
  public func top(_ count: Int) throws(any Error) -> [(rank: Int, match: JobMatch)] {
    try matches(Array(ranking.prefix(count)))
  }

  /// For a requirement not yet decided: the skill to assess (a label) and about how many more
  /// fresh questions of it would decide the requirement; nil items when none are left.
  public func itemsToDecide(_ result: RequirementResult) -> (skill: String, items: Int?)? {
    guard !isWhatIf, !result.status.isDecided else { return nil }
    let skill = result.bestSkill ?? result.requirement.skills[0]
    guard let scope = library.catalog.scope(named: skill) else { return nil }
    let bar = ReferencePopulation.theta(atPercentile: result.requirement.threshold)
    let information = Self.largest(
      10,
      of: freshItems.items(in: scope) { scope in
        let seen = profile?.seen ?? []
        return AssessmentFlow.poolItems(in: scope, library: library)
          .filter { !seen.contains($0.id) }.map(\.item)
      }.lazy.map { $0.information(at: bar) })
    guard !information.isEmpty else { return (skill, nil) }
    let estimate =
      profile?.entry(scope.label)?.estimate ?? AbilityEstimate(theta: 0, standardError: 1)
    return (
      skill,
      DecisionForecast.itemsToDecide(
        estimate: estimate, bar: bar,
        itemInformation: information.reduce(0, +) / Double(information.count))
    )
  }

  /// The `count` largest values, largest first, in one pass (the pools hold thousands).
  static func largest(_ count: Int, of values: some Sequence<Double>) -> [Double] {
    var kept: [Double] = []
    kept.reserveCapacity(count + 1)
    for value in values where kept.count < count || value > kept[kept.count - 1] {
      let position = kept.firstIndex { $0 < value } ?? kept.count
      kept.insert(value, at: position)
      if kept.count > count { kept.removeLast() }
    }
    return kept
  }

  /// The first `limit` openings that pass the filters, matched in full, with their rank, and
  /// the ids of every opening the filters hide, in rank order.
  ///
  /// The filters are SQL over the indexed columns; only the openings shown are read whole.
  public func filtered(_ filters: JobFilters, limit: Int) throws(any Error) -> (
    shown: [(rank: Int, match: JobMatch)], hidden: [String]
  ) {
    guard let admitted = try store.openings.admitted(filters) else {
      return (try top(limit), [])
    }
    var shown: [RankedOpening] = []
    var hidden: [String] = []
    for entry in ranking {
      if admitted.contains(entry.key) {
        if shown.count < limit { shown.append(entry) }
      } else {
        hidden.append(entry.id)
      }
    }
    return (try matches(shown), hidden)
  }

  /// The opening an argument names: its id, the rank number `jobs` shows, or a unique prefix.
  public func opening(_ reference: String) throws(any Error) -> (rank: Int, match: JobMatch) {
    guard let entry = try entry(reference), let found = try matches([entry]).first else {
      throw UseCaseError.unknownOpening(
        reference, suggestions: closestMatches(to: reference, among: ids, limit: 2))
    }
    return found
  }

  private func entry(_ reference: String) throws(UseCaseError) -> RankedOpening? {
    if let exact = ranking.first(where: { $0.id == reference }) { return exact }
    if let number = Int(reference), let byRank = ranking.first(where: { $0.rank == number }) {
      return byRank
    }
    let prefixed = ranking.filter { $0.id.hasPrefix(reference) }
    if prefixed.count == 1, let only = prefixed.first { return only }
    if prefixed.count > 1 {
      throw .ambiguousOpening(reference, matches: prefixed.map(\.id))
    }
    return nil
  }

  /// What to learn next: for one opening, or across the best `planBreadth` openings.
  public func plan(for reference: String?) throws(any Error) -> JobPlan {
    let weighed =
      try reference.map { reference throws(any Error) in [try opening(reference)] }
      ?? top(Self.planBreadth)
    return JobPlan(
      steps: JobPlanner.plan(weighed.map(\.match)), weighed: weighed,
      isForOneOpening: reference != nil)
  }

  /// The ids of every opening, for completion.
  public var ids: [String] { ranking.map(\.id) }
}

/// The result of `plan`.
public struct JobPlan: Sendable {
  /// The skills that would add the most points, best first.
  public let steps: [JobPlanStep]
  /// The openings weighed, with their ranks.
  public let weighed: [(rank: Int, match: JobMatch)]
  /// Whether one opening was named.
  public let isForOneOpening: Bool
}

/// Where `jobs`, `plan` and `report` read the openings: `openings.yaml` in the banks folder,
/// synced into the database when it changes, plus the ones imported into the database.
public enum OpeningsLoader {
  /// `openings.yaml` could not be read.
  public struct MissingFile: Error, CustomStringConvertible {
    let path: String
    public var description: String {
      "no openings file at \(path); add one (see QuestionBanks/README.md) or import postings"
    }
  }

  /// Brings the stored openings up to date: parses `openings.yaml` only when its contents (or
  /// the skills it is read against) changed since the last sync, and indexes imported ones
  /// that are not yet.
  ///
  /// - Returns: The problems found in `openings.yaml` (openings with problems are left out).
  public static func sync(_ workspace: Workspace) throws(any Error) -> [BankDiagnostic] {
    let url = workspace.banksFolder.appendingPathComponent("openings.yaml")
    let openings = workspace.store.openings
    try openings.indexImportedIfNeeded()
    let signature = Self.signature(of: url.path, catalog: workspace.library.catalog)
    if let signature, let problems = try openings.shippedProblems(signature: signature) {
      return problems
    }
    let text: String
    do {
      text = try InputFile.read(
        url.path, limit: YAMLLimits.banks.maximumBytes, expecting: "an openings.yaml file")
    } catch {
      guard error.reason != .notFound else { throw MissingFile(path: url.path) }
      throw UseCaseError.invalid(error.description)
    }
    let catalog = workspace.library.catalog
    let file = BankFile(path: url.path, contents: text)
    let fingerprint = OpeningsParser.fingerprint(file, catalog: catalog)
    if let problems = try openings.shippedProblems(fingerprint: fingerprint) {
      if let signature { try openings.recordSignature(signature, fingerprint: fingerprint) }
      return problems
    }
    let (parsed, problems) = OpeningsParser.parse(file, catalog: catalog)
    try openings.replaceShipped(
      parsed, problems: problems, fingerprint: fingerprint, signature: signature ?? "")
    return problems
  }

  /// What identifies the file as last written, without reading it: its `FileStamp`, with its
  /// path and the catalog's skill names; nil when it cannot be told.
  static func signature(of path: String, catalog: SkillCatalog) -> String? {
    guard let stamp = FileStamp(path: path, regularOnly: true) else { return nil }
    return "\(stamp.text)|"
      + OpeningsParser.fingerprint(BankFile(path: path, contents: ""), catalog: catalog)
  }

  /// Every opening, read whole: `openings.yaml`'s, then the imported ones by id.
  public static func load(_ workspace: Workspace) throws(any Error) -> (
    openings: [JobOpening], problems: [BankDiagnostic]
  ) {
    let problems = try sync(workspace)
    let stored = try workspace.store.openings.outlines().outlines
    let openings = try workspace.store.openings.openings(keys: stored.map(\.key))
    return (stored.compactMap { openings[$0.key] }, problems)
  }
}

/// Where a user's skill levels come from for matching: the measured profile or a what-if file.
public struct SkillLevels: Sendable {
  let profile: SkillProfile?
  let overrides: [String: Double]?

  /// The level of an area or topic label: its posterior, or a what-if level taken as certain.
  public func level(_ label: String) -> SkillLevel {
    if let overrides { return overrides[label].map { .certain($0) } ?? .notAssessed }
    guard let entry = profile?.entry(label), entry.answered > 0 else { return .notAssessed }
    return .measured(entry.posterior, answered: entry.answered)
  }

  /// Reads a what-if profile: JSON `{"skill-or-topic": score 0-100}`.
  static func whatIf(_ path: String, catalog: SkillCatalog) throws(UseCaseError) -> [String:
    Double]
  {
    let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
    let text: String
    do {
      text = try InputFile.read(
        url.path, limit: 1 << 20, expecting: "a JSON file such as {\"python\": 80}")
    } catch {
      throw .invalid(error.description)
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else {
      throw .invalid(
        "the profile '\(path)' is not a JSON object; write {\"python\": 80, \"sql\": 65}")
    }
    var result: [String: Double] = [:]
    for (key, value) in object {
      guard let scope = catalog.scope(named: key) else {
        throw .invalid("unknown skill '\(key)' in '\(path)'; use ids from skills.yaml")
      }
      guard let number = value as? Double ?? (value as? Int).map(Double.init),
        (0...100).contains(number)
      else {
        throw .invalid("'\(key)' in '\(path)' must be a number from 0 to 100")
      }
      result[scope.label] = number
    }
    return result
  }
}

/// The unseen items of each scope, kept for one `JobMatching`: `jobs` asks "how many questions
/// would decide" for every undecided requirement shown, and many share a scope.
private final class FreshItems: Sendable {
  private let byScope = Mutex<[String: [IRTItem]]>([:])

  func items(in scope: SkillScope, fetch: (SkillScope) -> [IRTItem]) -> [IRTItem] {
    if let known = byScope.withLock({ $0[scope.label] }) { return known }
    let items = fetch(scope)
    byScope.withLock { $0[scope.label] = items }
    return items
  }
}
