/// One column of a `TableLayout`.
public struct TableColumn: Sendable {
  /// Where a cell's text sits in its column.
  public enum Alignment: Sendable {
    case left
    case right
  }

  /// The column's title.
  public var header: String
  /// Where the cells' text sits.
  public var alignment: Alignment
  /// Whether the column's cells may wrap onto more lines when the table is too wide.
  public var wraps: Bool

  /// Creates a column; `wraps` defaults to true for left-aligned columns only.
  public init(_ header: String, alignment: Alignment = .left, wraps: Bool? = nil) {
    self.header = header
    self.alignment = alignment
    self.wraps = wraps ?? (alignment == .left)
  }
}

/// Lays out rows of text as a table that fits a terminal width, wrapping cells as needed.
public struct TableLayout: Sendable {
  /// The narrowest a wrapping column gets.
  static let minimumColumnWidth = 4

  /// The table's columns, left to right.
  public var columns: [TableColumn]
  /// The text between two columns.
  public var separator: String
  /// The text before the first column on every line.
  public var indent: String

  /// Creates a layout for `columns`.
  public init(_ columns: [TableColumn], separator: String = "  ", indent: String = "") {
    self.columns = columns
    self.separator = separator
    self.indent = indent
  }

  /// The column widths that fit `width` terminal columns (nil: no limit, the natural widths).
  ///
  /// Only wrapping columns shrink, the widest first, down to their longest word and then,
  /// if the table still does not fit, down to 4 columns.
  public func widths(for rows: [[String]], fitting width: Int?) -> [Int] {
    var widths = columns.indices.map { naturalWidth(ofColumn: $0, rows: rows) }
    guard let width else { return widths }
    let fixed =
      TerminalText.width(of: indent)
      + TerminalText.width(of: separator) * max(0, columns.count - 1)
    var excess = fixed + widths.reduce(0, +) - width
    guard excess > 0 else { return widths }
    let floors = columns.indices.map { column in
      min(widths[column], max(longestWord(inColumn: column, rows: rows), Self.minimumColumnWidth))
    }
    for floor in [floors, floors.map { _ in Self.minimumColumnWidth }] {
      while excess > 0 {
        let shrinkable = columns.indices.filter { columns[$0].wraps && widths[$0] > floor[$0] }
        // The widest column, the rightmost of equals.
        guard let most = shrinkable.map({ widths[$0] }).max(),
          let widest = shrinkable.last(where: { widths[$0] == most })
        else { break }
        widths[widest] -= 1
        excess -= 1
      }
    }
    return widths
  }

  /// The header line(s) then every row, each row taking as many lines as its tallest cell.
  ///
  /// The header is left out when every column's header is empty. A row with fewer cells than
  /// columns is padded with blank cells; extra cells are ignored. A `\n` in a cell starts a
  /// new line. Trailing spaces are trimmed from every line, and the last column is not padded.
  ///
  /// - Parameters:
  ///   - rows: The cells of each row, left to right.
  ///   - width: The terminal columns available (nil: no limit).
  ///   - decorate: Applied to each already padded cell piece (`row` is nil for the header), so
  ///     callers can add colour without breaking the widths.
  /// - Returns: The lines to print.
  public func lines(
    _ rows: [[String]], fitting width: Int?,
    decorate: (_ row: Int?, _ column: Int, _ text: String) -> String = { $2 }
  ) -> [String] {
    guard !columns.isEmpty else { return [] }
    let widths = self.widths(for: rows, fitting: width)
    var output: [String] = []
    func append(_ cells: [String], row: Int?) {
      let pieces = columns.indices.map { column in
        Self.wrapCell(column < cells.count ? cells[column] : "", width: widths[column])
      }
      let height = pieces.map(\.count).max() ?? 1
      for lineIndex in 0..<height {
        var line = indent
        for column in columns.indices {
          let text = lineIndex < pieces[column].count ? pieces[column][lineIndex] : ""
          var padded = pad(text, toWidth: widths[column], alignment: columns[column].alignment)
          if column == columns.count - 1 { padded = Self.trimmingTrailingSpaces(padded) }
          if column > 0 { line += separator }
          line += decorate(row, column, padded)
        }
        output.append(Self.trimmingTrailingSpaces(line))
      }
    }
    if columns.contains(where: { !$0.header.isEmpty }) {
      append(columns.map(\.header), row: nil)
    }
    for (index, row) in rows.enumerated() {
      append(row, row: index)
    }
    return output
  }

  /// The widest of a column's header and cells, in terminal columns.
  private func naturalWidth(ofColumn column: Int, rows: [[String]]) -> Int {
    texts(inColumn: column, rows: rows)
      .flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
      .map { TerminalText.width(of: $0) }
      .max() ?? 0
  }

  /// The widest word of a column, counting a cell's leading spaces, which every line repeats.
  private func longestWord(inColumn column: Int, rows: [[String]]) -> Int {
    var longest = 0
    for text in texts(inColumn: column, rows: rows) {
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let leading = line.prefix { $0 == " " }.count
        for word in line.split(separator: " ") {
          longest = max(longest, leading + TerminalText.width(of: word))
        }
      }
    }
    return longest
  }

  /// The header and the cells of one column.
  private func texts(inColumn column: Int, rows: [[String]]) -> [String] {
    [columns[column].header] + rows.compactMap { column < $0.count ? $0[column] : nil }
  }

  private func pad(_ text: String, toWidth width: Int, alignment: TableColumn.Alignment) -> String {
    let padding = String(repeating: " ", count: max(0, width - TerminalText.width(of: text)))
    return alignment == .left ? text + padding : padding + text
  }

  /// The lines of one cell in a column `width` wide; leading spaces indent every line.
  static func wrapCell(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard TerminalText.width(of: line) > width else {
        lines.append(String(line))
        continue
      }
      // Keep at least the minimum width for the text itself.
      let leading = line.prefix { $0 == " " }.count
      let indent = String(repeating: " ", count: min(leading, max(0, width - minimumColumnWidth)))
      let body = line.dropFirst(leading)
      let available = width - indent.count
      lines += TextWrapper.lines(body, firstWidth: available, laterWidth: available).map {
        indent + $0
      }
    }
    return lines
  }

  private static func trimmingTrailingSpaces(_ text: String) -> String {
    var text = text
    while text.last == " " { text.removeLast() }
    return text
  }
}
