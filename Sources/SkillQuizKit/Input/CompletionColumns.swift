/// Lays out completion candidates in columns, filled down then across, like ls.
///
/// - Parameters:
///   - candidates: The words to show, in order.
///   - width: The terminal columns available.
/// - Returns: The lines to print, without trailing spaces; a word wider than `width` gets a
///   line of its own.
public func completionColumns(_ candidates: [String], width: Int) -> [String] {
  guard !candidates.isEmpty else { return [] }
  let widths = candidates.map { TerminalText.width(of: $0) }
  let columnWidth = (widths.max() ?? 0) + 2
  let columnCount = max(1, min(candidates.count, width / columnWidth))
  let rowCount = (candidates.count + columnCount - 1) / columnCount
  return (0..<rowCount).map { row in
    var line = ""
    for index in stride(from: row, to: candidates.count, by: rowCount) {
      line += candidates[index] + String(repeating: " ", count: columnWidth - widths[index])
    }
    while line.last == " " { line.removeLast() }
    return line
  }
}
