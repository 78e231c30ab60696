import Foundation

/// What ranking needs of an opening: its id, date, seniority range and requirements, without
/// its text.
///
/// The store keeps the requirements in `encodedRequirements` form, so ranking thousands of
/// openings reads a few short columns instead of decoding every opening.
public struct OpeningOutline: Sendable, Hashable {
  /// The opening's id.
  public let id: String
  /// The level range it accepts; nil when unstated.
  public let seniority: ClosedRange<SeniorityLevel>?
  /// When it was posted (ISO 8601), if known.
  public let datePosted: String?
  /// Requirements that must be met (notes left out).
  public let required: [JobRequirement]
  /// Requirements that help (notes left out).
  public let preferred: [JobRequirement]

  /// Creates an outline.
  public init(
    id: String, seniority: ClosedRange<SeniorityLevel>?, datePosted: String?,
    required: [JobRequirement], preferred: [JobRequirement]
  ) {
    self.id = id
    self.seniority = seniority
    self.datePosted = datePosted
    self.required = required
    self.preferred = preferred
  }

  /// The outline of an opening.
  public init(_ opening: JobOpening) {
    self.init(
      id: opening.id, seniority: opening.seniority, datePosted: opening.datePosted,
      required: opening.required, preferred: opening.preferred)
  }

  /// The requirements as one line each: `r|threshold|weight|skill skill…` (`p` for
  /// preferred); numbers in Swift's shortest round-trip form, so decoding gives the same
  /// doubles back.
  public static func encode(required: [JobRequirement], preferred: [JobRequirement]) -> String {
    func lines(_ group: [JobRequirement], _ mark: String) -> [String] {
      group.map { "\(mark)|\($0.threshold)|\($0.weight)|\($0.skills.joined(separator: " "))" }
    }
    return (lines(required, "r") + lines(preferred, "p")).joined(separator: "\n")
  }

  /// Reads requirements written by `encode`; nil when the text is not in that form.
  public static func decode(_ text: String) -> (
    required: [JobRequirement], preferred: [JobRequirement]
  )? {
    var required: [JobRequirement] = []
    var preferred: [JobRequirement] = []
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
      guard fields.count == 4, let threshold = Double(fields[1]), let weight = Double(fields[2])
      else { return nil }
      let skills = fields[3].split(separator: " ").map(String.init)
      guard !skills.isEmpty else { return nil }
      let requirement = JobRequirement(skills: skills, threshold: threshold, weight: weight)
      switch fields[0] {
      case "r": required.append(requirement)
      case "p": preferred.append(requirement)
      default: return nil
      }
    }
    return (required, preferred)
  }
}

/// Evaluates requirements against one user's levels, each distinct (skills, threshold) once.
///
/// Ten thousand openings ask for a few dozen skills at a handful of levels: the posterior
/// arithmetic of a requirement is done the first time it is met and looked up after that.
public struct RequirementScorer {
  private struct Key: Hashable {
    let skills: [String]
    let threshold: Double
  }

  private let level: (String) -> SkillLevel
  private var levels: [String: SkillLevel] = [:]
  private var evaluated: [Key: JobMatcher.Term] = [:]
  /// Whether any skill asked for so far has a level (measured or given).
  public private(set) var anyMeasured = false

  /// A scorer over the user's level in each skill label.
  public init(level: @escaping (String) -> SkillLevel) {
    self.level = level
  }

  /// The user's level in a skill, asked of the level source once.
  mutating func level(of skill: String) -> SkillLevel {
    if let known = levels[skill] { return known }
    let found = level(skill)
    levels[skill] = found
    if found != .notAssessed { anyMeasured = true }
    return found
  }

  /// The requirement's best member and status, as `JobMatcher.evaluate` computes it.
  mutating func evaluate(_ requirement: JobRequirement) -> JobMatcher.Term {
    let key = Key(skills: requirement.skills, threshold: requirement.threshold)
    if let known = evaluated[key] { return known }
    var levels: [String: SkillLevel] = [:]
    for skill in requirement.skills { levels[skill] = level(of: skill) }
    let term = JobMatcher.evaluate(requirement) { levels[$0] ?? .notAssessed }
    evaluated[key] = term
    return term
  }
}
