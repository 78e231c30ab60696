import Foundation

/// What a requirement asks for, apart from its weight: its skills (any of) and the level.
///
/// Ten thousand openings ask for a few hundred kinds; each kind is evaluated once per profile.
public struct RequirementKind: Sendable, Hashable {
  /// The skill labels; more than one means "any of".
  public let skills: [String]
  /// The level needed, 0–100.
  public let threshold: Double

  /// Creates a kind.
  public init(skills: [String], threshold: Double) {
    self.skills = skills
    self.threshold = threshold
  }

  /// The kind of a requirement.
  public init(_ requirement: JobRequirement) {
    self.init(skills: requirement.skills, threshold: requirement.threshold)
  }

  /// The skills as stored: labels joined by spaces (labels are slugs, so never hold one).
  public var skillsText: String { skills.joined(separator: " ") }

  /// A kind as stored; nil when the skills text names none.
  public init?(skillsText: String, threshold: Double) {
    let skills = skillsText.split(separator: " ").map(String.init)
    guard !skills.isEmpty else { return nil }
    self.init(skills: skills, threshold: threshold)
  }
}

/// What ranking needs of an opening: its id, date, seniority range and, for each requirement,
/// its kind (a number the store gives) and weight, without its text.
public struct OpeningOutline: Sendable, Hashable {
  /// One requirement: its kind's number and its weight.
  public struct Weighted: Sendable, Hashable {
    /// The kind's number.
    public let kind: Int
    /// How much it counts within its group.
    public let weight: Double

    /// Creates a weighted requirement.
    public init(kind: Int, weight: Double) {
      self.kind = kind
      self.weight = weight
    }
  }

  /// The opening's id.
  public let id: String
  /// The level range it accepts; nil when unstated.
  public let seniority: ClosedRange<SeniorityLevel>?
  /// When it was posted (ISO 8601), if known.
  public let datePosted: String?
  /// Requirements that must be met, in order.
  public let required: [Weighted]
  /// Requirements that help, in order.
  public let preferred: [Weighted]

  /// Creates an outline.
  public init(
    id: String, seniority: ClosedRange<SeniorityLevel>?, datePosted: String?,
    required: [Weighted], preferred: [Weighted]
  ) {
    self.id = id
    self.seniority = seniority
    self.datePosted = datePosted
    self.required = required
    self.preferred = preferred
  }

  /// The outline of an opening, numbering its requirements' kinds with `number`.
  public init(_ opening: JobOpening, number: (RequirementKind) -> Int) {
    self.init(
      id: opening.id, seniority: opening.seniority, datePosted: opening.datePosted,
      required: opening.required.map {
        Weighted(kind: number(RequirementKind($0)), weight: $0.weight)
      },
      preferred: opening.preferred.map {
        Weighted(kind: number(RequirementKind($0)), weight: $0.weight)
      })
  }

  /// Bytes per requirement in `encoded`: the kind (4), the weight's bits (8), required (1).
  static let recordSize = 13

  /// The requirements as bytes, 13 per requirement.
  ///
  /// Each is the kind as a 32-bit and the weight's bits as a 64-bit little-endian number, then
  /// 1 for required or 0 for preferred. Exact: the same doubles come back.
  public var encoded: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity((required.count + preferred.count) * Self.recordSize)
    for (group, flag) in [(required, UInt8(1)), (preferred, UInt8(0))] {
      for requirement in group {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: requirement.kind).littleEndian) {
          bytes += $0
        }
        withUnsafeBytes(of: requirement.weight.bitPattern.littleEndian) { bytes += $0 }
        bytes.append(flag)
      }
    }
    return bytes
  }

  /// Reads requirements written by `encoded`; nil when the bytes are not in that form.
  public static func decode(_ bytes: UnsafeRawBufferPointer) -> (
    required: [Weighted], preferred: [Weighted]
  )? {
    guard bytes.count % recordSize == 0 else { return nil }
    var required: [Weighted] = []
    var preferred: [Weighted] = []
    var offset = 0
    while offset < bytes.count {
      var kind: UInt32 = 0
      var bits: UInt64 = 0
      withUnsafeMutableBytes(of: &kind) {
        $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 4]))
      }
      withUnsafeMutableBytes(of: &bits) {
        $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset + 4..<offset + 12]))
      }
      let requirement = Weighted(
        kind: Int(UInt32(littleEndian: kind)),
        weight: Double(bitPattern: UInt64(littleEndian: bits)))
      switch bytes[offset + 12] {
      case 1: required.append(requirement)
      case 0: preferred.append(requirement)
      default: return nil
      }
      offset += recordSize
    }
    return (required, preferred)
  }
}

/// Evaluates requirements against one user's levels: each skill at each level once, each kind
/// of requirement once.
///
/// Ten thousand openings ask for a few dozen skills at a handful of levels: the posterior
/// arithmetic is done the first time a skill and level are met and looked up after that.
public struct RequirementScorer {
  private struct SkillAtLevel: Hashable {
    let skill: String
    let threshold: Double
  }

  private let level: (String) -> SkillLevel
  private let kinds: [Int: RequirementKind]
  private var levels: [String: SkillLevel] = [:]
  private var skillTerms: [SkillAtLevel: JobMatcher.Term] = [:]
  private var kindTerms: [Int: JobMatcher.Term] = [:]
  /// Whether any skill asked for so far has a level (measured or given).
  public private(set) var anyMeasured = false

  /// A scorer over the user's level in each skill label, with the kinds outlines refer to.
  public init(level: @escaping (String) -> SkillLevel, kinds: [Int: RequirementKind] = [:]) {
    self.level = level
    self.kinds = kinds
  }

  /// One skill against a level, as `JobMatcher.term` computes it.
  private mutating func term(_ skill: String, threshold: Double) -> JobMatcher.Term {
    let key = SkillAtLevel(skill: skill, threshold: threshold)
    if let known = skillTerms[key] { return known }
    let found: SkillLevel
    if let known = levels[skill] {
      found = known
    } else {
      found = level(skill)
      levels[skill] = found
      if found != .notAssessed { anyMeasured = true }
    }
    let term = JobMatcher.term(skill, level: found, threshold: threshold)
    skillTerms[key] = term
    return term
  }

  /// A requirement's best member and status, as `JobMatcher.evaluate` computes it.
  mutating func evaluate(_ requirement: JobRequirement) -> JobMatcher.Term {
    JobMatcher.evaluate(requirement.skills.map { term($0, threshold: requirement.threshold) })
  }

  /// The requirement of a numbered kind; a kind the scorer was not given counts as a skill
  /// never assessed.
  mutating func evaluate(kind number: Int) -> JobMatcher.Term {
    if let known = kindTerms[number] { return known }
    let kind = kinds[number] ?? RequirementKind(skills: [""], threshold: 100)
    let result = JobMatcher.evaluate(kind.skills.map { term($0, threshold: kind.threshold) })
    kindTerms[number] = result
    return result
  }
}
