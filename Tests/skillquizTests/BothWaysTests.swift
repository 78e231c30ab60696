import Foundation
import SkillQuizKit
import SkillQuizStore
import Testing

/// The bundled banks, with their openings.
let bundledBanks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("QuestionBanks")

/// Every command gives the same output typed at the prompt and run from the shell, on the same
/// data: one grammar, one use case, one view.
@Suite(.serialized)
struct BothWaysTests {
  static let now = "2026-09-21T09:00:00Z"

  /// A data folder with answers in git and databases, some wrong, and a level set.
  static func seededData() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    let library = try BankLoader().load(from: DirectoryBankSource(root: bundledBanks))
    let store = try AnswerStore.open(directory: folder.url)
    let start = try #require(ISO8601DateFormatter().date(from: now)).addingTimeInterval(-3 * 86_400)
    let quiz = try store.startQuiz(
      scope: "git", requestedCount: 30, difficulty: nil, seed: 1, at: start)
    let questions = library.allQuestions().filter { ["git", "databases"].contains($0.areaID) }
    for (index, question) in questions.prefix(30).enumerated() {
      try store.record(
        AnswerRecord(
          quizID: quiz, questionID: question.id, areaID: question.areaID,
          topicID: question.topicID, difficulty: question.difficulty, response: "a",
          score: index % 3 == 0 ? 0 : 1, answeredAt: start.addingTimeInterval(Double(index) * 60),
          duration: 20))
    }
    try store.finishQuiz(id: quiz, status: .completed, at: start.addingTimeInterval(1_800))
    try store.settings.setLevel(.senior)
    return folder
  }

  static func run(_ arguments: [String], input: String = "", data: TemporaryFolder) throws
    -> BuiltBinary.Result
  {
    try BuiltBinary.run(
      ["--banks", bundledBanks.path, "--data-dir", data.url.path, "--now", now, "--seed", "5"]
        + arguments,
      input: input,
      environment: ["XDG_STATE_HOME": data.url.appendingPathComponent("state").path])
  }

  @Test(arguments: [
    "skills", "stats", "stats --json", "stats git", "weak", "weak --json", "weak databases",
    "history", "history --json", "history 1", "jobs", "jobs --type FULL_TIME -n 2",
    "jobs --remote", "jobs --json", "jobs show 1", "jobs show 1 --explain", "jobs show plaid",
    "plan", "plan --json", "plan 2", "set", "set level", "review --limit 5", "drill databases",
    "export answers --format json", "jobs imported", "report --format md", "validate",
    "calibrate --dry-run", "export anki --missed",
  ])
  func aCommandPrintsTheSameAtThePromptAndFromTheShell(line: String) throws {
    let data = try Self.seededData()
    let shell = try Self.run(line.split(separator: " ").map(String.init), data: data)
    let prompt = try Self.run([], input: line + "\n", data: data)
    #expect(shell.status == 0, "\(shell.errors)")
    #expect(!shell.output.isEmpty)
    #expect(shell.output == prompt.output)
    #expect(shell.errors == prompt.errors)
  }

  @Test func aFailureIsReportedTheSameWayAndFailsTheShellCommand() throws {
    let data = try Self.seededData()
    for line in ["weak nosuch", "jobs show nosuch", "set level principal", "quiz git 0"] {
      let shell = try Self.run(line.split(separator: " ").map(String.init), data: data)
      let prompt = try Self.run([], input: line + "\n", data: data)
      #expect(shell.status != 0, "\(line)")
      #expect(prompt.status == 0, "\(line)")
      #expect(shell.errors.hasPrefix("error: "), "\(line): \(shell.errors)")
      let firstLine = { (text: String) in text.split(separator: "\n").first.map(String.init) }
      #expect(
        firstLine(shell.errors)?.replacingOccurrences(of: "skillquiz ", with: "")
          == firstLine(prompt.errors), "\(line)")
    }
  }

  @Test func setLevelRefusesWhatIsNotALevelAndNamesTheLevels() throws {
    let data = try Self.seededData()
    let result = try Self.run(["set", "level", "principal"], data: data)
    #expect(result.status == 1)
    #expect(result.errors.contains("'principal' is not a level; use junior, mid, senior, staff"))
    #expect(try Self.run(["set", "level"], data: data).output == "level senior\n")
  }

  @Test func promptOnlyCommandsSaySoFromTheShell() throws {
    let data = try Self.seededData()
    for command in ["clear", "quit"] {
      let result = try Self.run([command], data: data)
      #expect(result.status == 1)
      #expect(result.errors.contains("works only at the skillquiz> prompt"))
    }
  }

  @Test func aQuizRunsFromTheShellAndExits() throws {
    let data = try TemporaryFolder()
    let result = try Self.run(
      ["--seed", "3", "quiz", "git", "2"], input: "skip\nskip\n", data: data)
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.output.components(separatedBy: "↷ Skipped.").count - 1 == 2)
    #expect(result.output.contains("Quiz done: nothing answered · 2 skips stored."))
    #expect(try AnswerStore.open(directory: data.url).answers().count == 2)
  }

  @Test func jobsShowFindsAnOpeningByIdRankOrPrefixAndExplainsAnAmbiguousOne() throws {
    let data = try Self.seededData()
    let ranking = try Self.run(["jobs", "--json"], data: data).output
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(ranking.utf8)) as? [String: Any])
    let openings = try #require(object["openings"] as? [[String: Any]])
    let first = try #require(openings.first)
    let id = try #require(first["id"] as? String)
    #expect(first["rank"] as? Int == 1)
    let byID = try Self.run(["jobs", "show", id], data: data).output
    #expect(byID.hasPrefix("#1 "))
    #expect(try Self.run(["jobs", "show", "1"], data: data).output == byID)
    #expect(
      try Self.run(["jobs", "show", String(id.prefix(id.count - 1))], data: data).output == byID)
    let ambiguous = try Self.run(["jobs", "show", "s"], data: data)
    #expect(ambiguous.status == 1)
    #expect(
      ambiguous.errors.contains("starts several openings")
        || ambiguous.errors.contains("no opening"))
    #expect(try Self.run(["jobs"], data: data).output.contains("id \(id)"))
  }

  @Test func planSaysWhichOpeningsItWeighs() throws {
    let data = try Self.seededData()
    let plan = try Self.run(["plan"], data: data).output
    #expect(plan.hasPrefix("Across your top 5 openings (#1 "))
    let one = try Self.run(["plan", "1"], data: data).output
    #expect(one.hasPrefix("For #1 "))
  }
}

