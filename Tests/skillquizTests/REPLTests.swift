import Foundation
import SkillQuizKit
import SkillQuizStore
import Testing

@testable import skillquiz

struct REPLTests {
  @Test func aFullQuizStoresEveryAnswerAndSumsUp() throws {
    let harness = try REPLHarness()
    let plan = try harness.plannedQuiz("git", count: 4)
    #expect(plan.count == 4)
    let answers = plan.map(REPLHarness.rightAnswer)
    #expect(harness.run([.line("quiz git 4")] + answers.map(LineInput.line)) == 0)
    let output = harness.console.output
    #expect(output.contains("Quiz done: 4/4 (100%)"))
    #expect(output.contains("Version control (Git): 100% over 4 answers"))
    #expect(output.components(separatedBy: "✓ Correct.").count - 1 == 4)
    let stored = try harness.store.answers()
    #expect(stored.map(\.questionID) == plan.map(\.question.id))
    #expect(stored.allSatisfy { $0.isCorrect })
    #expect(try harness.store.quizzes().first?.status == .completed)
  }

  @Test func wrongAnswersShowTheKeyTheWhyAndTheExplanation() throws {
    let harness = try REPLHarness()
    let plan = try harness.plannedQuiz("basics", count: 1)
    let question = try #require(plan.first)
    let wrongLetter = try #require(question.letter(forOptionID: "b"))
    harness.run([.line("quiz basics 1"), .line(wrongLetter)])
    let output = harness.console.output
    let rightLetter = try #require(question.letter(forOptionID: "a"))
    #expect(output.contains("✗ Not quite. The answer is \(rightLetter)) `git status`\n"))
    #expect(output.contains("\(wrongLetter)) `git log` lists commits."))
    #expect(output.contains("`git status` shows staged, unstaged and untracked changes."))
    #expect(output.contains("↗ https://git-scm.com/docs/git-status"))
    #expect(try harness.store.answers().first?.response == "b")
  }

