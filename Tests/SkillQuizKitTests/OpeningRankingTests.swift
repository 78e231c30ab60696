import Foundation
import Testing

@testable import SkillQuizKit

/// Ranking from outlines with a shared scorer gives what matching every opening in full gave.
struct OpeningRankingTests {
  let catalog: SkillCatalog
  let bundled: [JobOpening]

  init() throws {
    let library = try BankLoader().load(from: DirectoryBankSource(root: BankFixtures.bundledBanks))
    catalog = library.catalog
    let url = BankFixtures.bundledBanks.appendingPathComponent("openings.yaml")
    bundled =
      OpeningsParser.parse(
        BankFile(path: url.path, contents: try String(contentsOf: url, encoding: .utf8)),
        catalog: catalog
      ).openings
  }

  var labels: [String] {
    catalog.areas.flatMap { area in [area.id] + area.topics.map { "\(area.id)/\($0.id)" } }
  }

  /// Levels of every kind: measured on a few answers or many, given as certain, or unknown.
  func levels(seed: UInt64) -> [String: SkillLevel] {
    var random = SeededRandom(seed: seed)
    var levels: [String: SkillLevel] = [:]
    for label in labels {
      switch Int.random(in: 0..<4, using: &random) {
      case 0:
        levels[label] = .notAssessed
      case 1:
        levels[label] = .certain(Double(Int.random(in: 0...100, using: &random)))
      default:
        let count = Int.random(in: 1...30, using: &random)
        let items = (0..<count).map { _ in IRTItem(b: Double.random(in: -2...2, using: &random)) }
        let responses = (0..<count).map { _ in Bool.random(using: &random) }
        levels[label] = .measured(
          AbilityPosterior(items: items, responses: responses), answered: count)
      }
    }
    return levels
  }

  func randomOpenings(count: Int, seed: UInt64) -> [JobOpening] {
    var random = SeededRandom(seed: seed)
    let labels = labels
    func requirement() -> JobRequirement {
      let skills =
        Int.random(in: 0..<4, using: &random) == 0
        ? Array(labels.shuffled(using: &random).prefix(Int.random(in: 2...3, using: &random)))
        : [labels.randomElement(using: &random) ?? "git"]
      return JobRequirement(
        skills: skills, threshold: [50, 65, 75, 85, 62.5].randomElement(using: &random) ?? 65,
        weight: [1, 2, 3, 0.5].randomElement(using: &random) ?? 1, note: "note")
    }
    return (0..<count).map { index in
      let low = SeniorityLevel.allCases.randomElement(using: &random) ?? .mid
      return JobOpening(
        id: "o-\(index % (count / 2 + 1))-\(index)", company: "C", title: "T",
        locations: [], workplace: .remote,
        seniority: Bool.random(using: &random) ? low...SeniorityLevel.staff : nil,
        datePosted: Bool.random(using: &random) ? "2026-0\(index % 9 + 1)-01" : nil,
        required: (0..<Int.random(in: 0...5, using: &random)).map { _ in requirement() },
        preferred: (0..<Int.random(in: 0...3, using: &random)).map { _ in requirement() },
        origin: .modeled)
    }
  }

  /// Outlines of openings with their kinds numbered from 1, and the kinds by number.
  func outlines(_ openings: [JobOpening]) -> ([OpeningOutline], [Int: RequirementKind]) {
    var numbers: [RequirementKind: Int] = [:]
    let outlines = openings.map { opening in
      OpeningOutline(opening) { kind in
        if let known = numbers[kind] { return known }
        numbers[kind] = numbers.count + 1
        return numbers.count
      }
    }
    return (outlines, Dictionary(uniqueKeysWithValues: numbers.map { ($0.value, $0.key) }))
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func rankKeysFromOutlinesEqualTheKeysOfFullMatches(seed: UInt64) {
    let levels = levels(seed: seed)
    let level: (String) -> SkillLevel = { levels[$0] ?? .notAssessed }
    let openings = bundled + randomOpenings(count: 300, seed: seed)
    let (outlines, kinds) = outlines(openings)
    for seniority in [nil] + SeniorityLevel.allCases.map(Optional.some) {
      let full = openings.map { JobMatcher.match($0, level: level, seniority: seniority) }
      var scorer = RequirementScorer(level: level, kinds: kinds)
      let keys = outlines.map { JobMatcher.rankKey($0, scorer: &scorer, seniority: seniority) }
      #expect(keys == full.map(RankKey.init))
      #expect(keys.sorted().map(\.id) == JobMatcher.rank(full).map(\.opening.id))
      // A scorer shared across openings gives each the match a fresh one gives.
      var shared = RequirementScorer(level: level)
      #expect(
        openings.map { JobMatcher.match($0, scorer: &shared, seniority: seniority) } == full)
    }
  }

