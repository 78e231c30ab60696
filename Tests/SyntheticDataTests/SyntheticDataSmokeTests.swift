import Foundation
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases
import Testing

@testable import SyntheticData

/// The generator at small size, through the same parsers and store the benchmarks exercise, so
/// that it never rots: CI runs this, never the benchmarks.
@Suite struct SyntheticDataSmokeTests {
  static let bundledBanks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "QuestionBanks")

  /// A fresh folder for one test, removed at the end.
  static func withTemporaryFolder(_ body: (URL) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "synth-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try body(folder)
  }

  /// Every file below a folder, by relative path, with its contents.
  static func contents(of folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let files = try #require(
      FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
    for case let url as URL in files where url.pathExtension == "yaml" {
      result[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
    }
    return result
  }

  @Test func aGeneratedBankValidatesWithoutErrorsOverEveryAreaAndTopic() throws {
    try Self.withTemporaryFolder { folder in
      let banks = folder.appendingPathComponent("banks")
      let summary = try SyntheticBanks(questions: 50, files: 7, seed: 7).write(
        from: Self.bundledBanks, to: banks)
      #expect(summary.questions == 50)
      let validation = try BankValidation(paths: [], banks: banks)
      let errors = validation.findings.filter { $0.severity == .error }
      #expect(errors.isEmpty, "\(errors.map(\.description))")
      #expect(validation.loadFailures.isEmpty)
      #expect(validation.questionCount == 50)

      let library = try BankLoader().load(from: DirectoryBankSource(root: banks))
      let topics = Set(library.allQuestions().map { "\($0.areaID)/\($0.topicID)" })
      let catalogTopics = library.catalog.areas.flatMap { area in
        area.topics.map { "\(area.id)/\($0.id)" }
      }
      #expect(topics == Set(catalogTopics))
      let kinds = Set(library.allQuestions().map(\.kind))
      #expect(kinds.isSuperset(of: [.single, .multiple, .trueFalse]), "the kinds: \(kinds)")
      #expect(kinds.contains(.sql), "the database area has SQL labs: \(kinds)")
    }
  }

  @Test func theSameSeedWritesTheSameBanksAndAnotherSeedDifferentOnes() throws {
    try Self.withTemporaryFolder { folder in
      for (name, seed) in [("one", UInt64(3)), ("two", 3), ("three", 4)] {
        _ = try SyntheticBanks(questions: 30, files: 7, seed: seed).write(
          from: Self.bundledBanks, to: folder.appendingPathComponent(name))
      }
      let one = try Self.contents(of: folder.appendingPathComponent("one"))
      #expect(one.count >= 8)
      #expect(one == (try Self.contents(of: folder.appendingPathComponent("two"))))
      #expect(one != (try Self.contents(of: folder.appendingPathComponent("three"))))
    }
  }

  @Test func generatedOpeningsParseWithoutErrors() throws {
    let catalog = try loadCatalog(banks: Self.bundledBanks)
    let text = SyntheticOpenings(count: 20, seed: 5).yaml(catalog: catalog)
    let (openings, diagnostics) = OpeningsParser.parse(
      BankFile(path: "openings.yaml", contents: text), catalog: catalog)
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
    #expect(openings.count == 20)
    #expect(openings.allSatisfy { !$0.required.isEmpty })
  }

  @Test func jobsImportReadsEveryGeneratedPosting() throws {
    let catalog = try loadCatalog(banks: Self.bundledBanks)
    let boards = try SyntheticPostings(count: 10, perFile: 4, seed: 9).boards(catalog: catalog)
    #expect(boards.count == 3)
    var postings: [ImportedPosting] = []
    for board in boards {
      postings += try PostingImporter.read(board.json, file: board.name)
    }
    #expect(postings.count == 10)
    #expect(postings.allSatisfy { $0.format == .greenhouse && !$0.lines.isEmpty })
  }

  @Test func theMarkdownParserReadsEveryGeneratedQuestion() {
    let text = SyntheticMarkdown(count: 30, seed: 11).text()
    let result = MarkdownQuizParser.parse(text)
    #expect(result.questions.count == 30)
    #expect(result.skipped.isEmpty, "\(result.skipped)")
  }

  @Test func aGeneratedHistoryOpensWithEveryAnswer() throws {
    try Self.withTemporaryFolder { folder in
      let banks = folder.appendingPathComponent("banks")
      _ = try SyntheticBanks(questions: 50, files: 7, seed: 2).write(
        from: Self.bundledBanks, to: banks)
      let library = try BankLoader().load(from: DirectoryBankSource(root: banks))
      let data = folder.appendingPathComponent("data")
      let summary = try SyntheticHistory(answers: 200, seed: 2).write(
        library: library, dataDirectory: data)
      #expect(summary.answers == 200)
      let store = try AnswerStore.open(directory: data)
      let answers = try store.answers()
      #expect(answers.count == 200)
      let ids = Set(library.allQuestions().map(\.id))
      #expect(answers.allSatisfy { ids.contains($0.questionID) })
      let days = Set(answers.map { Int($0.answeredAt.timeIntervalSince1970 / 86_400) })
      #expect(days.count > 10, "answers spread over time, not one day")
      #expect(try store.quizzes().count == summary.quizzes)
    }
  }
}