/// What the README promises, run as written.
struct ReadmeExampleTests {
  @Test func thePipedExampleProducesWhatTheReadmeSays() throws {
    let readme = try String(
      contentsOf: bundledBanks.deletingLastPathComponent().appendingPathComponent("README.md"),
      encoding: .utf8)
    let line = try #require(
      readme.split(separator: "\n").first { $0.hasPrefix("printf 'quiz git 3") })
    let quoted = try #require(line.split(separator: "'").dropFirst().first)
    let input = quoted.replacingOccurrences(of: "\\n", with: "\n")
    #expect(line.hasSuffix("| skillquiz --seed 7"))
    let data = try TemporaryFolder()
    let result = try BuiltBinary.run(
      ["--banks", bundledBanks.path, "--data-dir", data.url.path, "--seed", "7"], input: input)
    #expect(result.output.contains("Quiz done: 3/3 (100%)"))
    #expect(result.output.contains("--sort=-v:refname"))
    #expect(result.output.contains("area / topic"))
  }

  @Test func aWriteNeverReplacesADeviceAndRefusesAFolder() throws {
    let data = try BothWaysTests.seededData()
    var before = stat()
    lstat("/dev/null", &before)
    let device = try BothWaysTests.run(["export", "answers", "--out", "/dev/null"], data: data)
    var after = stat()
    lstat("/dev/null", &after)
    #expect(device.status == 0, "\(device.errors)")
    #expect(after.st_mode & S_IFMT == S_IFCHR)
    #expect(after.st_ino == before.st_ino)
    let folder = try BothWaysTests.run(["report", "--out", data.url.path], data: data)
    #expect(folder.status == 1)
    #expect(folder.errors.contains("folder"))
    let file = data.url.appendingPathComponent("answers.csv")
    let written = try BothWaysTests.run(["export", "answers", "--out", file.path], data: data)
    #expect(written.errors.contains("Wrote 30 answers to"))
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }
}
