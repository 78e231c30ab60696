import Foundation
import GRDB
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases
import Testing

@testable import skillquiz

/// The evidence rule, incomplete assessments and the readiness test, driven through the REPL on
/// the bundled banks with a real SQLite file, a fixed clock and a seed.
struct HonestMeasurementEndToEndTests {
  let library: QuestionLibrary

  init() throws {
    library = try BankLoader().load(from: DirectoryBankSource(root: bundledBanks))
  }

  /// Runs prompt lines on the bundled banks against the harness's database.
  func run(_ harness: REPLHarness, _ lines: [String], seed: UInt64 = 3) -> String {
    let console = BufferConsole()
    let context = CommandContext(
      locations: FileLocations(
        banks: bundledBanks, data: harness.folder.url,
        history: harness.folder.url.appendingPathComponent("h"),
        cache: harness.folder.url.appendingPathComponent("cache")),
      console: console, clock: harness.clock, seed: seed, isPrompt: true, library: library,
      store: harness.store, reader: ScriptedLineReader(lines: lines))
    _ = REPL(context: context).run()
    return console.output + console.errors
  }

  func profile(_ harness: REPLHarness) throws -> SkillProfile {
    SkillProfile(evidence: try harness.store.evidence(), library: library)
  }

  @Test func aDrilledQuestionAnsweredRightAfterAMissLeavesTheProfileUnchanged() throws {
    let harness = try REPLHarness()
    var random = SeededRandom(seed: 3)
    let plan = try QuizPlanner.plan(
      scope: try #require(library.catalog.scope(named: "git")), count: 3, difficulty: nil,
      library: library, lastAnswered: [:], using: &random)
    _ = run(harness, ["quiz git 3"] + plan.map(REPLHarness.wrongAnswer))
    #expect(try harness.store.answers().filter { !$0.isCorrect }.count == 3)
    let before = try profile(harness)
    #expect(before.areas["git"]?.answered == 3)
    // Drill them right: the key was shown, so these answers train memory, not the estimate.
    let rights = try rightAnswersForDrill(harness)
    #expect(rights.count == 3)
    let drill = run(harness, ["drill git"] + rights)
    #expect(drill.contains("Every missed question is now answered right"))
    #expect(try harness.store.answers().filter { $0.mode == .drill && $0.isCorrect }.count == 3)
    let after = try profile(harness)
    #expect(after.areas["git"] == before.areas["git"])
    #expect(after.seen == before.seen)
  }

  /// The right answer for each question a drill of `questions` would ask, in its order.
  func rightAnswersForDrill(_ harness: REPLHarness) throws -> [String] {
    let workspace = Workspace(
      library: library, store: harness.store, clock: harness.clock, banksFolder: bundledBanks)
    var flow = try #require(try SessionPlanning.drill(workspace, scope: "git"))
    var random = SeededRandom(seed: 3)
    var lines: [String] = []
    while let presented = flow.next(using: &random), lines.count < 10 {
      lines.append(REPLHarness.rightAnswer(presented))
      flow.record(
        QuestionOutcome(
          presented: presented, response: .text("right"), grade: Grade(score: 1)))
      _ = random.next()  // the runner draws each answer's review fuzz seed from the same source
    }
    return lines
  }

  @Test func anAssessmentEndedAfterTwoAnswersIsIncompleteEverywhereAndNeverAScore() throws {
    let harness = try REPLHarness()
    let output = run(
      harness, ["assess git", "skip", "skip", "quit", "skills", "stats", "history", "stats --json"])
    #expect(
      output.contains("Incomplete (2 of ≥8): stopped before the stop rule, so there is no score."))
    #expect(!output.contains("percentile vs. the model's reference population ·"))
    let saved = try #require(try harness.store.assessments().last)
    #expect(!saved.isComplete && saved.items == 2)
    // skills, stats, history and the JSON each say it, in words, not as a score.
    #expect(output.components(separatedBy: "incomplete (2 of ≥8)").count - 1 >= 4)
    #expect(output.contains("incomplete (2 of ≥8) (20"))
    #expect(output.contains("not a score"))
    #expect(
      output.range(of: #"assess:git +incomplete \(2 of ≥8\)"#, options: .regularExpression) != nil)
    #expect(output.contains("\"status\" : \"incomplete\""))
    #expect(output.range(of: #"score \d+ ± \d+[^\n]*\(20"#, options: .regularExpression) == nil)
    // Its answers still count as evidence: the two skips are seen, not fresh.
    #expect(try profile(harness).freshCount("git") == 70 - 2)
  }

