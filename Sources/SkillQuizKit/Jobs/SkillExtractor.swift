import Foundation

/// Finds the skills a posting's text asks for, whether required or preferred, and at what level.
public struct SkillExtractor: Sendable {
  private struct Keyword: Sendable {
    let text: String
    let label: String
    let caseSensitive: Bool
  }

  private let keywords: [Keyword]

  /// Builds the dictionary from the `keywords` of every area and topic in the catalog.
  public init(catalog: SkillCatalog) {
    var list: [Keyword] = []
    for area in catalog.areas {
      for word in area.keywords {
        list.append(Keyword(text: word, label: area.id, caseSensitive: word != word.lowercased()))
      }
      for topic in area.topics {
        for word in topic.keywords {
          list.append(
            Keyword(
              text: word, label: "\(area.id)/\(topic.id)",
              caseSensitive: word != word.lowercased()))
        }
      }
    }
    keywords = list.sorted { $0.text.count > $1.text.count }
  }

  /// One skill found in a posting.
  public struct Finding: Sendable, Hashable {
    /// The area or topic label.
    public let skill: String
    /// Whether it is required (else preferred).
    public let isRequired: Bool
    /// The level the text asks for.
    public let threshold: Double
    /// The line it came from.
    public let line: String
  }

  /// What a posting's text yields.
  public struct Extraction: Sendable, Hashable {
    /// Skills found, one per skill (required beats preferred; the higher level wins).
    public let findings: [Finding]
    /// Technology-looking words the dictionary does not know, reported rather than guessed.
    public let unrecognised: [String]
  }

  /// The kind of a section heading.
  enum Section { case required, preferred, other }

  static func classify(heading: String) -> Section? {
    let text = heading.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :•-*#"))
    guard !text.isEmpty, text.count <= 60 else { return nil }
    let preferred = ["nice to have", "preferred", "bonus", "plus", "pluses", "nice-to-have"]
    let required = [
      "requirement", "qualification", "what you'll need", "what you need", "you have",
      "must have", "what we're looking for", "what we are looking for", "who you are",
      "skills", "about you",
    ]
    let other = [
      "about", "benefit", "responsibilit", "what you'll do", "what you will do", "perks",
      "compensation", "the role", "why", "our team", "we offer", "salary",
    ]
    if preferred.contains(where: { text.contains($0) }) { return .preferred }
    if required.contains(where: { text.contains($0) }) { return .required }
    if other.contains(where: { text.contains($0) }) { return .other }
    return nil
  }

  static func isPreferredCue(_ line: String) -> Bool {
    let text = line.lowercased()
    return [
      "nice to have", "a plus", "bonus", "preferred", "ideally", "familiarity with",
      "exposure to", "is a plus", "are a plus",
    ].contains { text.contains($0) }
  }

  /// Finds every keyword in a line, longest first, at word boundaries.
  func skills(in line: String) -> [String] { matches(in: line).found.map(\.label) }

  /// The keywords found with their character offsets, and the line with them blanked out.
  func matches(in line: String) -> (found: [(label: String, offset: Int)], rest: String) {
    var remaining = line
    var found: [(String, Int)] = []
    for keyword in keywords {
      let options: String.CompareOptions = keyword.caseSensitive ? [] : [.caseInsensitive]
      var searchRange = remaining.startIndex..<remaining.endIndex
      while let range = remaining.range(of: keyword.text, options: options, range: searchRange) {
        let before =
          range.lowerBound == remaining.startIndex
          ? " " : remaining[remaining.index(before: range.lowerBound)]
        let after = range.upperBound == remaining.endIndex ? " " : remaining[range.upperBound]
        let boundary = { (c: Character) in !(c.isLetter || c.isNumber || c == "_") }
        let offset = remaining.distance(from: remaining.startIndex, to: range.lowerBound)
        if boundary(before), boundary(after),
          !(keyword.text == "Go" && Self.isVerbGo(remaining, range))
        {
          found.append((keyword.label, offset))
          remaining.replaceSubrange(range, with: String(repeating: " ", count: keyword.text.count))
          searchRange = remaining.index(remaining.startIndex, offsetBy: offset)..<remaining.endIndex
          continue
        }
        searchRange = range.upperBound..<remaining.endIndex
        if searchRange.isEmpty { break }
      }
    }
    return (found.sorted { $0.1 < $1.1 }, remaining)
  }

  /// The level each part of a line asks for: the nearest level cue before each offset.
  static func levelCues(in line: String) -> [(offset: Int, level: Double)] {
    let text = line.lowercased()
    var cues: [(Int, Double)] = []
    let phrases: [(String, Double)] = [
      ("expert", 85), ("strong", 75), ("deep", 75), ("extensive", 75), ("advanced", 75),
      ("mastery", 75), ("familiarity", 50), ("familiar with", 50), ("exposure", 50),
      ("some experience", 50), ("basic", 50), ("experience", 65), ("proficien", 65),
      ("hands-on", 65), ("knowledge of", 65),
    ]
    for (phrase, level) in phrases {
      var search = text.startIndex..<text.endIndex
      while let range = text.range(of: phrase, range: search) {
        cues.append((text.distance(from: text.startIndex, to: range.lowerBound), level))
        search = range.upperBound..<text.endIndex
      }
    }
    if let range = text.range(of: #"\b[3-9]\+? ?years"#, options: .regularExpression) {
      cues.append((text.distance(from: text.startIndex, to: range.lowerBound), 75))
    }
    // "deep experience with" is deep, not plain experience: a generic cue right after a
    // specific one adds nothing.
    let sorted = cues.sorted { $0.0 < $1.0 }
    var merged: [(offset: Int, level: Double)] = []
    for cue in sorted {
      if cue.1 == 65, let last = merged.last, last.level != 65, cue.0 - last.offset <= 14 {
        continue
      }
      merged.append((cue.0, cue.1))
    }
    return merged
  }

