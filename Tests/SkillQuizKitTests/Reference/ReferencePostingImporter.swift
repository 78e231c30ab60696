import Foundation

@testable import SkillQuizKit

/// `PostingImporter` as it was before its fast paths, over the reference HTML reader and
/// extractor: the whole way from a posting file to openings, kept as the reference in tests.
///
/// Reads saved job-board files: schema.org JSON-LD (alone or in an HTML page), Greenhouse,
/// Lever and Ashby JSON.
enum ReferencePostingImporter {
  /// The largest posting file read, in bytes: a whole board with every description is a few
  /// MB.
  static let maximumBytes = 32 << 20

  /// Reads every posting in a file, detecting its format.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - file: Its name, for messages and as the company of boards that do not name it.
  ///   - company: The employer to use when the file does not name one.
  /// - Returns: Every posting in the file.
  /// - Throws: `PostingImportError` when the file is not one of the formats or has no posting.
  static func read(_ text: String, file: String, company: String? = nil)
    throws(PostingImportError) -> [ImportedPosting]
  {
    let size = text.utf8.count
    guard size <= maximumBytes else {
      throw PostingImportError(
        file: file,
        message: "the file is \(YAMLLimits.megabytes(size)); a posting file may be at most "
          + "\(YAMLLimits.megabytes(maximumBytes)); save fewer postings per file")
    }
    let trimmed = PlainText.trimmed(text, .whitespacesAndNewlines)
    let fallbackCompany = company ?? Self.companyFromFileName(file)
    if trimmed.hasPrefix("<") {
      let blocks = ReferenceHTMLText.jsonLDBlocks(text)
      let postings = blocks.flatMap { block in
        (try? JSONSerialization.jsonObject(with: Data(block.utf8))).map {
          jsonLDPostings($0, company: fallbackCompany)
        } ?? []
      }
      guard !postings.isEmpty else {
        throw PostingImportError(
          file: file,
          message:
            "this HTML page has no schema.org JobPosting in a <script type=\"application/ld+json\"> block; "
            + "save the posting's own page, or the board's JSON")
      }
      return postings
    }
    guard let data = trimmed.data(using: .utf8),
      let json = try? JSONSerialization.jsonObject(with: data)
    else {
      throw PostingImportError(
        file: file,
        message: "not JSON or HTML; import a saved JSON-LD, Greenhouse, Lever or Ashby file")
    }
    let postings: [ImportedPosting]
    switch detect(json) {
    case .jsonLD?: postings = jsonLDPostings(json, company: fallbackCompany)
    case .greenhouse?: postings = greenhouse(json, company: fallbackCompany)
    case .lever?: postings = lever(json, company: fallbackCompany)
    case .ashby?: postings = ashby(json, company: fallbackCompany)
    case nil:
      throw PostingImportError(
        file: file,
        message: "unknown JSON shape; expected a schema.org JobPosting, a Greenhouse {\"jobs\": …} "
          + "list, a Lever postings array or an Ashby {\"jobs\": …} board")
    }
    guard !postings.isEmpty else {
      throw PostingImportError(file: file, message: "the file holds no listed posting")
    }
    return postings
  }

  /// Guesses the format of parsed JSON.
  static func detect(_ json: Any) -> PostingFormat? {
    if !jsonLDObjects(json).isEmpty { return .jsonLD }
    if let array = json as? [[String: Any]], array.first?["text"] != nil,
      array.first?["categories"] != nil || array.first?["hostedUrl"] != nil
    {
      return .lever
    }
    if let object = json as? [String: Any] {
      if object["text"] != nil, object["categories"] != nil { return .lever }
      let jobs = object["jobs"] as? [[String: Any]]
      if let first = jobs?.first ?? (object["absolute_url"] != nil ? object : nil) {
        if first["absolute_url"] != nil || first["content"] != nil
          || first["internal_job_id"] != nil
        {
          return .greenhouse
        }
        if first["jobUrl"] != nil || first["descriptionHtml"] != nil
          || first["descriptionPlain"] != nil
          || object["apiVersion"] != nil
        {
          return .ashby
        }
      }
    }
    return nil
  }

