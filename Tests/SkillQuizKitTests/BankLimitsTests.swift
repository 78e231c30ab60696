import Testing

@testable import SkillQuizKit

/// Hostile bank files: each is refused with its limit and place, in time linear in its size,
/// and never hangs the banks beside it.
@Suite(.timeLimit(.minutes(1)))
struct BankLimitsTests {
  private static let catalog: SkillCatalog? =
    YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: BankFixtures.skills))
    .catalog

  private func parse(_ text: String) throws -> ParsedBankFile {
    let catalog = try #require(Self.catalog)
    return YAMLBankParser().parseBank(BankFile(path: "b.yaml", contents: text), catalog: catalog)
  }

  /// The 523-byte bank from the issue: 9 levels of 9 aliases, the last one used as a key.
  ///
  /// Composing it hashes 9⁹ nodes; it must be refused before that.
  static let aliasKeyBomb: String = {
    var lines = ["schema: 1", "area: git", "x0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in 1...8 {
      lines.append(
        "x\(level): &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
    }
    lines += ["bomb: {*a8: 1}", "questions: []"]
    return lines.joined(separator: "\n") + "\n"
  }()

  @Test func anAliasUsedAsAKeyIsRefusedAtTheFirstAnchor() throws {
    let parsed = try parse(Self.aliasKeyBomb)
    #expect(parsed.questions.isEmpty)
    let problem = try #require(parsed.diagnostics.first)
    #expect(
      problem.message
        == "YAML anchors and aliases (&name / *name) are not allowed in question banks")
    #expect(problem.fix == "write the text out in full where the alias stood")
    #expect((problem.location.line, problem.location.column) == (3, 5))
    #expect(parsed.skipReason == problem.message)
  }

  @Test(arguments: [
    ("an anchor on a scalar", "  - id: &id git.x\n", 4, 9),
    ("an alias as a value", "  - {id: git.x, topic: *t}\n", 4, 24),
    ("an alias as a key", "  - {*k : 1}\n", 4, 6),
    ("an anchor on a mapping", "  - &q {id: git.x}\n", 4, 5),
  ])
  func everyAnchorAndAliasIsRefusedWhereItStands(
    name: String, question: String, line: Int, column: Int
  ) throws {
    let parsed = try parse("schema: 1\narea: git\nquestions:\n" + question)
    let problem = try #require(parsed.diagnostics.first, "\(name)")
    #expect(problem.message.hasPrefix("YAML anchors and aliases"), "\(name)")
    #expect((problem.location.line, problem.location.column) == (line, column), "\(name)")
  }

  @Test func aBombBesideGoodBanksIsSkippedAndTheOthersLoad() throws {
    let bomb = Self.aliasKeyBomb.replacingOccurrences(of: "area: git", with: "area: containers")
    let library = try BankFixtures.library(banks: [
      "git.yaml": BankFixtures.gitBank, "bomb.yaml": bomb,
    ])
    #expect(library.allQuestions().count == 4)
    let report = try #require(library.files.first { $0.path == "bomb.yaml" })
    #expect(report.skipReason?.contains("anchors and aliases") == true)
  }

  @Test func nestingDeeperThanTheLimitIsRefusedWithItsPlace() throws {
    let depth = YAMLLimits.banks.maximumDepth
    let text =
      "schema: 1\narea: git\nquestions: " + String(repeating: "[", count: depth + 1)
      + String(repeating: "]", count: depth + 1) + "\n"
    let problem = try #require(try parse(text).diagnostics.first)
    #expect(problem.message == "lists and mappings are nested more than \(depth) deep")
    // The top mapping is the first level, so the bracket one past the limit is number `depth`.
    #expect((problem.location.line, problem.location.column) == (3, 11 + depth))
  }

  @Test func twoMegabytesOfOpenBracketsAreRefusedAsNesting() throws {
    let text = "schema: 1\narea: git\nquestions: " + String(repeating: "[", count: 2 << 20)
    let problem = try #require(try parse(text).diagnostics.first)
    #expect(problem.message.hasPrefix("lists and mappings are nested more than"))
    #expect(problem.location.line == 3)
  }

  @Test func moreValuesThanTheLimitAreRefused() throws {
    let count = YAMLLimits.banks.maximumNodes
    let text =
      "schema: 1\narea: git\nquestions: ["
      + Array(repeating: "a", count: count).joined(separator: ",") + "]\n"
    let problem = try #require(try parse(text).diagnostics.first)
    #expect(problem.message == "the file holds more than \(count) values")
    #expect(problem.location.line == 3)
  }

  @Test func aFileOverTheSizeLimitIsRefusedBeforeParsing() throws {
    let limit = YAMLLimits.banks.maximumBytes
    let text = "schema: 1\narea: git\n# " + String(repeating: "x", count: limit) + "\n"
    let problem = try #require(try parse(text).diagnostics.first)
    #expect(problem.message == "the file is 32.1 MB; a YAML file may be at most 32 MB")
    #expect(problem.fix == "split it into several bank files of the same area")
  }

  @Test func theLimitsStopAtTheFirstBreachAndPassAnOrdinaryBank() {
    let small = YAMLLimits(maximumBytes: 1000, maximumDepth: 2, maximumNodes: 5)
    #expect(small.check("a: [b, c]\n") == nil)
    #expect(small.check("a: [[b]]\n")?.message == "lists and mappings are nested more than 2 deep")
    #expect(small.check("[a, b, c, d, e]\n")?.message == "the file holds more than 5 values")
    #expect(YAMLLimits.banks.check(BankFixtures.gitBank) == nil)
    // A syntax error is left for composing, which reports it with its own words.
    #expect(small.check("a: [unclosed\n") == nil)
  }

  @Test func tenThousandBrokenQuestionsAreEachReported() throws {
    var text = "schema: 1\narea: git\nquestions:\n"
    for index in 0..<10_000 { text += "  - {id: git.q\(index), topic: nope}\n" }
    let parsed = try parse(text)
    #expect(parsed.skippedCount == 10_000)
    #expect(parsed.diagnostics.count { $0.message.contains("unknown topic 'nope'") } == 10_000)
  }

  @Test func aLongFlowLineOfOptionsIsCheckedForCommentsOnce() throws {
    let options = (0..<20_000).map { "{id: o\($0), text: t\($0)}" }.joined(separator: ", ")
    let text =
      "schema: 1\narea: git\nquestions:\n  - {id: git.x, topic: basics, difficulty: easy, "
      + "type: single, prompt: p, explanation: e, answer: o1, options: [\(options)]} # end\n"
    let parsed = try parse(text)
    #expect(parsed.diagnostics.contains { $0.message == "question 'git.x' has 20000 options" })
    // The comment follows every scalar on the line, so each plain text (the prompt, the
    // explanation and every option) is flagged as cut short.
    #expect(parsed.diagnostics.count { $0.message.contains("cut short at ` #`") } == 20_002)
  }

  @Test func aHugeUnknownKeyGetsNoSuggestionAndNoEditDistanceTable() throws {
    let key = String(repeating: "k", count: 1 << 20)
    let parsed = try parse("schema: 1\narea: git\nquestions: []\n? \(key)\n: 1\n")
    let problem = try #require(parsed.diagnostics.first { $0.message.hasPrefix("unknown field") })
    #expect(problem.fix?.hasPrefix("allowed:") == true)
  }
}
