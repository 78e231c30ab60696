import SkillQuizKit

/// Reads lines from a pipe or file on standard input: no prompts, no editing, no history.
public final class StandardInputReader: LineReader {
  /// Creates a reader over standard input.
  public init() {}

  public var isInteractive: Bool { false }

  /// Reads a line; end of input also when SIGTERM or SIGHUP came (`TerminationSignals`).
  public func readLine(prompt: String) -> LineInput {
    guard TerminationSignals.received == nil, let line = Swift.readLine(strippingNewline: true)
    else { return .endOfInput }
    return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
  }

  public func addToHistory(_ line: String) {}
}
