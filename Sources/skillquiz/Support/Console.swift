import Foundation
import LineEditing
import SkillQuizKit

/// Where the front end writes: the terminal, or a buffer in tests.
protocol Console: AnyObject {
  /// Whether ANSI colour may be used.
  var usesColor: Bool { get }
  /// The width to wrap text to.
  var width: Int { get }
  /// Whether output goes to a terminal (tables then fit its width).
  var isTerminal: Bool { get }
  /// Writes text to standard output.
  func write(_ text: String)
  /// Writes UTF-8 text to standard output as it is, without making a `String` of it.
  func write(bytes: UnsafeBufferPointer<UInt8>)
  /// Writes text to standard error.
  func writeError(_ text: String)
  /// The first write that failed; output is then lost, so sessions and the prompt stop.
  var outputFailure: OutputFailure? { get }
}

extension Console {
  var outputFailure: OutputFailure? { nil }

  func write(bytes: UnsafeBufferPointer<UInt8>) { write(String(decoding: bytes, as: UTF8.self)) }
}

extension Console {
  /// Writes a line to standard output.
  func line(_ text: String = "") { write(text + "\n") }

  /// Writes an error message to standard error, prefixed with `error:` and fitted to a terminal.
  func error(_ message: String) {
    let text = fitted(message, indent: "error: ").dropFirst("error: ".count)
    writeError(Style.error.apply("error:", color: usesColor) + " " + text + "\n")
  }

  /// Writes a warning to standard error, fitted to a terminal.
  func warning(_ message: String) {
    let text = fitted(message, indent: "warning: ").dropFirst("warning: ".count)
    writeError(Style.warning.apply("warning:", color: usesColor) + " " + text + "\n")
  }
}

extension Console {
  /// Wraps `text` (which may span lines) to a terminal's width at word boundaries.
  ///
  /// The first line goes after `indent`, each later line keeps its own indent, and
  /// continuations go 2 columns deeper. On a pipe the text is returned as it is, one line per
  /// entry for tools like grep.
  func fitted(_ text: String, indent: String = "") -> String {
    guard isTerminal else { return indent + text }
    var result: [String] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let own = String(line.prefix { $0 == " " })
      let margin = (index == 0 ? indent : "") + own
      // A prefix such as `error: ` starts the first line only; blank indents carry on.
      let carried = (index == 0 && indent.allSatisfy { $0 == " " } ? indent : "") + own + "  "
      let wrapped = TextWrapper.wrap(
        String(line.dropFirst(own.count)), width: width - margin.count,
        continuationWidth: width - carried.count)
      result.append(margin + wrapped.joined(separator: "\n" + carried))
    }
    return result.joined(separator: "\n")
  }

  /// Shows ArgumentParser's help or usage error the prompt's way: commands without the
  /// `skillquiz` before them, and `help CMD` for more.
  ///
  /// What the user typed, which ArgumentParser quotes back, is shortened to 40 characters and
  /// its control characters are made visible.
  func usageProblem(_ message: String, isHelp: Bool, atPrompt: Bool = true) {
    var text = TerminalText.sanitize(
      message.replacing(/'([^'\n]{41,})'/) { "'" + TerminalText.echo($0.output.1) + "'" })
    if atPrompt {
      text = text.replacingOccurrences(of: "USAGE: skillquiz ", with: "USAGE: ")
        .replacingOccurrences(of: "Usage: skillquiz ", with: "Usage: ")
        .replacingOccurrences(
          of: #"See 'skillquiz (.+) --help' for more information\."#,
          with: "Type 'help $1' for more.", options: .regularExpression)
    }
    if isHelp { return line(text) }
    if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
    error(text)
  }
}

/// The process's standard output and error.
final class StandardConsole: Console {
  let usesColor: Bool
  private let fixedWidth: Int?

  init(usesColor: Bool, width: Int? = nil) {
    self.usesColor = usesColor
    self.fixedWidth = width
  }

  var isTerminal: Bool { fixedWidth != nil || isatty(STDOUT_FILENO) == 1 }

  var width: Int {
    if let fixedWidth { return fixedWidth }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
      return min(Int(size.ws_col), 120)
    }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 20
    {
      return min(columns, 120)
    }
    return 80
  }

  func write(_ text: String) {
    OutputWriter.write(text, to: .output)
  }

  func write(bytes: UnsafeBufferPointer<UInt8>) {
    OutputWriter.write(bytes, to: .output)
  }

  func writeError(_ text: String) {
    OutputWriter.write(text, to: .error)
  }

  var outputFailure: OutputFailure? { OutputWriter.failure }

  /// Whether colour suits this process: a terminal, no `NO_COLOR`, `TERM` not `dumb`.
  static func wantsColor(noColorFlag: Bool, environment: [String: String]) -> Bool {
    if noColorFlag { return false }
    if let value = environment["NO_COLOR"], !value.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(STDOUT_FILENO) == 1
  }
}
