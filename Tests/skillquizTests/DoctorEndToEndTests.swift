import Foundation
import GRDB
import SkillQuizKit
import SkillQuizStore
import Testing

/// `skillquiz doctor` and the refusal of a damaged database, through the built binary.
struct DoctorEndToEndTests {
  private func run(_ arguments: [String], input: String = "", data: TemporaryFolder) throws
    -> BuiltBinary.Result
  {
    try BuiltBinary.run(
      ["--banks", fixtureBanks.path, "--data-dir", data.url.path] + arguments, input: input,
      environment: ["XDG_STATE_HOME": data.url.appendingPathComponent("state").path])
  }

  /// A skillquiz database with 768 answers whose answer table has two pages (8 KB) of random
  /// bytes, as a bad disk or another program might leave it.
  private func damagedDatabase(in data: TemporaryFolder) throws -> URL {
    let path = try AnswerStore.open(directory: data.url).path
    let queue = try DatabaseQueue(path: path)
    let leaves = try queue.write { db -> [Int] in
      for index in 0..<768 {
        try db.execute(
          sql: """
            INSERT INTO answer (question_id, area_id, topic_id, difficulty, mode, response,
              score, correct, skipped, unsure, answered_at, duration_ms)
            VALUES (?, 'git', 'basics', 'medium', 'quiz', ?, 1, 1, 0, 0, ?, 1000)
            """,
          arguments: [
            "git.q\(index)", "a response text \(index)",
            Date(timeIntervalSince1970: 1_790_000_000 + Double(index)),
          ])
      }
      return try Int.fetchAll(
        db,
        sql: "SELECT pageno FROM dbstat WHERE name = 'answer' AND pagetype = 'leaf' ORDER BY pageno"
      )
    }
    try queue.close()
    var random = SeededRandom(seed: 12)
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    for page in leaves.dropFirst(4).prefix(2) {
      try handle.seek(toOffset: UInt64(page - 1) * 4096)
      try handle.write(
        contentsOf: Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
    }
    try handle.close()
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: path)
    return URL(fileURLWithPath: path)
  }

  @Test func doctorPrintsAChecklistForAHealthyDatabase() throws {
    let data = try TemporaryFolder()
    #expect(try run(["--seed", "3"], input: "quiz git 2\nskip\nskip\n", data: data).status == 0)
    chmod(data.url.appendingPathComponent(AnswerStore.fileName).path, 0o644)
    let result = try run(["doctor"], data: data)
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.output.contains("✓ database: ok (integrity_check, "))
    #expect(result.output.contains(", 2 answers)"))
    #expect(result.output.contains("✓ write-ahead log: none"))
    #expect(result.output.contains("✓ permissions: fixed 'skillquiz.sqlite' was 0644; now 0600"))
    #expect(result.output.contains("aggregates: equal to a recomputation from every answer"))
    let json = try run(["doctor", "--json"], data: data)
    #expect(json.status == 0)
    #expect(json.output.contains("\"healthy\" : true"))
    #expect(json.output.contains("\"status\" : \"ok\""))
  }

  /// The repro of issue 12: the prompt wrote answers into a file with 8 KB of random bytes.
  ///
  /// `stats` then called it damaged. It now refuses at open, and doctor copies the rest out.
  @Test func aDamagedDatabaseIsRefusedAtOpenAndDoctorCopiesItsDataOut() throws {
    let data = try TemporaryFolder()
    let database = try damagedDatabase(in: data)
    let before = try Data(contentsOf: database)

    let prompt = try run(["--seed", "3"], input: "quiz git 1\nskip\n", data: data)
    #expect(prompt.status == 1)
    #expect(prompt.errors.contains("is damaged"))
    #expect(prompt.errors.contains("nothing was written to it"))
    #expect(prompt.errors.contains("skillquiz doctor"))
    #expect(!prompt.output.contains("Skipped"))
    #expect(try Data(contentsOf: database) == before)

    let doctor = try run(["doctor"], data: data)
    #expect(doctor.status == 1)
    #expect(doctor.output.contains("✗ database: damaged ("))
    #expect(doctor.output.contains("! copy: copied "))
    #expect(doctor.output.contains("to switch to the copy: mv "))
    #expect(try Data(contentsOf: database) == before)
    let copies = try FileManager.default.contentsOfDirectory(atPath: data.url.path).filter {
      $0.hasPrefix("skillquiz-recovered-") && $0.hasSuffix(".sqlite")
    }
    #expect(copies.count == 1)
    let copy = try #require(copies.first)
    let recovered = try AnswerStore(path: data.url.appendingPathComponent(copy).path)
    let count = try recovered.answers().count
    #expect(count > 600 && count < 768)
  }
}
