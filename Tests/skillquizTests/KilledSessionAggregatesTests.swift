import Foundation
import SkillQuizKit
import SkillQuizStore
import Testing

/// A real skillquiz answering a quiz is killed with SIGKILL at a random point: every answer it
/// committed has its totals, and the totals equal a recomputation from the answers.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct KilledSessionAggregatesTests {
  @Test(arguments: [UInt64(3), 17, 42])
  func aggregatesSurviveAKillBetweenAnswers(seed: UInt64) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "skillquiz-kill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    var random = SeededRandom(seed: seed)
    var committedBefore = 0
    for round in 0..<3 {
      let process = Process()
      process.executableURL = BuiltBinary.url
      process.arguments = [
        "--seed", "\(seed &+ UInt64(round))", "--data-dir", folder.path, "--no-color", "quiz",
        "git", "40",
      ]
      process.environment = ProcessInfo.processInfo.environment.merging([
        "XDG_CACHE_HOME": folder.appendingPathComponent("cache").path
      ]) { $1 }
      let input = Pipe()
      process.standardInput = input
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      let lines = Int.random(in: 2...25, using: &random)
      for _ in 0..<lines {
        let answer = ["a", "b", "skip", "true", "a,b", "b?"][Int.random(in: 0..<6, using: &random)]
        input.fileHandleForWriting.write(Data((answer + "\n").utf8))
        usleep(UInt32.random(in: 0...20_000, using: &random))
      }
      // Standard input stays open: the quiz is waiting or still storing, never ending cleanly.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal)
      let store = try AnswerStore.open(directory: folder)
      #expect(try store.checkAggregates() == [])
      let count = try store.answerCount()
      #expect(count >= committedBefore)
      let overall = try store.standings().overall
      let answers = try store.answers()
      #expect(overall.answeredCount == answers.filter { !$0.isSkipped }.count)
      #expect(try store.lastAnsweredDates().count == Set(answers.map(\.questionID)).count)
      committedBefore = count
    }
  }
}