  static func companyFromFileName(_ file: String) -> String {
    let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    let word = base.split { $0 == "-" || $0 == "_" || $0 == "." }.first.map(String.init) ?? base
    return word.prefix(1).uppercased() + word.dropFirst()
  }

  // MARK: Helpers for loose JSON

  static func string(_ value: Any?) -> String? {
    switch value {
    case let text as String: return text.isEmpty ? nil : text
    case let number as NSNumber: return number.stringValue
    case let object as [String: Any]:
      return string(object["name"]) ?? string(object["value"]) ?? string(object["@id"])
    case let array as [Any]: return array.compactMap(string).first
    default: return nil
    }
  }

  static func strings(_ value: Any?) -> [String] {
    if let array = value as? [Any] { return array.compactMap(string) }
    return string(value).map { [$0] } ?? []
  }

  static func objects(_ value: Any?) -> [[String: Any]] {
    if let array = value as? [[String: Any]] { return array }
    if let object = value as? [String: Any] { return [object] }
    return []
  }

  static func location(fromText text: String) -> JobLocation {
    let parts = text.split(separator: ",").map { $0.trimmed(in: .whitespaces) }
    return JobLocation(
      city: parts.first, region: parts.count > 1 ? parts[1] : nil,
      country: parts.count > 2 ? parts[2] : nil)
  }

  static func workplace(fromText text: String?) -> Workplace {
    guard let text = text?.lowercased() else { return .unspecified }
    if text.contains("remote") || text.contains("telecommute") { return .remote }
    if text.contains("hybrid") { return .hybrid }
    if text.contains("on-site") || text.contains("onsite") || text.contains("in office") {
      return .onsite
    }
    return .unspecified
  }

  static func employmentType(_ text: String?) -> String {
    guard
      let text = text?.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(
        of: " ", with: ""
      ).replacingOccurrences(of: "_", with: "")
    else { return "FULL_TIME" }
    if text.contains("part") { return "PART_TIME" }
    if text.contains("contract") { return "CONTRACTOR" }
    if text.contains("intern") { return "INTERN" }
    if text.contains("temp") { return "TEMPORARY" }
    return "FULL_TIME"
  }

  // MARK: JSON-LD

  static func jsonLDObjects(_ json: Any) -> [[String: Any]] {
    if let array = json as? [Any] { return array.flatMap(jsonLDObjects) }
    guard let object = json as? [String: Any] else { return [] }
    var found: [[String: Any]] = []
    if strings(object["@type"]).contains("JobPosting") { found.append(object) }
    if let graph = object["@graph"] { found += jsonLDObjects(graph) }
    return found
  }

  static func jsonLDPostings(_ json: Any, company: String) -> [ImportedPosting] {
    jsonLDObjects(json).map { object in
      var locations: [JobLocation] = []
      for place in objects(object["jobLocation"]) {
        let address = (place["address"] as? [String: Any]) ?? place
        locations.append(
          JobLocation(
            city: string(address["addressLocality"]), region: string(address["addressRegion"]),
            country: string(address["addressCountry"])))
      }
      let remote = strings(object["jobLocationType"]).contains { $0.uppercased() == "TELECOMMUTE" }
      var lines = ReferenceHTMLText.lines(string(object["description"]) ?? "")
      var sections: [(String, [String])] = []
      if let skills = string(object["skills"]) {
        sections.append(
          (
            "Skills",
            skills.split(separator: ",").map { String($0).trimmed(in: .whitespaces) }
          ))
      }
      if let qualifications = string(object["qualifications"]) {
        sections.append(("Qualifications", ReferenceHTMLText.lines(qualifications)))
      }
      if let experience = string(object["experienceRequirements"]) {
        lines.append(experience)
      }
      var salary: String?
      if let base = object["baseSalary"] as? [String: Any],
        let value = base["value"] as? [String: Any]
      {
        let currency = string(base["currency"]) ?? ""
        let low = string(value["minValue"]) ?? string(value["value"]) ?? "?"
        let high = string(value["maxValue"]).map { "–\($0)" } ?? ""
        salary =
          "\(currency) \(low)\(high) per \(string(value["unitText"])?.lowercased() ?? "year")"
      }
      return ImportedPosting(
        format: .jsonLD,
        sourceID: string((object["identifier"] as? [String: Any])?["value"])
          ?? string(object["identifier"]) ?? string(object["url"]) ?? string(object["title"])
          ?? "?",
        company: string(object["hiringOrganization"]) ?? company,
        title: string(object["title"]) ?? "Untitled", team: nil, locations: locations,
        workplace: remote ? .remote : .unspecified,
        employmentType: employmentType(strings(object["employmentType"]).first),
        url: string(object["url"]), datePosted: string(object["datePosted"]), salary: salary,
        lines: lines, sections: sections)
    }
  }

