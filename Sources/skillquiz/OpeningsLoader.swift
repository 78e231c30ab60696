import Foundation
import SkillQuizKit
import SkillQuizStore

/// Where the REPL, `jobs`, `plan` and `report` read the openings and the career level.
///
/// The openings are `openings.yaml` in the banks folder plus the ones imported into the
/// database; the level is the one set with `set level`.
enum OpeningsLoader {
  /// `openings.yaml` could not be read.
  struct MissingFile: Error, CustomStringConvertible {
    let path: String
    var description: String {
      "no openings file at \(path); add one (see QuestionBanks/README.md) or import postings"
    }
  }

  /// The openings, and the problems found in `openings.yaml`.
  ///
  /// Openings with problems are left out.
  static func load(banks: URL, catalog: SkillCatalog, store: AnswerStore) throws -> (
    openings: [JobOpening], problems: [BankDiagnostic]
  ) {
    let url = banks.appendingPathComponent("openings.yaml")
    guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
    else { throw MissingFile(path: url.path) }
    let (openings, problems) = OpeningsParser.parse(
      BankFile(path: url.path, contents: text), catalog: catalog)
    return (openings + (try store.importedOpenings()), problems)
  }

  /// The career level set with `set level`, if any.
  static func seniority(in store: AnswerStore) throws -> SeniorityLevel? {
    try store.setting("level").flatMap(SeniorityLevel.init(name:))
  }
}
