import Testing

@testable import SkillQuizKit

struct GradingTests {
  private func question(_ id: String) throws -> Question {
    try #require(try BankFixtures.library().question(id: id))
  }

  @Test func singleIsRightOnlyForTheKeyedOption() throws {
    let single = try question("git.single")
    #expect(Grader.grade(.choices(["a"]), for: single).isCorrect)
    #expect(Grader.grade(.choices(["b"]), for: single).score == 0)
    #expect(Grader.grade(.truth(true), for: single).score == 0)
  }

  @Test(arguments: [
    (["a", "b"], 1.0),
    (["a"], 0.5),
    (["a", "c"], 0.0),
    (["a", "b", "c"], 0.5),
    (["c", "d"], 0.0),
    ([], 0.0),
  ])
  func multipleGivesPartialCredit(chosen: [String], expected: Double) throws {
    let grade = Grader.grade(.choices(Set(chosen)), for: try question("git.multiple"))
    #expect(abs(grade.score - expected) < 1e-12)
    #expect(grade.isCorrect == (expected == 1))
  }

  @Test func partialCreditWithEveryOptionRightHasNoPenaltyTerm() {
    let credit = Grader.partialCredit(chosen: ["a"], correct: ["a", "b"], all: ["a", "b"])
    #expect(credit == 0.5)
  }

  @Test func trueFalseComparesTheTruthValue() throws {
    let truth = try question("git.truth")
    #expect(Grader.grade(.truth(false), for: truth).isCorrect)
    #expect(!Grader.grade(.truth(true), for: truth).isCorrect)
  }

  @Test(arguments: [
    ("--global", true), ("  --GLOBAL ", true), ("`--global`", true), ("\"--global\"", true),
    ("--local", false), ("global", false), ("", false),
  ])
  func shortAnswersIgnoreCaseAndSpaceByDefault(typed: String, right: Bool) throws {
    #expect(Grader.grade(.text(typed), for: try question("git.short")).isCorrect == right)
  }

  @Test func exactMatchKeepsCaseButFoldsSpaces() {
    #expect(Grader.shortAnswerMatches("git  log -S", accepted: ["git log -S"], match: .exact))
    #expect(!Grader.shortAnswerMatches("git log -s", accepted: ["git log -S"], match: .exact))
  }

  @Test func regexMustMatchTheWholeAnswer() {
    let accepted = [#"(?i)(status\s+)?429"#, #"too many requests"#]
    #expect(Grader.shortAnswerMatches("429", accepted: accepted, match: .regex))
    #expect(Grader.shortAnswerMatches("Status  429", accepted: accepted, match: .regex))
    #expect(Grader.shortAnswerMatches("too many requests", accepted: accepted, match: .regex))
    #expect(!Grader.shortAnswerMatches("4290", accepted: accepted, match: .regex))
  }
}

struct AnswerParserTests {
  private func presented(_ id: String) throws -> PresentedQuestion {
    let question = try #require(try BankFixtures.library().question(id: id))
    return PresentedQuestion(question: question, options: question.options)
  }

  @Test(arguments: ["a,b", "ab", "a b", "B, A", "a;b", "a/b"])
  func lettersMayBeWrittenManyWays(_ typed: String) throws {
    #expect(
      AnswerParser.parse(typed, for: try presented("git.multiple"))
        == .answer(.choices(["a", "b"]), unsure: false))
  }

  @Test func aQuestionMarkMarksTheAnswerUnsure() throws {
    #expect(
      AnswerParser.parse("a?", for: try presented("git.single"))
        == .answer(.choices(["a"]), unsure: true))
  }

  @Test func twoLettersForAOneAnswerQuestionGetAHint() throws {
    guard case .invalid(let hint) = AnswerParser.parse("ab", for: try presented("git.single"))
    else {
      Issue.record("expected a hint")
      return
    }
    #expect(hint.contains("one answer"))
  }

  @Test func aLetterBeyondTheOptionsGetsAHint() throws {
    guard case .invalid(let hint) = AnswerParser.parse("e", for: try presented("git.single")) else {
      Issue.record("expected a hint")
      return
    }
    #expect(hint == "there is no option e; choose from a to c")
  }

  @Test(arguments: [("t", true), ("TRUE", true), ("f", false), ("false", false)])
  func trueFalseAcceptsWordsAndInitials(typed: String, value: Bool) throws {
    #expect(
      AnswerParser.parse(typed, for: try presented("git.truth"))
        == .answer(.truth(value), unsure: false))
  }

  @Test func aLetterForATrueFalseQuestionGetsAHint() throws {
    guard case .invalid(let hint) = AnswerParser.parse("b", for: try presented("git.truth")) else {
      Issue.record("expected a hint")
      return
    }
    #expect(hint.contains("true"))
  }

  @Test(arguments: [
    ("skip", AnswerInput.skip), ("quit", .quit), ("help", .help), (" SKIP ", .skip),
  ])
  func controlWordsAreRecognised(typed: String, expected: AnswerInput) throws {
    #expect(AnswerParser.parse(typed, for: try presented("git.single")) == expected)
  }

  @Test func shortAnswersKeepTheirText() throws {
    #expect(
      AnswerParser.parse(" --global ", for: try presented("git.short"))
        == .answer(.text("--global"), unsure: false))
  }

  @Test(arguments: [
    ("443", true), ("442.5", true), ("444", false), ("8080", true), ("8,000", true),
    ("7999.9", false), ("inf", false), ("port 443", false),
  ])
  func numericAcceptsAValueWithToleranceOrARange(typed: String, right: Bool) throws {
    let catalog = try #require(
      YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: BankFixtures.skills))
        .catalog)
    let bank = YAMLBankParser().parseBank(
      BankFile(
        path: "git/numbers.yaml",
        contents: """
          schema: 1
          area: git
          questions:
            - id: git.numeric
              topic: basics
              difficulty: easy
              type: numeric
              prompt: Name a port.
              numbers: [{value: 443, tolerance: 0.5}, {min: 8000, max: 8080}]
              explanation: Either works.
          """), catalog: catalog)
    #expect(bank.diagnostics.isEmpty, "\(bank.diagnostics)")
    let question = try #require(bank.questions.first)
    #expect(Grader.grade(.text(typed), for: question).isCorrect == right)
  }
}
