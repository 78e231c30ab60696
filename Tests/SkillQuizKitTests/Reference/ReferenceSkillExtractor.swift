import Foundation

@testable import SkillQuizKit

/// `SkillExtractor` as it was before its fast paths over bytes, kept as the reference in tests.
///
/// Finds the skills a posting's text asks for, whether required or preferred, and at what level.
struct ReferenceSkillExtractor: Sendable {
  private struct Keyword: Sendable {
    let text: String
    let label: String
    let caseSensitive: Bool
    /// Its length in characters.
    let length: Int
  }

  /// Keywords longest first (catalog order among equals): a longer one claims its text first.
  private let keywords: [Keyword]
  /// The keywords without capitals, found in lowercased text.
  private let anyCase: Automaton
  /// The keywords with capitals, found only as written.
  private let asWritten: Automaton

  /// Builds the dictionary from the `keywords` of every area and topic in the catalog.
  init(catalog: SkillCatalog) {
    var list: [Keyword] = []
    func add(_ word: String, label: String) {
      list.append(
        Keyword(
          text: word, label: label, caseSensitive: word != word.lowercased(), length: word.count))
    }
    for area in catalog.areas {
      for word in area.keywords { add(word, label: area.id) }
      for topic in area.topics {
        for word in topic.keywords { add(word, label: "\(area.id)/\(topic.id)") }
      }
    }
    keywords = list.sorted { $0.text.count > $1.text.count }
    let indexed = keywords.enumerated().map { (index: $0.offset, keyword: $0.element) }
    anyCase = Automaton(
      indexed.filter { !$0.keyword.caseSensitive }.map { ($0.index, Array($0.keyword.text)) })
    asWritten = Automaton(
      indexed.filter(\.keyword.caseSensitive).map { ($0.index, Array($0.keyword.text)) })
  }

  /// Aho–Corasick over characters: every occurrence of every keyword in one pass over a line.
  private struct Automaton: Sendable {
    private var next: [[Character: Int]] = [[:]]
    private var failure: [Int] = [0]
    /// The keywords (their index and length) that end at each state, its suffixes' included.
    private var output: [[(keyword: Int, length: Int)]] = [[]]

    init(_ patterns: [(keyword: Int, characters: [Character])]) {
      for (keyword, characters) in patterns where !characters.isEmpty {
        var state = 0
        for character in characters {
          if let known = next[state][character] {
            state = known
          } else {
            next.append([:])
            failure.append(0)
            output.append([])
            next[state][character] = next.count - 1
            state = next.count - 1
          }
        }
        output[state].append((keyword, characters.count))
      }
      var queue = Array(next[0].values)
      var head = 0
      while head < queue.count {
        let state = queue[head]
        head += 1
        for (character, child) in next[state] {
          var fallback = failure[state]
          while fallback != 0, next[fallback][character] == nil { fallback = failure[fallback] }
          let target = next[fallback][character] ?? 0
          failure[child] = target == child ? 0 : target
          output[child] += output[failure[child]]
          queue.append(child)
        }
      }
    }

    /// Every occurrence in `text`: where it starts and which keyword it is.
    func occurrences(in text: [Character]) -> [(start: Int, keyword: Int)] {
      var found: [(start: Int, keyword: Int)] = []
      var state = 0
      for (index, character) in text.enumerated() {
        while state != 0, next[state][character] == nil { state = failure[state] }
        state = next[state][character] ?? 0
        for (keyword, length) in output[state] { found.append((index + 1 - length, keyword)) }
      }
      return found
    }
  }

  /// One skill found in a posting.
  struct Finding: Sendable, Hashable {
    /// The area or topic label.
    let skill: String
    /// Whether it is required (else preferred).
    let isRequired: Bool
    /// The level the text asks for.
    let threshold: Double
    /// The line it came from.
    let line: String
  }

  /// What a posting's text yields.
  struct Extraction: Sendable, Hashable {
    /// Skills found, one per skill (required beats preferred; the higher level wins).
    let findings: [Finding]
    /// Technology-looking words the dictionary does not know, reported rather than guessed.
    let unrecognised: [String]
  }

  /// The kind of a section heading.
  enum Section { case required, preferred, other }

  private static let headingMarks = CharacterSet(charactersIn: " :•-*#")
  private static let tokenMarks = CharacterSet(charactersIn: ".:•-*\"'")

