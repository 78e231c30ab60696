import Foundation
import Synchronization
import Testing

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

struct CachingBankParserTests {
  private let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "skillquiz-cache-\(UUID().uuidString)")

  private func load(_ banks: [String: String], counting: CountingParser, salt: String = "a") throws
    -> QuestionLibrary
  {
    let parser = CachingBankParser(base: counting, directory: folder, salt: salt)
    return try BankLoader(parser: parser).load(from: BankFixtures.source(banks: banks))
  }

  @Test func anUnchangedBankIsServedFromTheCacheWithTheSameResult() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = CountingParser()
    let broken = BankFixtures.gitBank.replacingOccurrences(of: "answer: a", with: "answer: z")
    let first = try load(["git.yaml": broken], counting: counting)
    let second = try load(["git.yaml": broken], counting: counting)
    #expect(counting.calls.withLock { $0 } == 1)
    #expect(second.questions == first.questions)
    #expect(second.diagnostics == first.diagnostics)
    #expect(second.diagnostics.contains { $0.message.contains("answer 'z'") })
  }

  @Test func sqlValuesSurviveTheCacheWithTheirKinds() throws {
    let values: [SQLValue] = [.null, .integer(1), .real(1), .real(-2.5), .text("1"), .text("")]
    let data = try JSONEncoder().encode(values)
    #expect(try JSONDecoder().decode([SQLValue].self, from: data) == values)
  }

  @Test func theBundledBanksWithTheirSQLDatasetsLoadTheSameFromTheCache() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = DirectoryBankSource(root: BankFixtures.bundledBanks)
    let parser = CachingBankParser(base: YAMLBankParser(), directory: folder, salt: "b")
    let fresh = try BankLoader(parser: YAMLBankParser()).load(from: source)
    _ = try BankLoader(parser: parser).load(from: source)
    let cached = try BankLoader(parser: parser).load(from: source)
    #expect(cached.questions.contains { $0.kind == .sql })
    #expect(cached.questions == fresh.questions)
  }

  @Test func editingTheBankOrChangingTheSaltParsesAgain() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = CountingParser()
    _ = try load(["git.yaml": BankFixtures.gitBank], counting: counting)
    let edited = BankFixtures.gitBank.replacingOccurrences(
      of: "Which command shows", with: "Which Git command shows")
    let library = try load(["git.yaml": edited], counting: counting)
    #expect(library.question(id: "git.single")?.prompt.hasPrefix("Which Git command") == true)
    _ = try load(["git.yaml": edited], counting: counting, salt: "another build")
    #expect(counting.calls.withLock { $0 } == 3)
  }

  @Test func aDamagedCacheEntryIsParsedAgainAndRewritten() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = CountingParser()
    _ = try load(["git.yaml": BankFixtures.gitBank], counting: counting)
    let entries = try FileManager.default.contentsOfDirectory(
      at: folder, includingPropertiesForKeys: nil)
    #expect(entries.count == 1)
    for entry in entries { try Data("{not json".utf8).write(to: entry) }
    let library = try load(["git.yaml": BankFixtures.gitBank], counting: counting)
    #expect(library.questions.count == 4)
    _ = try load(["git.yaml": BankFixtures.gitBank], counting: counting)
    #expect(counting.calls.withLock { $0 } == 2)
  }
}
