/// Greedy word wrapping measured in terminal columns.
public enum TextWrapper {
  /// Wraps `text` into lines of at most `width` columns.
  ///
  /// - Parameters:
  ///   - text: One paragraph line; runs of spaces are folded.
  ///   - width: The columns available for the first line.
  ///   - continuationWidth: The columns for later lines (defaults to `width`).
  /// - Returns: The wrapped lines; a word longer than a line is broken.
  public static func wrap(_ text: String, width: Int, continuationWidth: Int? = nil) -> [String] {
    lines(text, firstWidth: max(8, width), laterWidth: max(8, continuationWidth ?? width))
  }

  /// Wraps `text` like `wrap`, without its minimum of 8 columns (for narrow table columns).
  static func lines(_ text: some StringProtocol, firstWidth: Int, laterWidth: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    var limit = firstWidth
    func finishLine() {
      lines.append(current)
      current = ""
      currentWidth = 0
      limit = laterWidth
    }
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      var word = String(word)
      var wordWidth = TerminalText.width(of: word)
      if currentWidth > 0, currentWidth + 1 + wordWidth > limit { finishLine() }
      while wordWidth > limit {
        var head = ""
        var headWidth = 0
        for character in word {
          let w = TerminalText.width(of: String(character))
          if headWidth + w > limit - currentWidth { break }
          head.append(character)
          headWidth += w
        }
        if head.isEmpty { break }
        current += head
        word.removeFirst(head.count)
        wordWidth -= headWidth
        finishLine()
      }
      if currentWidth > 0 {
        current += " "
        currentWidth += 1
      }
      current += word
      currentWidth += wordWidth
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }
}
