import Foundation
import Testing

@testable import SkillQuizKit

/// The bank parser over `YAMLComposer` gives exactly what the Yams-based parser gave: the same
/// questions, skips and diagnostics (message, fix, file, line and column), for every bundled
/// bank, every YAML fixture (broken ones and fuzz regressions included) and seeded mutations.
///
/// Files dropped into `QuestionBanks/` or any `Tests/*/Fixtures/` folder are picked up.
@Suite("Parser equivalence")
struct ParserEquivalenceTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let bundled = root.appendingPathComponent("QuestionBanks")

  /// Every YAML file of the bundled banks and of the test fixtures, and every bank fuzz
  /// regression whatever its name, as paths from the repository's root.
  static var files: [String] {
    var found: [String] = []
    let manager = FileManager.default
    let tests = root.appendingPathComponent("Tests")
    let fixtureFolders = ((try? manager.contentsOfDirectory(atPath: tests.path)) ?? [])
      .map { tests.appendingPathComponent($0).appendingPathComponent("Fixtures") }
    for folder in [bundled] + fixtureFolders {
      guard let walker = manager.enumerator(at: folder, includingPropertiesForKeys: nil) else {
        continue
      }
      for case let url as URL in walker {
        let path = url.standardizedFileURL.path
        let isFuzzBank = path.contains("/Fixtures/fuzz/bank/")
        guard isFuzzBank || ["yaml", "yml"].contains(url.pathExtension),
          !url.lastPathComponent.hasPrefix(".")
        else { continue }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { continue }
        found.append(String(path.dropFirst(root.standardizedFileURL.path.count + 1)))
      }
    }
    return found.sorted()
  }

  static let bundledCatalog: Result<SkillCatalog, any Error> = Result {
    let skills = try String(
      contentsOf: bundled.appendingPathComponent("skills.yaml"), encoding: .utf8)
    return try #require(
      YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: skills)).catalog)
  }

  /// The catalog of the `skills.yaml` beside `path`, or the bundled one.
  static func catalog(beside path: String) throws -> SkillCatalog {
    let sibling = root.appendingPathComponent(path).deletingLastPathComponent()
      .appendingPathComponent("skills.yaml")
    if let text = try? String(contentsOf: sibling, encoding: .utf8),
      let catalog = YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: text))
        .catalog
    {
      return catalog
    }
    return try bundledCatalog.get()
  }

  @Test("finds the bundled banks, the fixture banks and the fuzz regressions")
  func findsTheFiles() {
    let files = Self.files
    #expect(files.contains("QuestionBanks/git.yaml"))
    #expect(files.contains("QuestionBanks/databases/sql-lab.yaml"))
    #expect(files.contains("Tests/skillquizTests/Fixtures/banks/git.yaml"))
    #expect(files.contains { $0.hasPrefix("Tests/SkillQuizKitTests/Fixtures/fuzz/bank/") })
  }

  @Test("parses each file as the Yams-based parser did", arguments: files)
  func parsesAsBefore(_ path: String) throws {
    let bytes = try Data(contentsOf: Self.root.appendingPathComponent(path))
    let file = BankFile(path: path, contents: String(decoding: bytes, as: UTF8.self))
    let catalog = try Self.catalog(beside: path)
    try Self.expectSameParse(file, catalog: catalog)
    Self.expectSameSkills(file)
  }

  @Test("parses seeded mutations of banks as the Yams-based parser did", arguments: 0..<8)
  func parsesMutationsAsBefore(_ seed: Int) throws {
    let catalog = try Self.bundledCatalog.get()
    var random = SeededRandom(seed: UInt64(seed) &* 7919 &+ 13)
    let seeds = try Self.mutationSeeds()
    var broken = 0
    for round in 0..<60 {
      let original = seeds[round % seeds.count]
      let mutated = Self.mutate(original, rounds: 1 + round % 4, using: &random)
      let file = BankFile(path: "mutant-\(seed)-\(round).yaml", contents: mutated)
      try Self.expectSameParse(file, catalog: catalog)
      Self.expectSameSkills(file)
      if YAMLBankParser().parseBank(file, catalog: catalog).diagnostics.contains(where: {
        $0.severity == .error
      }) {
        broken += 1
      }
    }
    // The mutations must reach the error paths, or this compares only the happy one.
    #expect(broken >= 10, "only \(broken) of 60 mutants have errors")
  }

  @Test("reports duplicate keys as Yams did, telling 1 from \"1\"")
  func duplicateKeys() throws {
    let catalog = try Self.bundledCatalog.get()
    let texts = [
      "schema: 1\narea: git\nquestions: []\narea: git\n",
      "schema: 1\nschema: 1\narea: git\narea: cloud\nquestions: []\n",
      "schema: 1\narea: git\nquestions:\n  - {1: a, \"1\": b, true: c, \"true\": d}\n",
      "schema: 1\narea: git\nquestions:\n  - {1: a, 01: b, 1: c}\n",
      "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nb: 12\n",
      "? [a, b]\n: 1\n? [a, b]\n: 2\n",
      "? {a: 1}\n: 1\n? [a]\n: 2\n",
      "schema: 1\narea: git\nquestions: []\narea: git\n&a x: *a\n",
      "schema: 1\narea: git\nquestions: []\narea: git\n--- \nschema: 1\n",
      "schema: 1\narea: git\nquestions: []\narea: git\n: : [\n",
    ]
    for (index, text) in texts.enumerated() {
      try Self.expectSameParse(
        BankFile(path: "keys-\(index).yaml", contents: text), catalog: catalog)
    }
    func first(_ index: Int) -> BankDiagnostic? {
      YAMLBankParser().parseBank(
        BankFile(path: "keys.yaml", contents: texts[index]), catalog: catalog
      ).diagnostics.first
    }
    #expect(first(0)?.message == "duplicate key 'area' in one mapping")
    #expect(first(0).map { [$0.location.line, $0.location.column] } == [2, 1])
    #expect(first(1)?.message == "duplicate key 'area', 'schema' in one mapping")
    #expect(first(2)?.message.hasPrefix("duplicate key") == false)
    #expect(first(3)?.message == "duplicate key '1' in one mapping")
    #expect(first(4).map { [$0.location.line, $0.location.column] } == [2, 1])
    #expect(first(5)?.message == "duplicate key '<uncovertable>' in one mapping")
    #expect(first(7)?.message.hasPrefix("YAML anchors and aliases") == true)
    #expect(first(8)?.message.hasPrefix("duplicate key 'area'") == true)
    // The duplicate is in the top mapping, which never ends: the syntax error comes first.
    #expect(first(9)?.message.hasPrefix("YAML syntax error") == true)
  }

  @Test("trims white space exactly as Foundation does")
  func trimsAsFoundation() {
    let samples = [
      "", " ", "a", " a ", "\t\na\r\n", "\u{2028} a\u{85}\u{A0}", " \u{301}a", "a \u{301}",
      "\u{200B}x\u{200B}", "\u{3000}\u{FEFF}y", "\u{1680}z\u{205F}", "\u{0B}\u{0C}q\u{0D}",
    ]
    for sample in samples {
      #expect(WhiteSpace.trimmed(sample) == sample.trimmingCharacters(in: .whitespacesAndNewlines))
      #expect(WhiteSpace.trimmedBlanks(sample) == sample.trimmingCharacters(in: .whitespaces))
    }
    for value in 0..<0x3100 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let text = "a\(Character(scalar))"
      #expect(
        WhiteSpace.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
        "U+\(String(value, radix: 16))")
      #expect(
        WhiteSpace.trimmedBlanks(text) == text.trimmingCharacters(in: .whitespaces),
        "U+\(String(value, radix: 16))")
    }
  }

  @Test("tells options that refer to the others as the Yams-based parser did")
  func refersToOtherOptionsAsBefore() {
    let openings = ["All", "none", "BOTH", "Neither", "allow", "non", "bothered", "neithers", "a"]
    let rests = [
      " of the above", " of these", " of them!", " the above", " of the others", "-of-the-above",
      " of the é above", " of thé above", " OF THE ABOVE.", " of", "", " above of all",
    ]
    var samples = [
      "", "!!", "42 all of the above", "  (all) of the above", "é all of the above",
      "all\u{301} of the above", "alle of the above", "All\u{200D} of the above",
      "\u{212A}none of the above", "ALL OF THE ABOVE", "all\nof\nthe\nabove", "all_of_the_above",
      "allofthe above", "None of the abovementioned", "neither of these two",
      "Sometimes, all of them",
    ]
    for opening in openings {
      for rest in rests { samples.append(opening + rest) }
    }
    var matched = 0
    for sample in samples {
      let old = YamsBankParser.refersToOtherOptions(sample)
      #expect(YAMLBankParser.refersToOtherOptions(sample) == old, "\(sample.debugDescription)")
      if old { matched += 1 }
    }
    #expect(matched > 10)
  }

  // MARK: Helpers

  static func expectSameParse(
    _ file: BankFile, catalog: SkillCatalog,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let new = YAMLBankParser().parseBank(file, catalog: catalog)
    let old = YamsBankParser().parseBank(file, catalog: catalog)
    #expect(new.areaID == old.areaID, "\(file.path)", sourceLocation: sourceLocation)
    #expect(new.questions == old.questions, "\(file.path)", sourceLocation: sourceLocation)
    #expect(new.skippedCount == old.skippedCount, "\(file.path)", sourceLocation: sourceLocation)
    #expect(new.skipReason == old.skipReason, "\(file.path)", sourceLocation: sourceLocation)
    #expect(
      new.diagnostics == old.diagnostics, "\(file.path)\n\(file.contents)",
      sourceLocation: sourceLocation)
  }

  static func expectSameSkills(
    _ file: BankFile, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let new = YAMLBankParser().parseSkills(file)
    let old = YamsBankParser().parseSkills(file)
    #expect(new.catalog?.areas == old.catalog?.areas, sourceLocation: sourceLocation)
    #expect(new.diagnostics == old.diagnostics, "\(file.path)", sourceLocation: sourceLocation)
  }

  /// Small banks to mutate: the fixture banks, the inline one and the start of a bundled one.
  static func mutationSeeds() throws -> [String] {
    let fixtures = root.appendingPathComponent("Tests/skillquizTests/Fixtures/banks")
    var seeds = try ["git.yaml", "databases.yaml", "containers.yaml", "skills.yaml"].map {
      try String(contentsOf: fixtures.appendingPathComponent($0), encoding: .utf8)
    }
    seeds.append(BankFixtures.gitBank)
    let sql = try String(
      contentsOf: bundled.appendingPathComponent("databases/sql-lab.yaml"), encoding: .utf8)
    seeds.append(String(sql.prefix(4000)))
    return seeds
  }

  /// Characters that matter to YAML, and some that matter to our checks.
  static let alphabet: [String] = [
    ":", "-", " ", "  ", "\t", "\n", "\r\n", "\r", "#", " #", "\"", "'", "[", "]", "{", "}", ",",
    "&a ", "*a", "!", "!!str ", "|", ">", "?", "%", "@", "`", "```", "\u{FEFF}", "é", "\u{2028}",
    "\u{85}", "\u{A0}", "---\n", "...\n", "null", "~", "1", "true", "\\", "\u{0}",
  ]

  /// `text` with `rounds` random edits: an insertion, a deletion, or a line repeated or moved.
  static func mutate(_ text: String, rounds: Int, using random: inout SeededRandom) -> String {
    var scalars = Array(text.unicodeScalars)
    for _ in 0..<rounds {
      let position = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0, 1:
        let insert = alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
        scalars.insert(contentsOf: insert.unicodeScalars, at: position)
      case 2:
        let length = Int.random(in: 1...12, using: &random)
        scalars.removeSubrange(position..<min(scalars.count, position + length))
      default:
        var lines = String(String.UnicodeScalarView(scalars)).split(
          separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { continue }
        let from = Int.random(in: 0..<lines.count, using: &random)
        let to = Int.random(in: 0..<lines.count, using: &random)
        let line = lines[from]
        if Bool.random(using: &random) { lines.remove(at: from) }
        lines.insert(line, at: min(to, lines.count))
        scalars = Array(lines.joined(separator: "\n").unicodeScalars)
      }
    }
    return String(String.UnicodeScalarView(scalars))
  }
}
