import Foundation
import SkillQuizKit
import SkillQuizStore

/// What every use case works on: the banks, the progress database, the clock, and where the
/// banks folder is (for `openings.yaml`).
public struct Workspace: Sendable {
  /// The loaded question banks.
  public let library: QuestionLibrary
  /// The progress database.
  public let store: AnswerStore
  /// The time source.
  public let clock: any Clock
  /// The banks folder.
  public let banksFolder: URL

  /// Creates a workspace.
  public init(library: QuestionLibrary, store: AnswerStore, clock: any Clock, banksFolder: URL) {
    self.library = library
    self.store = store
    self.clock = clock
    self.banksFolder = banksFolder
  }

  /// The area or topic a word names.
  ///
  /// - Throws: `UseCaseError.unknownScope` with close names.
  public func scope(_ word: String) throws(UseCaseError) -> SkillScope {
    guard let scope = library.catalog.scope(named: word) else {
      throw .unknownScope(word, suggestions: library.catalog.suggestions(for: word))
    }
    return scope
  }

  /// The scope a word names, or nil (everything) when there is no word.
  public func optionalScope(_ word: String?) throws(UseCaseError) -> SkillScope? {
    guard let word else { return nil }
    return try scope(word)
  }

  /// The areas a scope word limits a listing to: its area, or every area.
  public func areas(_ word: String?) throws(UseCaseError) -> [SkillArea] {
    guard let scope = try optionalScope(word) else { return library.catalog.areas }
    return library.catalog.area(id: scope.areaID).map { [$0] } ?? []
  }

  /// Calibrated item parameters per question id, from `calibrate`.
  public func calibratedParameters() throws(StoreError) -> [String: IRTItem] {
    try store.calibratedParameters(for: library)
  }

  /// The skill profile: each question's first answer, the evidence rule.
  public func profile() throws(StoreError) -> SkillProfile {
    SkillProfile(
      evidence: try store.evidence(), library: library, calibrated: try calibratedParameters())
  }
}

/// Why a use case could not do what was asked; each message says what to do.
public enum UseCaseError: Error, CustomStringConvertible, Equatable {
  case unknownScope(String, suggestions: [String])
  case unknownOpening(String, suggestions: [String])
  case ambiguousOpening(String, matches: [String])
  case invalid(String)

  public var description: String {
    switch self {
    case .unknownScope(let word, let close):
      "no area or topic named '\(TerminalText.echo(word))'.\(Self.didYouMean(close))"
        + " `skills` lists them all."
    case .unknownOpening(let word, let close):
      "no opening '\(TerminalText.echo(word))'.\(Self.didYouMean(close))"
        + " `jobs` lists them with their ids."
    case .ambiguousOpening(let word, let matches):
      "'\(TerminalText.echo(word))' starts several openings: "
        + matches.prefix(5).joined(separator: ", ")
        + (matches.count > 5 ? ", …" : "") + ". Type more of the id."
    case .invalid(let message):
      message
    }
  }

  public static func didYouMean(_ words: [String]) -> String {
    words.isEmpty ? "" : " Did you mean " + words.map { "'\($0)'" }.joined(separator: " or ") + "?"
  }
}
