import Foundation
import SkillQuizKit
import SkillQuizStore
import Testing

/// The built binary with piped standard input: no prompts, no colour, the same behaviour.
struct PipedEndToEndTests {
  private func run(_ arguments: [String], input: String = "", data: TemporaryFolder) throws
    -> BuiltBinary.Result
  {
    try BuiltBinary.run(
      ["--banks", fixtureBanks.path, "--data-dir", data.url.path] + arguments, input: input,
      environment: ["XDG_STATE_HOME": data.url.appendingPathComponent("state").path])
  }

  @Test func theDocumentedPipeRunsAQuizAndStoresItsAnswers() throws {
    let data = try TemporaryFolder()
    let result = try run(["--seed", "7"], input: "quiz git 3\nb\na,c\nfalse\nstats\n", data: data)
    #expect(result.status == 0, "\(result.errors)")
    #expect(!result.output.contains("skillquiz>"))
    #expect(!result.output.contains("\u{1B}["))
    #expect(result.output.contains("[Version control (Git) › "))
    let store = try AnswerStore.open(directory: data.url)
    let answers = try store.answers()
    let verdicts = ["✓ Correct.", "✗ Not quite.", "◐ Partly right"].map {
      result.output.components(separatedBy: $0).count - 1
    }
    #expect(answers.count == verdicts.reduce(0, +))
    #expect(answers.count >= 1)
    #expect(result.output.contains("area / topic"))
  }

  @Test func theSameSeedGivesTheSameSession() throws {
    let first = try run(
      ["--seed", "11"], input: "quiz git 4\nskip\nskip\nskip\nskip\n", data: try TemporaryFolder())
    let second = try run(
      ["--seed", "11"], input: "quiz git 4\nskip\nskip\nskip\nskip\n", data: try TemporaryFolder())
    #expect(first.output == second.output)
    #expect(first.output.components(separatedBy: "↷ Skipped.").count - 1 == 4)
  }

  @Test func anAnswerThatDoesNotFitIsAskedAgainOnAPipeToo() throws {
    let data = try TemporaryFolder()
    let result = try run(["--seed", "1"], input: "quiz remotes 1\nb\nfalse\n", data: data)
    #expect(result.output.contains("? type `true` or `false`"))
    #expect(result.output.contains("✓ Correct."))
    #expect(try AnswerStore.open(directory: data.url).answers().count == 1)
  }

  @Test func validateExitsNonZeroAndNamesThePlace() throws {
    let data = try TemporaryFolder()
    let bad = data.url.appendingPathComponent("bad.yaml")
    try """
    schema: 1
    area: git
    questions:
      - {id: git.x, topic: basics, difficulty: easy, type: single, prompt: P, options: [{id: a, text: A}, {id: b, text: B}], answer: c, explanation: E}
    """.write(to: bad, atomically: true, encoding: .utf8)
    let failing = try run(["validate", bad.path], data: data)
    #expect(failing.status == 1)
    #expect(failing.output.contains("\(bad.path):4:"))
    #expect(failing.output.contains("answer 'c' is not among the options (a, b)"))
    let passing = try run(["validate"], data: data)
    #expect(passing.status == 0)
    #expect(passing.output.contains("8 questions loaded, 0 errors"))
  }

  @Test func statsJSONReportsTheAnswers() throws {
    let data = try TemporaryFolder()
    _ = try run(["--seed", "2"], input: "quiz k8s 1\ntrue\n", data: data)
    let result = try run(["stats", "--json"], data: data)
    #expect(result.status == 0)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(json["answered"] as? Int == 1)
    let areas = try #require(json["areas"] as? [[String: Any]])
    let containers = try #require(areas.first { $0["id"] as? String == "containers" })
    #expect(containers["percentCorrect"] as? Double == 100)
    #expect((json["recentQuizzes"] as? [Any])?.count == 1)
    #expect(json["quizCount"] as? Int == 1)
  }

  @Test func aBrokenBankIsSkippedWithAMessageAndTheRestWork() throws {
    let data = try TemporaryFolder()
    let banks = data.url.appendingPathComponent("banks")
    try FileManager.default.copyItem(at: fixtureBanks, to: banks)
    try "schema: 1\narea: containers\nquestions: [\n".write(
      to: banks.appendingPathComponent("containers.yaml"), atomically: true, encoding: .utf8)
    let result = try BuiltBinary.run(
      ["--banks", banks.path, "--data-dir", data.url.path], input: "quiz git 1\nskip\n")
    #expect(result.status == 0)
    #expect(result.errors.contains("warning: skipped \(banks.path)/containers.yaml"))
    #expect(result.errors.contains("YAML syntax error"))
    #expect(result.errors.contains("containers.yaml:4:1"))
    #expect(result.output.contains("↷ Skipped."))
  }

  @Test func aCorruptDatabaseIsAClearErrorAndIsKept() throws {
    let data = try TemporaryFolder()
    let database = data.url.appendingPathComponent("skillquiz.sqlite")
    let garbage = Data(repeating: 0x5A, count: 4096)
    try garbage.write(to: database)
    let result = try run(["stats"], data: data)
    #expect(result.status == 1)
    #expect(result.errors.contains(database.path))
    #expect(result.errors.contains("is damaged"))
    #expect(try Data(contentsOf: database) == garbage)
  }