  static func classify(heading: String) -> Section? {
    let text = PlainText.trimmed(heading.lowercased(), headingMarks)
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

  private static let preferredCues = [
    "nice to have", "a plus", "bonus", "preferred", "ideally", "familiarity with",
    "exposure to", "is a plus", "are a plus",
  ]
  private static let preferredCueBytes = preferredCues.map { Array($0.utf8) }

  static func isPreferredCue(_ line: String) -> Bool {
    let text = line.lowercased()
    if let bytes = PlainText.asciiBytes(text) {
      return preferredCueBytes.contains { PlainText.contains(bytes, $0) }
    }
    return preferredCues.contains { text.contains($0) }
  }

  /// Finds every keyword in a line, longest first, at word boundaries.
  func skills(in line: String) -> [String] { matches(in: line).found.map(\.label) }

  /// The keywords found with their character offsets, and the line with them blanked out.
  ///
  /// As if each keyword, longest first, were searched for left to right and each match at word
  /// boundaries blanked out before the next search (so "Google Cloud" is not also "cloud", and
  /// a blank counts as a boundary), but with every occurrence found in one pass: searching
  /// keyword by keyword took 23 s on a 60 KB posting.
  func matches(in line: String) -> (found: [(label: String, offset: Int)], rest: String) {
    let characters = Array(line)
    let count = characters.count
    guard count > 0, !keywords.isEmpty else { return ([], line) }
    let occurrences =
      anyCase.occurrences(in: characters.map(Self.lowercased))
      + asWritten.occurrences(in: characters)
    guard !occurrences.isEmpty else { return ([], line) }
    // Each keyword's starts, in order; keywords in the order they claim text.
    let starts = Dictionary(grouping: occurrences, by: \.keyword).mapValues { $0.map(\.start) }
    var blank = [Bool](repeating: false, count: count)
    func isBoundary(_ index: Int) -> Bool {
      guard index >= 0, index < count, !blank[index] else { return true }
      let character = characters[index]
      return !(character.isLetter || character.isNumber || character == "_")
    }
    var lastText = count - 1
    var found: [(label: String, offset: Int)] = []
    for index in starts.keys.sorted() {
      let keyword = keywords[index]
      // Occurrences come in order of their start; one that overlaps a blank is gone, and the
      // next search starts after the end of the one just looked at, matched or not.
      var searchFrom = 0
      for start in starts[index, default: []] where start >= searchFrom {
        let end = start + keyword.length
        guard !blank[start..<end].contains(true) else { continue }
        searchFrom = end
        guard isBoundary(start - 1), isBoundary(end) else { continue }
        if keyword.text == "Go",
          isVerbGo(after: end, characters, blank: blank, lastText: &lastText)
        {
          continue
        }
        found.append((keyword.label, start))
        for position in start..<end { blank[position] = true }
      }
    }
    let rest = String(characters.indices.map { blank[$0] ? " " : characters[$0] })
    return (found.sorted { $0.offset < $1.offset }, rest)
  }

  /// A character as case-insensitive search compares it: lowercased, when that is one
  /// character.
  private static func lowercased(_ character: Character) -> Character {
    if let ascii = character.asciiValue {
      return (65...90).contains(ascii) ? Character(UnicodeScalar(ascii + 32)) : character
    }
    let lower = character.lowercased()
    return lower.count == 1 ? Character(lower) : character
  }

  /// Whether a character is white space for `trimmingCharacters(in: .whitespaces)`.
  private static func isSpace(_ character: Character) -> Bool {
    character.unicodeScalars.count == 1
      && character.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains)
  }

  /// Whether "Go" ending at `end` is the verb ("Go above", "Go to"), on the line as blanked
  /// so far, reading only the few characters it needs.
  ///
  /// The words after it are read as if the rest of the line were trimmed and lowercased.
  /// `lastText` is the last place that is not white space or blank; it only moves back as
  /// more is blanked, so finding it again costs nothing in total.
  private func isVerbGo(
    after end: Int, _ characters: [Character], blank: [Bool], lastText: inout Int
  ) -> Bool {
    func isSpace(_ index: Int) -> Bool { blank[index] || Self.isSpace(characters[index]) }
    while lastText >= 0, isSpace(lastText) { lastText -= 1 }
    var start = end
    while start <= lastText, isSpace(start) { start += 1 }
    guard start <= lastText else { return false }
    let window = (start...min(lastText, start + 8)).map { blank[$0] ? " " : characters[$0] }
    let rest = String(window).lowercased()
    return Self.verbWords.contains { rest.hasPrefix($0) }
  }

