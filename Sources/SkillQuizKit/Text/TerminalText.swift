/// Makes text from files safe to print, and measures it in terminal columns.
public enum TerminalText {
  /// Replaces control characters, escape sequences and bidirectional overrides with visible
  /// placeholders, so nothing from a bank file can move the cursor or restyle the terminal.
  ///
  /// - Parameters:
  ///   - text: Untrusted text.
  ///   - keepNewlines: Whether `\n` passes through (it does for multi-line text).
  /// - Returns: Text with only printable characters, spaces and (optionally) newlines.
  public static func sanitize(_ text: String, keepNewlines: Bool = true) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A where keepNewlines:
        result.append(scalar)
      case 0x09:
        result.append(contentsOf: "    ".unicodeScalars)
      case 0x00...0x1F:
        result.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
      case 0x7F:
        result.append("\u{2421}")
      case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
        result.append("\u{FFFD}")
      default:
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// The number of terminal columns a string takes (wide East Asian characters take two).
  public static func width(of text: some StringProtocol) -> Int {
    text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
  }

  /// The number of terminal columns one scalar takes.
  public static func width(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if value == 0x200B { return 0 }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return wide.contains { $0.contains(value) } ? 2 : 1
  }

  /// Cuts a string to at most `columns` columns, ending with `…` when it was cut.
  public static func truncate(_ text: String, toColumns columns: Int) -> String {
    guard width(of: text) > columns else { return text }
    var result = ""
    var used = 0
    for character in text {
      let w = width(of: String(character))
      if used + w > columns - 1 { break }
      result.append(character)
      used += w
    }
    return result + "…"
  }

  /// The columns a string takes on screen, not counting ANSI escape sequences.
  public static func visibleWidth(of text: String) -> Int {
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
}
