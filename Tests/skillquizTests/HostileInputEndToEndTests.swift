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
}