  /// The words after "Go" that make it a verb.
  private static let verbWords = [
    "to ", "above", "beyond", "further", "deep", "live", "fast", "ahead", "out",
  ]

  /// The level each part of a line asks for: the nearest level cue before each offset.
  private static let cuePhrases: [(String, Double)] = [
    ("expert", 85), ("strong", 75), ("deep", 75), ("extensive", 75), ("advanced", 75),
    ("mastery", 75), ("familiarity", 50), ("familiar with", 50), ("exposure", 50),
    ("some experience", 50), ("basic", 50), ("experience", 65), ("proficien", 65),
    ("hands-on", 65), ("knowledge of", 65),
  ]
  private static let cuePhraseBytes = cuePhrases.map { (Array($0.0.utf8), $0.1) }
  private static let yearsBytes = Array("years".utf8)

  static func levelCues(in line: String) -> [(offset: Int, level: Double)] {
    let text = line.lowercased()
    var cues: [(Int, Double)] = []
    let ascii = PlainText.asciiBytes(text)
    if let bytes = ascii {
      // A byte is a character here: the same matches and offsets as below, without bridging.
      for (phrase, level) in cuePhraseBytes {
        var from = 0
        while let start = PlainText.firstIndex(of: phrase, in: bytes, from: from) {
          cues.append((start, level))
          from = start + phrase.count
        }
      }
    }
    for (phrase, level) in ascii == nil ? cuePhrases : [] {
      // Offsets counted on from the last match, not from the start each time.
      var search = text.startIndex..<text.endIndex
      var counted = (index: text.startIndex, offset: 0)
      while let range = text.range(of: phrase, range: search) {
        counted = (
          range.lowerBound,
          counted.offset + text.distance(from: counted.index, to: range.lowerBound)
        )
        cues.append((counted.offset, level))
        search = range.upperBound..<text.endIndex
      }
    }
    if ascii.map({ PlainText.contains($0, yearsBytes) }) ?? true,
      let range = text.range(of: #"\b[3-9]\+? ?years"#, options: .regularExpression)
    {
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

  /// Extracts skills from plain-text lines (headings on their own lines, bullets as `• `).
  ///
  /// - Parameters:
  ///   - lines: The posting's text.
  ///   - sections: Extra headed sections (such as Lever's `lists`), classified by title.
  /// - Returns: One finding per skill, and the words the dictionary did not know.
  func extract(lines: [String], sections: [(title: String, lines: [String])] = [])
    -> Extraction
  {
    var byLabel: [String: Finding] = [:]
    var unknown: [String] = []
    func consider(_ line: String, section: Section) {
      let (found, rest) = matches(in: line)
      let isRequired = section != .preferred && !Self.isPreferredCue(line)
      let cues = Self.levelCues(in: line)
      // Both are in order of offset: the cue before each finding is found by walking on.
      var cue = -1
      for (label, offset) in found {
        while cue + 1 < cues.count, cues[cue + 1].offset < offset { cue += 1 }
        let threshold = cue >= 0 ? cues[cue].level : 65
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
      let trimmed = PlainText.trimmed(line, .whitespaces)
      // The cheap tests first: a long line is no heading whatever `classify` says.
      if !trimmed.hasPrefix("•"), trimmed.utf8.count <= 60 || trimmed.count <= 60,
        !trimmed.hasSuffix("."), let heading = Self.classify(heading: trimmed)
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
  static func unrecognisedWords(in line: String, known extractor: ReferenceSkillExtractor)
    -> [String]
  {
    var words: [String] = []
    var line = PlainText.trimmed(line, .whitespaces)
    if line.hasPrefix("•") || line.hasPrefix("-") || line.hasPrefix("*") { line.removeFirst() }
    let tokens = line.split {
      $0 == " " || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "/"
    }
    for (index, raw) in tokens.enumerated() {
      let token = PlainText.trimmed(String(raw), tokenMarks)
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
