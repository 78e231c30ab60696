import CLibEdit
import Foundation
import SkillQuizKit

/// Reads lines through libedit: editing, history, Tab completion, Ctrl-C and Ctrl-D.
///
/// Ctrl-C arrives as a key (the terminal's `isig` is off while editing) and discards the
/// line; Ctrl-D on an empty line ends input. History is saved by `saveHistory()`.
public final class EditLineReader: LineReader {
  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let historyPath: String?
  private let complete: (_ previousWords: [String]) -> [[String]]
  private var prompt = UnsafeMutableBufferPointer<CChar>.allocate(capacity: 1)
  private var wasInterrupted = false

  /// The character that brackets invisible escape sequences inside a prompt.
  public static let promptLiteral: Character = "\u{1}"

  /// Creates a reader on the terminal, or nil when libedit cannot start.
  ///
  /// - Parameters:
  ///   - programName: The name used for `~/.editrc` sections.
  ///   - historyPath: Where history is loaded from and saved to.
  ///   - complete: The candidate words in preference tiers, given the words before the one
  ///     being completed.
  public init?(
    programName: String, historyPath: String?,
    complete: @escaping (_ previousWords: [String]) -> [[String]]
  ) {
    guard let editLine = el_init(programName, cle_stdin(), cle_stdout(), cle_stderr()) else {
      return nil
    }
    guard let history = history_init() else {
      el_end(editLine)
      return nil
    }
    self.editLine = editLine
    self.history = history
    self.historyPath = historyPath
    self.complete = complete
    prompt.initialize(repeating: 0)

    cle_history_setsize(history, 1000)
    cle_history_setunique(history, 1)
    if let historyPath { cle_history_load(history, historyPath) }
    cle_set_editor(editLine, "emacs")
    cle_set_signal(editLine, 1)
    cle_set_history(editLine, history)
    cle_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
    cle_set_prompt(editLine, { EditLineReader.from($0)?.prompt.baseAddress }, 1)
    cle_add_function(editLine, "skillquiz-complete", "Complete a command or skill") { line, _ in
      EditLineReader.from(line)?.completeWordBeforeCursor() ?? UInt8(CC_ERROR)
    }
    cle_bind(editLine, "^I", "skillquiz-complete")
    cle_set_edit_tty_mode(editLine, "-isig")
    cle_add_function(editLine, "skillquiz-interrupt", "Discard the line") { line, _ in
      guard let reader = EditLineReader.from(line) else { return UInt8(CC_ERROR) }
      reader.wasInterrupted = true
      return UInt8(CC_EOF)
    }
    cle_bind(editLine, "^C", "skillquiz-interrupt")
    el_source(editLine, nil)
  }

  deinit {
    el_end(editLine)
    history_end(history)
    prompt.deallocate()
  }

  public var isInteractive: Bool { true }

  /// Reads a line; end of input also when SIGTERM or SIGHUP came (`TerminationSignals`).
  public func readLine(prompt text: String) -> LineInput {
    setPrompt(text)
    while TerminationSignals.received == nil {
      wasInterrupted = false
      var count: Int32 = 0
      guard let bytes = el_gets(editLine, &count), count > 0 else {
        if wasInterrupted {
          fflush(cle_stdout())
          OutputWriter.write("^C\n", to: .output)
          return .interrupted
        }
        // A signal that is not ours (SIGHUP under nohup) interrupted the read: read again.
        if count == -1 && errno == EINTR { continue }
        return .endOfInput
      }
      var line = String(cString: bytes)
      if line.hasSuffix("\n") { line.removeLast() }
      return .line(line)
    }
    return .endOfInput
  }

  public func addToHistory(_ line: String) {
    guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
    cle_history_enter(history, line)
  }

  /// Writes the history file, creating its folder first.
  public func saveHistory() {
    guard let historyPath else { return }
    let folder = (historyPath as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    // Created 0600 before libedit opens it, whatever the umask; never through a symbolic link,
    // and never into a file that is not ours.
    let descriptor = open(historyPath, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o600)
    guard descriptor >= 0 else { return }
    var status = stat()
    let isOurs =
      fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
      && status.st_uid == getuid() && fchmod(descriptor, 0o600) == 0
    close(descriptor)
    guard isOurs else { return }
    cle_history_save(history, historyPath)
  }

  private func setPrompt(_ text: String) {
    let bytes = text.utf8CString
    prompt.deallocate()
    prompt = .allocate(capacity: bytes.count)
    _ = prompt.initialize(from: bytes)
  }

  private static func from(_ editLine: OpaquePointer?) -> EditLineReader? {
    guard let editLine, let data = cle_get_clientdata(editLine) else { return nil }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
  }

  private func completeWordBeforeCursor() -> UInt8 {
    guard let info = el_line(editLine)?.pointee, let start = info.buffer,
      let cursor = info.cursor
    else { return UInt8(CC_ERROR) }
    let textBeforeCursor = String(
      decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
    switch completionAction(forTextBeforeCursor: textBeforeCursor, candidates: complete) {
    case .insert(let text):
      el_insertstr(editLine, text)
      return UInt8(CC_REFRESH)
    case .list(let all):
      var size = winsize()
      let width =
        ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
        ? Int(size.ws_col) : 80
      let rows = completionColumns(all, width: width - 1)
      fflush(cle_stdout())
      OutputWriter.write("\n" + rows.joined(separator: "\n") + "\n", to: .output)
      return UInt8(CC_REDISPLAY)
    case .beep:
      return UInt8(CC_REFRESH_BEEP)
    }
  }
}