  @Test func twoProcessesCanShareADataFolder() async throws {
    let data = try TemporaryFolder()
    let input = "quiz git 4\nskip\nskip\nskip\nskip\n"
    let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
      for seed in ["3", "4"] {
        group.addTask { try self.run(["--seed", seed], input: input, data: data).status }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(statuses == [0, 0])
    let store = try AnswerStore.open(directory: data.url)
    #expect(try store.answers().count == 8)
    #expect(try store.quizzes().count == 2)
  }

  @Test func postingsImportWhollyOrNotAtAllAndCanBeRemoved() throws {
    let data = try TemporaryFolder()
    let postings = fixtureBanks.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("SkillQuizKitTests/Fixtures/postings")
    let bad = data.url.appendingPathComponent("bad.json")
    try Data("{\"hello\": 1}".utf8).write(to: bad)
    let failed = try BuiltBinary.run(
      [
        "--data-dir", data.url.path, "jobs", "import",
        postings.appendingPathComponent("lever-postings.json").path, bad.path,
      ])
    #expect(failed.status == 1)
    #expect(failed.errors.contains("unknown JSON shape"))
    #expect(failed.errors.contains("nothing was imported"))
    let files = [
      "jsonld-page.html", "greenhouse-board.json", "lever-postings.json", "ashby-board.json",
    ]
    let imported = try BuiltBinary.run(
      ["--data-dir", data.url.path, "jobs", "import"]
        + files.map { postings.appendingPathComponent($0).path })
    #expect(imported.status == 0, "\(imported.errors)")
    #expect(imported.output.contains("Imported 4 new and updated 0 openings"))
    #expect(imported.output.contains("not recognised: Kafka, Terraform"))
    let again = try BuiltBinary.run(
      [
        "--data-dir", data.url.path, "jobs", "import",
        postings.appendingPathComponent("ashby-board.json").path,
      ])
    #expect(again.output.contains("Imported 0 new and updated 1 openings"))
    let ranked = try BuiltBinary.run([
      "--data-dir", data.url.path, "jobs", "--json", "--limit", "50",
    ])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(ranked.output.utf8)) as? [String: Any])
    let ids = ((json["openings"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    #expect(ids.contains("jsonld-ef-1042"))
    #expect(ids.contains("plaid-credit-mid-senior-swe"))
    let removed = try BuiltBinary.run([
      "--data-dir", data.url.path, "jobs", "remove", "jsonld-ef-1042",
    ])
    #expect(removed.output.contains("Removed jsonld-ef-1042."))
    let listed = try BuiltBinary.run(["--data-dir", data.url.path, "jobs", "imported"])
    #expect(!listed.output.contains("jsonld-ef-1042"))
    #expect(listed.output.contains("ashby-0f2b5a1e"))
  }

  @Test func aWhatIfProfileScoresTheShippedOpeningsAsTheWorkedExample() throws {
    let data = try TemporaryFolder()
    let profile = data.url.appendingPathComponent("profile.json")
    try Data(
      #"{"python": 85, "java": 70, "nodejs": 55, "go": 40, "ruby": 20, "sql": 80, "nosql": 50, "apis": 80, "aws": 60, "docker": 70, "kubernetes": 35, "security": 55, "git": 90}"#
        .utf8
    ).write(to: profile)
    let shown = try BuiltBinary.run(
      [
        "--data-dir", data.url.path, "jobs", "show", "plaid", "--profile", profile.path, "--level",
        "mid", "--explain",
      ])
    #expect(shown.status == 0, "\(shown.errors)")
    #expect(
      shown.output.contains("Match 84% · Good · points lost 16.0 = 100·σ − score = 100.0 − 84"))
    #expect(shown.output.contains("What-if: the profile's levels count as certain"))
    let plan = try BuiltBinary.run(["--data-dir", data.url.path, "plan", "--profile", profile.path])
    #expect(plan.output.contains("Kubernetes"))
    #expect(plan.output.contains("`quiz kubernetes 10`"))
    let store = try AnswerStore.open(directory: data.url)
    #expect(try store.answers().isEmpty)
  }

  @Test func theHTMLReportShowsTheFiguresFromTheDatabase() throws {
    let data = try TemporaryFolder()
    _ = try run(["--seed", "2"], input: "quiz k8s 1\ntrue\nquiz remotes 1\ntrue\n", data: data)
    let out = data.url.appendingPathComponent("report.html")
    let result = try run(["report", "--out", out.path], data: data)
    #expect(result.status == 0, "\(result.errors)")
    let html = try String(contentsOf: out, encoding: .utf8)
    #expect(html.contains("<svg"))
    #expect(html.contains("<polyline class=\"trend\""))
    #expect(html.contains("<td>Containers</td>"))
    #expect(html.contains("<td>1</td><td>100%</td>"))
    let exported = try run(["export", "answers", "--format", "csv"], data: data)
    #expect(exported.output.split(separator: "\r\n").count == 3)
    let anki = data.url.appendingPathComponent("anki.txt")
    let ankiResult = try run(["export", "anki", "--missed", anki.path], data: data)
    #expect(ankiResult.status == 0)
    #expect(try String(contentsOf: anki, encoding: .utf8).split(separator: "\n").count == 4)
  }

  @Test func noColorAndNonTerminalsNeverGetEscapeCodes() throws {
    let data = try TemporaryFolder()
    let result = try BuiltBinary.run(
      ["--banks", fixtureBanks.path, "--data-dir", data.url.path, "--no-color"],
      input: "help\nquiz nonsense\n")
    #expect(!result.output.contains("\u{1B}"))
    #expect(!result.errors.contains("\u{1B}"))
    #expect(result.errors.contains("error: no area or topic named 'nonsense'"))
  }
}
