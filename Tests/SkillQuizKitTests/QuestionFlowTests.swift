import Foundation
import Testing

@testable import SkillQuizKit

/// What a scripted user does with one question.
private enum Step {
  case right
  case wrong
  /// Only for `multiple` questions: one right option of two, for half credit.
  case partial
  case skip
}

/// What a scripted run of a flow saw: each question as presented, and the progress shown.
private struct Transcript {
  var asked: [PresentedQuestion] = []
  var progress: [(number: Int, total: Int?)] = []
  var afterAnswerNotes: [String?] = []

  var ids: [String] { asked.map(\.question.id) }
  var numbers: [Int] { progress.map(\.number) }
  var totals: [Int?] { progress.map(\.total) }
}

private enum FlowScript {
  /// A response the grader gives full credit, no credit, or half credit.
  static func response(_ step: Step, to question: Question) -> Response? {
    switch (step, question.answer) {
    case (.skip, _): nil
    case (.right, .single(let id)): .choices([id])
    case (.wrong, .single(let id)): .choices([question.options.first { $0.id != id }?.id ?? "?"])
    case (.right, .multiple(let ids)): .choices(ids)
    case (.partial, .multiple(let ids)): .choices([ids.sorted()[0]])
    case (.wrong, .multiple(let ids)):
      .choices(Set(question.options.map(\.id)).subtracting(ids))
    case (.right, .trueFalse(let value)): .truth(value)
    case (.wrong, .trueFalse(let value)): .truth(!value)
    case (.right, .short(let accepted, _)): .text(accepted[0])
    default: .text("certainly not this")
    }
  }

  /// Asks until the flow ends or the steps run out, grading each response with `Grader`.
  static func drive(
    _ flow: inout some QuestionFlow, _ steps: [Step], random: inout SeededRandom
  ) -> Transcript {
    var transcript = Transcript()
    for step in steps {
      guard let presented = flow.next(using: &random) else { break }
      transcript.asked.append(presented)
      transcript.progress.append(flow.progress)
      let outcome: QuestionOutcome =
        response(step, to: presented.question).map { .answered(presented, $0) }
        ?? .skipped(presented)
      flow.record(outcome)
      transcript.afterAnswerNotes.append(flow.afterAnswerNote)
    }
    return transcript
  }

  static func gitScope(_ library: QuestionLibrary) throws -> SkillScope {
    try #require(library.catalog.scope(named: "git"))
  }

  static func question(_ id: String, in library: QuestionLibrary) throws -> Question {
    try #require(library.question(id: id))
  }
}

struct QuizFlowTests {
  @Test func asksThePlannedQuestionsInOrderAndTotalsThem() throws {
    let library = try BankFixtures.library()
    var random = SeededRandom(seed: 3)
    let planned = library.allQuestions().map { PresentedQuestion(question: $0, using: &random) }
    #expect(planned.map(\.question.id) == ["git.single", "git.multiple", "git.truth", "git.short"])
    var flow = QuizFlow(scope: try FlowScript.gitScope(library), questions: planned)
    #expect(flow.mode == .quiz)
    #expect(flow.progress == (1, 4))

    let run = FlowScript.drive(&flow, [.right, .partial, .wrong, .skip], random: &random)

    #expect(run.asked == planned)
    #expect(run.numbers == [1, 2, 3, 4])
    #expect(run.totals == [4, 4, 4, 4])
    #expect(flow.isFinished)
    #expect(flow.next(using: &random) == nil)
    #expect(flow.progress == (4, 4))
    #expect(flow.headerNote == nil)
    #expect(run.afterAnswerNotes.allSatisfy { $0 == nil })
    let summary = flow.summary
    #expect(summary.mode == .quiz)
    #expect(summary.isFinished)
    #expect(summary.outcomes.map(\.presented) == planned)
    #expect(summary.answeredCount == 3)
    #expect(summary.correctCount == 1)
    #expect(summary.skippedCount == 1)
    #expect(abs(summary.scoreSum - 1.5) < 1e-9)
    #expect(summary.missed.map(\.id) == ["git.multiple", "git.truth"])
    #expect(summary.stillToGetRight.isEmpty)
    #expect(summary.estimate == nil)
    #expect(summary.itemsToHalveError == nil)
  }

