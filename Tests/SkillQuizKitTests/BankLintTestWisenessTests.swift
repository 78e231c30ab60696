import Testing

@testable import SkillQuizKit

/// The test-wiseness rules: whether an area's keys can be guessed from the form of its options.
struct BankLintTestWisenessTests {
  private static let letters = ["a", "b", "c", "d", "e", "f"]

  private static func question(_ id: String, _ type: String, _ options: [String], _ answer: String)
    -> String
  {
    let list = options.enumerated().map { "{id: \(letters[$0.offset]), text: \"\($0.element)\"}" }
    let field = options.isEmpty ? "" : ", options: [\(list.joined(separator: ", "))]"
    return "  - {id: git.\(id), topic: basics, difficulty: easy, type: \(type), "
      + "prompt: \"Question \(id)?\"\(field), answer: \(answer), explanation: Because.}\n"
  }

  /// A single-answer question whose key is the option at `key`.
  private static func single(_ id: String, _ options: [String], key: Int) -> String {
    question(id, "single", options, letters[key])
  }

  /// A multiple-answer question whose keys are the options at `keys`.
  private static func multiple(_ id: String, _ options: [String], keys: [Int]) -> String {
    question(id, "multiple", options, "[\(keys.map { letters[$0] }.joined(separator: ", "))]")
  }

  private static func statement(_ id: String, _ key: Bool) -> String {
    question(id, "true_false", [], "\(key)")
  }

  /// The questions as the whole git area, its figures and its test-wiseness warnings.
  private func check(_ questions: [String]) throws -> (
    library: QuestionLibrary, figures: TestWiseness, warnings: [BankDiagnostic]
  ) {
    let library = try BankFixtures.library(banks: [
      "git.yaml": "schema: 1\narea: git\nquestions:\n" + questions.joined()
    ])
    #expect(!library.hasErrors, "\(library.diagnostics)")
    let warnings = BankLint().findings(in: library, wholeAreas: true)
      .filter { $0.message.hasPrefix("area 'git': ") }
    let figures = TestWiseness(questions: library.allQuestions().filter { $0.areaID == "git" })
    return (library, figures, warnings)
  }

  @Test func anAreaWhoseKeysAreTheLongestOptionFailsAndSaysByHowMuch() throws {
    let (library, figures, warnings) = try check([
      Self.single("s1", ["git log --oneline --graph", "git log", "git show"], key: 0),
      Self.single("s2", ["git status --short", "git st", "git diff"], key: 0),
      Self.single("s3", ["git stash", "git stash push -m wip", "git add"], key: 1),
      Self.single("s4", ["git tag", "git tags", "git tag -l"], key: 0),
    ])
    #expect(figures.singleCount == 4)
    #expect(figures.keyLongestIDs == ["git.s1", "git.s3", "git.s2"])
    let warning = try #require(warnings.first { $0.message.contains("single-answer") })
    #expect(warning.severity == .warning)
    #expect(warning.message.contains("3 of 4 single-answer questions (75%, at most 35%)"))
    #expect(warning.message.hasSuffix("longest by most: 'git.s1', 'git.s3', 'git.s2'"))
    #expect(warning.fix?.contains("never change keys") == true)
    #expect(warning.location == library.allQuestions().first?.location)
    #expect(warning.location.description == "git.yaml:4:5")
    #expect(!warnings.contains { $0.message.contains("true/false") })
    #expect(!warnings.contains { $0.message.contains("multiple-answer questions") })
  }

  @Test func optionsAreMeasuredInCharactersWithoutSurroundingWhiteSpace() {
    let questions = [
      // 7 characters against 8 once trimmed; 12 before.
      (" \t git tag \n", "git tags"),
      // 6 characters against 7, though 8 Unicode scalars: the accents are combining marks.
      ("re\u{301}sume\u{301}", "resume!"),
      ("git log -p", "git log"),
    ].enumerated().map { index, texts in
      Question(
        id: "q\(index + 1)", areaID: "git", topicID: "basics", difficulty: .easy, prompt: "P",
        options: [QuestionOption(id: "a", text: texts.0), QuestionOption(id: "b", text: texts.1)],
        answer: .single("a"), explanation: "E")
    }
    let figures = TestWiseness(questions: questions)
    #expect(figures.singleCount == 3)
    #expect(figures.keyLongestIDs == ["q3"])
    #expect(figures.testWiseScore == 100.0 / 3)
  }

  @Test(arguments: [
    "", " ", "git tag", " \t git tag \n", "\u{0B}x\u{0C}", "a\r\nb", "\r\n", " x\r",
    "re\u{301}sume",
    "\u{A0}nbsp\u{A0}", "\u{2003}em", "tail\u{3000}", "ü", "x\u{85}", "\u{1F600} smile",
  ])
  func anOptionsLengthIsItsTrimmedCharacterCount(text: String) {
    #expect(TestWiseness.length(text) == WhiteSpace.trimmed(text).count)
  }

