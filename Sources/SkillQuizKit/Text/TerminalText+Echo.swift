extension TerminalText {
  /// Untrusted input as a message may quote it back: on one line, with control characters
  /// made visible, and cut to `limit` characters ending with `…`, so a pasted page is not
  /// echoed whole.
  public static func echo(_ input: some StringProtocol, limit: Int = 40) -> String {
    let line = sanitize(String(input.prefix(limit + 1)), keepNewlines: false)
    return line.count > limit ? String(line.prefix(limit)) + "…" : line
  }
}
