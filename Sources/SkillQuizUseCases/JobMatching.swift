import Foundation
import SkillQuizKit
import SkillQuizStore

/// `jobs`, `jobs show` and `plan`: the openings matched against the user's measured levels.
public struct JobMatching: Sendable {
  /// Every opening, ranked best first; `rank` is the number `jobs` shows.
  public let ranked: [(rank: Int, match: JobMatch)]
  /// Problems found in `openings.yaml` (those openings are left out).
  public let problems: [BankDiagnostic]
  /// The career level used for the seniority factor.
  public let seniority: SeniorityLevel?
  /// Whether the levels come from a what-if file rather than measurement.
  public let isWhatIf: Bool

  /// The measured profile the levels come from; nil for a what-if.
  public let profile: SkillProfile?
  let library: QuestionLibrary

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
    let loaded = try OpeningsLoader.load(workspace)
    problems = loaded.problems
    let levels: SkillLevels
    if let whatIfProfile {
      levels = SkillLevels(
        profile: nil,
        overrides: try SkillLevels.whatIf(whatIfProfile, catalog: workspace.library.catalog))
    } else {
      levels = SkillLevels(profile: try workspace.profile(), overrides: nil)
    }
    profile = levels.profile
    library = workspace.library
    isWhatIf = whatIfProfile != nil
    let seniority = try level ?? workspace.store.settings.level()
    self.seniority = seniority
    ranked = JobMatcher.rank(
      loaded.openings.map { JobMatcher.match($0, level: levels.level, seniority: seniority) }
    ).enumerated().map { ($0.offset + 1, $0.element) }
  }

  /// Whether nothing has been measured, so every requirement is unknown.
  public var nothingMeasured: Bool {
    ranked.allSatisfy { $0.match.requirements.allSatisfy { $0.status == .unknown } }
  }

  /// For a requirement not yet decided: the skill to assess (a label) and about how many more
  /// fresh questions of it would decide the requirement; nil items when none are left.
  public func itemsToDecide(_ result: RequirementResult) -> (skill: String, items: Int?)? {
    guard !isWhatIf, !result.status.isDecided else { return nil }
    let skill = result.bestSkill ?? result.requirement.skills[0]
    guard let scope = library.catalog.scope(named: skill) else { return nil }
    let bar = ReferencePopulation.theta(atPercentile: result.requirement.threshold)
    let seen = profile?.seen ?? []
    let information = AssessmentFlow.pool(in: scope, library: library)
      .filter { !seen.contains($0.id) }
      .map { $0.item.information(at: bar) }.sorted(by: >).prefix(10)
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

  /// The openings that pass the filters, with their rank, and the ids of those hidden.
  public func filtered(_ filters: JobFilters) -> (
    shown: [(rank: Int, match: JobMatch)], hidden: [String]
  ) {
    let shown = ranked.filter { filters.admits($0.match.opening) }
    let hidden = ranked.filter { !filters.admits($0.match.opening) }.map(\.match.opening.id)
    return (shown, hidden)
  }

  /// The opening an argument names: its id, the rank number `jobs` shows, or a unique prefix.
  public func opening(_ reference: String) throws(UseCaseError) -> (rank: Int, match: JobMatch) {
    if let exact = ranked.first(where: { $0.match.opening.id == reference }) { return exact }
    if let number = Int(reference), let byRank = ranked.first(where: { $0.rank == number }) {
      return byRank
    }
    let prefixed = ranked.filter { $0.match.opening.id.hasPrefix(reference) }
    if prefixed.count == 1, let only = prefixed.first { return only }
    if prefixed.count > 1 {
      throw .ambiguousOpening(reference, matches: prefixed.map(\.match.opening.id))
    }
    throw .unknownOpening(
      reference,
      suggestions: closestMatches(to: reference, among: ranked.map(\.match.opening.id), limit: 2))
  }

  /// What to learn next: for one opening, or across the best `planBreadth` openings.
  public func plan(for reference: String?) throws(UseCaseError) -> JobPlan {
    let weighed =
      try reference.map { reference throws(UseCaseError) in [try opening(reference)] }
      ?? Array(ranked.prefix(Self.planBreadth))
    return JobPlan(
      steps: JobPlanner.plan(weighed.map(\.match)), weighed: weighed,
      isForOneOpening: reference != nil)
  }

  /// The ids of every opening, for completion.
  public var ids: [String] { ranked.map(\.match.opening.id) }
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

/// Where `jobs`, `plan` and `report` read the openings: `openings.yaml` in the banks folder
/// plus the ones imported into the database.
public enum OpeningsLoader {
  /// `openings.yaml` could not be read.
  public struct MissingFile: Error, CustomStringConvertible {
    let path: String
    public var description: String {
      "no openings file at \(path); add one (see QuestionBanks/README.md) or import postings"
    }
  }

  /// The openings, and the problems found in `openings.yaml` (openings with problems are left
  /// out).
  public static func load(_ workspace: Workspace) throws(any Error) -> (
    openings: [JobOpening], problems: [BankDiagnostic]
  ) {
    let url = workspace.banksFolder.appendingPathComponent("openings.yaml")
    let text: String
    do {
      text = try InputFile.read(
        url.path, limit: YAMLLimits.banks.maximumBytes, expecting: "an openings.yaml file")
    } catch {
      guard error.reason != .notFound else { throw MissingFile(path: url.path) }
      throw UseCaseError.invalid(error.description)
    }
    let (openings, problems) = OpeningsParser.parse(
      BankFile(path: url.path, contents: text), catalog: workspace.library.catalog)
    return (openings + (try workspace.store.openings.all()), problems)
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
