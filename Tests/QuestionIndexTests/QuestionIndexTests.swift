import Foundation
import GRDBSQLite
import Synchronization
import Testing

@testable import QuestionIndex
@testable import SkillQuizKit

/// Counts how often the real parser is asked for a bank.
final class CountingParser: BankParser {
  let base = YAMLBankParser()
  let calls = Mutex(0)

  func parseSkills(_ file: BankFile) -> (catalog: SkillCatalog?, diagnostics: [BankDiagnostic]) {
    base.parseSkills(file)
  }

  func parseBank(_ file: BankFile, catalog: SkillCatalog) -> ParsedBankFile {
    calls.withLock { $0 += 1 }
    return base.parseBank(file, catalog: catalog)
  }
}

/// A copy of the bundled banks and an empty cache folder, removed afterwards.
struct IndexScratch: ~Copyable {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent(
    "skillquiz-index-\(UUID().uuidString)")
  var banks: URL { root.appendingPathComponent("banks") }
  var cache: URL { root.appendingPathComponent("cache") }

  static var bundledBanks: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("QuestionBanks")
  }

  init() throws {
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Self.bundledBanks, to: banks)
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  func index(_ parser: any BankParser = YAMLBankParser(), build: String = "test") -> QuestionIndex {
    QuestionIndex(banks: banks, folder: cache, buildIdentity: build, parser: parser)
  }

  func inMemory() throws -> QuestionLibrary {
    try BankLoader().load(from: DirectoryBankSource(root: banks))
  }

  func file(_ name: String) -> URL { banks.appendingPathComponent(name) }
}

struct QuestionIndexTests {
  /// Every field the two libraries show: questions, summaries, reports, diagnostics, counts.
  private func expectSame(_ indexed: QuestionLibrary, _ memory: QuestionLibrary) {
    #expect(indexed.allQuestions() == memory.allQuestions())
    #expect(indexed.summaries(in: nil) == memory.allQuestions().map(QuestionSummary.init))
    #expect(indexed.files == memory.files)
    #expect(indexed.diagnostics == memory.diagnostics)
    #expect(indexed.counts == memory.counts)
    #expect(indexed.count == memory.count)
    #expect(indexed.catalog.areas == memory.catalog.areas)
  }

  @Test func aFreshIndexAndAnInMemoryLoadGiveTheSameBundledQuestions() throws {
    let scratch = try IndexScratch()
    let load = try scratch.index().load()
    #expect(load.usedIndex)
    let memory = try scratch.inMemory()
    #expect(memory.count > 400)
    #expect(memory.allQuestions().contains { $0.kind == .sql })
    expectSame(load.library, memory)
    let warm = try scratch.index().load()
    #expect(warm.parsed.isEmpty)
    expectSame(warm.library, memory)
    for scope in memory.catalog.areas.flatMap({
      [SkillScope.area($0)] + $0.topics.map(SkillScope.topic)
    }) {
      #expect(warm.library.summaries(in: scope) == memory.summaries(in: scope))
      #expect(warm.library.questions(in: scope) == memory.questions(in: scope))
      for excluded in [[], [QuestionKind.sql], [.single, .multiple]] as [Set<QuestionKind>] {
        let expected = memory.summaries(in: scope).filter { !excluded.contains($0.kind) }
          .map { ScopedItem(id: $0.id, item: $0.item) }
        let indexed = warm.library.items(in: scope, excluding: excluded)
        #expect(indexed.sorted { $0.id < $1.id } == expected.sorted { $0.id < $1.id })
        #expect(memory.items(in: scope, excluding: excluded) == expected)
      }
    }
    let ids = memory.allQuestions().map(\.id).shuffled().prefix(50)
    #expect(warm.library.questions(ids: Array(ids)) == memory.questions(ids: Array(ids)))
    #expect(warm.library.summaries(ids: ids) == memory.summaries(ids: ids))
    #expect(warm.library.question(id: "no.such.question") == nil)
  }

