import Foundation
import SkillQuizKit
import SkillQuizStore
import Testing

/// `skillquiz import` end to end: import, validate, quiz on the imported bank through stdin,
/// export.
struct QuestionImportEndToEndTests {
  static let quiz = fixtureBanks.deletingLastPathComponent()
    .appendingPathComponent("import/containers-quiz.md")

  /// A banks folder with only the fixture skills.yaml, so every question comes from the import.
  private func emptyBanks(in folder: TemporaryFolder) throws -> URL {
    let banks = folder.url.appendingPathComponent("banks")
    try FileManager.default.createDirectory(at: banks, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: fixtureBanks.appendingPathComponent("skills.yaml"),
      to: banks.appendingPathComponent("skills.yaml"))
    return banks
  }

  @Test func importValidateQuizAndExportRoundTrip() throws {
    let folder = try TemporaryFolder()
    let banks = try emptyBanks(in: folder)
    let data = folder.url.appendingPathComponent("data")
    func run(_ arguments: [String], input: String = "") throws -> BuiltBinary.Result {
      try BuiltBinary.run(
        ["--banks", banks.path, "--data-dir", data.path] + arguments, input: input,
        environment: ["XDG_STATE_HOME": folder.url.appendingPathComponent("state").path])
    }
    let imported = try run(["import", Self.quiz.path, "--area", "containers"])
    #expect(imported.status == 0, "\(imported.errors)")
    let bankFile = banks.appendingPathComponent("imported/containers-quiz.yaml")
    let text = try String(contentsOf: bankFile, encoding: .utf8)
    let ids = text.split(separator: "\n").filter { $0.hasPrefix("  - id: ") }
    #expect(ids.count >= 100)
    #expect(imported.output.contains("imported \(ids.count) ("))
    #expect(imported.output.contains("containers-quiz.md:"))
    #expect(imported.output.contains("no option is marked"))
    #expect(imported.output.contains("note: has an image, kept as a link"))
    #expect(imported.output.contains("(\(ids.count) new, 0 updated, 0 removed)"))
    #expect(imported.output.contains("practise with `quiz containers`"))

    let validated = try run(["validate", bankFile.path])
    #expect(validated.status == 0, "\(validated.output)")
    #expect(!validated.output.contains(": error:"))
    #expect(validated.output.contains("\(ids.count) questions loaded, 0 errors"))

    let again = try run(["import", Self.quiz.path, "--area", "containers"])
    #expect(again.output.contains("(0 new, \(ids.count) updated, 0 removed)"))
    #expect(try String(contentsOf: bankFile, encoding: .utf8) == text)

    let quiz = try run(["--seed", "3"], input: "quiz containers 4\na\na\na\na\n")
    #expect(quiz.status == 0, "\(quiz.errors)")
    let answers = try AnswerStore.open(directory: data).answers()
    #expect(answers.count == 4)
    #expect(answers.allSatisfy { $0.questionID.hasPrefix("containers.imported.") })

    let exported = try run(["export", "answers", "--format", "json"])
    #expect(exported.status == 0)
    #expect(exported.output.components(separatedBy: "containers.imported.").count - 1 == 4)
  }

  @Test func aFailedImportWritesNothing() throws {
    let folder = try TemporaryFolder()
    let banks = try emptyBanks(in: folder)
    let missing = folder.url.appendingPathComponent("nope.gift").path
    let result = try BuiltBinary.run(
      [
        "--banks", banks.path, "--data-dir", folder.url.path, "import", Self.quiz.path, missing,
        "--area", "containers",
      ])
    #expect(result.status != 0)
    #expect(result.errors.contains("Nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: banks.appendingPathComponent("imported").path))
    let unknown = try BuiltBinary.run(
      [
        "--banks", banks.path, "--data-dir", folder.url.path, "import", Self.quiz.path,
        "--area", "cooking",
      ])
    #expect(unknown.status != 0)
    #expect(unknown.errors.contains("'cooking' is not a skill area"))
  }
}
