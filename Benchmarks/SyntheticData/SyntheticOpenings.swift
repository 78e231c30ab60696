import Foundation
import SkillQuizKit

/// Synthetic job openings in the shipped `openings.yaml` format, with requirement mixes like
/// the shipped ones: a backend language (often any of several), SQL or a database, APIs, and a
/// few preferred skills, over the catalog's areas and topics.
struct SyntheticOpenings {
  /// How many openings.
  var count: Int
  /// The seed of everything random.
  var seed: UInt64

  static let titles = [
    "Backend Engineer", "Software Engineer, Platform", "Senior Backend Engineer",
    "Site Reliability Engineer", "API Engineer", "Data Platform Engineer",
    "Junior Backend Developer", "Staff Engineer, Infrastructure", "Cloud Engineer",
    "Security Engineer, Application Security",
  ]
  static let teams = ["Payments", "Checkout", "Search", "Identity", "Core", "Growth", "Data"]
  static let levels = ["familiar", "proficient", "strong", "expert"]
  static let seniorities = ["junior", "mid", "senior", "staff"]

  /// The YAML text of the file.
  func yaml(catalog: SkillCatalog) -> String {
    var text = SyntheticText(seed: seed)
    let languages = catalog.area(id: "languages")?.topics.map(\.id) ?? []
    let skills = catalog.areas.flatMap { [$0.id] + $0.topics.map(\.id) }
    var out = """
      # yaml-language-server: $schema=schema/openings.schema.json
      # Synthetic openings from skillquiz-synth (seed \(seed)), for benchmarks only.
      schema: 1
      openings:

      """
    for index in 0..<count {
      let company = text.pick(SyntheticText.companies)
      let place = text.pick(SyntheticText.cities)
      let region = place.region.map { ", region: \($0)" } ?? ""
      let low = text.int(0...2)
      let high = min(3, low + text.int(0...1))
      out += """
          - id: synth-opening-\(index)
            company: \(yamlQuoted(company))
            title: \(yamlQuoted(text.pick(Self.titles)))
            team: \(text.pick(Self.teams))
            locations: [{city: \(place.city)\(region), country: \(place.country)}]
            workplace: \(text.pick(["onsite", "hybrid", "remote", "unspecified"]))
            employment_type: \(text.chance(0.9) ? "FULL_TIME" : "CONTRACTOR")
            seniority: {min: \(Self.seniorities[low]), max: \(Self.seniorities[high])}
            date_posted: 2026-\(String(format: "%02d-%02d", text.int(1...12), text.int(1...28)))
            requirements:
              required:

        """
      var used = Set<String>()
      if !languages.isEmpty {
        if text.chance(0.5) {
          var pool = Set<String>()
          while pool.count < min(3, languages.count) { pool.insert(text.pick(languages)) }
          out += "        - {any_of: [\(pool.sorted().joined(separator: ", "))], "
          out += "level: \(text.pick(Self.levels)), weight: 3}\n"
          used.formUnion(pool)
        } else {
          let language = text.pick(languages)
          out += "        - {skill: \(language), level: \(text.pick(Self.levels)), weight: 3}\n"
          used.insert(language)
        }
      }
      for _ in 0..<text.int(1...4) {
        let skill = text.pick(skills)
        guard used.insert(skill).inserted else { continue }
        let level = text.chance(0.2) ? String(text.int(40...90)) : text.pick(Self.levels)
        out += "        - {skill: \(skill), level: \(level), weight: \(text.int(1...3))}\n"
      }
      let preferred = text.int(0...3)
      if preferred > 0 { out += "      preferred:\n" }
      for _ in 0..<preferred {
        var skill = text.pick(skills)
        while used.contains(skill) { skill = text.pick(skills) }
        used.insert(skill)
        out += "        - {skill: \(skill), level: familiar}\n"
      }
      out +=
        "    provenance: {source: skillquiz-synth, requirements_origin: modeled, sample: true}\n\n"
    }
    return out
  }
}