  @Test func requirementsSurviveTheCompactFormExactly() throws {
    let openings = bundled + randomOpenings(count: 200, seed: 9)
    let (outlines, kinds) = outlines(openings)
    for (opening, outline) in zip(openings, outlines) {
      let decoded = try #require(outline.encoded.withUnsafeBytes { OpeningOutline.decode($0) })
      #expect(decoded.required == outline.required)
      #expect(decoded.preferred == outline.preferred)
      #expect(
        decoded.required.map { kinds[$0.kind] } == opening.required.map(RequirementKind.init))
      #expect(decoded.required.map(\.weight) == opening.required.map(\.weight))
      #expect(
        decoded.preferred.map { kinds[$0.kind] } == opening.preferred.map(RequirementKind.init))
    }
    #expect([UInt8](repeating: 0, count: 12).withUnsafeBytes { OpeningOutline.decode($0) } == nil)
    #expect([UInt8](repeating: 2, count: 13).withUnsafeBytes { OpeningOutline.decode($0) } == nil)
    #expect(RequirementKind(skillsText: "", threshold: 50) == nil)
    #expect(
      RequirementKind(skillsText: "languages/go apis", threshold: 65)
        == RequirementKind(skills: ["languages/go", "apis"], threshold: 65))
  }

  @Test func theScorerSaysWhetherAnythingWasMeasured() {
    let (outlines, kinds) = outlines(bundled)
    var nothing = RequirementScorer(level: { _ in .notAssessed }, kinds: kinds)
    for outline in outlines { _ = JobMatcher.rankKey(outline, scorer: &nothing, seniority: nil) }
    #expect(!nothing.anyMeasured)
    var some = RequirementScorer(
      level: { $0 == "git" ? .certain(70) : .notAssessed }, kinds: kinds)
    for outline in outlines { _ = JobMatcher.rankKey(outline, scorer: &some, seniority: nil) }
    #expect(some.anyMeasured)
  }
}

/// The plain-text fast paths answer what the Foundation calls they replace answer.
struct PlainTextTests {
  static let samples = [
    "", " ", "  plain  ", "\ttabbed\t", "\u{00A0}no-break\u{00A0}", "  Zu\u{308}rich ",
    "é  ", "\r\n x \r\n", " \u{2003}em space\u{2003} ", "•  bullet", "## Heading: ##", "*a*",
    "mixed \u{301} mark ", "👩‍💻 dev ", "\n\nlines\n\n",
  ]

  @Test func trimmingEqualsFoundation() {
    let sets: [CharacterSet] = [
      .whitespaces, .whitespacesAndNewlines, CharacterSet(charactersIn: " :•-*#"),
      CharacterSet(charactersIn: ".:•-*\"'"),
    ]
    for text in Self.samples {
      for set in sets {
        #expect(
          text.trimmed(in: set) == text.trimmingCharacters(in: set), "\(text.debugDescription)")
        let sub = text.dropFirst(0)
        #expect(sub.trimmed(in: set) == sub.trimmingCharacters(in: set))
      }
    }
  }

  /// The level cues as Foundation found them, before the byte search.
  static func referenceCues(_ line: String) -> [(offset: Int, level: Double)] {
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

  @Test func levelCuesEqualTheFoundationSearch() {
    var random = SeededRandom(seed: 4)
    let words = [
      "Strong", "experience", "with", "Go", "5+ years", "3 years", "expertexpert", "deep",
      "Familiarity", "familiar with", "hands-on", "Knowledge of", "SQL", "PROFICIENT", "basic",
      "exposure", "some experience", "mastery", "advanced", "extensive", "r\u{E9}sum\u{E9}",
      "we\u{2019}re", "\r\n", "9years", "x3 years",
    ]
    for _ in 0..<400 {
      let line = (0..<Int.random(in: 1...12, using: &random)).map { _ in
        words.randomElement(using: &random) ?? ""
      }.joined(separator: " ")
      let fast = SkillExtractor.levelCues(in: line)
      let slow = Self.referenceCues(line)
      #expect(fast.map(\.offset) == slow.map(\.offset), "\(line.debugDescription)")
      #expect(fast.map(\.level) == slow.map(\.level))
    }
  }

  @Test func preferredCuesEqualTheFoundationSearch() {
    let cues = [
      "nice to have", "a plus", "bonus", "preferred", "ideally", "familiarity with",
      "exposure to", "is a plus", "are a plus",
    ]
    let lines = [
      "Kafka is a plus", "NICE TO HAVE: Go", "Bonus points", "we\u{2019}d prefer Go",
      "Preferred: Rust", "ideally Python", "nothing here", "A PLUS", "exposure\u{A0}to k8s",
      "Familiarity With SQL", "",
    ]
    for line in lines {
      let expected = cues.contains { line.lowercased().contains($0) }
      #expect(SkillExtractor.isPreferredCue(line) == expected, "\(line)")
    }
  }
}