  @Test func nextTwiceGivesTheSameQuestionWithoutDrawingFromTheGenerator() throws {
    let library = try BankFixtures.library()
    var random = SeededRandom(seed: 4)
    let planned = library.allQuestions().map { PresentedQuestion(question: $0, using: &random) }
    var flow = QuizFlow(scope: try FlowScript.gitScope(library), questions: planned)
    var untouched = random
    let first = flow.next(using: &random)
    let again = flow.next(using: &random)
    #expect(first == planned[0])
    #expect(again == first)
    #expect(random.next() == untouched.next())
  }

  @Test func anOutcomeForAnotherQuestionIsIgnored() throws {
    let library = try BankFixtures.library()
    var random = SeededRandom(seed: 5)
    let planned = library.allQuestions().map { PresentedQuestion(question: $0, using: &random) }
    var flow = QuizFlow(scope: try FlowScript.gitScope(library), questions: planned)
    flow.record(.skipped(planned[1]))
    #expect(flow.summary.outcomes.isEmpty)
    #expect(flow.next(using: &random) == planned[0])
  }

  @Test func endingEarlyKeepsTheTotalsOfWhatWasRecorded() throws {
    let library = try BankFixtures.library()
    var random = SeededRandom(seed: 6)
    let planned = library.allQuestions().map { PresentedQuestion(question: $0, using: &random) }
    var flow = QuizFlow(scope: try FlowScript.gitScope(library), questions: planned)
    _ = FlowScript.drive(&flow, [.wrong, .right], random: &random)
    #expect(!flow.isFinished)
    #expect(flow.progress == (3, 4))
    let summary = flow.summary
    #expect(!summary.isFinished)
    #expect(summary.answeredCount == 2)
    #expect(summary.correctCount == 1)
    #expect(summary.missed.map(\.id) == ["git.single"])
  }
}

struct ReviewFlowTests {
  @Test func asksEachDueQuestionOnceFreshlyShuffledWhenAsked() throws {
    let library = try BankFixtures.library()
    let questions = try ["git.multiple", "git.single", "git.short"].map {
      try FlowScript.question($0, in: library)
    }
    var flow = ReviewFlow(scope: nil, questions: questions, dueCount: 12)
    #expect(flow.mode == .review)
    #expect(flow.scope == nil)
    #expect(flow.headerNote == "12 due")

    var random = SeededRandom(seed: 21)
    let run = FlowScript.drive(&flow, [.right, .wrong, .skip, .right], random: &random)

    var replay = SeededRandom(seed: 21)
    let expected = questions.map { PresentedQuestion(question: $0, using: &replay) }
    #expect(run.asked == expected)
    #expect(run.numbers == [1, 2, 3])
    #expect(run.totals == [3, 3, 3])
    #expect(flow.isFinished)
    #expect(flow.next(using: &random) == nil)
    let summary = flow.summary
    #expect(summary.mode == .review)
    #expect(summary.answeredCount == 2)
    #expect(summary.correctCount == 1)
    #expect(summary.skippedCount == 1)
    #expect(summary.missed.map(\.id) == ["git.single"])
    #expect(summary.stillToGetRight.isEmpty)
  }

  @Test func nextTwiceGivesTheSameShuffle() throws {
    let library = try BankFixtures.library()
    let multiple = try FlowScript.question("git.multiple", in: library)
    var flow = ReviewFlow(scope: nil, questions: [multiple], dueCount: 1)
    var random = SeededRandom(seed: 8)
    let first = flow.next(using: &random)
    var afterFirst = random
    let again = flow.next(using: &random)
    #expect(first != nil)
    #expect(again == first)
    #expect(random.next() == afterFirst.next())
  }
}

