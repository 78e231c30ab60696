/// What one attempt to read a line produced.
public enum LineInput: Sendable, Equatable {
  /// A line, without its newline.
  case line(String)
  /// Ctrl-C: the partial line was discarded.
  case interrupted
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
}

/// A source of input lines: libedit on a terminal, stdin on a pipe, a script in tests.
public protocol LineReader: AnyObject {
  /// Whether a person is typing, so prompts and colour make sense.
  var isInteractive: Bool { get }
  /// Shows `prompt` (when interactive) and reads one line.
  func readLine(prompt: String) -> LineInput
  /// Remembers a line for history navigation.
  func addToHistory(_ line: String)
}

/// Lines from a list, for tests.
public final class ScriptedLineReader: LineReader {
  private var inputs: [LineInput]
  /// The prompts shown so far.
  public private(set) var prompts: [String] = []
  /// The lines added to history so far.
  public private(set) var history: [String] = []
  public let isInteractive: Bool

  /// Creates a reader that returns `inputs` in order, then end of input.
  public init(_ inputs: [LineInput], isInteractive: Bool = false) {
    self.inputs = inputs
    self.isInteractive = isInteractive
  }

  /// Creates a reader over plain lines.
  public convenience init(lines: [String], isInteractive: Bool = false) {
    self.init(lines.map(LineInput.line), isInteractive: isInteractive)
  }

  public func readLine(prompt: String) -> LineInput {
    prompts.append(prompt)
    return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
  }

  public func addToHistory(_ line: String) { history.append(line) }
}
