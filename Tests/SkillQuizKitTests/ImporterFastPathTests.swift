import Foundation
import Testing

@testable import SkillQuizKit

/// The importers' fast paths (bytes instead of characters for simple text, no bridging to
/// `NSString`) give exactly what the code before them gave, kept under `Reference/`: on the
/// fixtures, on generated files, and on text full of the characters where bytes and
/// characters part ways.
struct ImporterFastPathTests {
  private static let catalog = PostingFixtures.catalog

  /// Pieces that stress the fast paths: ASCII, the symbols simple text allows, and what it
  /// does not (accents, a combining mark, `\r\n`, U+037E which equals `;`, U+212A which
  /// lowercases to `k`, U+0130 which lowercases to two scalars, newlines beyond ASCII).
  private static let awkward = [
    "\u{2022}", "\u{A0}", "\u{2014}", "\u{2019}", "\u{2026}", "\u{AB}", "\u{B5}", "\u{BD}",
    "\u{B2}", "\u{2122}", "\u{20AC}", "\u{2027}", "\u{203F}", "é", "e\u{301}", "\u{301}",
    "\r\n", "\r", "\n", "\t", "\u{0B}", "\u{037E}", "\u{212A}", "\u{130}", "\u{2028}", "\u{85}",
    "ß", "Σ", "中", "🙂", "\u{200D}", "  ",
  ]

  private static func pick(_ pieces: [String], _ random: inout SeededRandom) -> String {
    pieces.randomElement(using: &random) ?? ""
  }

  /// Text glued from `pieces`, with an awkward piece now and then (never, for `plain`).
  private static func text(
    _ pieces: [String], count: ClosedRange<Int>, plain: Bool = false,
    using random: inout SeededRandom
  ) -> String {
    (0..<Int.random(in: count, using: &random)).map { _ in
      !plain && Int.random(in: 0..<6, using: &random) == 0
        ? pick(awkward, &random) : pick(pieces, &random)
    }.joined()
  }

  // MARK: Postings

  private static let htmlPieces = [
    "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<br>", "<br/>", "<h2>", "</h2>", "<div>",
    "<LI>", "<Script>x<y</script>", "<style>a{}</style>", "<style>", "</style", "<script",
    "&lt;p&gt;", "&lt;li&gt;", "&amp;", "&nbsp;", "&bull;", "&#8226;", "&#x2014;", "&#769;",
    "&#13;", "&#X41;", "&unknown;", "&amp", "&", ";", "<", ">", "<<", "<a href=\"x\">", "</a>",
    "Requirements", "Nice to have", "Go", "go", "Kafka", "PostgreSQL", "5+ years", "3 years",
    "x3 years", "9years", "strong", "deep", "familiarity with", "experience", "a plus",
    "Senior", "Staff", "mid-level", "Node.js", "C#", "C++", "k8s", "Terraform", "AWS",
    "Google Cloud", " ", " ", ", ", ". ", "/", "(", ")", "-", "•", "*", ":", "'", "\"", "_",
  ]

  private static func html(using random: inout SeededRandom) -> String {
    text(htmlPieces, count: 1...60, using: &random)
  }

  @Test func htmlBecomesTheSameLines() {
    var random = SeededRandom(seed: 131)
    var differences: [String] = []
    for round in 0..<3000 {
      let html = Self.html(using: &random)
      let escaped = round.isMultiple(of: 3) ? ReferenceHTMLText.decodeEntities(html) : html
      if HTMLText.lines(escaped) != ReferenceHTMLText.lines(escaped)
        || HTMLText.decodeEntities(escaped) != ReferenceHTMLText.decodeEntities(escaped)
      {
        differences.append(escaped)
      }
    }
    #expect(differences.isEmpty, "\(differences.prefix(3).map(\.debugDescription))")
  }

  @Test func entityEdgesDecodeAsBefore() {
    let cases = [
      "&amp;", "&ampx;", "&#59;&#x3B;", "&12345678901;", "&1234567890;", "&\u{037E}amp;",
      "&am\u{301}p;",
      "&\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022};",
      "&\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022};",
      "&#x110000;", "&#xD800;", "&#-1;", "&#+65;", "&#x+41;", "&;", "&&amp;;", "a&b",
      "<p>&lt;b&gt;</p>", "&lt;p&gt;x&lt;/p&gt;", "\u{2022}", "\u{2022} ", "\u{A0}a\u{A0}\u{A0}b",
    ]
    for html in cases {
      #expect(HTMLText.decodeEntities(html) == ReferenceHTMLText.decodeEntities(html), "\(html)")
      #expect(HTMLText.lines(html) == ReferenceHTMLText.lines(html), "\(html)")
    }
  }

