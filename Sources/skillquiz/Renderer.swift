import Foundation
import SkillQuizKit

/// Turns questions, feedback and tables into terminal text: sanitised, wrapped, styled.
struct Renderer {
  let color: Bool
  let width: Int

  /// A renderer for a console; one column is kept free so a full line never wraps early.
  init(console: any Console) {
    color = console.usesColor
    width = console.width - 1
  }

  init(color: Bool, width: Int) {
    self.color = color
    self.width = width
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

  // MARK: Questions

  /// The header, prompt and options of a question.
  func question(
    _ presented: PresentedQuestion, number: Int, of total: Int, label: String,
    note: String? = nil
  ) -> String {
    let question = presented.question
    var kindNote = ""
    switch question.kind {
    case .multiple: kindNote = " · select all that apply"
    case .trueFalse: kindNote = " · true or false"
    case .short: kindNote = " · type the answer"
    case .numeric: kindNote = " · type a number"
    case .sql: kindNote = " · write a query"
    case .single: break
    }
    let header = style(
      "[\(TerminalText.sanitize(label)) · \(total > 0 ? "\(number)/\(total)" : "#\(number)")"
        + "\(note.map { " · " + $0 } ?? "")"
        + " · \(question.difficulty.rawValue)\(kindNote)]",
      .accent)
    var lines = [header, markdown(question.prompt)]
    if !presented.options.isEmpty {
      lines.append("")
      for (index, option) in presented.options.enumerated() {
        let letter = PresentedQuestion.letter(at: index)
        lines.append(markdown(option.text, indent: "  " + style(letter + ")", .bold) + " "))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The feedback after an answer: verdict, the right answer, why, and references.
  func feedback(
    for presented: PresentedQuestion, response: Response?, grade: Grade?
  ) -> String {
    let question = presented.question
    var lines: [String] = []
    switch (response, grade) {
    case (nil, _):
      lines.append(contentsOf: rightAnswer(presented, verdict: style("↷ Skipped.", .partial)))
    case (_, let grade?) where grade.isCorrect:
      lines.append(style("✓ Correct.", .correct))
    case (_, let grade?) where grade.score > 0:
      let percent = Int((grade.score * 100).rounded())
      lines.append(
        contentsOf: rightAnswer(
          presented, verdict: style("◐ Partly right (\(percent)% credit).", .partial)))
    default:
      lines.append(contentsOf: rightAnswer(presented, verdict: style("✗ Not quite.", .wrong)))
    }
    if case .choices(let chosen)? = response {
      for option in presented.options where chosen.contains(option.id) && !isRight(option, question)
      {
        if let why = option.why, let letter = presented.letter(forOptionID: option.id) {
          lines.append(markdown(why, indent: "  \(letter)) ", hangingIndent: "     "))
        }
      }
    }
    lines.append(markdown(question.explanation, indent: "  "))
    for reference in question.references {
      let url = TerminalText.sanitize(reference.url, keepNewlines: false)
      var line = "  ↗ " + url
      if let title = reference.title {
        let room = width - Self.visibleWidth(line) - 3
        if room >= 12 {
          line +=
            " · "
            + TerminalText.truncate(
              TerminalText.sanitize(title, keepNewlines: false), toColumns: room)
        }
      }
      lines.append(style(line, .dim))
    }
    return lines.joined(separator: "\n")
  }

  private func isRight(_ option: QuestionOption, _ question: Question) -> Bool {
    switch question.answer {
    case .single(let id): option.id == id
    case .multiple(let ids): ids.contains(option.id)
    default: false
    }
  }

  /// The verdict followed by the right answer, wrapped like bank text.
  private func rightAnswer(_ presented: PresentedQuestion, verdict: String) -> [String] {
    let question = presented.question
    switch question.answer {
    case .single(let id):
      let letter = presented.letter(forOptionID: id) ?? "?"
      let text = question.options.first { $0.id == id }?.text ?? ""
      return [
        markdown("\(letter)) \(text)", indent: verdict + " The answer is ", hangingIndent: "  ")
      ]
    case .multiple(let ids):
      var lines = [verdict + " The answers are:"]
      for (index, option) in presented.options.enumerated() where ids.contains(option.id) {
        lines.append(markdown(option.text, indent: "  \(PresentedQuestion.letter(at: index))) "))
      }
      return lines
    case .trueFalse(let value):
      return [verdict + " The answer is \(value ? "true" : "false")."]
    case .short(let accepted, _):
      let list = accepted.map { "`\($0.replacingOccurrences(of: "`", with: "'"))`" }
      return [
        markdown(list.joined(separator: ", "), indent: verdict + " Accepted: ", hangingIndent: "  ")
      ]
    case .numeric(let ranges):
      return [verdict + " Accepted: " + ranges.map(\.text).joined(separator: ", ") + "."]
    case .sql:
      return [verdict]
    }
  }

  // MARK: SQL

  /// The dataset line under a `sql` question: its name and tables with their columns.
  func datasetSummary(_ dataset: SQLDataset, tables: [SQLTableSummary]) -> String {
    let list = tables.map { "\($0.name)(\($0.columns.joined(separator: ", ")))" }
    let text =
      "Dataset `\(dataset.id)`: \(dataset.name). Tables: " + list.joined(separator: "; ")
      + ". Type `schema` for the full schema."
    return markdown(text, indent: "  ")
  }

  /// The dataset's schema and row counts, for the `schema` answer.
  func schema(_ dataset: SQLDataset, tables: [SQLTableSummary]) -> String {
    var text = "```sql\n" + dataset.schema + "\n```"
    let counts = tables.map { "`\($0.name)`: \($0.rowCount) rows" }
    text += "\n\n" + counts.joined(separator: ", ")
    return markdown(text)
  }

  /// Feedback on a typed query (nil when skipped): the verdict, both results when they differ,
  /// and a solution.
  func sqlFeedback(_ verdict: SQLVerdict?, question: Question) -> String {
    guard case .sql(let exercise) = question.answer else { return "" }
    var lines: [String] = []
    switch verdict {
    case nil:
      lines.append(style("↷ Skipped.", .partial))
    case .correct(let result)?:
      let noun = result.rows.count == 1 ? "row" : "rows"
      lines.append(
        style("✓ Correct.", .correct)
          + " Your query returned the expected \(result.rows.count) \(noun).")
    case .wrong(let actual, let expected)?:
      lines.append(
        style("✗ Not quite.", .wrong) + " "
          + difference(actual, expected, ordered: exercise.ordered))
      lines.append(
        contentsOf: sideBySide(
          table(actual, title: "Your result"), table(expected, title: "Expected")))
    case .notRun(let outcome)?:
      lines.append(notRun(outcome))
    case .brokenSolution(let message)?:
      lines.append(style("! " + message, .wrong))
    }
    lines.append(style("  One solution:", .dim))
    lines.append(markdown("```sql\n" + exercise.solution + "\n```"))
    lines.append(markdown(question.explanation, indent: "  "))
    for reference in question.references {
      lines.append(style("  ↗ " + TerminalText.sanitize(reference.url, keepNewlines: false), .dim))
    }
    return lines.joined(separator: "\n")
  }

  /// Why a query did not run, and what to do.
  func notRun(_ outcome: SQLOutcome) -> String {
    let (label, text): (String, String)
    switch outcome {
    case .refused(let reason):
      (label, text) = ("? Not run:", reason + ". Try again, or `skip`.")
    case .failed(let message):
      (label, text) = ("? SQLite says:", message + ". Fix the query and try again, or `skip`.")
    case .timedOut(let seconds):
      (label, text) = (
        "? Stopped after \(Int(seconds)) s:",
        "the query ran too long (an endless recursive CTE?). Try again, or `skip`."
      )
    case .rows:
      return ""
    }
    return markdown(text, indent: style(label, .partial) + " ", hangingIndent: "  ")
  }

  private func difference(_ actual: SQLResult, _ expected: SQLResult, ordered: Bool) -> String {
    let actualWidth = actual.rows.first?.count ?? actual.columns.count
    let expectedWidth = expected.rows.first?.count ?? expected.columns.count
    if actual.isTruncated {
      return "Your query returned more than \(actual.rows.count) rows."
    }
    if actualWidth != expectedWidth {
      return "Your result has \(actualWidth) columns; the expected one has \(expectedWidth)."
    }
    if actual.rows.count != expected.rows.count {
      return "Your query returned \(actual.rows.count) rows; the expected result has "
        + "\(expected.rows.count)."
    }
    if ordered, SQLResultComparison.matches(actual, expected, ordered: false) {
      return "The rows are right but their order is not; this question asks for an order."
    }
    return "Some values differ."
  }

  /// A result as a small text table, at most `maxRows` rows.
  func table(_ result: SQLResult, title: String, maxRows: Int = 10) -> [String] {
    let cell: (String) -> String = {
      TerminalText.truncate(TerminalText.sanitize($0, keepNewlines: false), toColumns: 24)
    }
    let header = result.columns.map(cell)
    let shown = result.rows.prefix(maxRows).map { $0.map { cell($0.description) } }
    var widths = header.map { TerminalText.width(of: $0) }
    for row in shown {
      for (index, value) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], TerminalText.width(of: value))
      }
    }
    func line(_ values: [String]) -> String {
      let padded = values.enumerated().map { item in
        item.offset < widths.count ? Renderer.pad(item.element, widths[item.offset]) : item.element
      }.joined(separator: " │ ")
      return String(padded.reversed().drop { $0 == " " }.reversed())
    }
    var lines = [style(title, .bold), line(header)]
    lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─"))
    lines += shown.map(line)
    let hidden = result.rows.count - shown.count
    if hidden > 0 || result.isTruncated {
      lines.append(style("… \(hidden) more rows" + (result.isTruncated ? " (cut off)" : ""), .dim))
    }
    if result.rows.isEmpty { lines.append(style("(no rows)", .dim)) }
    return lines
  }

  /// Two tables next to each other when they fit the width, else one above the other.
  func sideBySide(_ left: [String], _ right: [String]) -> [String] {
    let leftWidth = left.map { Self.visibleWidth($0) }.max() ?? 0
    let rightWidth = right.map { Self.visibleWidth($0) }.max() ?? 0
    guard 2 + leftWidth + 4 + rightWidth <= width else {
      return (left + [""] + right).map { "  " + $0 }
    }
    return (0..<max(left.count, right.count)).map { index in
      let leftLine = index < left.count ? left[index] : ""
      let rightLine = index < right.count ? right[index] : ""
      return "  " + leftLine
        + String(repeating: " ", count: leftWidth - Self.visibleWidth(leftLine) + 4) + rightLine
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