  @Test func aBalancedAreaHasNoTestWisenessWarnings() throws {
    let (_, figures, warnings) = try check([
      Self.single("b1", ["git log", "git status", "git show", "git diff"], key: 0),
      Self.single("b2", ["git add -p", "git add", "git rm", "git mv"], key: 0),
      Self.single("b3", ["git fetch", "git merge", "git clone", "git reset"], key: 2),
      Self.single("b4", ["git switch", "git rebase -i", "git cherry-pick", "git bisect"], key: 1),
      Self.statement("t1", true), Self.statement("t2", false),
      Self.statement("t3", true), Self.statement("t4", false),
      Self.multiple(
        "m1", ["git gc", "git fsck --full", "git prune --now", "git repack"], keys: [0]),
      Self.multiple("m2", ["git rm", "git mv", "git add -A", "git commit"], keys: [0, 1]),
      Self.multiple(
        "m3", ["git pull", "git push", "git fetch", "git remote -v"], keys: [0, 1, 2]),
      Self.multiple(
        "m4", ["git blame -w", "git log -p -S", "git show", "git diff"], keys: [2, 3]),
    ])
    #expect(warnings.isEmpty, "\(warnings.map(\.description))")
    #expect(figures.keyLongestIDs == ["git.b2"])
    #expect(figures.truePercent == 50)
    #expect(figures.otherRightCount == 1)
    #expect(try #require(figures.lengthRatio) < 1)
    #expect(abs(figures.testWiseScore - 100 * 3.25 / 12) < 1e-9)
    #expect(figures.testWiseGain < 0)
  }

  @Test(arguments: [(2, 3, false), (3, 2, false), (2, 2, false), (1, 3, true), (4, 1, true)])
  func trueAndFalseKeysMustBeNearlyBalanced(trues: Int, falses: Int, fails: Bool) throws {
    let keys = Array(repeating: true, count: trues) + Array(repeating: false, count: falses)
    let (_, figures, warnings) = try check(
      keys.enumerated().map { Self.statement("t\($0.offset + 1)", $0.element) })
    #expect(figures.trueKeyIDs.count == trues)
    let warning = warnings.first { $0.message.contains("true/false keys") }
    #expect((warning != nil) == fails, "\(warnings.map(\.description))")
    guard let warning else { return }
    let percent = 100 * trues / (trues + falses)  // whole in every failing case here
    #expect(
      warning.message.contains(
        "\(trues) of \(trues + falses) true/false keys are true (\(percent)%, allowed 40–60%)"))
    let majority = keys.indices.filter { keys[$0] == (trues > falses) }.map { "'git.t\($0 + 1)'" }
    #expect(warning.message.hasSuffix(": " + majority.joined(separator: ", ")))
  }

  @Test(arguments: [(0, true), (1, false)])
  func someMultipleAnswerQuestionsMustHaveOtherThanTwoOrThreeRightOptions(
    single: Int, fails: Bool
  ) throws {
    let questions = (1...10).map { index in
      Self.multiple(
        "m\(index)", ["git add", "git rm", "git mv", "git gc"],
        keys: index <= single ? [0] : [0, 1])
    }
    let (_, figures, warnings) = try check(questions)
    #expect(figures.otherRightCount == single)
    let warning = warnings.first { $0.message.contains("other than 2 or 3 right options") }
    #expect((warning != nil) == fails, "\(warnings.map(\.description))")
    if let warning {
      #expect(warning.message.contains("0 of 10 multiple-answer questions"))
      #expect(warning.message.contains("(0%, at least 10%)"))
      #expect(warning.message.hasSuffix("'git.m1', 'git.m2', 'git.m3', 'git.m4', 'git.m5', …"))
    }
  }

  @Test func longerRightOptionsOfMultipleAnswerQuestionsAreReported() throws {
    let (_, figures, warnings) = try check([
      Self.multiple(
        "r1", ["git worktree add", "git gc", "git rm", "git notes add"], keys: [0, 3]),
      Self.multiple(
        "r2", ["git commit --amend", "git revert HEAD", "git rm", "git init"], keys: [0, 1]),
    ])
    #expect(figures.meanRightLength == 15.5)
    #expect(figures.meanWrongLength == 6.5)
    #expect(figures.longRightIDs == ["git.r1", "git.r2"])
    let warning = try #require(warnings.first { $0.message.contains("right options of") })
    #expect(warning.message.contains("(ratio 2.38, at most 1.15)"))
    #expect(warning.message.hasSuffix("longest right options: 'git.r1', 'git.r2'"))
  }

  @Test func theTestWiseExamineeIsScoredAgainstBlindGuessing() throws {
    let (_, figures, warnings) = try check([
      // Key tied for longest with one other: half the credit.
      Self.single("w1", ["git log", "git tag", "git rm", "git mv"], key: 0),
      Self.single("w2", ["git restore --staged", "git add", "git rm"], key: 0),
      Self.statement("w3", false),
      // Right with the 2 longest only.
      Self.multiple("w4", ["git branch -d", "git branch -D", "git tag"], keys: [0, 1]),
      // Right with the 3 longest only: all four tie, so bank order decides.
      Self.multiple("w5", ["git push", "git pull", "git diff", "git show"], keys: [0, 1, 2]),
      Self.multiple(
        "w6", ["git stash pop", "git stash drop", "git stash list", "git st"], keys: [0, 1, 2]),
    ])
    // Picking 3 wins two multiple-answer questions, picking 2 one: the area takes 3.
    #expect(figures.multiplePick == 3)
    #expect(abs(figures.testWiseScore - 100 * (0.5 + 1 + 1 + 2) / 6) < 1e-9)
    let blind = 1.0 / 4 + 1.0 / 3 + 1.0 / 2 + 1.0 / 7 + 1.0 / 15 + 1.0 / 15
    #expect(abs(figures.blindScore - 100 * blind / 6) < 1e-9)
    #expect(figures.formGainIDs == ["git.w5", "git.w6", "git.w2", "git.w3", "git.w1"])
    let warning = try #require(warnings.first { $0.message.contains("by form alone") })
    #expect(warning.message.contains("scores 75.0% against 22.7% for blind guessing (+52.3 points"))
    #expect(warning.message.contains("the 3 longest"))
  }
}
