import Foundation
import Synchronization

/// Standard output or standard error.
public enum StandardStream: Sendable, Equatable {
  case output
  case error

  /// The stream's file descriptor.
  public var descriptor: Int32 { self == .output ? STDOUT_FILENO : STDERR_FILENO }

  /// The stream's name in messages.
  public var name: String { self == .output ? "standard output" : "standard error" }
}

/// A write to standard output or standard error that failed; the command then stops.
public struct OutputFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// The stream that could not be written.
  public let stream: StandardStream
  /// The `errno` of the failed write.
  public let code: Int32

  public init(stream: StandardStream, code: Int32) {
    self.stream = stream
    self.code = code
  }

  /// Whether the reader went away (`EPIPE`), as when output is piped into `head`: the
  /// command then ends quietly.
  public var isClosedPipe: Bool { code == EPIPE }

  /// The exit status: 141 for a closed pipe (what a shell shows for SIGPIPE), else 74
  /// (`EX_IOERR`).
  public var exitStatus: Int32 { isClosedPipe ? 128 + SIGPIPE : 74 }

  public var description: String {
    "cannot write to \(stream.name): \(String(cString: strerror(code)))"
  }
}

/// The one way skillquiz writes to standard output and standard error: `write(2)` in a loop
/// that retries interrupted and partial writes, and records a failure instead of trapping.
///
/// After a stream fails, further writes to it are dropped; the first failure is kept for the
/// exit status (`failure`).
public enum OutputWriter {
  private struct State {
    var failure: OutputFailure?
    var broken: [StandardStream] = []
  }

  private static let state = Mutex(State())

  /// Prepares the process: ignores SIGPIPE, so a closed pipe arrives as `EPIPE`, and puts a
  /// read-only `/dev/null` on a closed descriptor 0, 1 or 2, so no file opened later takes
  /// its place and receives output (writes to it then fail with `EBADF`).
  public static func prepareProcess() {
    signal(SIGPIPE, SIG_IGN)
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
    where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
      let opened = open("/dev/null", O_RDONLY)
      if opened >= 0 && opened != descriptor {
        dup2(opened, descriptor)
        close(opened)
      }
    }
  }

  /// Writes all of `text`, or records why not.
  public static func write(_ text: String, to stream: StandardStream) {
    guard !text.isEmpty else { return }
    var text = text
    text.withUTF8 { write($0, to: stream) }
  }

  /// Writes all of `bytes` (UTF-8 text), or records why not.
  public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to stream: StandardStream) {
    guard !bytes.isEmpty, !isBroken(stream) else { return }
    guard let code = writeAll(bytes, to: stream.descriptor) else { return }
    state.withLock {
      if $0.failure == nil { $0.failure = OutputFailure(stream: stream, code: code) }
      $0.broken.append(stream)
    }
  }

  /// The first write that failed, if any.
  public static var failure: OutputFailure? { state.withLock { $0.failure } }

  /// Whether writes to `stream` have failed (later ones are dropped).
  public static func isBroken(_ stream: StandardStream) -> Bool {
    state.withLock { $0.broken.contains(stream) }
  }

  /// Writes every byte to `descriptor`, retrying after `EINTR`, partial writes and `EAGAIN`
  /// (a non-blocking descriptor); returns the `errno` of a failure, or nil.
  public static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32)
    -> Int32?
  {
    guard var next = bytes.baseAddress else { return nil }
    var remaining = bytes.count
    while remaining > 0 {
      let written = systemWrite(descriptor, next, remaining)
      if written > 0 {
        next += written
        remaining -= written
        continue
      }
      if written == 0 { return EIO }
      switch errno {
      case EINTR:
        continue
      case EAGAIN, EWOULDBLOCK:
        var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        while poll(&ready, 1, -1) == -1 {
          if errno != EINTR { return errno }
        }
      case let code:
        return code
      }
    }
    return nil
  }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
  #if canImport(Glibc)
  Glibc.write(descriptor, bytes, count)
  #else
  Darwin.write(descriptor, bytes, count)
  #endif
}
