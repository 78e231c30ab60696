import Foundation

/// Turns questions, feedback and tables into terminal text: sanitised, wrapped, styled.
public struct Renderer: Sendable {
  /// Whether ANSI colour is used.
  public let color: Bool
  /// The columns prose wraps to.
  public let width: Int
  /// The width tables must fit, or nil for no limit (output to a pipe or file).
  public let tableWidth: Int?

  /// A renderer; tables fit `width` unless `fitsTables` is false (a pipe).
  public init(color: Bool, width: Int, fitsTables: Bool = true) {
    self.color = color
    self.width = width
    tableWidth = fitsTables ? width : nil
  }

  /// A table's lines, fitted to the terminal; the header is bold (empty headers: none).
  public func table(_ layout: TableLayout, _ rows: [[String]]) -> [String] {
    layout.lines(
      rows, fitting: tableWidth,
      decorate: { row, _, text in row == nil ? style(text, .bold) : text })
  }

  public func style(_ text: String, _ style: Style) -> String { style.apply(text, color: color) }

  // MARK: Bank text

  /// Renders Markdown-lite bank text, wrapped to the width after `indent`, code dimmed.
  public func markdown(_ text: String, indent: String = "", hangingIndent: String? = nil) -> String
  {
    MarkdownLite.layout(
      TerminalText.sanitize(text), width: width, indent: indent, hangingIndent: hangingIndent,
      paragraph: stylingInlineCode, code: { style($0, .dim) + style($1, .code) }
    ).joined(separator: "\n")
  }

  /// With colour, `code` spans lose their backticks and gain a colour; without, they stay.
  private func stylingInlineCode(_ lines: [String]) -> [String] {
    guard color else { return lines }
    var inCode = false
    return lines.map { line in
      var result = inCode ? "\u{1B}[\(Style.code.rawValue)m" : ""
      for character in line {
        if character == "`" {
          result += inCode ? "\u{1B}[0m" : "\u{1B}[\(Style.code.rawValue)m"
          inCode.toggle()
        } else {
          result.append(character)
        }
      }
      if inCode { result += "\u{1B}[0m" }
      return result
    }
  }
}