struct DrillFlowTests {
  @Test func aMissComesBackLastFreshlyShuffledAndASkipDoesNot() throws {
    let library = try BankFixtures.library()
    let questions = try ["git.multiple", "git.truth", "git.short"].map {
      try FlowScript.question($0, in: library)
    }
    var flow = DrillFlow(scope: nil, questions: questions)
    #expect(flow.mode == .drill)
    #expect(flow.progress == (1, 3))

    var random = SeededRandom(seed: 31)
    let run = FlowScript.drive(
      &flow, [.partial, .right, .skip, .wrong, .right, .right], random: &random)

    #expect(run.ids == ["git.multiple", "git.truth", "git.short", "git.multiple", "git.multiple"])
    var replay = SeededRandom(seed: 31)
    let expected = [questions[0], questions[1], questions[2], questions[0], questions[0]].map {
      PresentedQuestion(question: $0, using: &replay)
    }
    #expect(run.asked == expected)
    #expect(run.numbers == [1, 2, 3, 4, 5])
    #expect(run.totals == [3, nil, nil, nil, nil])
    #expect(flow.isFinished)
    #expect(flow.next(using: &random) == nil)
    let summary = flow.summary
    #expect(summary.isFinished)
    #expect(summary.answeredCount == 4)
    #expect(summary.correctCount == 2)
    #expect(summary.skippedCount == 1)
    #expect(abs(summary.scoreSum - 2.5) < 1e-9)
    #expect(summary.missed.map(\.id) == ["git.multiple"])
    #expect(summary.stillToGetRight.map(\.id) == ["git.short"])
  }

  @Test func answeringEverythingRightEndsItWithNothingLeft() throws {
    let library = try BankFixtures.library()
    var flow = DrillFlow(scope: nil, questions: library.allQuestions())
    var random = SeededRandom(seed: 32)
    let run = FlowScript.drive(&flow, Array(repeating: .right, count: 10), random: &random)
    #expect(run.ids == library.allQuestions().map(\.id))
    #expect(run.totals == [4, 4, 4, 4])
    #expect(flow.isFinished)
    #expect(flow.summary.stillToGetRight.isEmpty)
    #expect(flow.summary.missed.isEmpty)
  }

  @Test func aRequeuedQuestionThatIsSkippedStaysToGetRight() throws {
    let library = try BankFixtures.library()
    let truth = try FlowScript.question("git.truth", in: library)
    var flow = DrillFlow(scope: nil, questions: [truth, truth])
    #expect(flow.questions.map(\.id) == ["git.truth"])
    var random = SeededRandom(seed: 33)
    let run = FlowScript.drive(&flow, [.wrong, .wrong, .skip, .right], random: &random)
    #expect(run.ids == ["git.truth", "git.truth", "git.truth"])
    #expect(flow.isFinished)
    #expect(flow.summary.stillToGetRight.map(\.id) == ["git.truth"])
    #expect(flow.summary.missed.map(\.id) == ["git.truth"])
    #expect(flow.summary.skippedCount == 1)
  }

  @Test func endingEarlyListsWhatIsStillToGetRight() throws {
    let library = try BankFixtures.library()
    var flow = DrillFlow(scope: nil, questions: library.allQuestions())
    var random = SeededRandom(seed: 34)
    let first = flow.next(using: &random)
    #expect(flow.next(using: &random) == first)
    _ = FlowScript.drive(&flow, [.wrong, .right], random: &random)
    #expect(!flow.isFinished)
    let summary = flow.summary
    #expect(!summary.isFinished)
    #expect(
      summary.stillToGetRight.map(\.id) == ["git.single", "git.truth", "git.short"])
    #expect(summary.missed.map(\.id) == ["git.single"])
  }
}

struct AssessmentFlowTests {
  /// Single-choice questions of every difficulty, right answer `a`.
  static func pool(_ count: Int) -> [Question] {
    (0..<count).map { index in
      Question(
        id: "q\(index)", areaID: "git", topicID: "basics",
        difficulty: Difficulty.allCases[index % 3], prompt: "Question \(index)?",
        options: ["a", "b", "c", "d"].map { QuestionOption(id: $0, text: $0.uppercased()) },
        answer: .single("a"), explanation: "Because.")
    }
  }

  /// Right, right, wrong, repeating.
  private static let pattern: [Step] = (0..<30).map { $0 % 3 == 2 ? .wrong : .right }

