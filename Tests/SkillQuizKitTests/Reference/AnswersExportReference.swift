import Foundation

@testable import SkillQuizKit

/// The answer export as it was before `AnswersExportWriter` wrote bytes: whole arrays made of
/// `String`s, the JSON by `JSONSerialization`; the reference in tests.
enum AnswersExportReference {
  /// RFC 4180 CSV with a header row.
  static func csv(_ answers: [AnswerRecord]) -> String {
    AnswersExport.columns.joined(separator: ",") + "\r\n"
      + answers.map { values($0).map(AnswersExport.csvField).joined(separator: ",") + "\r\n" }
      .joined()
  }

  private static func values(_ answer: AnswerRecord) -> [String] {
    [
      AnswersExport.utcText(answer.answeredAt), answer.questionID, answer.areaID, answer.topicID,
      answer.difficulty.rawValue, answer.mode.rawValue, answer.isCorrect ? "1" : "0",
      AnswersExport.scoreText(answer.score), answer.isSkipped ? "1" : "0",
      answer.isUnsure ? "1" : "0", answer.duration.map(AnswersExport.secondsText) ?? "",
      answer.response ?? "",
    ]
  }

  /// The ISO 8601 formatter with fractional seconds, which wrote the JSON's times.
  static func makeTimestamp() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }

  /// A JSON array of objects keyed by the column names.
  static func json(_ answers: [AnswerRecord]) throws -> String {
    let timestamp = makeTimestamp()
    let objects: [[String: Any]] = answers.map { answer in
      [
        "answered_at": timestamp.string(from: answer.answeredAt), "question_id": answer.questionID,
        "area": answer.areaID, "topic": answer.topicID, "difficulty": answer.difficulty.rawValue,
        "mode": answer.mode.rawValue, "correct": answer.isCorrect, "score": answer.score,
        "skipped": answer.isSkipped, "unsure": answer.isUnsure,
        "duration_seconds": answer.duration as Any, "response": answer.response as Any,
      ]
    }
    let data = try JSONSerialization.data(
      withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
