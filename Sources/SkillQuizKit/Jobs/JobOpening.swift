import Foundation

/// Career levels, in order, for the seniority factor and filters.
public enum SeniorityLevel: Int, Sendable, CaseIterable, Comparable, Codable {
  case junior = 1
  case mid = 2
  case senior = 3
  case staff = 4

  /// The word used in files and commands.
  public var name: String {
    switch self {
    case .junior: "junior"
    case .mid: "mid"
    case .senior: "senior"
    case .staff: "staff"
    }
  }

  /// Parses `junior`, `mid`, `senior`, `staff` (and `principal` as staff).
  public init?(name: String) {
    switch name.lowercased() {
    case "junior", "entry", "entry-level": self = .junior
    case "mid", "mid-level", "intermediate": self = .mid
    case "senior": self = .senior
    case "staff", "principal", "lead": self = .staff
    default: return nil
    }
  }

  public static func < (lhs: SeniorityLevel, rhs: SeniorityLevel) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// Where work happens.
public enum Workplace: String, Sendable, CaseIterable, Codable {
  case onsite, hybrid, remote, unspecified
}

/// Whether requirements were posted by the employer, extracted from text, or modeled by us.
public enum RequirementsOrigin: String, Sendable, CaseIterable, Codable {
  case posted, extracted, modeled
}

/// One requirement of an opening: a skill (or any of several) at a level, with a weight.
public struct JobRequirement: Sendable, Hashable, Codable {
  /// The skill ids (area or topic ids from skills.yaml); more than one means "any of".
  public let skills: [String]
  /// The level needed, 0–100.
  public let threshold: Double
  /// How much it counts within its group.
  public let weight: Double
  /// A short note for people.
  public let note: String?

  /// Creates a requirement.
  public init(skills: [String], threshold: Double, weight: Double = 1, note: String? = nil) {
    self.skills = skills
    self.threshold = threshold
    self.weight = weight
    self.note = note
  }

  /// The named levels and their thresholds.
  public static let levels: [String: Double] = [
    "familiar": 50, "proficient": 65, "strong": 75, "expert": 85,
  ]
}

/// A place an opening is in.
public struct JobLocation: Sendable, Hashable, Codable {
  /// The city.
  public let city: String?
  /// The region or state.
  public let region: String?
  /// The country code.
  public let country: String?

  /// Creates a location.
  public init(city: String?, region: String? = nil, country: String? = nil) {
    self.city = city
    self.region = region
    self.country = country
  }

  /// "Los Angeles, CA".
  public var text: String { [city, region].compactMap { $0 }.joined(separator: ", ") }
}

/// A job opening and what it asks for.
public struct JobOpening: Sendable, Hashable, Codable {
  /// A stable slug.
  public let id: String
  /// The employer.
  public let company: String
  /// The job title.
  public let title: String
  /// The team, if known.
  public let team: String?
  /// Where the job is.
  public let locations: [JobLocation]
  /// Onsite, hybrid, remote or unspecified.
  public let workplace: Workplace
  /// Google's employment type enum (`FULL_TIME` …).
  public let employmentType: String
  /// The level range the opening accepts; nil when unstated.
  public let seniority: ClosedRange<SeniorityLevel>?
  /// A salary text, if known.
  public let salary: String?
  /// Where to read the posting.
  public let url: String?
  /// When it was posted (ISO 8601), if known.
  public let datePosted: String?
  /// Requirements that must be met.
  public let required: [JobRequirement]
  /// Requirements that help.
  public let preferred: [JobRequirement]
  /// Where the requirements came from.
  public let origin: RequirementsOrigin
  /// Whether this is an illustrative sample, not a real posting.
  public let isSample: Bool
  /// Where the opening came from (a file, an import).
  public let source: String

  /// Creates an opening.
  public init(
    id: String, company: String, title: String, team: String? = nil, locations: [JobLocation],
    workplace: Workplace, employmentType: String = "FULL_TIME",
    seniority: ClosedRange<SeniorityLevel>?, salary: String? = nil, url: String? = nil,
    datePosted: String? = nil, required: [JobRequirement], preferred: [JobRequirement],
    origin: RequirementsOrigin, isSample: Bool = false, source: String = ""
  ) {
    self.id = id
    self.company = company
    self.title = title
    self.team = team
    self.locations = locations
    self.workplace = workplace
    self.employmentType = employmentType
    self.seniority = seniority
    self.salary = salary
    self.url = url
    self.datePosted = datePosted
    self.required = required
    self.preferred = preferred
    self.origin = origin
    self.isSample = isSample
    self.source = source
  }
}
