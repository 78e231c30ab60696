import Foundation
import SkillQuizKit

/// Turns questions, feedback and tables into terminal text: sanitised, wrapped, styled.
struct Renderer {
  let color: Bool
  let width: Int
  /// The width tables must fit, or nil for no limit (output to a pipe or file).
  let tableWidth: Int?

  /// A renderer for a console; one column is kept free so a full line never wraps early.
  init(console: any Console) {
    self.init(
      color: console.usesColor, width: console.width - 1,
      fitsTables: console.isTerminal)
  }

  init(color: Bool, width: Int, fitsTables: Bool = true) {
    self.color = color
    self.width = width
    tableWidth = fitsTables ? width : nil
  }

  /// A table's lines, fitted to the terminal; the header is bold (empty headers: none).
  func table(_ layout: TableLayout, _ rows: [[String]]) -> [String] {
    layout.lines(
      rows, fitting: tableWidth,
      decorate: { row, _, text in row == nil ? style(text, .bold) : text })
  }

  func style(_ text: String, _ style: Style) -> String { style.apply(text, color: color) }

  // MARK: Bank text

  /// Renders Markdown-lite bank text, wrapped to the width after `indent`.
  ///
  /// - Parameters:
  ///   - text: Untrusted text from a bank.
  ///   - indent: The first line's prefix (such as `  a) `).
  ///   - hangingIndent: The prefix of later lines; spaces as wide as `indent` by default.
  /// - Returns: The lines, joined with newlines.
  func markdown(_ text: String, indent: String = "", hangingIndent: String? = nil) -> String {
    let indentWidth = Self.visibleWidth(indent)
    let hanging = hangingIndent ?? String(repeating: " ", count: indentWidth)
    var output: [String] = []
    var first = true
    for block in MarkdownLite.blocks(TerminalText.sanitize(text)) {
      switch block {
      case .paragraph(let lines):
        if !output.isEmpty { output.append("") }
        for hardLine in lines {
          let lead = first ? indent : hanging
          first = false
          let available = width - Self.visibleWidth(lead)
          let itemIndent = MarkdownLiteListIndent.width(of: hardLine)
          let wrapped = stylingInlineCode(
            TextWrapper.wrap(hardLine, width: available, continuationWidth: available - itemIndent))
          for (index, piece) in wrapped.enumerated() {
            let prefix = index == 0 ? lead : hanging + String(repeating: " ", count: itemIndent)
            output.append(prefix + piece)
          }
        }
      case .code(_, let lines):
        if !output.isEmpty { output.append("") }
        let lead = first ? indent : hanging
        first = false
        let gutter = String(repeating: " ", count: Self.visibleWidth(lead)) + "  │ "
        for codeLine in lines {
          output.append(style(gutter, .dim) + style(codeLine, .code))
        }
      }
    }
    return output.joined(separator: "\n")
  }

  /// The columns a string takes on screen, not counting ANSI escape sequences.
  static func visibleWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
        continue
      }
      if scalar == "\u{1B}" {
        inEscape = true
        continue
      }
      width += TerminalText.width(of: scalar)
    }
    return width
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

  // MARK: Numbers

  /// A percentage such as `72%`.
  static func percent(_ fraction: Double?) -> String {
    guard let fraction else { return "—" }
    return "\(Int((fraction * 100).rounded()))%"
  }

  /// A sparkline of fractions from 0 to 1.
  static func sparkline(_ values: [Double]) -> String {
    let bars = Array("▁▂▃▄▅▆▇█")
    return String(
      values.map { bars[min(bars.count - 1, max(0, Int(($0 * Double(bars.count - 1)).rounded())))] }
    )
  }

  /// An arrow for a trend.
  static func arrow(_ trend: Standing.Trend) -> String {
    switch trend {
    case .up: "↑"
    case .down: "↓"
    case .flat: "→"
    case .unknown: ""
    }
  }

  /// How long ago a date was, in words.
  static func relative(_ date: Date?, now: Date) -> String {
    guard let date else { return "never" }
    let calendar = Calendar.current
    let days =
      calendar.dateComponents(
        [.day], from: calendar.startOfDay(for: date), to: calendar.startOfDay(for: now)
      ).day ?? 0
    switch days {
    case ..<1: return "today"
    case 1: return "yesterday"
    case 2..<30: return "\(days) days ago"
    default: return dayFormatter.string(from: date)
    }
  }

  static let dayFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter
  }()

  static let minuteFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter
  }()

  /// Pads text with spaces to a column width (measured in terminal columns).
  static func pad(_ text: String, _ columns: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, columns - TerminalText.width(of: text)))
    return right ? fill + text : text + fill
  }
}

/// The indent that continues a list item (`- `, `1. `) when it wraps.
enum MarkdownLiteListIndent {
  static func width(of line: String) -> Int {
    if line.hasPrefix("- ") || line.hasPrefix("* ") { return 2 }
    let digits = line.prefix { $0.isNumber }
    if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return digits.count + 2 }
    return 0
  }
}
