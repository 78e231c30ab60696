import Foundation
import GRDBSQLite
import Synchronization
import Testing

@testable import QuestionIndex
@testable import SkillQuizKit

/// A build stopped part-way, and the compact form questions are stored in.
struct IndexBuildTests {
  /// Copies the index file and its WAL and shared memory as they are on disk now: what a
  /// process killed at this moment would leave behind.
  private static func snapshot(of file: URL, to folder: URL) {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for suffix in ["", "-wal", "-shm"] {
      let source = file.path + suffix
      let target = folder.appendingPathComponent(file.lastPathComponent + suffix).path
      unlink(target)
      if FileManager.default.fileExists(atPath: source) {
        try? FileManager.default.copyItem(atPath: source, toPath: target)
      }
    }
  }

  @Test func aRebuildKilledPartWayLeavesThePreviousIndex() throws {
    let scratch = try IndexScratch()
    let good = try scratch.index(build: "one").load()
    let files = good.library.files.count
    #expect(files > 4)
    // Another build reindexes everything; the process "dies" after three files are written.
    let crashed = scratch.root.appendingPathComponent("crashed")
    var rebuild = scratch.index(build: "two")
    rebuild.pageCacheKiB = 64  // so the build's pages reach the WAL before it would commit
    let file = rebuild.fileURL
    rebuild.afterFileWritten = { written in
      if written == 3 { Self.snapshot(of: file, to: crashed) }
    }
    let rebuilt = try rebuild.load()
    #expect(rebuilt.parsed.count == files)
    let wal = crashed.appendingPathComponent(file.lastPathComponent + "-wal").path
    let walSize = try FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber
    #expect((walSize?.intValue ?? 0) > 64 * 1024)
    // What the crash left is the first build, whole: trusted by build one, nothing parsed.
    let counting = CountingParser()
    let after = try QuestionIndex(
      banks: scratch.banks, folder: crashed, buildIdentity: "one", parser: counting
    ).load()
    #expect(!after.discardedIndex && after.usedIndex)
    #expect(after.parsed.isEmpty)
    #expect(counting.calls.withLock { $0 } == 0)
    #expect(after.library.allQuestions() == good.library.allQuestions())
    #expect(after.library.counts == good.library.counts)
  }

  @Test func aFirstBuildKilledPartWayIsNotTrusted() throws {
    let scratch = try IndexScratch()
    let crashed = scratch.root.appendingPathComponent("crashed")
    var first = scratch.index()
    first.pageCacheKiB = 64
    let file = first.fileURL
    first.afterFileWritten = { written in
      if written == 2 { Self.snapshot(of: file, to: crashed) }
    }
    let whole = try first.load()
    // Nothing of the partial build is served: every file is parsed again.
    let counting = CountingParser()
    let after = try QuestionIndex(
      banks: scratch.banks, folder: crashed, buildIdentity: "test", parser: counting
    ).load()
    #expect(after.usedIndex)
    #expect(after.parsed.count == whole.library.files.count)
    #expect(counting.calls.withLock { $0 } == whole.library.files.count)
    #expect(after.library.allQuestions() == whole.library.allQuestions())
  }

  @Test func aBuildThatFailsPartWayIsRebuiltWhole() throws {
    let scratch = try IndexScratch()
    let good = try scratch.index().load()
    // An edit to two files, then a failure after the first is written: the whole update rolls
    // back, the index is rebuilt, and it serves the edited banks.
    for name in ["git.yaml", "containers.yaml"] {
      let url = scratch.file(name)
      try (try String(contentsOf: url, encoding: .utf8) + "\n# edited\n").write(
        to: url, atomically: false, encoding: .utf8)
    }
    struct Stop: Error {}
    final class Calls: Sendable { let count = Mutex(0) }
    let failures = Calls()
    var failing = scratch.index()
    failing.afterFileWritten = { _ in
      let first = failures.count.withLock {
        $0 += 1
        return $0 == 1
      }
      if first { throw Stop() }
    }
    let load = try failing.load()
    #expect(load.discardedIndex)
    #expect(load.library.allQuestions() == good.library.allQuestions())
    #expect(try scratch.index().load().parsed.isEmpty)
  }

  @Test func windowsAreBoundedInBytesAndFilesAndKeepTheOrder() {
    let sizes: [Int64] = [1, 3 << 20, 2 << 20, 9 << 20, 5, 6] + Array(repeating: 10, count: 130)
    let candidates = sizes.enumerated().map { number, size in
      QuestionIndex.Candidate(
        url: URL(fileURLWithPath: "/banks/\(number).yaml"),
        stamp: FileStamp(size: size, modified: 0, changed: 0, inode: Int64(number)), old: nil)
    }
    let windows = QuestionIndex.windows(candidates)
    #expect(windows.flatMap { $0.map(\.url) } == candidates.map(\.url))
    for window in windows {
      let bytes = window.reduce(Int64(0)) { $0 + ($1.stamp?.size ?? 0) }
      #expect(window.count <= QuestionIndex.windowFiles)
      #expect(window.count == 1 || bytes <= QuestionIndex.windowBytes)
    }
    #expect(windows[0].count == 2)
    #expect(windows[2].count == 1)
  }

