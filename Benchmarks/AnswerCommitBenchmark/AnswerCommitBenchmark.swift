import Foundation
import GRDB
import SkillQuizKit
import SkillQuizStore

/// `AnswerCommitBenchmark --data-dir DIR --answers N`: commits N answers, one `record` each, to
/// a copy of DIR's database (the original is only read), and prints
/// `p50_ms=… p99_ms=… max_ms=…` over the commits.
@main
enum AnswerCommitBenchmark {
  static func main() throws {
    var arguments = CommandLine.arguments.dropFirst()
    var directory: String?
    var count = 1000
    while let argument = arguments.popFirst() {
      switch argument {
      case "--data-dir": directory = arguments.popFirst()
      case "--answers": count = arguments.popFirst().flatMap(Int.init) ?? -1
      default: fail("unknown argument '\(argument)'")
      }
    }
    guard let directory, count > 0 else {
      fail("usage: AnswerCommitBenchmark --data-dir DIR --answers N (N > 0)")
    }
    let original = URL(fileURLWithPath: directory).appendingPathComponent(AnswerStore.fileName)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "answer-commit-benchmark-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let copy = scratch.appendingPathComponent(AnswerStore.fileName)
    var questions: [(id: String, area: String, topic: String)] = []
    if FileManager.default.fileExists(atPath: original.path) {
      // SQLite's backup reads the original (and its -wal) without writing to either.
      var configuration = Configuration()
      configuration.readonly = true
      let source = try DatabaseQueue(path: original.path, configuration: configuration)
      try source.backup(to: try DatabaseQueue(path: copy.path))
      questions = try source.read { db in
        try Row.fetchAll(
          db, sql: "SELECT DISTINCT question_id, area_id, topic_id FROM answer LIMIT 1000"
        ).map { ($0[0], $0[1], $0[2]) }
      }
    }
    if questions.isEmpty {
      questions = (0..<500).map { ("bench.topic\($0 % 10).q\($0)", "bench", "topic\($0 % 10)") }
    }
    let store = try AnswerStore(path: copy.path)
    let quiz = try store.startQuiz(
      scope: "bench", requestedCount: count, difficulty: nil, seed: 1, at: Date())
    var random = SeededRandom(seed: 42)
    var millis: [Double] = []
    millis.reserveCapacity(count)
    let start = Date()
    for index in 0..<count {
      let question = questions[Int.random(in: 0..<questions.count, using: &random)]
      let skipped = Int.random(in: 0..<20, using: &random) == 0
      let right = !skipped && Bool.random(using: &random)
      let answer = AnswerRecord(
        quizID: quiz, questionID: question.id, areaID: question.area, topicID: question.topic,
        difficulty: .medium, mode: .quiz, response: skipped ? nil : "a",
        score: right ? 1 : 0, isSkipped: skipped,
        answeredAt: start.addingTimeInterval(
          Double(index)), duration: Double.random(in: 2...60, using: &random))
      let began = DispatchTime.now().uptimeNanoseconds
      try store.record(answer, fuzzSeed: UInt64(index))
      millis.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1_000_000)
    }
    millis.sort()
    func quantile(_ q: Double) -> Double {
      millis[min(millis.count - 1, Int((Double(millis.count) * q).rounded(.up)) - 1)]
    }
    print(
      String(
        format: "p50_ms=%.3f p99_ms=%.3f max_ms=%.3f", quantile(0.5), quantile(0.99),
        millis.last ?? 0))
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(64)
  }
}
