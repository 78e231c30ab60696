import Foundation

/// A quiz file format `skillquiz import` reads.
public enum QuestionFormat: String, Sendable, CaseIterable {
  case gift
  case aiken
  case markdown
  case csv

  /// The largest quiz file read, in bytes: 16 MB, several times the largest real collections.
  public static let maximumBytes = 16 << 20

  /// Parses text in this format; a file over `maximumBytes` gives nothing but the reason.
  public func parse(_ text: String) -> ImportParseResult {
    let size = text.utf8.count
    guard size <= Self.maximumBytes else {
      return ImportParseResult(skipped: [
        ImportSkip(
          line: 1,
          reason: "the file is \(YAMLLimits.megabytes(size)); a quiz file may be at most "
            + "\(YAMLLimits.megabytes(Self.maximumBytes)), so split it")
      ])
    }
    return switch self {
    case .gift: GIFTParser.parse(text)
    case .aiken: AikenParser.parse(text)
    case .markdown: MarkdownQuizParser.parse(text)
    case .csv: CSVQuestionParser.parse(text)
    }
  }

  /// Tells the format from the content, using the file extension only to break ties.
  ///
  /// Returns nil when the text looks like none of the formats.
  public static func detect(_ text: String, fileName: String = "") -> QuestionFormat? {
    // The lines as `split(whereSeparator: \.isNewline)` gives them, trimmed; the first test
    // is made on the way, so that a Markdown quiz is told at its first option.
    var lines: [String] = []
    var rest = text[...]
    while !rest.isEmpty {
      let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
      if end > rest.startIndex {
        let line = rest[..<end].trimmed(in: .whitespaces)
        if line.hasPrefix("- [x]") || line.hasPrefix("- [ ]") { return .markdown }
        lines.append(line)
      }
      rest = rest[(end < rest.endIndex ? rest.index(after: end) : end)...]
    }
    let meaningful = lines.filter { !$0.isEmpty && !$0.hasPrefix("//") }
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
