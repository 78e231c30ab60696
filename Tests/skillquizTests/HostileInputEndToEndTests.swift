import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Files that are not what they claim, given to the real binary: each is refused with a
/// plain message and a fix, and nothing hangs.
@Suite(.timeLimit(.minutes(2)))
struct HostileInputEndToEndTests {
  /// Runs the binary on the fixture banks with its data in `folder`.
  private func run(_ arguments: [String], in folder: TemporaryFolder) throws -> BuiltBinary.Result {
    try BuiltBinary.run(
      ["--banks", fixtureBanks.path, "--data-dir", folder.url.appendingPathComponent("data").path]
        + arguments,
      environment: [
        "NO_COLOR": "1", "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path,
      ])
  }

  @Test func aFIFOGivenToImportIsRefusedWithoutWaitingForAWriter() throws {
    let folder = try TemporaryFolder()
    let fifo = folder.url.appendingPathComponent("quiz.gift").path
    try #require(mkfifo(fifo, 0o600) == 0)
    let imported = try run(["import", fifo, "--area", "git"], in: folder)
    #expect(imported.status == 1)
    #expect(
      imported.errors.contains("it is not a regular file (it is a FIFO). Nothing was written."))
    #expect(imported.errors.contains("    fix: give a GIFT, Aiken, Markdown or CSV file"))
    let postings = try run(["jobs", "import", fifo], in: folder)
    #expect(postings.status == 1)
    #expect(
      postings.errors.contains("it is not a regular file (it is a FIFO); nothing was imported"))
  }

  @Test func aFIFOGivenAsResponsesOrAProfileIsRefusedToo() throws {
    let folder = try TemporaryFolder()
    let fifo = folder.url.appendingPathComponent("responses.csv").path
    try #require(mkfifo(fifo, 0o600) == 0)
    let calibrated = try run(["calibrate", "--responses", fifo, "--dry-run"], in: folder)
    #expect(calibrated.status == 1)
    #expect(calibrated.errors.contains("it is not a regular file (it is a FIFO)"))
    let banks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "QuestionBanks")
    let ranked = try BuiltBinary.run(
      [
        "--banks", banks.path, "--data-dir", folder.url.appendingPathComponent("data").path, "jobs",
        "--profile", fifo,
      ],
      environment: ["XDG_STATE_HOME": folder.url.appendingPathComponent("state").path])
    #expect(ranked.status == 1)
    #expect(ranked.errors.contains("it is not a regular file (it is a FIFO)"))
  }

  @Test func devZeroGivenAsABankIsACharacterDeviceNotAPermissionProblem() throws {
    let folder = try TemporaryFolder()
    let validated = try run(["validate", "/dev/zero"], in: folder)
    #expect(validated.status == 1)
    #expect(
      validated.output.contains(
        "/dev/zero:1:1: error: cannot read the file: it is not a regular file "
          + "(it is a character device)"))
    #expect(!validated.output.contains("permission"))
    #expect(!(validated.output + validated.errors).contains("NSCocoaErrorDomain"))
  }

  @Test func aFolderThatCannotBeCreatedIsSaidInPlainWords() throws {
    let folder = try TemporaryFolder()
    let quiz = folder.url.appendingPathComponent("quiz.gift")
    try "What is 1+1? {=2 ~3}\n".write(to: quiz, atomically: true, encoding: .utf8)
    let blocker = folder.url.appendingPathComponent("file")
    try "x".write(to: blocker, atomically: true, encoding: .utf8)
    let imported = try run(
      ["import", quiz.path, "--area", "git", "--out", blocker.path + "/sub/bank.yaml"], in: folder)
    #expect(imported.status == 1)
    #expect(
      imported.errors.contains(
        "': a part of the path is a file, not a folder. Nothing was written."))
    #expect(!imported.errors.contains("NSCocoaErrorDomain"))
  }

  @Test func aQuestionWithAThousandOptionsIsSkippedNotACrash() throws {
    let folder = try TemporaryFolder()
    let quiz = folder.url.appendingPathComponent("big.gift")
    let answers = (0..<1000).map { ($0 == 0 ? "=" : "~") + "option \($0)" }
    try ("Big? {\(answers.joined(separator: " "))}\n\nGood? {=yes ~no}\n")
      .write(to: quiz, atomically: true, encoding: .utf8)
    let imported = try run(["import", quiz.path, "--area", "git", "--dry-run"], in: folder)
    #expect(imported.status == 0, "\(imported.errors)")
    #expect(imported.output.contains("imported 1 (1 single), skipped 1"))
    #expect(imported.output.contains("big.gift:1: 1000 options; a question may have at most 8"))
  }

  /// The bundled skills (with their keywords) and openings, with a hostile area name, plus a
  /// bank whose diagnostics quote hostile text; returns the banks folder.
  private func hostileBanks(in folder: TemporaryFolder) throws -> URL {
    let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("QuestionBanks")
    let banks = folder.url.appendingPathComponent("banks")
    try FileManager.default.createDirectory(at: banks, withIntermediateDirectories: true)
    let skills = try String(
      contentsOf: bundled.appendingPathComponent("skills.yaml"), encoding: .utf8
    ).replacingOccurrences(
      of: "name: Programming languages",
      with: #"name: "Languages \e]0;pwned\a\e[2J<script>alert(1)</script>""#)
    try skills.write(
      to: banks.appendingPathComponent("skills.yaml"), atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      at: bundled.appendingPathComponent("openings.yaml"),
      to: banks.appendingPathComponent("openings.yaml"))
    let bank = #"""
      schema: 1
      area: languages
      questions:
        - id: languages.evil
          topic: "evil\e]0;pwned\a\e[2J\u009b2J"
          difficulty: easy
          type: true_false
          prompt: P
          answer: true
          explanation: E
      """#
    try bank.write(to: banks.appendingPathComponent("evil.yaml"), atomically: true, encoding: .utf8)
    return banks
  }

  /// A Greenhouse board whose every field carries an OSC title change and a CSI screen clear.
  static let hostilePosting = #"""
    {"jobs": [{
      "id": 7, "internal_job_id": 7,
      "title": "Engineer \u001b]0;pwned\u0007\u001b[2J\u009b2J",
      "company_name": "Evil \u001b]0;pwned\u0007 <script>alert(1)</script>",
      "location": {"name": "Berlin\u001b[2J; <img src=x onerror=alert(1)>"},
      "absolute_url": "https://example.com/\u001b[2J",
      "content": "<h2>Requirements</h2><ul><li>Experience with Python and \u001b]0;pwned\u0007Kafka\u001b[2J and Terraform\u001b]0;x\u0007Zed</li></ul>",
      "departments": [{"name": "Eng\u001b[2J"}]
    }]}
    """#

  /// Every control character but newline and tab, C1 controls included.
  private func controls(in text: String) -> [String] {
    text.unicodeScalars.filter { scalar in
      scalar != "\n" && scalar != "\t"
        && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }.map { String(format: "U+%04X", $0.value) }
  }

  @Test func escapeSequencesFromPostingsAndBanksNeverReachTheTerminal() throws {
    let folder = try TemporaryFolder()
    let banks = try hostileBanks(in: folder)
    let posting = folder.url.appendingPathComponent("evil-board.json")
    try Self.hostilePosting.write(to: posting, atomically: true, encoding: .utf8)
    func run(_ arguments: [String], input: String = "") throws -> BuiltBinary.Result {
      try BuiltBinary.run(
        ["--banks", banks.path, "--data-dir", folder.url.appendingPathComponent("data").path]
          + arguments, input: input,
        environment: [
          "NO_COLOR": "1", "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path,
        ])
    }
    let imported = try run(["jobs", "import", posting.path])
    #expect(imported.status == 0, "\(imported.errors)")
    #expect(imported.output.contains("not recognised:"))
    let id = try #require(
      imported.output.split(separator: "\n").first?.split(separator: ":").first.map(String.init))
    let runs: [(String, BuiltBinary.Result)] = [
      ("jobs import", imported),
      ("jobs imported", try run(["jobs", "imported"])),
      ("jobs show", try run(["jobs", "show", id])),
      ("jobs", try run(["jobs"])),
      ("validate", try run(["validate"])),
      ("start-up warnings", try run([], input: "quit\n")),
      ("report md", try run(["report", "--format", "md"])),
      ("report html", try run(["report", "--format", "html"])),
    ]
    for (name, result) in runs {
      #expect(controls(in: result.output).isEmpty, "\(name) output: \(controls(in: result.output))")
      #expect(controls(in: result.errors).isEmpty, "\(name) errors: \(controls(in: result.errors))")
    }
    let shown = try #require(runs.first { $0.0 == "jobs show" }?.1.output)
    #expect(shown.contains("Berlin␛[2J"))
    let validated = try #require(runs.first { $0.0 == "validate" }?.1.output)
    #expect(validated.contains("unknown topic 'evil␛]0;pwned␇␛[2J�2J'"))
    let warnings = try #require(runs.first { $0.0 == "start-up warnings" }?.1.errors)
    #expect(warnings.contains("evil.yaml"))
    for name in ["report md", "report html"] {
      let report = try #require(runs.first { $0.0 == name }?.1.output).lowercased()
      #expect(!report.contains("<script"), "\(name)")
      #expect(!report.contains("<img"), "\(name)")
      #expect(report.contains("&lt;script&gt;"), "\(name)")
    }
  }
}
