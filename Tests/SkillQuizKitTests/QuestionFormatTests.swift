import Foundation
import Testing

@testable import SkillQuizKit

struct QuestionFormatTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// Every importer fixture, with the format of the folder it sits in.
  static var samples: [String] {
    QuestionFormat.allCases.flatMap { format in
      let folder = fixtures.appendingPathComponent(format.rawValue)
      return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { !$0.hasSuffix(".json") && $0 != "LICENSE" && $0 != "SOURCE.txt" }
        .map { "\(format.rawValue)/\($0)" }
    }.sorted()
  }

  @Test(arguments: samples)
  func theFormatIsToldFromTheContentAlone(sample: String) throws {
    let text = try String(
      contentsOf: Self.fixtures.appendingPathComponent(sample), encoding: .utf8)
    let folder = String(sample.prefix { $0 != "/" })
    #expect(QuestionFormat.detect(text)?.rawValue == folder)
  }

  @Test func prosePlainTextIsNoFormat() {
    #expect(QuestionFormat.detect("Just some notes.\nNothing here.") == nil)
    #expect(QuestionFormat.detect("Just some notes.", fileName: "notes.csv") == .csv)
  }

  @Test func anImportedGIFTFileLoadsAndGradesLikeANativeBank() throws {
    let catalog = try #require(
      YAMLBankParser().parseSkills(BankFile(path: "skills.yaml", contents: BankFixtures.skills))
        .catalog)
    let area = try #require(catalog.area(id: "git"))
    let gift = """
      $CATEGORY: $course$/top/branching

      ::Ports::Which port does the git protocol use? {#9418:0}

      ::Range::Pick a number from 1 to 5. {#1..5}

      ::Essay::Explain rebasing. {}
      """
    let outcome = QuestionImport(
      gift, format: .gift, area: area, topic: area.topics[0], source: "git.gift",
      bankPath: "imported/git.yaml", catalog: catalog)
    #expect(outcome.ids.count == 2)
    #expect(outcome.errors.isEmpty)
    #expect(outcome.kinds.map(\.type) == ["numeric"])
    #expect(outcome.skipped.map(\.line) == [7])
    #expect(outcome.text.contains("- {value: 9418}"))
    #expect(outcome.text.contains("- {min: 1, max: 5}"))
    let bank = YAMLBankParser().parseBank(
      BankFile(path: "imported/git.yaml", contents: outcome.text), catalog: catalog)
    #expect(bank.questions.allSatisfy { $0.topicID == "branching" })
    let port = try #require(bank.questions.first)
    #expect(Grader.grade(.text("9418"), for: port).isCorrect)
    #expect(!Grader.grade(.text("9419"), for: port).isCorrect)
  }
}