  @Test func anEditedBankIsTheOnlyFileParsedAgain() throws {
    let scratch = try IndexScratch()
    let counting = CountingParser()
    let first = try scratch.index(counting).load()
    let fileCount = first.library.files.count
    #expect(counting.calls.withLock { $0 } == fileCount)
    let git = scratch.file("git.yaml")
    let text = try String(contentsOf: git, encoding: .utf8)
    try text.replacingOccurrences(
      of: "What does the final `git diff` show", with: "What does the last `git diff` show"
    ).write(to: git, atomically: false, encoding: .utf8)
    let second = try scratch.index(counting).load()
    #expect(second.parsed == [git.path])
    #expect(counting.calls.withLock { $0 } == fileCount + 1)
    #expect(
      second.library.question(id: "git.git-basics.diff-compares-index")?.prompt.contains(
        "the last `git diff`") == true)
    expectSame(second.library, try scratch.inMemory())
  }

  @Test func aSettledUnchangedFileIsTrustedWithoutBeingRead() throws {
    let scratch = try IndexScratch()
    var index = scratch.index()
    _ = try index.load()
    // Read much later than written: every stamp is settled, so nothing is read or hashed.
    let later = FileStamp.now() + 60_000_000_000
    index.clock = { later }
    _ = try index.load()
    index.clock = { later + 1 }
    let trusted = try index.load()
    #expect(trusted.parsed.isEmpty && trusted.hashed.isEmpty)
    // A file touched just now is read and hashed again, but not parsed: its contents are equal.
    let now = FileStamp.now()
    index.clock = { now }
    try FileManager.default.setAttributes(
      [.modificationDate: Date()], ofItemAtPath: scratch.file("git.yaml").path)
    let touched = try index.load()
    #expect(touched.hashed == [scratch.file("git.yaml").path])
    #expect(touched.parsed.isEmpty)
  }

  @Test func aDeletedBankLeavesTheIndex() throws {
    let scratch = try IndexScratch()
    let before = try scratch.index().load().library
    let container = try #require(
      before.allQuestions().first { $0.location?.file.hasSuffix("/containers.yaml") == true })
    try FileManager.default.removeItem(at: scratch.file("containers.yaml"))
    let after = try scratch.index().load()
    #expect(after.removed == [scratch.file("containers.yaml").path])
    #expect(after.library.question(id: container.id) == nil)
    #expect(after.library.count < before.count)
    expectSame(after.library, try scratch.inMemory())
  }

  @Test(arguments: ["garbage", "truncated", "foreign", "empty table"])
  func aDamagedIndexIsRebuilt(_ damage: String) throws {
    let scratch = try IndexScratch()
    let index = scratch.index()
    _ = try index.load()
    let path = index.fileURL.path
    switch damage {
    case "garbage":
      try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: index.fileURL)
    case "truncated":
      let data = try Data(contentsOf: index.fileURL)
      try data.prefix(data.count / 3).write(to: index.fileURL)
    case "foreign":
      index.removeIndexFiles()
      var handle: OpaquePointer?
      sqlite3_open(path, &handle)
      sqlite3_exec(
        handle, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')", nil, nil, nil)
      sqlite3_close(handle)
    default:
      var handle: OpaquePointer?
      sqlite3_open(path, &handle)
      sqlite3_exec(handle, "DELETE FROM meta", nil, nil, nil)
      sqlite3_close(handle)
    }
    let rebuilt = try index.load()
    #expect(rebuilt.discardedIndex)
    #expect(rebuilt.usedIndex)
    expectSame(rebuilt.library, try scratch.inMemory())
    #expect(try index.load().parsed.isEmpty)
  }

  @Test func brokenBankDiagnosticsAreShownOnAWarmStartAsOnACold() throws {
    let scratch = try IndexScratch()
    let git = try String(contentsOf: scratch.file("git.yaml"), encoding: .utf8)
    // A second file that repeats git's ids and breaks one answer.
    try git.replacingOccurrences(of: "answer: b\n", with: "answer: z\n")
      .write(to: scratch.file("zz-copy.yaml"), atomically: true, encoding: .utf8)
    try "questions: [".write(to: scratch.file("broken.yaml"), atomically: true, encoding: .utf8)
    let counting = CountingParser()
    let cold = try scratch.index(counting).load()
    let warm = try scratch.index(counting).load()
    #expect(warm.parsed.isEmpty)
    let memory = try scratch.inMemory()
    #expect(memory.diagnostics.contains { $0.message.hasPrefix("duplicate question id") })
    #expect(memory.files.contains { $0.skipReason != nil })
    expectSame(cold.library, memory)
    expectSame(warm.library, memory)
    // Removing the copy brings its ids' first owner back without reparsing git.yaml.
    try FileManager.default.removeItem(at: scratch.file("zz-copy.yaml"))
    let calls = counting.calls.withLock { $0 }
    let after = try scratch.index(counting).load()
    #expect(counting.calls.withLock { $0 } == calls)
    expectSame(after.library, try scratch.inMemory())
  }

  @Test func anotherBuildOrCatalogReindexesEverything() throws {
    let scratch = try IndexScratch()
    let files = try scratch.index().load().library.files.count
    #expect(try scratch.index(build: "other").load().parsed.count == files)
    let skills = scratch.file("skills.yaml")
    try (try String(contentsOf: skills, encoding: .utf8) + "\n# edited\n").write(
      to: skills, atomically: true, encoding: .utf8)
    #expect(try scratch.index(build: "other").load().parsed.count == files)
    #expect(try scratch.index(build: "other").load().parsed.isEmpty)
  }

  @Test func sqlValuesSurviveTheIndexWithTheirKinds() throws {
    let values: [SQLValue] = [.null, .integer(1), .real(1), .real(-2.5), .text("1"), .text("")]
    let data = try JSONEncoder().encode(values)
    #expect(try JSONDecoder().decode([SQLValue].self, from: data) == values)
  }

  @Test func theIndexFileIsPrivate() throws {
    let scratch = try IndexScratch()
    let index = scratch.index()
    _ = try index.load()
    let attributes = try FileManager.default.attributesOfItem(atPath: index.fileURL.path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let folder = try FileManager.default.attributesOfItem(atPath: scratch.cache.path)
    #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
  }

  @Test func twoLoadsAtOnceLeaveAGoodIndex() throws {
    let scratch = try IndexScratch()
    let index = scratch.index()
    let results = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      if let load = try? index.load() { results.withLock { $0.append(load.library.count) } }
    }
    let memory = try scratch.inMemory()
    #expect(results.withLock { $0 } == [memory.count, memory.count])
    let after = try index.load()
    #expect(!after.discardedIndex)
    expectSame(after.library, memory)
  }
}
