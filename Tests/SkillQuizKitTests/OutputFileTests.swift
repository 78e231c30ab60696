import Foundation
import Testing

@testable import SkillQuizKit

#if canImport(Glibc)
import Glibc
#endif

struct OutputFileTests {
  /// Runs `body` with a fresh, empty folder that is removed afterwards.
  private func withTemporaryFolder(_ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("skillquiz-output-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
  }

  /// The `lstat` of `path`: what the name itself is, without following a link.
  private func status(_ path: String) throws -> stat {
    var result = stat()
    try #require(lstat(path, &result) == 0, "lstat \(path): errno \(errno)")
    return result
  }

  private func kind(_ path: String) throws -> mode_t {
    try status(path).st_mode & S_IFMT
  }

  private func contents(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  private func entries(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  @Test func aNewFileIsPrivateAndHoldsTheData() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/answers.csv"
      let written = try OutputFile.write(Data("a,b\n".utf8), to: path)
      #expect(written.hasSuffix("/answers.csv"))
      #expect(try contents(path) == "a,b\n")
      #expect(try kind(path) == S_IFREG)
      #expect(try status(path).st_mode & 0o7777 == 0o600)
      #expect(try entries(folder) == ["answers.csv"])
    }
  }

  @Test func anExistingFileIsReplacedAndKeepsItsPermissions() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/answers.csv"
      try Data("old contents, longer than the new\n".utf8).write(to: URL(fileURLWithPath: path))
      try #require(chmod(path, 0o644) == 0)
      _ = try OutputFile.write(Data("new\n".utf8), to: path)
      #expect(try contents(path) == "new\n")
      #expect(try status(path).st_mode & 0o7777 == 0o644)
      #expect(try entries(folder) == ["answers.csv"])
    }
  }

  @Test func aLinkStaysALinkAndItsTargetIsWritten() throws {
    try withTemporaryFolder { folder in
      let target = folder + "/real.csv"
      try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
      try #require(chmod(target, 0o640) == 0)
      try FileManager.default.createSymbolicLink(
        atPath: folder + "/link.csv", withDestinationPath: "real.csv")
      let written = try OutputFile.write(Data("new\n".utf8), to: folder + "/link.csv")
      #expect(written.hasSuffix("/real.csv"))
      #expect(try kind(folder + "/link.csv") == S_IFLNK)
      #expect(try contents(target) == "new\n")
      #expect(try status(target).st_mode & 0o7777 == 0o640)
      #expect(try entries(folder) == ["link.csv", "real.csv"])
    }
  }

  @Test func aChainOfLinksIsFollowedToTheEnd() throws {
    try withTemporaryFolder { folder in
      try FileManager.default.createDirectory(
        atPath: folder + "/data", withIntermediateDirectories: false)
      let target = folder + "/data/real.csv"
      try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
      try FileManager.default.createSymbolicLink(
        atPath: folder + "/data/second", withDestinationPath: "real.csv")
      try FileManager.default.createSymbolicLink(
        atPath: folder + "/first", withDestinationPath: folder + "/data/second")
      _ = try OutputFile.write(Data("new\n".utf8), to: folder + "/first")
      #expect(try kind(folder + "/first") == S_IFLNK)
      #expect(try kind(folder + "/data/second") == S_IFLNK)
      #expect(try contents(target) == "new\n")
      #expect(try entries(folder + "/data") == ["real.csv", "second"])
    }
  }

  @Test func aDanglingLinkCreatesItsTarget() throws {
    try withTemporaryFolder { folder in
      try FileManager.default.createSymbolicLink(
        atPath: folder + "/link.csv", withDestinationPath: "later.csv")
      _ = try OutputFile.write(Data("made\n".utf8), to: folder + "/link.csv")
      #expect(try kind(folder + "/link.csv") == S_IFLNK)
      #expect(try kind(folder + "/later.csv") == S_IFREG)
      #expect(try contents(folder + "/later.csv") == "made\n")
      #expect(try status(folder + "/later.csv").st_mode & 0o7777 == 0o600)
    }
  }

  @Test func aDanglingLinkIntoAMissingFolderNamesThatFolder() throws {
    try withTemporaryFolder { folder in
      try FileManager.default.createSymbolicLink(
        atPath: folder + "/link.csv", withDestinationPath: folder + "/gone/later.csv")
      #expect(
        throws: OutputFileError.missingFolder(
          path: folder + "/gone/later.csv", folder: folder + "/gone")
      ) {
        try OutputFile.write(Data("x".utf8), to: folder + "/link.csv")
      }
    }
  }

  @Test func aLinkLoopIsReported() throws {
    try withTemporaryFolder { folder in
      try FileManager.default.createSymbolicLink(atPath: folder + "/a", withDestinationPath: "b")
      try FileManager.default.createSymbolicLink(atPath: folder + "/b", withDestinationPath: "a")
      #expect(throws: OutputFileError.tooManyLinks(path: folder + "/a")) {
        try OutputFile.write(Data("x".utf8), to: folder + "/a")
      }
    }
  }

  @Test func aFIFOIsWrittenIntoAndStaysAFIFO() throws {
    try withTemporaryFolder { folder in
      let fifo = folder + "/pipe"
      try #require(mkfifo(fifo, 0o600) == 0)
      // A reader that is already open lets the writer open at once; the bytes fit the pipe.
      let reader = open(fifo, O_RDONLY | O_NONBLOCK)
      try #require(reader >= 0)
      defer { close(reader) }
      #expect(try OutputFile.write(Data("through the pipe\n".utf8), to: fifo) == fifo)
      var buffer = [UInt8](repeating: 0, count: 256)
      let count = read(reader, &buffer, buffer.count)
      #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "through the pipe\n")
      #expect(try kind(fifo) == S_IFIFO)
      #expect(try entries(folder) == ["pipe"])
    }
  }

  @Test func aReaderThatStopsEarlyIsAnErrorNotACrash() throws {
    try withTemporaryFolder { folder in
      let fifo = folder + "/pipe"
      try #require(mkfifo(fifo, 0o600) == 0)
      // `head` reads a byte and exits, so the writer gets EPIPE (or, without care, SIGPIPE).
      let head = Process()
      head.executableURL = URL(fileURLWithPath: "/usr/bin/head")
      head.arguments = ["-c", "1", fifo]
      head.standardOutput = FileHandle.nullDevice
      head.terminationHandler = { _ in
        // Whatever happened to `head`, a reader opening and closing ends a writer's wait.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        if reader >= 0 { close(reader) }
      }
      try head.run()
      let error = #expect(throws: OutputFileError.self) {
        try OutputFile.write(Data(count: 4 << 20), to: fifo)
      }
      head.waitUntilExit()
      #expect(error == .failed(path: fifo, action: "write", code: EPIPE))
      #expect(error?.description.contains(fifo) == true)
      #expect(try kind(fifo) == S_IFIFO)
    }
  }

  @Test func devNullStaysACharacterDevice() throws {
    let before = try status("/dev/null")
    try #require(before.st_mode & S_IFMT == S_IFCHR)
    #expect(try OutputFile.write(Data("discarded\n".utf8), to: "/dev/null") == "/dev/null")
    let after = try status("/dev/null")
    #expect(after.st_mode & S_IFMT == S_IFCHR)
    #expect(after.st_rdev == before.st_rdev)
    #expect(after.st_ino == before.st_ino)
  }

  @Test func aFullDeviceIsReportedWithItsPath() throws {
    let error = #expect(throws: OutputFileError.self) {
      try OutputFile.write(Data("x".utf8), to: "/dev/full")
    }
    #expect(error == .failed(path: "/dev/full", action: "write", code: ENOSPC))
    #expect(error?.description.contains("'/dev/full'") == true)
    #expect(try kind("/dev/full") == S_IFCHR)
  }

  #if os(Linux)
  @Test func devStdoutWritesIntoTheOpenOutputAndNeverReplacesIt() throws {
    var before = stat()
    try #require(fstat(1, &before) == 0)
    _ = try OutputFile.write(Data(), to: "/dev/stdout")
    var after = stat()
    try #require(fstat(1, &after) == 0)
    #expect(after.st_ino == before.st_ino)
    #expect(after.st_nlink == before.st_nlink)
    #expect(try kind("/dev/stdout") == S_IFLNK)
  }

  @Test func anOpenFileNamedThroughProcIsAddedToNotReplaced() throws {
    try withTemporaryFolder { folder in
      // What `/dev/stdout` names after `>> log.txt` in a shell.
      let path = folder + "/log.txt"
      try Data("earlier\n".utf8).write(to: URL(fileURLWithPath: path))
      let before = try status(path)
      let descriptor = open(path, O_WRONLY | O_APPEND)
      try #require(descriptor >= 0)
      defer { close(descriptor) }
      _ = try OutputFile.write(Data("more\n".utf8), to: "/proc/self/fd/\(descriptor)")
      #expect(try contents(path) == "earlier\nmore\n")
      #expect(try status(path).st_ino == before.st_ino)
      #expect(try entries(folder) == ["log.txt"])
    }
  }
  #endif

  @Test func aFolderIsRefusedWithAFileNameToTry() throws {
    try withTemporaryFolder { folder in
      let error = #expect(throws: OutputFileError.self) {
        try OutputFile.write(Data("x".utf8), to: folder)
      }
      #expect(error == .isFolder(path: folder))
      #expect(
        error?.description
          == "'\(folder)' is a folder; give a file name such as '\(folder)/answers.csv'")
      let left = try entries(folder)
      #expect(left.isEmpty)
    }
  }

  @Test func aMissingFolderIsNamed() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/missing/answers.csv"
      let error = #expect(throws: OutputFileError.self) {
        try OutputFile.write(Data("x".utf8), to: path)
      }
      #expect(error == .missingFolder(path: path, folder: folder + "/missing"))
      #expect(error?.description.contains("folder '\(folder)/missing' does not exist") == true)
      let left = try entries(folder)
      #expect(left.isEmpty)
    }
  }

  @Test func aDashMeansStandardOutputAndATildeMeansHome() {
    #expect(OutputDestination("-") == .standardOutput)
    #expect(OutputDestination("out.csv") == .file("out.csv"))
    #expect(OutputDestination("~/out.csv") == .file(NSHomeDirectory() + "/out.csv"))
  }
}