  @Test func everyBundledQuestionSurvivesTheCompactForm() throws {
    let memory = try IndexScratch().inMemory()
    var kinds = Set<QuestionKind>()
    for question in memory.allQuestions() {
      kinds.insert(question.kind)
      let decoded = try Self.roundTrip(question)
      #expect(decoded == question)
    }
    #expect(kinds.isSuperset(of: [.single, .multiple, .trueFalse, .short, .sql]))
  }

  @Test func unusualValuesSurviveTheCompactForm() throws {
    let dataset = SQLDataset(
      id: "d", name: "Shop", schema: "CREATE TABLE t (a, b);",
      rows: [
        SQLTableRows(
          table: "t",
          rows: [
            [.null, .integer(-1)], [.integer(.min), .integer(.max)], [.real(-0.5), .real(1e300)],
            [.text(""), .text("é ✓ \u{0}")],
          ])
      ])
    let questions = [
      Question(
        id: "x", areaID: "a", topicID: "t", difficulty: .hard, prompt: "",
        answer: .trueFalse(false),
        explanation: "", irt: IRTOverrides(a: nil, b: -2.5, c: nil), location: nil),
      Question(
        id: "y", areaID: "a", topicID: "t", difficulty: .easy, prompt: "p 🙂",
        options: [
          QuestionOption(id: "a", text: "one", why: "no"), QuestionOption(id: "b", text: "two"),
          QuestionOption(id: "none", text: "none", isPinned: true),
        ],
        answer: .multiple(["a", "none"]), explanation: "e",
        references: [Reference(url: "https://x"), Reference(title: "T", url: "u")],
        location: SourceLocation(file: "/banks/b.yaml", line: 7, column: 3)),
      Question(
        id: "z", areaID: "a", topicID: "t", difficulty: .medium, prompt: "n",
        answer: .numeric([NumericRange(minimum: -1, maximum: 1), .init(minimum: 3, maximum: 3)]),
        explanation: "", location: SourceLocation(file: "/banks/b.yaml", line: 1, column: 1)),
      Question(
        id: "s", areaID: "a", topicID: "t", difficulty: .medium, prompt: "q",
        answer: .short(accepted: ["x", "^y$"], match: .regex), explanation: ""),
      Question(
        id: "q", areaID: "a", topicID: "t", difficulty: .medium, prompt: "q",
        answer: .sql(SQLExercise(dataset: dataset, solution: "SELECT 1", ordered: true)),
        explanation: ""),
    ]
    for question in questions {
      #expect(try Self.roundTrip(question) == question)
    }
    let body = QuestionCodec.body(of: dataset)
    #expect(try body.withUnsafeBytes { try QuestionCodec.dataset(body: $0) } == dataset)
  }

  @Test func aDamagedBodyIsRefusedNotMisread() throws {
    let question = try #require(try IndexScratch().inMemory().allQuestions().first)
    let body = QuestionCodec.body(of: question)
    for cut in [0, 1, body.count / 2, body.count - 1] {
      #expect(throws: CompactDecodingError.self) {
        try Array(body.prefix(cut)).withUnsafeBytes {
          try Self.decode($0, like: question)
        }
      }
    }
    #expect(throws: CompactDecodingError.self) {
      try (body + [0]).withUnsafeBytes { try Self.decode($0, like: question) }
    }
  }

  @Test func aDamagedRowFindsNothingAndTheNextStartStillServes() throws {
    let scratch = try IndexScratch()
    let index = scratch.index()
    let first = try index.load()
    let victim = try #require(first.library.allQuestions().first)
    var handle: OpaquePointer?
    sqlite3_open(index.fileURL.path, &handle)
    sqlite3_exec(handle, "UPDATE question_body SET body = x'0102'", nil, nil, nil)
    sqlite3_close(handle)
    let damaged = try index.load()
    #expect(damaged.library.question(id: victim.id) == nil)
    #expect(damaged.library.count == first.library.count)
  }

  /// Encodes and decodes a question as the index does, dataset put back.
  private static func roundTrip(_ question: Question) throws -> Question {
    let decoded = try QuestionCodec.body(of: question).withUnsafeBytes {
      try decode($0, like: question)
    }
    guard case .sql(let exercise) = question.answer else { return decoded }
    guard case .sql(let stored) = decoded.answer else { return decoded }
    #expect(stored.dataset.id == exercise.dataset.id && stored.dataset.rows.isEmpty)
    let dataset = try QuestionCodec.body(of: exercise.dataset).withUnsafeBytes {
      try QuestionCodec.dataset(body: $0)
    }
    return decoded.replacingAnswer(
      .sql(SQLExercise(dataset: dataset, solution: stored.solution, ordered: stored.ordered)))
  }

  private static func decode(_ body: UnsafeRawBufferPointer, like question: Question) throws
    -> Question
  {
    try QuestionCodec.question(
      body: body, id: question.id, areaID: question.areaID, topicID: question.topicID,
      difficulty: question.difficulty, file: question.location?.file ?? "",
      line: question.location?.line ?? 1, column: question.location?.column ?? 1)
  }
}
