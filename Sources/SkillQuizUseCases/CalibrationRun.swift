import Foundation
import SkillQuizKit
import SkillQuizStore

/// `calibrate`: re-estimates question difficulty from this database's answers and pooled
/// response files.
public struct CalibrationRun: Sendable {
  /// One calibrated question.
  public struct Row: Sendable {
    public let questionID: String
    public let responses: Int
    public let bankB: Double
    public let b: Double
    public let a: Double?
  }

  /// Every calibrated question, most responses first.
  public let rows: [Row]
  /// Question ids in the responses that no bank has (left out).
  public let unknownIDs: [String]
  /// Responses used.
  public let responseCount: Int
  /// Distinct users behind them.
  public let userCount: Int
  /// Whether the result was saved.
  public let saved: Bool

  /// Calibrates; saves unless `dryRun`; `progress` hears how far the calibration has got.
  public init(
    _ workspace: Workspace, responseFiles: [String], dryRun: Bool,
    progress: any ProgressReporter = SilentProgress()
  ) throws(any Error) {
    let library = workspace.library
    var responses = try workspace.store.answers().filter { !$0.isSkipped }.map {
      Calibration.Response(user: "me", questionID: $0.questionID, right: $0.isCorrect)
    }
    for path in responseFiles {
      let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
      let text: String
      do {
        text = try InputFile.read(
          url.path, limit: 32 << 20, expecting: "a CSV file of `user,question id,1 or 0` rows")
      } catch {
        throw UseCaseError.invalid(error.description)
      }
      do {
        responses += try Calibration.parseCSV(text, file: path)
      } catch {
        throw UseCaseError.invalid(
          "\(error.description)\n    fix: write rows as `user,question id,1` or `…,0`")
      }
    }
    let summaries = library.summaries(in: nil)
    let initial = summaries.reduce(into: [String: Double]()) { $0[$1.id] = $1.item.b }
    let guessing = summaries.reduce(into: [String: Double]()) { $0[$1.id] = $1.item.c }
    let unknown = Set(responses.map(\.questionID)).filter { initial[$0] == nil }
    responses.removeAll { unknown.contains($0.questionID) }
    unknownIDs = unknown.sorted()
    let result = Calibration.calibrate(
      responses, initial: initial, guessing: guessing, progress: progress)
    responseCount = responses.count
    userCount = Set(responses.map(\.user)).count
    rows = result.sorted { ($0.value.responses, $1.key) > ($1.value.responses, $0.key) }.map {
      Row(
        questionID: $0.key, responses: $0.value.responses, bankB: initial[$0.key] ?? 0,
        b: $0.value.b, a: $0.value.a)
    }
    saved = !dryRun && !result.isEmpty
    if saved {
      try workspace.store.replaceCalibrations(
        result.map {
          ItemCalibration(questionID: $0.key, b: $0.value.b, responses: $0.value.responses)
        },
        at: workspace.clock.now)
    }
  }
}
