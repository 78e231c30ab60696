import Foundation
import LineEditing
import SkillQuizKit
import SkillQuizStore
import Synchronization
import Testing

@testable import skillquiz

/// Output that can fail, in process: the writer's loop, and what a session and the prompt do
/// when nobody can read them any more.
struct OutputFailureTests {
  @Test func theWriterReportsAFullDiskAsNoSpace() throws {
    let descriptor = open("/dev/full", O_WRONLY)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    #expect(Self.write(Array("stats\n".utf8), to: descriptor) == ENOSPC)
  }

  @Test func theWriterReportsADescriptorItCannotWriteAsBadDescriptor() throws {
    let descriptor = open("/dev/null", O_RDONLY)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    #expect(Self.write(Array("stats\n".utf8), to: descriptor) == EBADF)
  }

  @Test func theWriterFinishesPartialWritesToASlowNonBlockingReader() throws {
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    let (readEnd, writeEnd) = (ends[0], ends[1])
    defer { close(readEnd) }
    // Non-blocking, and far more than a pipe holds: write(2) returns short counts and EAGAIN.
    _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
    let bytes = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
    let received = ReceivedBytes()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      var chunk = [UInt8](repeating: 0, count: 4096)
      while true {
        usleep(200)
        let count = read(readEnd, &chunk, chunk.count)
        if count <= 0 { break }
        received.bytes.withLock { $0 += chunk[0..<count] }
      }
      done.signal()
    }
    let failure = Self.write(bytes, to: writeEnd)
    close(writeEnd)
    done.wait()
    #expect(failure == nil)
    #expect(received.bytes.withLock { $0 } == bytes)
  }

  @Test func aFailureSaysWhichStreamAndWhyAndMapsToItsExitStatus() {
    let full = OutputFailure(stream: .output, code: ENOSPC)
    #expect(full.description == "cannot write to standard output: No space left on device")
    #expect(full.exitStatus == 74)
    let closedPipe = OutputFailure(stream: .output, code: EPIPE)
    #expect(closedPipe.isClosedPipe)
    #expect(closedPipe.exitStatus == 141)
  }

  @Test func outputThatFailsBeforeTheFirstQuestionEndsTheQuizEarlyAndThePrompt() throws {
    let harness = try REPLHarness()
    let console = FailingConsole(failingAfter: "")
    let reader = ScriptedLineReader(lines: ["quiz git 4", "a", "a", "a", "a", "stats"])
    #expect(REPL(context: harness.context(reader, console: console)).run() == 0)
    #expect(try harness.store.answers().isEmpty)
    #expect(try harness.store.quizzes().first?.status == .endedEarly)
    // Nothing after the quiz was read: the answers and `stats` stay unread.
    #expect(reader.prompts.count == 1)
  }

  @Test func outputThatFailsMidQuizKeepsTheAnswersGivenAndEndsTheQuizEarly() throws {
    let harness = try REPLHarness()
    let console = FailingConsole(failingAfter: "↷ Skipped.")
    let reader = ScriptedLineReader(lines: ["quiz git 4", "skip", "skip", "skip", "skip"])
    #expect(REPL(context: harness.context(reader, console: console)).run() == 0)
    #expect(try harness.store.answers().count == 1)
    #expect(try harness.store.quizzes().first?.status == .endedEarly)
    #expect(reader.prompts.count == 2)
  }

  @Test func theExitStatusAfterAFailedWriteIs74WithOneLineOr141Quietly() {
    let full = FailingConsole(failingAfter: "", code: ENOSPC)
    full.write("x")
    #expect(SkillQuizCommand.exitStatus(after: 0, console: full) == 74)
    #expect(full.errors == "error: cannot write to standard output: No space left on device\n")
    let closedPipe = FailingConsole(failingAfter: "", code: EPIPE)
    closedPipe.write("x")
    #expect(SkillQuizCommand.exitStatus(after: 0, console: closedPipe) == 141)
    #expect(closedPipe.errors.isEmpty)
    #expect(SkillQuizCommand.exitStatus(after: 1, console: BufferConsole()) == 1)
  }

  /// Writes `bytes` with the writer's loop; the `errno` of a failure, or nil.
  private static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    bytes.withUnsafeBufferPointer { OutputWriter.writeAll($0, to: descriptor) }
  }
}

/// Bytes a reader thread received.
private final class ReceivedBytes: Sendable {
  let bytes = Mutex<[UInt8]>([])
}

/// A console whose standard output stops working once it has shown `failingAfter`, as when
/// the reader of a pipe goes away; standard error keeps working.
final class FailingConsole: Console {
  let usesColor = false
  let width = 80
  let isTerminal = false
  private let trigger: String
  private let code: Int32
  private(set) var output = ""
  private(set) var errors = ""
  private(set) var outputFailure: OutputFailure?

  init(failingAfter trigger: String, code: Int32 = EPIPE) {
    self.trigger = trigger
    self.code = code
  }

  func write(_ text: String) {
    if trigger.isEmpty || output.contains(trigger) {
      outputFailure = outputFailure ?? OutputFailure(stream: .output, code: code)
    }
    if outputFailure == nil { output += text }
  }

  func writeError(_ text: String) { errors += text }
}
