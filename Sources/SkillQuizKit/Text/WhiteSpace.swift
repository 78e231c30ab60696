/// Trimming white space in pure Swift, with exactly Foundation's sets.
///
/// `trimmingCharacters(in:)` goes through `NSString` on Linux, which was a large share of
/// parsing a bank. These trim the same Unicode scalars from both ends (Foundation trims scalars,
/// not characters, so a combining mark after a leading space is kept), and leave everything
/// else alone.
enum WhiteSpace {
  /// Whether `scalar` is in `CharacterSet.whitespaces`: tab, U+0020, U+00A0, U+1680,
  /// U+2000–U+200B, U+202F, U+205F and U+3000.
  static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
    default: false
    }
  }

  /// Whether `scalar` is in `CharacterSet.whitespacesAndNewlines`: the blanks, U+000A–U+000D,
  /// U+0085, U+2028 and U+2029.
  static func isBlankOrNewline(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
    default: isBlank(scalar)
    }
  }

  /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`.
  static func trimmed(_ text: String) -> String {
    trimmed(text[...], where: isBlankOrNewline)
  }

  /// `text.trimmingCharacters(in: .whitespaces)`.
  static func trimmedBlanks(_ text: Substring) -> String {
    trimmed(text, where: isBlank)
  }

  /// `text.trimmingCharacters(in: .whitespaces)`.
  static func trimmedBlanks(_ text: String) -> String {
    trimmed(text[...], where: isBlank)
  }

  private static func trimmed(
    _ text: Substring, where isTrimmed: (Unicode.Scalar) -> Bool
  ) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
      let last = scalars.lastIndex(where: { !isTrimmed($0) })
    else { return "" }
    if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex {
      return String(text)
    }
    return String(Substring(scalars[first...last]))
  }
}