  /// A Greenhouse board of generated postings, entity-escaped as Greenhouse sends them.
  private static func greenhouseBoard(count: Int, plain: Bool, using random: inout SeededRandom)
    -> String
  {
    let titles = [
      "Senior Backend Engineer", "Staff Engineer", "Software Engineer", "Junior Developer",
      "Mid Engineer", "Sr. SRE", "Principal Architect", "New Grad", "Entry Level",
    ]
    let jobs = (0..<count).map { index -> [String: Any] in
      let body = text(htmlPieces, count: 10...120, plain: plain, using: &random)
      return [
        "id": 4_000_000 + index, "title": pick(titles, &random),
        "absolute_url": "https://boards.greenhouse.io/x/jobs/\(index)",
        "location": ["name": "Berlin, DE; Remote"], "departments": [["name": "Engineering"]],
        "updated_at": "2026-01-01T00:00:00Z",
        "content": ReferenceHTMLText.decodeEntities(body)
          .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
          .replacingOccurrences(of: ">", with: "&gt;"),
      ]
    }
    let data = (try? JSONSerialization.data(withJSONObject: ["jobs": jobs])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  private static func fixturePostingFiles() throws -> [(name: String, text: String)] {
    let folder = PostingFixtures.folder
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      .filter { !$0.hasSuffix(".expected.json") }.map {
        ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
      }
  }

  @Test func postingFilesGiveTheSameOpenings() throws {
    var random = SeededRandom(seed: 7)
    let files =
      try Self.fixturePostingFiles() + [
        ("plain-board.json", Self.greenhouseBoard(count: 60, plain: true, using: &random)),
        ("awkward-board.json", Self.greenhouseBoard(count: 60, plain: false, using: &random)),
      ]
    let extractor = SkillExtractor(catalog: Self.catalog)
    let reference = ReferenceSkillExtractor(catalog: Self.catalog)
    var openings = 0
    for (name, text) in files {
      let postings = try PostingImporter.read(text, file: name)
      let expected = try ReferencePostingImporter.read(text, file: name)
      try #require(postings.count == expected.count, "\(name)")
      for (posting, old) in zip(postings, expected) {
        #expect(posting.lines == old.lines, "\(name) \(posting.sourceID)")
        #expect(posting.sections.map(\.title) == old.sections.map(\.title))
        #expect(posting.sections.map(\.lines) == old.sections.map(\.lines))
        #expect(
          [posting.company, posting.title, posting.url, posting.datePosted, posting.salary]
            == [old.company, old.title, old.url, old.datePosted, old.salary])
        let new = PostingImporter.opening(from: posting, extractor: extractor, file: name)
        let before = ReferencePostingImporter.opening(
          from: old, extractor: reference, file: name)
        #expect(new.opening == before.opening, "\(name) \(posting.sourceID)")
        #expect(new.unrecognised == before.unrecognised, "\(name) \(posting.sourceID)")
        if new.opening != nil { openings += 1 }
      }
    }
    #expect(openings > 50)
  }

  @Test func linesAreReadAsBefore() {
    var random = SeededRandom(seed: 99)
    let extractor = SkillExtractor(catalog: Self.catalog)
    let reference = ReferenceSkillExtractor(catalog: Self.catalog)
    let words = Self.catalog.areas.flatMap { $0.keywords + $0.topics.flatMap(\.keywords) }
    let pieces =
      Self.htmlPieces.filter { !$0.contains("<") && !$0.contains("&") } + words
      + words.map { $0.uppercased() } + ["Go to", "Go above", "GO", "  Go  ", "Zork", "ÉTÉ"]
    var differences: [String] = []
    for _ in 0..<3000 {
      let line = Self.text(pieces, count: 1...20, using: &random)
      let (found, rest) = extractor.matches(in: line)
      let (expected, expectedRest) = reference.matches(in: line)
      let same =
        found.map(\.label) == expected.map(\.label) && found.map(\.offset) == expected.map(\.1)
        && rest == expectedRest
        && SkillExtractor.levelCues(in: line).map(\.offset)
          == ReferenceSkillExtractor.levelCues(in: line).map(\.offset)
        && SkillExtractor.levelCues(in: line).map(\.level)
          == ReferenceSkillExtractor.levelCues(in: line).map(\.level)
        && SkillExtractor.isPreferredCue(line) == ReferenceSkillExtractor.isPreferredCue(line)
        && SkillExtractor.classify(heading: line).map { "\($0)" }
          == ReferenceSkillExtractor.classify(heading: line).map { "\($0)" }
        && SkillExtractor.unrecognisedWords(in: line, known: extractor)
          == ReferenceSkillExtractor.unrecognisedWords(in: line, known: reference)
      if !same { differences.append(line) }
    }
    #expect(differences.isEmpty, "\(differences.prefix(3).map(\.debugDescription))")
  }

  @Test func yearsAreFoundAsTheRegularExpressionFindsThem() {
    let lines = [
      "5+ years", "5+years", "5 years", "5years", "x5 years", "_5 years", "25 years", "2 years",
      "5  years", "5+ +years", "\u{2022}5 years", "\u{B2}5 years", "é5 years", "(5+ years)",
      "1 3 years", "10 years, 3 years", "5 YEARS", "a 9+ years b", "9+ yea",
    ]
    for line in lines {
      #expect(
        SkillExtractor.levelCues(in: line).map(\.offset)
          == ReferenceSkillExtractor.levelCues(in: line).map(\.offset), "\(line)")
    }
  }

