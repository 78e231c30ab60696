import Foundation

/// Reads `openings.yaml`, reporting problems as file:line:column like bank files.
public enum OpeningsParser {
  /// Identifies what parsing `file` against `catalog` yields: its path, its contents and every
  /// skill name the catalog resolves, hashed (FNV-1a, 64 bits).
  ///
  /// The store syncs the shipped openings again only when this changes.
  public static func fingerprint(_ file: BankFile, catalog: SkillCatalog) -> String {
    var hasher = StableHasher()
    hasher.combine("openings-v1|\(file.path)|")
    for area in catalog.areas {
      hasher.combine("\(area.id)(\(area.aliases.joined(separator: ",")))")
      for topic in area.topics {
        hasher.combine("\(topic.id)(\(topic.aliases.joined(separator: ",")))")
      }
      hasher.combine(";")
    }
    hasher.combine("|")
    hasher.combine(file.contents)
    return hasher.hexDigest
  }

  /// Parses openings; skill names resolve through the catalog (ids or aliases).
  public static func parse(_ file: BankFile, catalog: SkillCatalog) -> (
    openings: [JobOpening], diagnostics: [BankDiagnostic]
  ) {
    var reader = YAMLNodeReader(file: file.path, text: file.contents)
    guard let root = reader.compose(file.contents),
      let top = reader.fields(
        of: root, in: "openings.yaml", allowed: ["schema", "openings"],
        required: ["schema", "openings"])
    else { return ([], reader.diagnostics) }
    var openings: [JobOpening] = []
    var seen: Set<String> = []
    for item in reader.list(top["openings"], "openings", in: "openings.yaml") ?? [] {
      let before = reader.diagnostics.count
      if let opening = parseOpening(item, file: file.path, catalog: catalog, reader: &reader),
        reader.diagnostics.count == before
      {
        if !seen.insert(opening.id).inserted {
          reader.error(at: item, "opening id '\(opening.id)' is used twice")
          continue
        }
        openings.append(opening)
      }
    }
    return (openings, reader.diagnostics)
  }

  private static let fields = [
    "id", "company", "title", "team", "locations", "workplace", "employment_type", "seniority",
    "salary", "url", "date_posted", "valid_through", "requirements", "description", "provenance",
  ]

  // swift-format-ignore: FunctionLength
  private static func parseOpening(
    _ node: YAMLNode, file: String, catalog: SkillCatalog, reader: inout YAMLNodeReader
  ) -> JobOpening? {
    guard
      let fields = reader.fields(
        of: node, in: "an opening", allowed: Self.fields,
        required: [
          "id", "company", "title", "locations", "workplace", "requirements", "provenance",
        ]),
      let id = reader.slug(fields["id"], "id", in: "an opening"),
      let company = reader.text(fields["company"], "company", in: "opening '\(id)'"),
      let title = reader.text(fields["title"], "title", in: "opening '\(id)'")
    else { return nil }
    let context = "opening '\(id)'"
    var locations: [JobLocation] = []
    for location in reader.list(fields["locations"], "locations", in: context) ?? [] {
      guard
        let parts = reader.fields(
          of: location, in: "a location of \(context)", allowed: ["city", "region", "country"])
      else { continue }
      locations.append(
        JobLocation(
          city: parts["city"].flatMap { reader.text($0, "city", in: context) },
          region: parts["region"].flatMap { reader.text($0, "region", in: context) },
          country: parts["country"].flatMap { reader.text($0, "country", in: context) }))
    }
    let workplaceText = reader.text(fields["workplace"], "workplace", in: context) ?? ""
    guard let workplace = Workplace(rawValue: workplaceText) else {
      reader.error(
        at: fields["workplace"],
        "workplace '\(workplaceText)' of \(context) is not one of "
          + Workplace.allCases.map(\.rawValue).joined(separator: ", "))
      return nil
    }
    var seniority: ClosedRange<SeniorityLevel>?
    if let node = fields["seniority"], !reader.isNull(node) {
      if let range = reader.fields(
        of: node, in: "the seniority of \(context)", allowed: ["min", "max"]),
        let low = range["min"].flatMap({ reader.text($0, "min", in: context) }).flatMap(
          SeniorityLevel.init(name:)),
        let high = range["max"].flatMap({ reader.text($0, "max", in: context) }).flatMap(
          SeniorityLevel.init(name:)),
        low <= high
      {
        seniority = low...high
      } else {
        reader.error(
          at: node,
          "the seniority of \(context) must be {min: …, max: …} with junior, mid, senior or staff",
          fix: "write `seniority: {min: mid, max: senior}`, or leave it out when unstated")
      }
    }
    var required: [JobRequirement] = []
    var preferred: [JobRequirement] = []
    if let groups = reader.fields(
      of: fields["requirements"] ?? node, in: "the requirements of \(context)",
      allowed: ["required", "preferred"], required: ["required"])
    {
      required = parseRequirements(
        groups["required"], catalog: catalog, in: context, reader: &reader)
      preferred = parseRequirements(
        groups["preferred"], catalog: catalog, in: context, reader: &reader)
      if required.isEmpty {
        reader.error(at: groups["required"], "\(context) has no required requirement")
      }
    }
    var origin = RequirementsOrigin.posted
    var isSample = false
    var source = file
    if let provenance = reader.fields(
      of: fields["provenance"] ?? node, in: "the provenance of \(context)",
      allowed: ["source", "requirements_origin", "evidence", "sample", "imported"],
      required: ["requirements_origin"])
    {
      let text = reader.text(provenance["requirements_origin"], "requirements_origin", in: context)
      if let text, let value = RequirementsOrigin(rawValue: text) {
        origin = value
      } else {
        reader.error(
          at: provenance["requirements_origin"],
          "requirements_origin of \(context) must be posted, extracted or modeled")
      }
      isSample = provenance["sample"].flatMap { reader.bool($0, "sample", in: context) } ?? false
      source = provenance["source"].flatMap { reader.text($0, "source", in: context) } ?? file
    }
    func optionalText(_ key: String) -> String? {
      guard let node = fields[key], !reader.isNull(node) else { return nil }
      if case .mapping(let mapping) = node {
        return mapping.map { "\($0.key.string ?? ""): \($0.value.string ?? "")" }
          .joined(separator: ", ")
      }
      return reader.text(node, key, in: context)
    }
    return JobOpening(
      id: id, company: company, title: title, team: optionalText("team"), locations: locations,
      workplace: workplace, employmentType: optionalText("employment_type") ?? "FULL_TIME",
      seniority: seniority, salary: optionalText("salary"), url: optionalText("url"),
      datePosted: optionalText("date_posted"), required: required, preferred: preferred,
      origin: origin, isSample: isSample, source: source)
  }

