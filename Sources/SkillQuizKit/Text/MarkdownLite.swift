import Foundation

/// A block of bank text: a paragraph to re-flow, or a code block to show as it is.
public enum TextBlock: Sendable, Equatable {
  /// Hard lines of a paragraph; each re-flows on its own (list items start a new one).
  case paragraph([String])
  /// A fenced code block, with its language when given.
  case code(language: String?, lines: [String])
}

/// The Markdown subset of bank texts: paragraphs, `inline code`, fenced code blocks.
public enum MarkdownLite {
  /// Splits text into blocks.
  ///
  /// Single line breaks inside a paragraph become spaces, except before a list item
  /// (`- `, `* `, `1. `).
  public static func blocks(_ text: String) -> [TextBlock] {
    var blocks: [TextBlock] = []
    var paragraph: [String] = []
    var code: [String]?
    var language: String?
    func flushParagraph() {
      if !paragraph.isEmpty { blocks.append(.paragraph(paragraph)) }
      paragraph = []
    }
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(rawLine)
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("```") {
        if let lines = code {
          blocks.append(.code(language: language, lines: lines))
          code = nil
        } else {
          flushParagraph()
          let tag = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
          language = tag.isEmpty ? nil : tag
          code = []
        }
        continue
      }
      if code != nil {
        code?.append(line)
        continue
      }
      if trimmed.isEmpty {
        flushParagraph()
      } else if paragraph.isEmpty || isListItem(trimmed) {
        paragraph.append(trimmed)
      } else {
        paragraph[paragraph.count - 1] += " " + trimmed
      }
    }
    if let lines = code { blocks.append(.code(language: language, lines: lines)) }
    flushParagraph()
    return blocks
  }

  /// Whether a line starts a list item.
  static func isListItem(_ line: String) -> Bool {
    if line.hasPrefix("- ") || line.hasPrefix("* ") { return true }
    let digits = line.prefix { $0.isNumber }
    return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". ")
  }
}