  // MARK: Markdown quizzes

  private static let markdownPieces = [
    "#### Q1. ", "### Q2: ", "Q3) ", "q4 ", "## Category (x)\n", "# Title\n", "- [ ] ", "- [x] ",
    "* [X] ", "- [y] ", "  - [ ] ", "```\n", "```sql\n", "    ```\n", "**Explanation:** ",
    "Explanation: ", "**explanation**: a ** b ***", "[Reference](https://x.org/a)",
    "reference: not a link", "[reference](ftp://x)", "[Reference](https://x.org/a(b)c) d",
    "[reference]((x)", "Reference: ()", "![alt](img.png)", "![a]", "](", ")",
    "word ", "`code` ", "SELECT 1;", "\"quoted\"", "back\\slash", "\t", "  ", "\n", "\n", "\n",
    "\n\n", "x:y:z", "trailing ", ": ", "Q", "#", "- ", "[x]",
  ]

  /// Questions in the LinkedIn style, mostly well formed, with stray pieces between.
  private static func markdown(using random: inout SeededRandom) -> String {
    let words = ["word ", "`code` ", "SELECT 1;", "x:y ", "\"q\" ", "a\\b ", "![i](p.png) "]
    return (0..<Int.random(in: 1...12, using: &random)).map { number in
      let header = pick(["#### Q\(number). ", "### Q\(number): ", "Q\(number)) "], &random)
      let options = (0..<Int.random(in: 1...5, using: &random)).map { _ in
        pick(["- [ ] ", "- [x] ", "* [X] "], &random) + text(words, count: 1...4, using: &random)
      }
      return header + text(words, count: 1...6, using: &random) + "\n\n"
        + options.joined(separator: "\n") + "\n"
        + text(markdownPieces, count: 0...8, using: &random) + "\n"
    }.joined()
  }

  private static func markdownFiles() throws -> [String] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/markdown")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      .filter { $0.hasSuffix(".md") }.map {
        try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
      }
  }

  @Test func markdownParsesAndWritesAsBefore() throws {
    var random = SeededRandom(seed: 3)
    let area = try #require(Self.catalog.areas.first { $0.id == "apis" })
    let topic = try #require(area.topics.first)
    let fixtures = try Self.markdownFiles()
    #expect(!fixtures.isEmpty)
    var questions = 0
    for text in fixtures + (0..<400).map({ _ in Self.markdown(using: &random) }) {
      for variant in [text, text.replacingOccurrences(of: "\n", with: "\r\n")] {
        let parsed = MarkdownQuizParser.parse(variant)
        let expected = ReferenceMarkdownQuizParser.parse(variant)
        #expect(parsed == expected, "\(variant.debugDescription)")
        questions += parsed.questions.count
        let bank = BankWriter.bank(
          parsed.questions, area: area, topic: topic, source: "dir/quiz.md", format: "markdown")
        let old = ReferenceBankWriter.bank(
          parsed.questions, area: area, topic: topic, source: "dir/quiz.md", format: "markdown")
        #expect(bank.text == old.text)
        #expect(bank.written.map(\.id) == old.written.map(\.id))
        #expect(bank.written.map(\.line) == old.written.map(\.line))
        #expect(bank.skipped.map(\.line) == old.skipped.map(\.line))
        #expect(bank.skipped.map(\.reason) == old.skipped.map(\.reason))
        #expect(
          QuestionFormat.detect(variant, fileName: "x.txt")
            == ReferenceQuestionFormat.detect(variant, fileName: "x.txt"))
      }
    }
    #expect(questions > 1000)
  }

  @Test func quotingAndBlocksAreWrittenAsBefore() {
    var random = SeededRandom(seed: 5)
    let pieces = ["a", "\"", "\\", "\n", "\t", "\r", "\u{7F}", "\u{1}", " ", "é", "\u{2028}"]
    for _ in 0..<2000 {
      let text = Self.text(pieces, count: 0...12, using: &random)
      #expect(
        BankWriter.quoted(text) == ReferenceBankWriter.quoted(text), "\(text.debugDescription)")
      #expect(
        BankWriter.block(text, indent: "  ") == ReferenceBankWriter.block(text, indent: "  "),
        "\(text.debugDescription)")
    }
  }

  @Test func formatsAreToldAsBefore() {
    let texts = [
      "", "\n\n", "- [x] a", "  - [ ] b\n", "// - [x] comment\n::q:: {=a}",
      "q\nA. a\nB) b\nANSWER: A",
      "question,options,answer\nq,a|b,a", "$CATEGORY: x", "a {b}", "x\r\n- [x] y", "plain",
    ]
    for text in texts {
      for name in ["f.gift", "f.md", "f.csv", "f.txt"] {
        #expect(
          QuestionFormat.detect(text, fileName: name)
            == ReferenceQuestionFormat.detect(text, fileName: name), "\(text) \(name)")
      }
    }
  }
}