  // MARK: Greenhouse

  static func greenhouse(_ json: Any, company: String) -> [ImportedPosting] {
    let root = json as? [String: Any] ?? [:]
    let jobs = objects(root["jobs"]).isEmpty ? [root] : objects(root["jobs"])
    return jobs.map { job in
      let locationText = string((job["location"] as? [String: Any])?["name"]) ?? ""
      var locations = locationText.split(separator: ";").map {
        location(fromText: String($0).trimmed(in: .whitespaces))
      }
      if locations.isEmpty {
        locations = objects(job["offices"]).compactMap { string($0["location"]) }.map(
          location(fromText:))
      }
      return ImportedPosting(
        format: .greenhouse, sourceID: string(job["id"]) ?? "?",
        company: string(job["company_name"]) ?? company, title: string(job["title"]) ?? "Untitled",
        team: objects(job["departments"]).compactMap { string($0["name"]) }.first,
        locations: locations, workplace: workplace(fromText: locationText),
        employmentType: "FULL_TIME", url: string(job["absolute_url"]),
        datePosted: string(job["first_published"]) ?? string(job["updated_at"]), salary: nil,
        lines: ReferenceHTMLText.lines(
          ReferenceHTMLText.decodeEntities(string(job["content"]) ?? "")), sections: [])
    }
  }

  // MARK: Lever

  static func lever(_ json: Any, company: String) -> [ImportedPosting] {
    let postings = (json as? [[String: Any]]) ?? objects(json)
    return postings.map { posting in
      let categories = posting["categories"] as? [String: Any] ?? [:]
      var places = strings(categories["allLocations"])
      if places.isEmpty { places = strings(categories["location"]) }
      var date: String?
      if let millis = (posting["createdAt"] as? NSNumber)?.doubleValue {
        let formatter = ISO8601DateFormatter()
        date = formatter.string(from: Date(timeIntervalSince1970: millis / 1000))
      }
      let lists = objects(posting["lists"]).map {
        (
          title: string($0["text"]) ?? "",
          lines: ReferenceHTMLText.lines(string($0["content"]) ?? "")
        )
      }
      var salary: String?
      if let range = posting["salaryRange"] as? [String: Any] {
        salary =
          "\(string(range["currency"]) ?? "") \(string(range["min"]) ?? "?")–\(string(range["max"]) ?? "?")"
      }
      let body =
        string(posting["descriptionPlain"]).map { $0.split(separator: "\n").map(String.init) }
        ?? ReferenceHTMLText.lines(string(posting["description"]) ?? "")
      return ImportedPosting(
        format: .lever, sourceID: string(posting["id"]) ?? "?", company: company,
        title: string(posting["text"]) ?? "Untitled",
        team: string(categories["team"]) ?? string(categories["department"]),
        locations: places.map(location(fromText:)),
        workplace: workplace(fromText: string(posting["workplaceType"])),
        employmentType: employmentType(string(categories["commitment"])),
        url: string(posting["hostedUrl"]), datePosted: date, salary: salary, lines: body,
        sections: lists)
    }
  }

