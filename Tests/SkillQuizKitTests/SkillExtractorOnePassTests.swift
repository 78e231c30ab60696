import Foundation
import Testing

@testable import SkillQuizKit

/// The keyword search before it became one pass, kept as the oracle the new one must agree
/// with.
///
/// Each keyword, longest first, is searched for left to right and blanked out where it
/// matched.
private struct KeywordByKeyword {
  struct Keyword {
    let text: String
    let label: String
    let caseSensitive: Bool
  }

  let keywords: [Keyword]

  init(catalog: SkillCatalog) {
    var list: [Keyword] = []
    for area in catalog.areas {
      for word in area.keywords {
        list.append(Keyword(text: word, label: area.id, caseSensitive: word != word.lowercased()))
      }
      for topic in area.topics {
        for word in topic.keywords {
          list.append(
            Keyword(
              text: word, label: "\(area.id)/\(topic.id)", caseSensitive: word != word.lowercased()
            ))
        }
      }
    }
    keywords = list.sorted { $0.text.count > $1.text.count }
  }

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

  static func isVerbGo(_ text: String, _ range: Range<String.Index>) -> Bool {
    let rest = text[range.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
    return ["to ", "above", "beyond", "further", "deep", "live", "fast", "ahead", "out"].contains {
      rest.hasPrefix($0)
    }
  }
}

struct SkillExtractorOnePassTests {
  private static let catalog = PostingFixtures.catalog

  /// Lines made of keywords in every case, pieces of keywords, verbs after "Go", and the
  /// characters that do and do not make word boundaries, glued in random order.
  private static func lines(count: Int, seed: UInt64) -> [String] {
    var random = SeededRandom(seed: seed)
    let words = catalog.areas.flatMap { $0.keywords + $0.topics.flatMap(\.keywords) }
    let variants = words.flatMap { [$0, $0.lowercased(), $0.uppercased(), $0.capitalized] }
    let pieces =
      variants + words.map { String($0.prefix(max(1, $0.count / 2))) } + [
        "Go", "go", "GO", "to", "above", "beyond", "further", "deep", "live", "fast", "out",
        "experience", "strong", "x", "_", "1", "é", "ß", "\u{301}", "Kafka", "Zork",
      ]
    let glue = [" ", " ", " ", "", ",", "/", "-", ".", "_", "(", ")", "+", "#", "  ", "\t", "é"]
    return (0..<count).map { _ in
      (0..<Int.random(in: 1...24, using: &random)).map { _ in
        (pieces.randomElement(using: &random) ?? "") + (glue.randomElement(using: &random) ?? "")
      }.joined()
    }
  }

  @Test func oneSearchFindsWhatTheSearchPerKeywordFound() throws {
    let extractor = SkillExtractor(catalog: Self.catalog)
    let reference = KeywordByKeyword(catalog: Self.catalog)
    var fixtureLines: [String] = []
    for name in PostingFixtures.cases {
      let base = name.replacingOccurrences(of: ".expected.json", with: "")
      let input = try #require(
        try FileManager.default.contentsOfDirectory(atPath: PostingFixtures.folder.path).first {
          $0.hasPrefix(base + ".") && !$0.hasSuffix(".expected.json")
        })
      let text = try String(
        contentsOf: PostingFixtures.folder.appendingPathComponent(input), encoding: .utf8)
      for posting in try PostingImporter.read(text, file: input) {
        fixtureLines += posting.lines + posting.sections.flatMap(\.lines)
      }
    }
    #expect(fixtureLines.count > 20)
    var differences: [String] = []
    var matched = 0
    for line in fixtureLines + Self.lines(count: 3000, seed: 12) {
      let (found, rest) = extractor.matches(in: line)
      matched += found.count
      let (expected, expectedRest) = reference.matches(in: line)
      if found.map(\.label) != expected.map(\.label) || found.map(\.offset) != expected.map(\.1)
        || rest != expectedRest
      {
        differences.append(line)
      }
    }
    #expect(differences.isEmpty, "\(differences.prefix(5))")
    #expect(matched > 5_000)
  }

  @Test func aLongPostingLineIsReadInOnePass() {
    // 60 KB on one line, as an HTML description without block tags gives: keyword by keyword,
    // this took 23 s.
    let sentence =
      "Deep experience with Go and PostgreSQL, Kafka on Kubernetes; Go above and beyond with "
      + "Python, node.js, CI/CD and Google Cloud Platform. "
    let line = String(repeating: sentence, count: 60_000 / sentence.count)
    let extractor = SkillExtractor(catalog: Self.catalog)
    let result = extractor.extract(lines: ["Requirements", line])
    #expect(
      Set(result.findings.map(\.skill)).isSuperset(of: [
        "languages/go", "databases/postgresql", "containers/kubernetes", "languages/python",
        "cloud/gcp",
      ]))
    #expect(result.findings.allSatisfy { $0.threshold == 75 })
    let goes = extractor.matches(in: line).found.filter { $0.label == "languages/go" }
    #expect(goes.count == 60_000 / sentence.count)
  }
}
