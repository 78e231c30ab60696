import Foundation
import Testing

@testable import SkillQuizKit

#if canImport(Glibc)
import Glibc
#endif

/// Reading files we did not write: only regular files, never blocking, never without end, and
/// every failure in plain words with a fix.
@Suite(.timeLimit(.minutes(1)))
struct InputFileTests {
  /// Runs `body` with a fresh, empty folder that is removed afterwards.
  private func withTemporaryFolder(_ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("skillquiz-input-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
  }

  /// The error `InputFile.read` throws for `path`, or nil when it reads.
  private func failure(_ path: String, limit: Int = 1 << 20) -> InputFileError? {
    do {
      _ = try InputFile.read(path, limit: limit, expecting: "a .yaml file")
      return nil
    } catch {
      return error
    }
  }

  @Test func aRegularFileIsReadAsText() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/bank.yaml"
      try "schema: 1\n".write(toFile: path, atomically: false, encoding: .utf8)
      #expect(try InputFile.read(path, limit: 100, expecting: "a .yaml file") == "schema: 1\n")
    }
  }

  @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
    try withTemporaryFolder { folder in
      let fifo = folder + "/bank.yaml"
      try #require(mkfifo(fifo, 0o600) == 0)
      let error = try #require(failure(fifo))
      #expect(error.reason == .notRegularFile(kind: "a FIFO"))
      #expect(
        error.description
          == "cannot read '\(fifo)': it is not a regular file (it is a FIFO)\n"
          + "    fix: give a .yaml file")
    }
  }

  @Test func devZeroIsRefusedAndNeverRead() throws {
    let error = try #require(failure("/dev/zero"))
    #expect(error.reason == .notRegularFile(kind: "a character device"))
  }

  @Test func aLinkToADeviceIsRefusedLikeTheDevice() throws {
    try withTemporaryFolder { folder in
      let link = folder + "/zero.yaml"
      try #require(symlink("/dev/zero", link) == 0)
      #expect(failure(link)?.reason == .notRegularFile(kind: "a character device"))
    }
  }

  @Test func aFileThatClaimsNoSizeIsStillReadOnlyUpToTheLimit() throws {
    // /proc files report a size of 0 and can be longer than that.
    let error = try #require(failure("/proc/self/maps", limit: 16))
    #expect(error.reason == .tooLarge(size: nil, limit: 16))
    #expect(error.problem == "it is larger than 0.1 MB, the most that is read")
  }

  @Test func aFileOverTheLimitIsRefusedByItsSize() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/big.yaml"
      #expect(FileManager.default.createFile(atPath: path, contents: nil))
      try #require(truncate(path, 3 << 20) == 0)
      let error = try #require(failure(path, limit: 2 << 20))
      #expect(error.problem == "it is 3 MB; at most 2 MB is read")
      #expect(error.fix == "split it into smaller files")
    }
  }

  @Test func everyOtherFailureIsSaidInPlainWords() throws {
    try withTemporaryFolder { folder in
      let text = folder + "/latin1.yaml"
      try Data([0x63, 0x61, 0x66, 0xE9]).write(to: URL(fileURLWithPath: text))
      let cases: [(String, InputFileError.Reason, String)] = [
        (folder + "/missing.yaml", .notFound, "no such file"),
        (folder, .isFolder, "it is a folder, not a file"),
        (text, .notUTF8, "it is not UTF-8 text"),
        (folder + "/missing/bank.yaml", .notFound, "no such file"),
      ]
      for (path, reason, problem) in cases {
        let error = try #require(failure(path), "\(path)")
        #expect(error.reason == reason, "\(path)")
        #expect(error.problem == problem, "\(path)")
        #expect(!error.description.contains("Domain"), "\(path)")
        #expect(error.description.contains("\n    fix: "), "\(path)")
      }
    }
  }

  @Test(.enabled(if: getuid() != 0, "root reads every file"))
  func anUnreadableFileIsPermissionDenied() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/secret.yaml"
      try "x".write(toFile: path, atomically: false, encoding: .utf8)
      try #require(chmod(path, 0) == 0)
      #expect(failure(path)?.problem == "permission denied")
    }
  }

  @Test func aPathWithControlCharactersIsPrintedSafely() {
    let error = InputFileError(
      path: "bank\u{1B}]0;pwned\u{07}.yaml", reason: .notFound, expecting: "a .yaml file")
    #expect(!error.description.contains("\u{1B}"))
    #expect(!error.description.contains("\u{07}"))
  }

  @Test func aFIFOAmongTheBanksIsReportedAndTheOthersLoad() throws {
    try withTemporaryFolder { folder in
      try BankFixtures.skills.write(
        toFile: folder + "/skills.yaml", atomically: false, encoding: .utf8)
      try BankFixtures.gitBank.write(
        toFile: folder + "/git.yaml", atomically: false, encoding: .utf8)
      try #require(mkfifo(folder + "/pipe.yaml", 0o600) == 0)
      let library = try BankLoader().load(
        from: DirectoryBankSource(root: URL(fileURLWithPath: folder)))
      #expect(library.allQuestions().count == 4)
      let problem = try #require(
        library.diagnostics.first { $0.location.file.hasSuffix("pipe.yaml") })
      #expect(problem.message == "cannot read the file: it is not a regular file (it is a FIFO)")
      #expect(problem.fix == "give a .yaml bank file")
    }
  }

  @Test func foundationFileErrorsAreSaidInPlainWords() throws {
    try withTemporaryFolder { folder in
      let file = folder + "/file"
      try "x".write(toFile: file, atomically: false, encoding: .utf8)
      do {
        try FileManager.default.createDirectory(
          atPath: file + "/sub", withIntermediateDirectories: true)
        Issue.record("creating a folder under a file succeeded")
      } catch {
        #expect(FileErrorText.reason(error) == "a part of the path is a file, not a folder")
      }
    }
    #expect(FileErrorText.reason(CocoaError(.fileReadNoPermission)) == "permission denied")
    #expect(FileErrorText.reason(CocoaError(.fileWriteOutOfSpace)) == "the disk is full")
  }
}
