/// A command line that cannot be split into words.
public struct ShellWordsError: Error, CustomStringConvertible, Equatable {
  /// The quote character left open.
  public let quote: Character

  /// An error for a quote left open.
  public init(quote: Character) {
    self.quote = quote
  }

  public var description: String {
    "the \(quote) quote is not closed; close it, or put a backslash before it"
  }
}

/// Splits a line into words the way a POSIX shell does, without expansions.
public enum ShellWords {
  /// The words of `line`: blanks separate words; 'single quotes' keep everything; "double
  /// quotes" keep everything but a backslash before `"`, `\`, `$` or a backtick; a backslash
  /// outside quotes keeps the next character.
  public static func split(_ line: String) throws(ShellWordsError) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        if quote == "\"", !"\"\\$`".contains(character) { current.append("\\") }
        current.append(character)
        escaped = false
        continue
      }
      switch (quote, character) {
      case ("'", "'"), ("\"", "\""):
        quote = nil
      case ("'", _):
        current.append(character)
      case ("\"", "\\"), (nil, "\\"):
        escaped = true
        inWord = true
      case ("\"", _):
        current.append(character)
      case (nil, "'"), (nil, "\""):
        quote = character
        inWord = true
      case (nil, _) where character.isWhitespace:
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(character)
        inWord = true
      }
    }
    if let quote { throw ShellWordsError(quote: quote) }
    if escaped { current.append("\\") }
    if inWord { words.append(current) }
    return words
  }
}
