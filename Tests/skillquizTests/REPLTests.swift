import Foundation
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases
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
    #expect(
      harness.console.output.contains(
        "◐ Partly right (50% credit: counts as a miss for review and for your skill estimate)."))
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
    #expect(harness.console.output.contains("Quiz done: nothing answered · 1 skip stored."))
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

  @Test func skillsListsAreasTopicsCountsFreshQuestionsAndMeasuredSkill() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz k8s 1"), .line("true"), .line("skills")])
    let output = harness.console.output
    #expect(
      output.range(
        of: #"Version control \(Git\) +git +4 +4 +not measured"#, options: .regularExpression)
        != nil)
    #expect(
      output.range(
        of: #"Containers +containers +2 +1 +\d+ ± \d+ · 1"#,
        options: .regularExpression) != nil)
    #expect(
      output.range(
        of: #"  Kubernetes +kubernetes +1 +0 +\d+ ± \d+ · 1"#,
        options: .regularExpression) != nil)
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
      output.contains("Assessing Version control (Git): 70 questions to draw from, starting at 150")
    )
    #expect(output.contains("[Assess › Version control (Git) › "))
    #expect(output.contains("· #1 · 8–25 questions ·"))
    #expect(output.contains("Running estimate: score "))
    #expect(output.contains("Assessment done: 0/25 (0%) · 25 skipped, counted as wrong"))
    #expect(
      output.range(
        of:
          #"Score \d+ ± \d+ · (\d+(st|nd|rd|th)|below the 1st) percentile vs\. the model's reference population · Novice"#,
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

  @Test func anUnknownCommandIsEchoedShortAndWithoutControlCharacters() throws {
    let harness = try REPLHarness()
    let pasted = String(repeating: "a", count: 100_000)
    harness.run([
      .line(pasted), .line("\u{1B}[31mred"), .line("help " + pasted), .line("quiz " + pasted),
    ])
    // Errors are fitted to the (80-column) terminal: continuations start with two spaces.
    let lines = harness.console.errors.replacingOccurrences(of: "\n  ", with: " ")
      .split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines.allSatisfy { $0.count < 120 })
    let forty = String(repeating: "a", count: 40)
    #expect(lines[0] == "error: unknown command '\(forty)…'. Type 'help' for the list.")
    #expect(!harness.console.errors.contains("\u{1B}"))
    #expect(lines[1].contains("␛[31mred"))
    #expect(lines[2].hasPrefix("error: no command 'aaaa"))
    #expect(lines[3].hasPrefix("error: no area or topic named 'aaaa"))
  }

  @Test func aUsageErrorQuotesWhatWasTypedShortened() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz git --" + String(repeating: "x", count: 5_000))])
    let first = try #require(harness.console.errors.split(separator: "\n").first)
    #expect(first == "error: Unknown option '--\(String(repeating: "x", count: 38))…'")
  }

  @Test func skipsStoredAreNotCalledNothingChanged() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz git 4"), .line("skip"), .line("skip"), .line("quit")])
    #expect(harness.console.output.contains("Quiz ended early: nothing answered · 2 skips stored."))
    #expect(!harness.console.output.contains("nothing changed"))
    #expect(try harness.store.answers().count == 2)
  }

  @Test func aQuizEndedBeforeAnyAnswerOrSkipStillSaysNothingChanged() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz git 4"), .line("quit")])
    #expect(harness.console.output.contains("Quiz ended: nothing answered, nothing changed."))
    #expect(try harness.store.answers().isEmpty)
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

/// The small things a new user hit.
struct FirstUseTests {
  @Test func aWrongPickInAMultipleAnswerQuestionIsMarkedWrong() throws {
    let harness = try REPLHarness()
    let question = try #require(try harness.plannedQuiz("branching", count: 1).first)
    let right = try #require(question.letter(forOptionID: "a"))
    let wrong = try #require(question.letter(forOptionID: "c"))
    harness.run([.line("quiz branching 1"), .line("\(right),\(wrong)")])
    let output = harness.console.output
    #expect(output.contains("The answers are:"))
    #expect(output.contains("Your wrong picks:"))
    #expect(output.contains("✗ \(wrong)) `git log x`"))
    let feedback = try #require(output.components(separatedBy: "The answers are:").last)
    let answersBlock = try #require(feedback.components(separatedBy: "Your wrong picks:").first)
    #expect(!answersBlock.contains("\(wrong)) `git log x`"))
  }