  private static func parseRequirements(
    _ node: YAMLNode?, catalog: SkillCatalog, in context: String, reader: inout YAMLNodeReader
  ) -> [JobRequirement] {
    guard let node, !reader.isNull(node) else { return [] }
    var requirements: [JobRequirement] = []
    for item in reader.list(node, "requirements", in: context) ?? [] {
      guard
        let fields = reader.fields(
          of: item, in: "a requirement of \(context)",
          allowed: ["skill", "any_of", "level", "weight", "note"], required: ["level"])
      else { continue }
      var names: [String] = []
      if let skill = fields["skill"].flatMap({ reader.text($0, "skill", in: context) }) {
        names = [skill]
      } else if let group = fields["any_of"] {
        names = reader.words(group, "any_of", in: context) ?? []
      } else {
        reader.error(
          at: item, "a requirement of \(context) names no skill", fix: "add `skill:` or `any_of:`")
        continue
      }
      var skills: [String] = []
      for name in names {
        guard let scope = catalog.scope(named: name) else {
          let close = catalog.suggestions(for: name)
          reader.error(
            at: fields["skill"] ?? fields["any_of"], "unknown skill '\(name)' in \(context)",
            fix: close.isEmpty
              ? "use an area or topic id from skills.yaml, or add the skill there"
              : "did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?")
          continue
        }
        skills.append(scope.label)
      }
      let levelText = reader.text(fields["level"], "level", in: context) ?? ""
      guard let threshold = JobRequirement.levels[levelText.lowercased()] ?? Double(levelText),
        (0...100).contains(threshold)
      else {
        reader.error(
          at: fields["level"], "level '\(levelText)' of \(context) is not a named level or 0-100",
          fix: "use familiar (50), proficient (65), strong (75), expert (85) or a number")
        continue
      }
      let weight =
        fields["weight"].flatMap { reader.text($0, "weight", in: context) }.flatMap(Double.init)
        ?? 1
      if weight <= 0 { reader.error(at: fields["weight"], "a weight must be above 0") }
      guard !skills.isEmpty else { continue }
      requirements.append(
        JobRequirement(
          skills: skills, threshold: threshold, weight: weight,
          note: fields["note"].flatMap { reader.text($0, "note", in: context) }))
    }
    return requirements
  }
}