  // MARK: Ashby

  static func ashby(_ json: Any, company: String) -> [ImportedPosting] {
    let root = json as? [String: Any] ?? [:]
    return objects(root["jobs"]).filter { ($0["isListed"] as? Bool) ?? true }.map { job in
      var locations = [location(fromText: string(job["location"]) ?? "")]
      locations += objects(job["secondaryLocations"]).compactMap { string($0["location"]) }
        .map(location(fromText:))
      var place = workplace(fromText: string(job["workplaceType"]))
      if place == .unspecified, (job["isRemote"] as? Bool) == true { place = .remote }
      let salary = objects((job["compensation"] as? [String: Any])?["compensationTiers"]).first
        .flatMap { string($0["tierSummary"]) }
      let html = string(job["descriptionHtml"])
      return ImportedPosting(
        format: .ashby,
        sourceID: string(job["id"]) ?? string(job["jobUrl"]) ?? string(job["title"]) ?? "?",
        company: company, title: string(job["title"]) ?? "Untitled",
        team: string(job["team"]) ?? string(job["department"]),
        locations: locations.filter { $0.city != nil }, workplace: place,
        employmentType: employmentType(string(job["employmentType"])),
        url: string(job["jobUrl"]), datePosted: string(job["publishedAt"]), salary: salary,
        lines: html.map(ReferenceHTMLText.lines)
          ?? (string(job["descriptionPlain"]) ?? "").split(separator: "\n").map(String.init),
        sections: [])
    }
  }

  // MARK: To openings

  /// Turns a posting into an opening with extracted requirements.
  ///
  /// - Returns: The opening (nil when no known skill was found) and the unrecognised words.
  static func opening(
    from posting: ImportedPosting, extractor: ReferenceSkillExtractor, file: String
  ) -> (opening: JobOpening?, unrecognised: [String]) {
    let extraction = extractor.extract(lines: posting.lines, sections: posting.sections)
    let required = extraction.findings.filter(\.isRequired).map {
      JobRequirement(skills: [$0.skill], threshold: $0.threshold, weight: 1, note: $0.line)
    }
    let preferred = extraction.findings.filter { !$0.isRequired }.map {
      JobRequirement(skills: [$0.skill], threshold: $0.threshold, weight: 1, note: $0.line)
    }
    guard !required.isEmpty || !preferred.isEmpty else { return (nil, extraction.unrecognised) }
    // The id depends only on the board and its own id, so importing again updates in place.
    let source = posting.sourceID.split(separator: "/").last.map(String.init) ?? posting.sourceID
    let slug = "\(posting.format.rawValue)-\(source)".lowercased()
      .map { $0.isLetter || $0.isNumber ? $0 : "-" }
    let id = String(slug).split(separator: "-").joined(separator: "-")
    let text = posting.lines.joined(separator: " ").lowercased()
    var seniority: ClosedRange<SeniorityLevel>?
    let title = posting.title.lowercased()
    if title.contains("staff") || title.contains("principal") {
      seniority = .staff ... .staff
    } else if title.contains("senior") || title.contains("sr.") {
      seniority = .senior ... .senior
    } else if title.contains("junior") || title.contains("entry") || title.contains("new grad") {
      seniority = .junior ... .junior
    } else if text.contains("mid-level") || title.contains("mid") {
      seniority = .mid ... .mid
    }
    return (
      JobOpening(
        id: id, company: posting.company, title: posting.title, team: posting.team,
        locations: posting.locations, workplace: posting.workplace,
        employmentType: posting.employmentType, seniority: seniority, salary: posting.salary,
        url: posting.url, datePosted: posting.datePosted,
        required: required.isEmpty ? preferred : required,
        preferred: required.isEmpty ? [] : preferred, origin: .extracted,
        source:
          "\(posting.format.rawValue):\(posting.sourceID) from \((file as NSString).lastPathComponent)"
      ),
      extraction.unrecognised
    )
  }
}