  @Test func missedQuestionsAreNamedInWords() throws {
    let harness = try REPLHarness()
    harness.run([.line("quiz remotes 1"), .line("true")])
    let output = harness.console.output
    #expect(output.contains("Missed:\n  • `git fetch` merges the fetched commits"))
    #expect(!output.contains("Missed: git.remotes"))
  }

  @Test func theBannerReviewAndStatsAgreeOnWhatIsDue() throws {
    let harness = try REPLHarness()
    let plan = try harness.plannedQuiz("git", count: 3)
    harness.run([.line("quiz git 3")] + plan.map { .line(REPLHarness.rightAnswer($0)) })
    harness.run([.line("stats"), .line("review")], interactive: true, daysLater: 20)
    let output = harness.console.output
    #expect(output.contains("3 cards are due: type `review`."))
    #expect(output.contains("Due now: 3 of 3 cards"))
    #expect(output.contains("3 cards are due; reviewing 3"))
  }

  @Test func helpDescribesWeakAndSetAsTheyAreToday() throws {
    let harness = try REPLHarness()
    harness.run([.line("help weak"), .line("help set"), .line("help jobs show")])
    let output = harness.console.output
    #expect(output.contains("Leeches"))
    #expect(output.contains("not enough data"))
    #expect(output.contains("level (junior, mid, senior or staff)"))
    #expect(output.contains("USAGE: jobs show"))
  }

  @Test func jobsFiltersWorkAtThePrompt() throws {
    let harness = try REPLHarness()
    let context = harness.context(
      ScriptedLineReader(lines: [
        "jobs --type FULL_TIME -n 2", "jobs --remote", "jobs --location 'Los Angeles'",
        "jobs --seniority principal",
      ]))
    let banks = FileLocations(
      banks: bundledBanks, data: harness.folder.url, history: harness.folder.url,
      cache: harness.folder.url)
    let library = try BankLoader().load(from: DirectoryBankSource(root: bundledBanks))
    let prompt = CommandContext(
      locations: banks, console: harness.console, clock: harness.clock, seed: 1, isPrompt: true,
      library: library, store: harness.store, reader: try context.reader())
    _ = REPL(context: prompt).run()
    let output = harness.console.output
    #expect(output.components(separatedBy: "\n#").count - 1 >= 2)
    #expect(output.contains("Hidden by your filters"))
    #expect(output.contains("Whatnot"))
    #expect(harness.console.errors.contains("'principal'"))
  }

  @Test func theStartTimeOfNowRunsOn() {
    final class Ticking: Clock, @unchecked Sendable {
      var now = Date(timeIntervalSince1970: 100)
    }
    let base = Ticking()
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    let clock = RunningClock(startingAt: start, base: base)
    #expect(clock.now == start)
    base.now = Date(timeIntervalSince1970: 112.5)
    #expect(clock.now == start.addingTimeInterval(12.5))
  }

  @Test func completionComesFromTheCommandTree() throws {
    let catalog = try BankLoader().load(from: DirectoryBankSource(root: fixtureBanks)).catalog
    let completion = try #require(
      CommandCompletion.make(catalog: catalog) { ["plaid-credit", "whatnot-commerce"] })
    #expect(completion.candidates(previousWords: []).first?.contains("quiz") == true)
    #expect(completion.candidates(previousWords: []).first?.contains("repl") == false)
    #expect(completion.candidates(previousWords: ["quiz"]).first?.contains("kubernetes") == true)
    #expect(
      completion.candidates(previousWords: ["quiz", "git", "--difficulty"])
        == [["easy", "medium", "hard"]])
    #expect(
      completion.candidates(previousWords: ["quiz", "git"]).last?.contains("--difficulty") == true)
    #expect(
      completion.candidates(previousWords: ["jobs", "show"]).first == [
        "plaid-credit", "whatnot-commerce",
      ])
    #expect(completion.candidates(previousWords: ["jobs"]).last?.contains("--type") == true)
    #expect(completion.candidates(previousWords: ["jobs"]).first?.contains("show") == true)
    #expect(
      completion.candidates(previousWords: ["set", "level"]).first?.contains("senior") == true)
    #expect(completion.candidates(previousWords: ["stats"]).last?.contains("--json") == true)
    let action = completionAction(forTextBeforeCursor: "quiz ku") {
      completion.candidates(previousWords: $0)
    }
    #expect(action == .insert("bernetes "))
  }
}
