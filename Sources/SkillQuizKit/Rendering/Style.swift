/// The few text styles the front end uses, as ANSI SGR codes.
public enum Style: String, Sendable {
  case bold = "1"
  case dim = "2"
  case correct = "32"
  case wrong = "31"
  case partial = "33"
  case accent = "36"
  case code = "96"
  case error = "1;31"
  case warning = "1;33"
  case heading = "1;4"

  /// Wraps text in this style when colour is on.
  public func apply(_ text: String, color: Bool) -> String {
    color && !text.isEmpty ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
  }
}