  @Test func anAnswerThatDoesNotFitGetsAHintAndTheQuestionIsAskedAgain() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz remotes 1"), .line("b"), .line("maybe"), .line("f")])
    let output = harness.console.output
    #expect(output.components(separatedBy: "? type `true` or `false`").count - 1 == 2)
    #expect(output.contains("✓ Correct."))
    #expect(try harness.store.answers().count == 1)
  }

  @Test func partialCreditIsShownAndStored() throws {
    let harness = try REPLHarness()
    let question = try #require(try harness.plannedQuiz("branching", count: 1).first)
    let letter = try #require(question.letter(forOptionID: "a"))
    harness.run([.line("quiz merge 1"), .line(letter)])
    #expect(harness.console.output.contains("◐ Partly right (50% credit)."))
    #expect(try harness.store.answers().first?.score == 0.5)
  }

  @Test func quitEndsTheQuizEarlyAndKeepsTheAnswersGiven() throws {
    let harness = try REPLHarness()
    let plan = try harness.plannedQuiz("git", count: 4)
    harness.run([
      .line("quiz git 4"), .line(REPLHarness.rightAnswer(plan[0])), .line("quit"), .line("history"),
    ])
    #expect(try harness.store.answers().count == 1)
    let quiz = try #require(try harness.store.quizzes().first)
    #expect(quiz.status == .endedEarly)
    #expect(harness.console.output.contains("Quiz ended early: 1/1 (100%)"))
    #expect(harness.console.output.contains("ended early"))
  }

  @Test func ctrlCAtAnAnswerAsksBeforeEndingTheQuiz() throws {
    let harness = try REPLHarness()
    let plan = try harness.plannedQuiz("git", count: 3)
    harness.run(
      [
        .line("quiz git 3"), .line(REPLHarness.rightAnswer(plan[0])), .interrupted, .line("n"),
        .line(REPLHarness.rightAnswer(plan[1])), .interrupted, .line("y"), .line("stats"),
      ], interactive: true)
    #expect(try harness.store.answers().count == 2)
    #expect(try harness.store.quizzes().first?.status == .endedEarly)
    #expect(harness.console.output.contains("Quiz ended early: 2/2 (100%)"))
  }

  @Test func theEndOfInputInsideAQuizKeepsTheAnswersAndExits() throws {
    let harness = try REPLHarness()
    let plan = try harness.plannedQuiz("git", count: 4)
    let status = harness.run([.line("quiz git 4"), .line(REPLHarness.rightAnswer(plan[0]))])
    #expect(status == 0)
    #expect(try harness.store.answers().count == 1)
    #expect(try harness.store.quizzes().first?.status == .endedEarly)
  }

  @Test func skippedQuestionsShowTheAnswerAndAreNotScored() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz config 1"), .line("skip")])
    #expect(harness.console.output.contains("↷ Skipped. Accepted: `--global`\n"))
    let stored = try #require(try harness.store.answers().first)
    #expect(stored.isSkipped)
    #expect(harness.console.output.contains("Quiz done: nothing answered."))
  }

  @Test func everyAnswerIsCommittedBeforeItsFeedbackIsShown() throws {
    let harness = try REPLHarness()
    let plan = try harness.plannedQuiz("git", count: 4)
    let observer = ObservingConsole { text in
      guard text.contains("✓ Correct.") || text.contains("✗ Not quite.") else { return nil }
      return (try? harness.store.answers().count) ?? -1
    }
    let reader = ScriptedLineReader(lines: ["quiz git 4"] + plan.map(REPLHarness.rightAnswer))
    _ = REPL(context: harness.context(reader, console: observer)).run()
    #expect(observer.observations == [1, 2, 3, 4])
  }

  @Test func unknownCommandsAndAreasSuggestTheClosestMatch() throws {
    let harness = try REPLHarness()
    harness.run([
      .line("quz git"), .line("quiz dokcer"), .line("quiz"), .line("quiz git 0"), .line("qui"),
    ])
    let errors = harness.console.errors
    #expect(errors.contains("unknown command 'quz'. Did you mean 'quiz'?"))
    #expect(errors.contains("unknown command 'qui'. Did you mean 'quit' or 'quiz'?"))
    #expect(errors.contains("no area or topic named 'dokcer'. Did you mean 'docker'?"))
    #expect(errors.contains("error: Missing expected argument '<scope>'"))
    #expect(errors.contains("Usage: quiz <scope>"))
    #expect(errors.contains("Type 'help quiz' for more."))
    #expect(errors.contains("ask for 1 to 500 questions, not 0"))
    #expect(try harness.store.quizzes().isEmpty)
  }

  @Test func skillsListsAreasTopicsCountsAndStanding() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz k8s 1"), .line("true"), .line("skills")])
    let output = harness.console.output
    #expect(
      output.range(
        of: #"Version control \(Git\) +git +4 +not practiced"#, options: .regularExpression) != nil)
    #expect(
      output.range(
        of: #"Containers +containers +2 +100% over 1 answer"#, options: .regularExpression) != nil)
    #expect(
      output.range(
        of: #"  Kubernetes +kubernetes +1 +100% over 1 answer"#, options: .regularExpression) != nil
    )
  }

  @Test func statsShowsAnsweredPercentLastPracticedAndTrend() throws {
    let harness = try REPLHarness()
    harness.run([
      .line("quiz k8s 1"), .line("true"), .line("quiz k8s 1"), .line("false"),
      .line("stats containers"),
    ])
    let output = harness.console.output
    #expect(output.contains("Containers"))
    #expect(
      output.range(of: #"Kubernetes +2 +50% +today +█▁ ↓"#, options: .regularExpression) != nil)
    #expect(!output.contains("Version control (Git)  "))
  }

  @Test func textFromBanksNeverReachesTheTerminalRaw() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz docker 1"), .line("a")])
    let output = harness.console.output
    #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    #expect(output.contains("␛[2J"))
  }

  @Test func sqlQuestionsTakeMultiLineQueriesAndRetryErrors() throws {
    let harness = try REPLHarness()
    let plan = try harness.plannedQuiz("sql", count: 2)
    var script: [String] = ["quiz sql 2", "schema", "DROP TABLE orders;", "SELECT nope FROM x;"]
    for question in plan {
      guard case .sql(let exercise) = question.question.answer else { continue }
      if question.question.id == "databases.sql.no-orders" {
        script += ["SELECT name", "FROM customers", "WHERE country IS NULL;"]
      } else {
        script += exercise.solution.split(separator: "\n").map(String.init)
      }
    }
    harness.run(script.map(LineInput.line))
    let output = harness.console.output
    #expect(output.contains("CREATE TABLE customers"))
    #expect(output.contains("? Not run: DROP would change the database"))
    #expect(output.contains("? SQLite says: no such table: x"))
    #expect(
      output.components(separatedBy: "✓ Correct. Your query returned the expected").count - 1 == 2)
    let stored = try harness.store.answers()
    #expect(stored.count == 2)
    #expect(stored.allSatisfy { $0.isCorrect })
    #expect(
      stored.contains { $0.response == "SELECT name\nFROM customers\nWHERE country IS NULL;" })
  }

  @Test func aWrongQueryShowsBothResultsSideBySide() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz sql 1 --difficulty medium"), .line("SELECT name FROM customers;")])
    let output = harness.console.output
    #expect(output.contains("✗ Not quite. Your query returned 3 rows; the expected result has 1."))
    #expect(output.range(of: #"Your result +Expected"#, options: .regularExpression) != nil)
    #expect(output.contains("One solution:"))
    #expect(try harness.store.answers().first?.score == 0)
  }

  @Test func drillRepeatsAMissUntilItIsAnsweredRight() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz remotes 1"), .line("true")])
    harness.run([.line("drill"), .line("true"), .line("false"), .line("drill")])
    let output = harness.console.output
    #expect(output.contains("1 question to get right; a miss comes back at the end."))
    #expect(output.contains("[Drill › Version control (Git) › Remotes · 1/1"))
    #expect(output.contains("[Drill › Version control (Git) › Remotes · #2"))
    #expect(output.contains("Every missed question is now answered right."))
    #expect(output.contains("No missed questions: your last answer to each was right."))
    let drills = try harness.store.answers().filter { $0.mode == .drill }
    #expect(drills.map(\.isCorrect) == [false, true])
  }

  @Test func reviewAsksDueCardsAndSaysWhatComesNextWhenNoneAre() throws {
    let harness = try REPLHarness()
    harness.run([.line("review")])
    #expect(harness.console.output.contains("Nothing to review yet"))
    let plan = try harness.plannedQuiz("git", count: 4)
    harness.run([.line("quiz git 4")] + plan.map { .line(REPLHarness.rightAnswer($0)) })
    harness.run([.line("review")])
    #expect(harness.console.output.contains("Nothing is due. The next card is due in"))
    harness.run(
      [.line("review --limit 2")] + Array(repeating: LineInput.line("skip"), count: 2),
      daysLater: 30)
    let output = harness.console.output
    #expect(output.contains("4 cards are due; reviewing 2, most overdue first."))
    #expect(output.contains("· 1/2 · 4 due ·"))
    #expect(output.contains("4 still due: `review` again to continue."))
    #expect(try harness.store.quizzes().first?.scope == "review")
  }

  @Test func weakShowsSmoothedEstimatesAndTheNextStep() throws {
    let harness = try REPLHarness()
    harness.run([.line("weak")])
    #expect(harness.console.output.contains("No answers yet"))
    harness.run([.line("quiz remotes 1"), .line("false"), .line("weak git")])
    let output = harness.console.output
    #expect(
      output.range(
        of: #"Remotes +not enough data +1 +0 +quiz remotes 10"#, options: .regularExpression) != nil
    )
    #expect(output.contains("2 right of 2 never reads as a perfect"))
  }

  @Test func statsHasAReviewSectionAndSetRetentionReschedules() throws {
    let harness = try REPLHarness()
    harness.run([
      .line("quiz remotes 1"), .line("false"), .line("stats"), .line("set retention 0.8"),
      .line("set"), .line("set retention 2"),
    ])
    let output = harness.console.output
    #expect(output.contains("Review (FSRS)"))
    #expect(output.contains("Due now: 0 of 1 cards · 1 more later today"))
    #expect(output.contains("True retention: no reviews yet"))
    #expect(output.contains("Desired retention is now 0.8; every card was rescheduled."))
    #expect(output.contains("retention 0.8"))
    #expect(harness.console.errors.contains("retention must be a number from 0.70 to 0.97"))
  }

  @Test func assessRunsAnAdaptiveTestAndReportsAScoreWithItsMargin() throws {
    let harness = try REPLHarness()
    harness.run([.line("assess docker")])
    #expect(harness.console.errors.contains("has 1 question; an assessment needs at least 8"))
    let banks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "QuestionBanks")
    let library = try BankLoader().load(from: DirectoryBankSource(root: banks))
    let reader = ScriptedLineReader(
      lines: ["assess git"] + Array(repeating: "skip", count: 25) + ["stats git"])
    _ = REPL(context: harness.context(reader, library: library, seed: 3)).run()
    let output = harness.console.output
    #expect(
      output.contains("Assessing Version control (Git): 64 questions to draw from, starting at 150")
    )
    #expect(output.contains("[Assess › Version control (Git) › "))
    #expect(output.contains("· #1 · 8–25 questions ·"))
    #expect(output.contains("Running estimate: score "))
    #expect(
      output.range(
        of:
          #"Score \d+ ± \d+ · (\d+(st|nd|rd|th)|below the 1st) percentile · Novice"#,
        options: .regularExpression) != nil)
    #expect(output.contains("Latest assessments"))
    let saved = try #require(try harness.store.assessments().last)
    #expect(saved.scope == "git")
    #expect(saved.items >= 8 && saved.items <= 25)
    #expect(saved.estimate.theta < -1)
    let stored = try harness.store.answers().filter { $0.mode == .assess }
    #expect(stored.count == saved.items)
  }

  @Test func helpListsTheCommandsAndExplainsOne() throws {
    let harness = try REPLHarness()
    harness.run([.line("help"), .line("help quiz"), .line("help nope")])
    let output = harness.console.output
    for command in [
      "skills (areas)", "quiz (q)", "stats", "history", "quit (exit)", "at the prompt only",
    ] {
      #expect(output.contains(command))
    }
    #expect(output.contains("USAGE: quiz <scope> [<N>] [--difficulty <difficulty>]"))
    #expect(output.contains("Examples: quiz git 5"))
    #expect(harness.console.errors.contains("no command 'nope'"))
  }
}

/// A console that records, at each write, what a closure observes (such as stored answers).
final class ObservingConsole: Console {
  let usesColor = false
  let width = 80
  let isTerminal = true
  private let observe: (String) -> Int?
  private(set) var observations: [Int] = []

  init(observe: @escaping (String) -> Int?) {
    self.observe = observe
  }

  func write(_ text: String) {
    if let value = observe(text) { observations.append(value) }
  }

  func writeError(_ text: String) {}
}