  @Test func replaysTheItemSequenceOfTheAdaptiveTestItWraps() throws {
    let library = try BankFixtures.library()
    let pool = Self.pool(30)
    let calibrated = ["q4": IRTItem(a: 1.7, b: 0.2, c: 0.2), "q9": IRTItem(a: 0.6, b: -0.4)]
    var flow = AssessmentFlow(
      scope: try FlowScript.gitScope(library), pool: pool, calibrated: calibrated,
      startTheta: 0.4)
    #expect(flow.mode == .assess)
    #expect(flow.test.bank[4] == calibrated["q4"])
    #expect(flow.test.bank[0] == pool[0].itemParameters)
    var random = SeededRandom(seed: 41)
    let run = FlowScript.drive(&flow, Self.pattern, random: &random)

    let items = pool.map { calibrated[$0.id] ?? $0.itemParameters }
    var direct = AdaptiveTest(bank: items, startTheta: 0.4)
    var replay = SeededRandom(seed: 41)
    var expected: [PresentedQuestion] = []
    while let item = direct.nextItem(using: &replay) {
      expected.append(PresentedQuestion(question: pool[item], using: &replay))
      direct.record(item: item, right: Self.pattern[direct.administered.count] == .right)
    }
    #expect(run.asked == expected)
    #expect(flow.test.administered == direct.administered)
    #expect(flow.test.estimate == direct.estimate)
    #expect(flow.isFinished)
    #expect(flow.endedByStopRule)
    #expect(flow.next(using: &random) == nil)
    #expect(run.totals.allSatisfy { $0 == nil })
    let summary = flow.summary
    #expect(summary.isFinished)
    #expect(summary.estimate == direct.estimate)
    #expect(summary.itemsToHalveError == direct.itemsToHalveError)
    #expect(summary.answeredCount == direct.administered.count)
  }

  @Test func neverStopsBeforeTheMinimumEvenWhenPreciseEnough() throws {
    let library = try BankFixtures.library()
    let rule = StopRule(minimumItems: 8, maximumItems: 25, targetStandardError: 5)
    var flow = AssessmentFlow(
      scope: try FlowScript.gitScope(library), pool: Self.pool(30), calibrated: [:],
      startTheta: 0, stopRule: rule)
    var random = SeededRandom(seed: 42)
    _ = FlowScript.drive(&flow, Array(repeating: .right, count: 7), random: &random)
    #expect(!flow.isFinished)
    #expect(!flow.endedByStopRule)
    #expect(flow.next(using: &random) != nil)
    let rest = FlowScript.drive(&flow, Array(repeating: .right, count: 10), random: &random)
    #expect(rest.asked.count == 1)
    #expect(flow.test.administered.count == 8)
    #expect(flow.isFinished)
  }

  @Test func stopsAtTheMaximumWhenNeverPreciseEnough() throws {
    let library = try BankFixtures.library()
    let rule = StopRule(minimumItems: 3, maximumItems: 12, targetStandardError: 0.0001)
    var flow = AssessmentFlow(
      scope: try FlowScript.gitScope(library), pool: Self.pool(30), calibrated: [:],
      startTheta: 0, stopRule: rule)
    #expect(flow.headerNote == "3–12 questions")
    var random = SeededRandom(seed: 43)
    let run = FlowScript.drive(&flow, Self.pattern, random: &random)
    #expect(run.asked.count == 12)
    #expect(run.numbers == Array(1...12))
    #expect(flow.isFinished)
    #expect(flow.endedByStopRule)
    #expect(flow.progress == (12, nil))
    #expect(flow.next(using: &random) == nil)
  }

  @Test func aSkipCountsAsWrongButIsNotAMiss() throws {
    let library = try BankFixtures.library()
    let scope = try FlowScript.gitScope(library)
    let steps: [Step] = [.right, .skip, .right, .skip, .right]
    let wrongs = steps.map { $0 == .skip ? Step.wrong : $0 }
    var skipping = AssessmentFlow(scope: scope, pool: Self.pool(20), calibrated: [:], startTheta: 0)
    var answering = skipping
    var first = SeededRandom(seed: 44)
    var second = SeededRandom(seed: 44)
    let skipped = FlowScript.drive(&skipping, steps, random: &first)
    let wrong = FlowScript.drive(&answering, wrongs, random: &second)
    #expect(skipped.asked == wrong.asked)
    #expect(skipping.test.responses == [true, false, true, false, true])
    #expect(skipping.test.estimate == answering.test.estimate)
    #expect(skipping.summary.skippedCount == 2)
    #expect(skipping.summary.missed.isEmpty)
    #expect(answering.summary.missed.count == 2)
  }

