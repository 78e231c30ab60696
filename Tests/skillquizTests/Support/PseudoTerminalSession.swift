import CPseudoTerminal
import Foundation

/// Errors from driving a program on a pseudo-terminal.
struct PseudoTerminalError: Error, CustomStringConvertible {
  let description: String
}

/// Runs a program on a pseudo-terminal, so libedit is really active, and types into it.
final class PseudoTerminalSession {
  private var master: Int32
  let pid: pid_t
  private(set) var transcript = ""
  private var searchStart: String.Index
  private var exitStatus: Int32?

  init(executable: URL, arguments: [String], environment: [String: String]) throws {
    var path = [CChar](repeating: 0, count: 128)
    master = cpt_open_master(&path, path.count)
    guard master >= 0 else { throw PseudoTerminalError(description: "posix_openpt failed") }
    // Only this process holds the master, so closing it hangs the terminal up.
    _ = fcntl(master, F_SETFD, FD_CLOEXEC)
    _ = cpt_set_window_size(master, 40, 100)
    let slavePath = String(
      decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    pid = cpt_spawn_on_terminal(slavePath, master, argv, envp)
    searchStart = transcript.startIndex
    guard pid > 0 else {
      close(master)
      throw PseudoTerminalError(description: "spawning \(executable.path) failed")
    }
  }

  deinit {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
    if master >= 0 { close(master) }
  }

  /// Reads whatever the program printed within `milliseconds`.
  private func pump(milliseconds: Int32) {
    guard master >= 0 else {
      usleep(UInt32(milliseconds) * 1000)
      return
    }
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, milliseconds) > 0 else { return }
    var bytes = [UInt8](repeating: 0, count: 4096)
    let count = read(master, &bytes, bytes.count)
    if count > 0 {
      let offset = transcript.distance(from: transcript.startIndex, to: searchStart)
      transcript += String(decoding: bytes[0..<count], as: UTF8.self)
      searchStart = transcript.index(transcript.startIndex, offsetBy: offset)
    }
  }

  /// Waits until `text` appears after the previous match; returns what came before it.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 10) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let range = transcript.range(of: text, range: searchStart..<transcript.endIndex) {
        let before = String(transcript[searchStart..<range.lowerBound])
        searchStart = range.upperBound
        return before
      }
      pump(milliseconds: 50)
    }
    throw PseudoTerminalError(
      description: "timed out waiting for \(text.debugDescription); screen so far:\n"
        + String(transcript[searchStart...]).suffix(1500))
  }

  /// Waits until the terminal is in raw mode: libedit is reading keys.
  func waitForRawMode(seconds: Double = 10) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if cpt_is_canonical(master) == 0 { return }
      pump(milliseconds: 20)
    }
    throw PseudoTerminalError(description: "the program never switched the terminal to raw mode")
  }

  /// Waits for the prompt and raw mode, then types.
  func type(_ keys: String, after prompt: String? = nil) throws {
    if let prompt { try waitFor(prompt) }
    try waitForRawMode()
    let bytes = Array(keys.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Waits for the program to exit; returns its exit status.
  func waitForExit(seconds: Double = 10) throws -> Int32 {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid {
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return exitStatus ?? -1
      }
      pump(milliseconds: 20)
    }
    throw PseudoTerminalError(description: "the program did not exit")
  }

  /// Sends the program a signal, as `kill` would.
  func send(_ signal: Int32) {
    kill(pid, signal)
  }

  /// Closes the terminal, as closing its window would: the program's reads end and its writes
  /// fail (and it gets SIGHUP unless it ignores it).
  func hangUp() {
    guard master >= 0 else { return }
    close(master)
    master = -1
  }

  /// Kills the program at once, as a crash would.
  func killHard() throws -> Int32 {
    kill(pid, SIGKILL)
    return try waitForExit()
  }
}
