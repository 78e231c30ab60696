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
      let trimmed = WhiteSpace.trimmedBlanks(line)
      if trimmed.hasPrefix("```") {
        if let lines = code {
          blocks.append(.code(language: language, lines: lines))
          code = nil
        } else {
          flushParagraph()
          let tag = WhiteSpace.trimmedBlanks(trimmed.dropFirst(3))
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

  /// Whether `text` has three backticks in a row somewhere; without them it holds no code
  /// block, and `blocks` need not be asked.
  ///
  /// The bytes are scanned in place when the text is stored contiguously (native strings are),
  /// which is several times faster than iterating the UTF-8 view.
  public static func mayHoldCode(_ text: String) -> Bool {
    func scan(_ bytes: some Sequence<UInt8>) -> Bool {
      var backticks = 0
      for byte in bytes {
        backticks = byte == UInt8(ascii: "`") ? backticks + 1 : 0
        if backticks == 3 { return true }
      }
      return false
    }
    return text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(text.utf8)
  }

  /// Whether a line starts a list item.
  static func isListItem(_ line: String) -> Bool {
    if line.hasPrefix("- ") || line.hasPrefix("* ") { return true }
    let digits = line.prefix { $0.isNumber }
    return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". ")
  }
}

/// The indent that continues a list item (`- `, `1. `) when it wraps.
public enum MarkdownLiteListIndent {
  /// The columns a list item's continuation lines are indented by (0 for no list item).
  public static func width(of line: String) -> Int {
    if line.hasPrefix("- ") || line.hasPrefix("* ") { return 2 }
    let digits = line.prefix { $0.isNumber }
    if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return digits.count + 2 }
    return 0
  }
}

extension MarkdownLite {
  /// The first paragraph of a text as one line, or `(code)` when it starts with code.
  public static func firstLine(of text: String) -> String {
    switch blocks(text).first {
    case .paragraph(let lines)?: lines.joined(separator: " ")
    case .code?: "(code)"
    case nil: ""
    }
  }

  /// Lays out Markdown-lite text in lines that fit `width` terminal columns.
  ///
  /// - Parameters:
  ///   - text: Sanitised text.
  ///   - width: The columns available, indent included.
  ///   - indent: The first line's prefix (such as `  a) `).
  ///   - hangingIndent: The prefix of later lines; spaces as wide as `indent` by default.
  ///   - paragraph: Styles a paragraph's wrapped lines (such as colouring inline code).
  ///   - code: Joins a code block's gutter and one of its lines.
  /// - Returns: The lines.
  public static func layout(
    _ text: String, width: Int, indent: String = "", hangingIndent: String? = nil,
    paragraph: ([String]) -> [String] = { $0 },
    code: (_ gutter: String, _ line: String) -> String = { $0 + $1 }
  ) -> [String] {
    let indentWidth = TerminalText.visibleWidth(of: indent)
    let hanging = hangingIndent ?? String(repeating: " ", count: indentWidth)
    var output: [String] = []
    var first = true
    for block in blocks(text) {
      if !output.isEmpty { output.append("") }
      let lead = first ? indent : hanging
      first = false
      switch block {
      case .paragraph(let lines):
        for (lineIndex, hardLine) in lines.enumerated() {
          let prefix = lineIndex == 0 ? lead : hanging
          let available = width - TerminalText.visibleWidth(of: prefix)
          let itemIndent = MarkdownLiteListIndent.width(of: hardLine)
          let later = width - TerminalText.visibleWidth(of: hanging) - itemIndent
          let wrapped = paragraph(
            TextWrapper.wrap(hardLine, width: available, continuationWidth: later))
          for (index, piece) in wrapped.enumerated() {
            output.append(
              (index == 0 ? prefix : hanging + String(repeating: " ", count: itemIndent)) + piece)
          }
        }
      case .code(_, let lines):
        let gutter = String(repeating: " ", count: TerminalText.visibleWidth(of: lead)) + "  │ "
        output += lines.map { code(gutter, $0) }
      }
    }
    return output
  }
}