  /// "Go" at the start of a sentence followed by a verb-like word ("Go above", "Go to").
  static func isVerbGo(_ text: String, _ range: Range<String.Index>) -> Bool {
    let rest = text[range.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
    return ["to ", "above", "beyond", "further", "deep", "live", "fast", "ahead", "out"].contains {
      rest.hasPrefix($0)
    }
  }

  /// Extracts skills from plain-text lines (headings on their own lines, bullets as `• `).
  ///
  /// - Parameters:
  ///   - lines: The posting's text.
  ///   - sections: Extra headed sections (such as Lever's `lists`), classified by title.
  /// - Returns: One finding per skill, and the words the dictionary did not know.
  public func extract(lines: [String], sections: [(title: String, lines: [String])] = [])
    -> Extraction
  {
    var byLabel: [String: Finding] = [:]
    var unknown: [String] = []
    func consider(_ line: String, section: Section) {
      let (found, rest) = matches(in: line)
      let isRequired = section != .preferred && !Self.isPreferredCue(line)
      let cues = Self.levelCues(in: line)
      for (label, offset) in found {
        let threshold = cues.last { $0.offset < offset }?.level ?? 65
        let finding = Finding(
          skill: label, isRequired: isRequired, threshold: threshold, line: line)
        if let existing = byLabel[label] {
          if (finding.isRequired && !existing.isRequired)
            || (finding.isRequired == existing.isRequired && finding.threshold > existing.threshold)
          {
            byLabel[label] = finding
          }
        } else {
          byLabel[label] = finding
        }
      }
      if section != .other { unknown += Self.unrecognisedWords(in: rest, known: self) }
    }
    var section: Section = .other
    var sawRequirementSection = false
    var pending: [(String, Section)] = []
    for line in lines {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if !trimmed.hasPrefix("•"), let heading = Self.classify(heading: trimmed),
        trimmed.count <= 60, !trimmed.hasSuffix(".")
      {
        section = heading
        if heading != .other { sawRequirementSection = true }
        continue
      }
      pending.append((trimmed, section))
    }
    for (title, body) in sections {
      let kind = Self.classify(heading: title) ?? .required
      if kind != .other { sawRequirementSection = true }
      pending += body.map { ($0, kind) }
    }
    for (line, kind) in pending {
      consider(line, section: sawRequirementSection ? kind : .required)
    }
    let findings = byLabel.values.sorted {
      ($0.isRequired ? 0 : 1, $0.skill) < ($1.isRequired ? 0 : 1, $1.skill)
    }
    var seen: Set<String> = []
    let unrecognised = unknown.filter { seen.insert($0.lowercased()).inserted }
    return Extraction(findings: findings, unrecognised: unrecognised)
  }

  private static let commonWords: Set<String> = [
    "a", "an", "and", "or", "the", "you", "we", "our", "your", "i", "in", "on", "with", "of",
    "for", "to", "as", "at", "by", "is", "are", "be", "experience", "strong", "knowledge",
    "ability", "understanding", "proven", "excellent", "solid", "familiarity", "bachelor",
    "master", "degree", "years", "plus", "bonus", "nice", "have", "must", "team", "teams",
    "engineering", "engineer", "engineers", "software", "backend", "frontend", "senior", "staff",
    "computer", "science", "cs", "us", "usa", "remote", "english", "b.s", "m.s", "phd",
    "working", "building", "designing", "writing", "deep", "hands-on", "production", "systems",
    "services", "apis", "api", "data", "cloud", "platform", "product", "products", "customer",
    "customers", "business", "equal", "opportunity", "employer",
  ]

  /// Capitalised or technical-looking tokens (`Kafka`, `C#`, `Terraform`) that the dictionary
  /// does not know.
  static func unrecognisedWords(in line: String, known extractor: SkillExtractor) -> [String] {
    var words: [String] = []
    var line = line.trimmingCharacters(in: .whitespaces)
    if line.hasPrefix("•") || line.hasPrefix("-") || line.hasPrefix("*") { line.removeFirst() }
    let tokens = line.split {
      $0 == " " || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "/"
    }
    for (index, raw) in tokens.enumerated() {
      let token = raw.trimmingCharacters(in: CharacterSet(charactersIn: ".:•-*\"'"))
      guard token.count >= 2, let first = token.first else { continue }
      let technical = token.contains { "#+.".contains($0) } && token.first?.isLetter == true
      let capitalised = first.isUppercase && index > 0
      let camel = token.dropFirst().contains { $0.isUppercase }
      guard technical || capitalised || camel else { continue }
      if commonWords.contains(token.lowercased()) { continue }
      if !extractor.skills(in: token).isEmpty { continue }
      if token.allSatisfy({ $0.isNumber || $0 == "+" }) { continue }
      words.append(token)
    }
    return words
  }
}