  @Test func theRunningNoteReadsLikeTheEstimate() throws {
    let library = try BankFixtures.library()
    var flow = AssessmentFlow(
      scope: try FlowScript.gitScope(library), pool: Self.pool(20), calibrated: [:],
      startTheta: 0)
    #expect(flow.headerNote == "8–25 questions")
    #expect(flow.afterAnswerNote == nil)
    #expect(flow.summary.estimate == AbilityEstimate(theta: 0, standardError: 1))
    var random = SeededRandom(seed: 45)
    let run = FlowScript.drive(&flow, [.right, .right], random: &random)
    try #require(run.afterAnswerNotes.count == 2)
    var test = AdaptiveTest(bank: flow.test.bank)
    test.record(item: flow.test.administered[0], right: true)
    let afterOne = SkillScore(test.estimate).text
    #expect(run.afterAnswerNotes[0] == "Running estimate: score \(afterOne) after 1 question")
    #expect(
      run.afterAnswerNotes[1]
        == "Running estimate: score \(SkillScore(flow.test.estimate).text) after 2 questions")
    #expect(SkillScore(test.estimate).score > 150)
  }

  @Test func endingEarlyKeepsTheEstimateOfWhatWasAnswered() throws {
    let library = try BankFixtures.library()
    var flow = AssessmentFlow(
      scope: try FlowScript.gitScope(library), pool: Self.pool(20), calibrated: [:],
      startTheta: 0)
    var random = SeededRandom(seed: 46)
    _ = FlowScript.drive(&flow, [.wrong, .wrong, .skip], random: &random)
    let summary = flow.summary
    #expect(!summary.isFinished)
    #expect(!flow.endedByStopRule)
    #expect(summary.outcomes.count == 3)
    #expect(summary.missed.count == 2)
    #expect(try #require(summary.estimate).theta < 0)
  }

  @Test func anEmptyPoolIsOverBeforeItStarts() throws {
    let library = try BankFixtures.library()
    var flow = AssessmentFlow(
      scope: try FlowScript.gitScope(library), pool: [], calibrated: [:], startTheta: 0)
    var random = SeededRandom(seed: 47)
    #expect(flow.next(using: &random) == nil)
    #expect(flow.isFinished)
    #expect(flow.progress == (0, nil))
  }

  @Test func thePoolLeavesSQLOutAndMustReachTheMinimum() throws {
    let fixture = try BankFixtures.library()
    let sql = Question(
      id: "git.sql", areaID: "git", topicID: "basics", difficulty: .easy, prompt: "Query it.",
      answer: .sql(
        SQLExercise(
          dataset: SQLDataset(id: "d", name: "D", schema: "CREATE TABLE t (x)", rows: []),
          solution: "SELECT x FROM t;", ordered: false)),
      explanation: "E")
    let library = QuestionLibrary(
      catalog: fixture.catalog, questions: fixture.allQuestions() + [sql])
    let scope = try FlowScript.gitScope(library)
    let pool = AssessmentFlow.pool(in: scope, library: library)
    #expect(pool.map(\.id) == ["git.single", "git.multiple", "git.truth", "git.short"])
    #expect(throws: AssessmentError.tooFewQuestions(scope: scope, count: 4, minimum: 8)) {
      try AssessmentFlow.checkPool(pool, scope: scope)
    }
    #expect(throws: Never.self) {
      try AssessmentFlow.checkPool(pool, scope: scope, stopRule: StopRule(minimumItems: 4))
    }
    #expect(
      AssessmentError.tooFewQuestions(scope: scope, count: 1, minimum: 8).description
        == "git has 1 question; an assessment needs at least 8; try `quiz git`")
    let topic = try #require(library.catalog.scope(named: "git/branching"))
    #expect(
      AssessmentError.tooFewQuestions(scope: topic, count: 2, minimum: 8).description
        == "git/branching has 2 questions; an assessment needs at least 8; "
        + "try its area, or `quiz git/branching`")
  }
}
