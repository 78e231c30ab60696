import Foundation
import SkillQuizKit
import SkillQuizStore
import Testing

/// The built binary on a pseudo-terminal: libedit, Tab, history, Ctrl-C and Ctrl-D for real.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct TerminalEndToEndTests {
  let data: TemporaryFolder

  init() throws {
    data = try TemporaryFolder()
  }

  private func start(color: Bool = false, ignoringHangUp: Bool = false, umask: String? = nil)
    throws -> PseudoTerminalSession
  {
    var environment = [
      "TERM": "xterm", "LC_ALL": "C.UTF-8", "HOME": data.url.path,
      "XDG_STATE_HOME": data.url.appendingPathComponent("state").path,
      "XDG_CACHE_HOME": data.url.appendingPathComponent("cache").path,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    if !color { environment["NO_COLOR"] = "1" }
    if let profile = ProcessInfo.processInfo.environment["LLVM_PROFILE_FILE"] {
      environment["LLVM_PROFILE_FILE"] = profile
    }
    let arguments = ["--banks", fixtureBanks.path, "--data-dir", data.url.path, "--seed", "7"]
    if let umask {
      return try PseudoTerminalSession(
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", "umask \(umask); exec \"$0\" \"$@\"", BuiltBinary.url.path] + arguments,
        environment: environment)
    }
    guard ignoringHangUp else {
      return try PseudoTerminalSession(
        executable: BuiltBinary.url, arguments: arguments, environment: environment)
    }
    // As under `nohup`: SIGHUP ignored by the shell stays ignored in skillquiz.
    return try PseudoTerminalSession(
      executable: URL(fileURLWithPath: "/bin/sh"),
      arguments: ["-c", "trap '' HUP; exec \"$0\" \"$@\"", BuiltBinary.url.path] + arguments,
      environment: environment)
  }

  private var historyFile: URL { data.url.appendingPathComponent("state/skillquiz/history") }

  private func storedAnswers() throws -> [AnswerRecord] {
    try AnswerStore.open(directory: data.url).answers()
  }

  @Test func theHistoryFileIsPrivateWhateverTheUmask() throws {
    let session = try start(umask: "000")
    try session.type("stats\r", after: "skillquiz> ")
    try session.type("\u{4}", after: "skillquiz> ")
    #expect(try session.waitForExit() == 0)
    var status = stat()
    #expect(stat(historyFile.path, &status) == 0)
    #expect(status.st_mode & 0o777 == 0o600)
    #expect(try String(contentsOf: historyFile, encoding: .utf8).contains("stats"))
  }

  @Test func aQuizTypedWithTabCompletionAndHistoryIsStored() throws {
    let first = try start()
    try first.waitFor("skillquiz 0.1 · 3 skill areas · 8 questions · type 'help'")
    try first.type("quiz k8\t", after: "skillquiz> ")
    try first.waitFor("s ")
    try first.type("1\r")
    try first.waitFor("[Kubernetes · 1/1 · medium · true or false]")
    try first.type("true\r", after: "answer> ")
    try first.waitFor("✓ Correct.")
    try first.waitFor("Quiz done: 1/1 (100%) · Containers: 100% over 1 answer")
    try first.type("\u{4}", after: "skillquiz> ")
    #expect(try first.waitForExit() == 0)
    #expect(try storedAnswers().map(\.questionID) == ["containers.kubernetes.pod"])
    let history = data.url.appendingPathComponent("state/skillquiz/history")
    #expect(FileManager.default.fileExists(atPath: history.path))

    let second = try start()
    try second.type("\u{1B}[A", after: "skillquiz> ")
    try second.waitFor("quiz k8s 1")
    try second.type("\r")
    try second.waitFor("[Kubernetes · 1/1 · medium · true or false]")
    try second.type("false\r", after: "answer> ")
    try second.waitFor("✗ Not quite. The answer is true.")
    try second.type("\u{4}", after: "skillquiz> ")
    #expect(try second.waitForExit() == 0)
    let answers = try storedAnswers()
    #expect(answers.count == 2)
    #expect(answers.map(\.isCorrect) == [true, false])
  }

  @Test func ctrlCDiscardsTheLineAndTheNextLineWorks() throws {
    let session = try start()
    try session.type("quiz gi", after: "skillquiz> ")
    try session.type("\u{3}")
    try session.waitFor("(type 'quit' or press Ctrl-D to leave)")
    try session.type("help\r", after: "skillquiz> ")
    try session.waitFor("Commands:")
    #expect(!session.transcript.contains("unknown command"))
    try session.type("quit\r", after: "skillquiz> ")
    #expect(try session.waitForExit() == 0)
  }

  @Test func ctrlCAtAnAnswerAsksAndKeepsTheAnswersGiven() throws {
    let session = try start()
    try session.type("quiz git 4\r", after: "skillquiz> ")
    try session.type("skip\r", after: "answer> ")
    try session.waitFor("↷ Skipped.")
    try session.type("\u{3}", after: "answer> ")
    try session.type("y\r", after: "End the quiz? 1 answer is kept. [y/N]")
    try session.waitFor("Quiz ended early: nothing answered · 1 skip stored.")
    try session.type("\u{4}", after: "skillquiz> ")
    #expect(try session.waitForExit() == 0)
    #expect(try storedAnswers().count == 1)
    #expect(try AnswerStore.open(directory: data.url).quizzes().first?.status == .endedEarly)
  }

  @Test func killDashNineMidQuizLosesNothingAlreadyAnswered() throws {
    let session = try start()
    try session.type("quiz git 4\r", after: "skillquiz> ")
    try session.type("skip\r", after: "answer> ")
    try session.type("skip\r", after: "answer> ")
    try session.waitFor("answer> ")
    #expect(try session.killHard() == 128 + SIGKILL)
    let answers = try storedAnswers()
    #expect(answers.count == 2)
    #expect(try AnswerStore.open(directory: data.url).quizzes().first?.status == .inProgress)
  }

  @Test func sigtermAtThePromptSavesHistoryAndExitsWith143() throws {
    let session = try start()
    try session.type("stats\r", after: "skillquiz> ")
    try session.waitFor("skillquiz> ")
    try session.waitForRawMode()
    session.send(SIGTERM)
    #expect(try session.waitForExit() == 128 + SIGTERM)
    #expect(try String(contentsOf: historyFile, encoding: .utf8).contains("\nstats\n"))
  }

  @Test(arguments: [SIGTERM, SIGHUP])
  func aSignalMidQuizEndsTheQuizEarlyAndKeepsTheHistory(signal: Int32) throws {
    let session = try start()
    try session.type("quiz git 4\r", after: "skillquiz> ")
    try session.type("skip\r", after: "answer> ")
    try session.waitFor("answer> ")
    try session.waitForRawMode()
    session.send(signal)
    #expect(try session.waitForExit() == 128 + signal)
    #expect(try storedAnswers().count == 1)
    #expect(try AnswerStore.open(directory: data.url).quizzes().first?.status == .endedEarly)
    let next = try start()
    try next.type("\u{1B}[A", after: "skillquiz> ")
    try next.waitFor("quiz git 4")
  }

  @Test func closingTheTerminalMidQuizWithHangUpIgnoredEndsTheQuizEarly() throws {
    let session = try start(ignoringHangUp: true)
    try session.type("quiz git 4\r", after: "skillquiz> ")
    try session.type("skip\r", after: "answer> ")
    try session.waitFor("answer> ")
    try session.waitForRawMode()
    session.hangUp()
    // Its reads end and its writes fail (EIO): EX_IOERR, not a crash.
    #expect(try session.waitForExit() == 74)
    #expect(try storedAnswers().count == 1)
    #expect(try AnswerStore.open(directory: data.url).quizzes().first?.status == .endedEarly)
    #expect(try String(contentsOf: historyFile, encoding: .utf8).contains("quiz"))
  }

  @Test func aSQLAnswerSpansLinesWithAContinuationPrompt() throws {
    let session = try start()
    try session.type("quiz sql 1 -d medium\r", after: "skillquiz> ")
    try session.waitFor("Dataset `shop`: A tiny shop.")
    try session.type("SELECT name\r", after: "answer> ")
    try session.type("FROM customers WHERE country IS NULL;\r", after: "...> ")
    try session.waitFor("✓ Correct. Your query returned the expected 1 row.")
    try session.type("\u{4}", after: "skillquiz> ")
    #expect(try session.waitForExit() == 0)
    #expect(
      try storedAnswers().first?.response == "SELECT name\nFROM customers WHERE country IS NULL;")
  }

  @Test func utf8IsEditedAsCharactersNotBytes() throws {
    let session = try start()
    try session.type("quiz café\u{7F}e\r", after: "skillquiz> ")
    try session.waitFor("no area or topic named 'cafe'")
    try session.type("\u{4}", after: "skillquiz> ")
    #expect(try session.waitForExit() == 0)
  }

  @Test func colourIsUsedOnATerminalAndTheScreenStaysClean() throws {
    let session = try start(color: true)
    try session.type("quiz docker 1\r", after: "skillquiz>")
    try session.waitFor("Which is a container runtime?")
    try session.type("skip\r", after: "answer> ")
    try session.waitFor("Skipped.")
    try session.type("quiz k8s 1\r", after: "skillquiz>")
    try session.type("true\r", after: "answer> ")
    try session.waitFor("Correct.")
    try session.type("\u{4}", after: "skillquiz>")
    #expect(try session.waitForExit() == 0)
    #expect(session.transcript.contains("\u{1B}[32m✓ Correct."))
    #expect(session.transcript.contains("␛[2J"))
    #expect(!session.transcript.contains("\u{1B}[2J"))
    #expect(!session.transcript.contains("\u{1B}]0;pwned"))
  }
}
