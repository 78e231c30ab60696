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
}
