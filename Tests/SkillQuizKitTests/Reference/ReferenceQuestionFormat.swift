import Foundation

@testable import SkillQuizKit

/// `QuestionFormat.detect` as it was before it stopped at a Markdown quiz's first option, kept
/// as the reference in tests.
enum ReferenceQuestionFormat {
  /// Tells the format from the content, using the file extension only to break ties.
  ///
  /// Returns nil when the text looks like none of the formats.
  static func detect(_ text: String, fileName: String = "") -> QuestionFormat? {
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.trimmed(in: .whitespaces)
    }
    let meaningful = lines.filter { !$0.isEmpty && !$0.hasPrefix("//") }
    if meaningful.contains(where: { $0.hasPrefix("- [x]") || $0.hasPrefix("- [ ]") }) {
      return .markdown
    }
    if meaningful.contains(where: {
      $0.range(of: #"^ANSWER:\s*[A-Za-z]"#, options: .regularExpression) != nil
    }),
      meaningful.contains(where: {
        $0.range(of: #"^[A-Za-z][.)]\s"#, options: .regularExpression) != nil
      })
    {
      return .aiken
    }
    if let header = meaningful.first,
      header.lowercased().split(separator: ",").contains(where: {
        $0.trimmed(in: CharacterSet(charactersIn: "\" ")) == "question"
      })
    {
      return .csv
    }
    let giftMarks = ["$CATEGORY:", "::", "[markdown]", "[html]", "[plain]", "[moodle]"]
    if meaningful.contains(where: { line in giftMarks.contains { line.hasPrefix($0) } })
      || (text.contains("{") && text.contains("}") && meaningful.contains { $0.contains("{") })
    {
      return .gift
    }
    switch (fileName as NSString).pathExtension.lowercased() {
    case "gift": return .gift
    case "md", "markdown": return .markdown
    case "csv": return .csv
    default: return nil
    }
  }
}
