import Foundation

extension Renderer {
  // MARK: SQL

  /// The dataset line under a `sql` question: its name and tables with their columns.
  public func datasetSummary(_ dataset: SQLDataset, tables: [SQLTableSummary]) -> String {
    let list = tables.map { "\($0.name)(\($0.columns.joined(separator: ", ")))" }
    let text =
      "Dataset `\(dataset.id)`: \(dataset.name). Tables: " + list.joined(separator: "; ")
      + ". Type `schema` for the full schema."
    return markdown(text, indent: "  ")
  }

  /// The dataset's schema and row counts, for the `schema` answer.
  public func schema(_ dataset: SQLDataset, tables: [SQLTableSummary]) -> String {
    var text = "```sql\n" + dataset.schema + "\n```"
    let counts = tables.map { "`\($0.name)`: \($0.rowCount) rows" }
    text += "\n\n" + counts.joined(separator: ", ")
    return markdown(text)
  }

  /// Feedback on a typed query (nil when skipped): the verdict, both results when they differ,
  /// and a solution.
  public func sqlFeedback(_ verdict: SQLVerdict?, question: Question) -> String {
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
          + SQLResultComparison.difference(actual, expected, ordered: exercise.ordered))
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
  public func notRun(_ outcome: SQLOutcome) -> String {
    let (label, text): (String, String)
    switch outcome {
    case .refused(let reason):
      (label, text) = ("? Not run:", reason + ". Try again, or `skip`.")
    case .failed(let message):
      (label, text) = ("? SQLite says:", message + ". Fix the query and try again, or `skip`.")
    case .timedOut(let seconds):
      (label, text) = (
        "? Stopped after \(Int(seconds.rounded())) s:",
        "the query ran too long. Look for a missing join condition (every row paired with every "
          + "row) or a recursive CTE without an end. Try again, or `skip`."
      )
    case .overLimit(let reason):
      (label, text) = ("? Stopped:", reason + ". Try again, or `skip`.")
    case .rows:
      return ""
    }
    return markdown(text, indent: style(label, .partial) + " ", hangingIndent: "  ")
  }

  /// A result as a small text table, at most `maxRows` rows.
  public func table(_ result: SQLResult, title: String, maxRows: Int = 10) -> [String] {
    let cell: (String) -> String = {
      TerminalText.truncate(TerminalText.sanitize($0, keepNewlines: false), toColumns: 24)
    }
    let layout = TableLayout(
      result.columns.map { TableColumn(cell($0), wraps: false) }, separator: " │ ")
    let shown = result.rows.prefix(maxRows).map { $0.map { cell($0.description) } }
    var lines = [style(title, .bold)] + layout.lines(Array(shown), fitting: nil)
    let hidden = result.rows.count - shown.count
    if hidden > 0 || result.isTruncated {
      lines.append(style("… \(hidden) more rows" + (result.cut.map { " (\($0))" } ?? ""), .dim))
    }
    if result.rows.isEmpty { lines.append(style("(no rows)", .dim)) }
    return lines
  }

  /// Two tables next to each other when they fit the width, else one above the other.
  public func sideBySide(_ left: [String], _ right: [String]) -> [String] {
    let leftWidth = left.map { TerminalText.visibleWidth(of: $0) }.max() ?? 0
    let rightWidth = right.map { TerminalText.visibleWidth(of: $0) }.max() ?? 0
    guard 2 + leftWidth + 4 + rightWidth <= width else {
      return (left + [""] + right).map { "  " + $0 }
    }
    return (0..<max(left.count, right.count)).map { index in
      let leftLine = index < left.count ? left[index] : ""
      let rightLine = index < right.count ? right[index] : ""
      return "  " + leftLine
        + String(repeating: " ", count: leftWidth - TerminalText.visibleWidth(of: leftLine) + 4)
        + rightLine
    }
  }

}
