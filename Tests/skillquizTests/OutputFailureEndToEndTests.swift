import Foundation
import SkillQuizStore
import Testing

/// The built binary writing where writes fail: a full disk, a closed descriptor, a lost pipe.
///
/// Each ends with its status and at most one line, never a crash.
@Suite(.timeLimit(.minutes(1)))
struct OutputFailureEndToEndTests {
  let data: TemporaryFolder

  init() throws {
    data = try TemporaryFolder()
  }

  @Test func statsIntoAFullDiskExits74WithOneLine() throws {
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let result = try run(["stats"], output: full)
    #expect(result.status == 74)
    #expect(result.errors == "error: cannot write to standard output: No space left on device\n")
  }

  @Test func statsWithStandardOutputClosedExits74WithOneLine() throws {
    let result = try runInShell(["stats"], redirecting: ">&-")
    #expect(result.status == 74)
    #expect(result.errors == "error: cannot write to standard output: Bad file descriptor\n")
  }

  @Test func bothStreamsClosedStillEndsWith74AndNoCrash() throws {
    let result = try runInShell(["stats"], redirecting: ">&- 2>&-")
    #expect(result.status == 74)
    #expect(result.errors.isEmpty)
  }

  @Test(arguments: [["export", "answers"], ["help"], ["stats"]])
  func aPipeWhoseReaderIsGoneEndsTheCommandQuietlyWith141(command: [String]) throws {
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    close(ends[0])
    let result = try run(command, output: FileHandle(fileDescriptor: ends[1], closeOnDealloc: true))
    #expect(result.status == 141)
    #expect(result.errors.isEmpty)
  }

  @Test func aQuizOnAPipeWhoseReaderIsGoneIsEndedEarlyNotLeftInProgress() throws {
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    close(ends[0])
    let result = try run(
      ["quiz", "git", "4"], output: FileHandle(fileDescriptor: ends[1], closeOnDealloc: true),
      input: "skip\nskip\nskip\nskip\n")
    #expect(result.status == 141)
    let store = try AnswerStore.open(directory: data.url)
    #expect(try store.answers().isEmpty)
    #expect(try store.quizzes().first?.status == .endedEarly)
  }

  private var environment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    environment["XDG_STATE_HOME"] = data.url.appendingPathComponent("state").path
    environment["XDG_CACHE_HOME"] = data.url.appendingPathComponent("cache").path
    return environment
  }

  private var globalOptions: [String] {
    ["--banks", fixtureBanks.path, "--data-dir", data.url.path, "--seed", "7"]
  }

  /// Runs the binary with standard output on `output`; its status and standard error.
  private func run(_ command: [String], output: FileHandle, input: String = "") throws -> (
    status: Int32, errors: String
  ) {
    try launch(BuiltBinary.url, globalOptions + command, output: output, input: input)
  }

  /// Runs the binary through `sh` with `redirection` (such as `>&-`) applied to it.
  private func runInShell(_ command: [String], redirecting redirection: String) throws -> (
    status: Int32, errors: String
  ) {
    let script = "exec \"$0\" \"$@\" \(redirection)"
    return try launch(
      URL(fileURLWithPath: "/bin/sh"),
      ["-c", script, BuiltBinary.url.path] + globalOptions + command,
      output: nil, input: "")
  }

  private func launch(_ executable: URL, _ arguments: [String], output: FileHandle?, input: String)
    throws -> (status: Int32, errors: String)
  {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    let inputFile = data.url.appendingPathComponent("input-\(UUID().uuidString)")
    try Data(input.utf8).write(to: inputFile)
    process.standardInput = try FileHandle(forReadingFrom: inputFile)
    // When the shell redirects, standard error still needs somewhere to go for the check.
    let errors = Pipe()
    process.standardOutput = output ?? FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    try output?.close()
    let text = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: text, as: UTF8.self))
  }
}