  @Test func assessAsksOnlyFreshQuestionsAndRefusesWhenTooFewAreLeft() throws {
    let harness = try REPLHarness()
    let workspace = Workspace(
      library: library, store: harness.store, clock: harness.clock,
      banksFolder: bundledBanks)
    let pool = AssessmentFlow.pool(
      in: try #require(library.catalog.scope(named: "go")), library: library)
    // See all but 5 of Go's questions.
    for question in pool.dropLast(5) {
      try harness.store.record(
        AnswerRecord(
          quizID: nil, questionID: question.id, areaID: question.areaID,
          topicID: question.topicID, difficulty: question.difficulty, response: "a", score: 0,
          answeredAt: harness.clock.now))
    }
    #expect(throws: UseCaseError.self) { try SessionPlanning.assessment(workspace, scope: "go") }
    let output = run(harness, ["assess go"]).replacingOccurrences(of: "\n  ", with: " ")
    #expect(output.contains("only 5 fresh questions left in languages/go"))
    #expect(output.contains("import or add questions"))
    let (flow, _) = try SessionPlanning.assessment(workspace, scope: "git")
    let seen = Set(try harness.store.evidence().map(\.questionID))
    #expect(flow.pool.allSatisfy { !seen.contains($0.id) })
  }

  @Test func aRequirementWithTwoAnswersIsUncertainInJobs() throws {
    let harness = try REPLHarness()
    var random = SeededRandom(seed: 3)
    let plan = try QuizPlanner.plan(
      scope: try #require(library.catalog.scope(named: "security")), count: 2,
      difficulty: nil, library: library, lastAnswered: [:], using: &random)
    _ = run(harness, ["quiz security 2"] + plan.map(REPLHarness.rightAnswer))
    let output = run(harness, ["jobs show plaid --json"])
    let data = try #require(output.data(using: .utf8))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let requirements = try #require(json["requirements"] as? [[String: Any]])
    let security = try #require(
      requirements.first {
        ($0["skills"] as? [String]) == ["security"] && ($0["required"] as? Bool) == true
      })
    #expect(security["status"] as? String == "uncertain")
    #expect((security["probabilityMet"] as? Double ?? 0) > 0.2)
    #expect(security["answered"] as? Int == 2)
    let unknown = try #require(requirements.first { ($0["skills"] as? [String]) == ["git"] })
    #expect(unknown["status"] as? String == "unknown")
    #expect(unknown["probabilityMet"] == nil)
    let score = try #require(json["score"] as? Int)
    let low = try #require(json["low"] as? Int)
    let high = try #require(json["high"] as? Int)
    #expect(low < score && score < high)
    let lost = requirements.compactMap { $0["pointsLost"] as? Double }.reduce(0, +)
    #expect(Int((lost * 10).rounded()) == (100 - score) * 10)
  }

  @Test func assessForAnOpeningStopsWhenEveryRequirementIsDecided() throws {
    let harness = try REPLHarness()
    let workspace = Workspace(
      library: library, store: harness.store, clock: harness.clock,
      banksFolder: bundledBanks)
    // Answer every question right, whatever the test asks.
    var flow = try SessionPlanning.readiness(workspace, opening: "plaid")
    var random = SeededRandom(seed: 3)
    var lines = ["assess --for plaid"]
    while let presented = flow.next(using: &random) {
      lines.append(REPLHarness.rightAnswer(presented))
      flow.record(
        QuestionOutcome(
          presented: presented, response: .text("right"), grade: Grade(score: 1)))
      _ = random.next()  // the runner draws each answer's review fuzz seed from the same source
    }
    #expect(flow.isFinished && flow.test.allDecided)
    #expect(lines.count - 1 < ReadinessTest.maximumItems)
    let output = run(harness, lines)
    #expect(output.contains("Readiness test for Plaid"))
    #expect(output.contains("Decided so far: 5 of 5 requirements"))
    #expect(output.contains("Readiness for #"))
    #expect(output.contains("met: Go / Python / Node.js / Java, SQL, API development"))
    #expect(!output.contains("Incomplete"))
    #expect(try harness.store.answers().filter { $0.mode == .assess }.count == lines.count - 1)
  }
}
