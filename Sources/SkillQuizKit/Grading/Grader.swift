import Foundation

/// How well an answer did.
public struct Grade: Sendable, Hashable {
  /// Credit from 0 to 1; partial for `multiple` questions.
  public let score: Double
  /// Whether the answer earned full credit.
  public var isCorrect: Bool { score >= 1 - 1e-9 }

  /// Creates a grade, clamping the score to 0...1.
  public init(score: Double) {
    self.score = min(1, max(0, score))
  }
}

/// Grades responses against answer keys.
public enum Grader {
  /// Grades a response to a question.
  public static func grade(_ response: Response, for question: Question) -> Grade {
    switch (question.answer, response) {
    case (.single(let right), .choices(let chosen)):
      return Grade(score: chosen == [right] ? 1 : 0)
    case (.multiple(let right), .choices(let chosen)):
      return Grade(
        score: partialCredit(
          chosen: chosen, correct: right, all: Set(question.options.map(\.id))))
    case (.trueFalse(let right), .truth(let value)):
      return Grade(score: right == value ? 1 : 0)
    case (.short(let accepted, let match), .text(let text)):
      return Grade(score: shortAnswerMatches(text, accepted: accepted, match: match) ? 1 : 0)
    case (.numeric(let ranges), .text(let text)):
      guard let value = number(in: text) else { return Grade(score: 0) }
      return Grade(score: ranges.contains { $0.minimum <= value && value <= $0.maximum } ? 1 : 0)
    default:
      return Grade(score: 0)
    }
  }

  /// selected-correct ÷ all-correct − selected-wrong ÷ all-wrong, floored at 0.
  public static func partialCredit(chosen: Set<String>, correct: Set<String>, all: Set<String>)
    -> Double
  {
    guard !correct.isEmpty else { return 0 }
    let wrong = all.subtracting(correct)
    let right = Double(chosen.intersection(correct).count) / Double(correct.count)
    let penalty =
      wrong.isEmpty ? 0 : Double(chosen.intersection(wrong).count) / Double(wrong.count)
    return max(0, right - penalty)
  }

  /// Trims, folds inner white space to one space, and drops wrapping backticks or quotes.
  public static func normalize(_ text: String) -> String {
    var value = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for pair in [("`", "`"), ("\"", "\""), ("'", "'")]
    where value.count >= 2 && value.hasPrefix(pair.0) && value.hasSuffix(pair.1) {
      value = String(value.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }
    return value
  }

  /// The number a typed answer holds (`3.14`, `1,000`, ` -2 `), or nil.
  public static func number(in text: String) -> Double? {
    let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
      .replacingOccurrences(of: "_", with: "")
    return Double(cleaned).flatMap { $0.isFinite ? $0 : nil }
  }

  /// Whether a typed answer matches one of the accepted ones.
  public static func shortAnswerMatches(
    _ text: String, accepted: [String], match: ShortAnswerMatch
  ) -> Bool {
    let answer = normalize(text)
    switch match {
    case .exact:
      return accepted.contains { normalize($0) == answer }
    case .ignoreCase:
      return accepted.contains { normalize($0).lowercased() == answer.lowercased() }
    case .regex:
      return accepted.contains { pattern in
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: answer)) != nil
      }
    }
  }
}
