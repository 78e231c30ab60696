import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read, in plain words and with what to do.
public struct InputFileError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong.
  public enum Reason: Equatable, Sendable {
    case notFound
    case permissionDenied
    case isFolder
    /// A FIFO, device or socket: `kind` says which ("a FIFO").
    case notRegularFile(kind: String)
    /// Larger than `limit` bytes; `size` is its size when known (not for `/proc` files,
    /// which claim 0).
    case tooLarge(size: Int?, limit: Int)
    case notUTF8
    /// Any other failure, as an `errno` value.
    case failed(code: Int32)
  }

  /// The path as given.
  public let path: String
  /// What went wrong.
  public let reason: Reason
  /// What the caller wanted, for the fix: "a .yaml file".
  public let expecting: String

  /// Creates an error.
  public init(path: String, reason: Reason, expecting: String) {
    self.path = path
    self.reason = reason
    self.expecting = expecting
  }

  /// What is wrong, as a lowercase fragment: "no such file".
  public var problem: String {
    switch reason {
    case .notFound: "no such file"
    case .permissionDenied: "permission denied"
    case .isFolder: "it is a folder, not a file"
    case .notRegularFile(let kind): "it is not a regular file (it is \(kind))"
    case .tooLarge(let size?, let limit):
      "it is \(YAMLLimits.megabytes(size)); at most \(YAMLLimits.megabytes(limit)) is read"
    case .tooLarge(nil, let limit):
      "it is larger than \(YAMLLimits.megabytes(limit)), the most that is read"
    case .notUTF8: "it is not UTF-8 text"
    case .failed(let code): String(cString: strerror(code)).lowercased()
    }
  }

  /// What to do about it.
  public var fix: String {
    switch reason {
    case .notFound: "check the path; give \(expecting)"
    case .permissionDenied: "make the file readable (chmod u+r), or give a copy you can read"
    case .isFolder, .notRegularFile: "give \(expecting)"
    case .tooLarge: "split it into smaller files"
    case .notUTF8: "save it as UTF-8 text"
    case .failed: "check the file and try again"
    }
  }

  /// "cannot read 'x': no such file" and the fix on a second line; the path is made safe to
  /// print.
  public var description: String {
    "cannot read '\(TerminalText.sanitize(path, keepNewlines: false))': \(problem)\n"
      + "    fix: \(fix)"
  }
}

/// Reads text files we did not write (banks, quiz files, postings) without ever blocking or
/// reading without end.
///
/// Only regular files are read: a FIFO, a device such as `/dev/zero` or a socket is refused
/// before it is opened, and the file is opened non-blocking and checked again once open, in
/// case it was swapped. At most `limit` bytes are read, whatever the file claims its size is.
public enum InputFile {
  /// The text of the regular file at `path`, at most `limit` bytes of UTF-8.
  ///
  /// - Parameters:
  ///   - path: The file; symbolic links are followed.
  ///   - limit: The most bytes to read; a larger file is refused.
  ///   - expecting: What the caller wants, for the fix line: "a .yaml file".
  /// - Returns: The file's text.
  /// - Throws: `InputFileError`.
  public static func read(_ path: String, limit: Int, expecting: String) throws(InputFileError)
    -> String
  {
    func failure(_ reason: InputFileError.Reason) -> InputFileError {
      InputFileError(path: path, reason: reason, expecting: expecting)
    }
    var status = stat()
    guard stat(path, &status) == 0 else { throw failure(reason(errno)) }
    if let kind = kind(status) { throw failure(kind) }
    var descriptor: Int32
    repeat {
      descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else { throw failure(reason(errno)) }
    defer { close(descriptor) }
    guard fstat(descriptor, &status) == 0 else { throw failure(.failed(code: errno)) }
    if let kind = kind(status) { throw failure(kind) }
    let claimed = Int(status.st_size)
    if claimed > limit { throw failure(.tooLarge(size: claimed, limit: limit)) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(claimed + 1)
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { buffer in
        systemRead(descriptor, buffer.baseAddress, buffer.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(.failed(code: errno))
      }
      if count == 0 { break }
      bytes += chunk[..<count]
      if bytes.count > limit { throw failure(.tooLarge(size: nil, limit: limit)) }
    }
    guard let text = String(data: Data(bytes), encoding: .utf8) else { throw failure(.notUTF8) }
    return text
  }

  /// Why a file is refused by its type, or nil for a regular file.
  private static func kind(_ status: stat) -> InputFileError.Reason? {
    switch status.st_mode & S_IFMT {
    case S_IFREG: nil
    case S_IFDIR: .isFolder
    case S_IFIFO: .notRegularFile(kind: "a FIFO")
    case S_IFCHR: .notRegularFile(kind: "a character device")
    case S_IFBLK: .notRegularFile(kind: "a block device")
    case S_IFSOCK: .notRegularFile(kind: "a socket")
    default: .notRegularFile(kind: "an unknown kind of file")
    }
  }

  /// The reason for an `errno` from `stat` or `open`.
  private static func reason(_ code: Int32) -> InputFileError.Reason {
    switch code {
    case ENOENT: .notFound
    case EACCES, EPERM: .permissionDenied
    case EISDIR: .isFolder
    case ENXIO: .notRegularFile(kind: "a socket or device")
    default: .failed(code: code)
    }
  }
}

/// `read(2)`, which `InputFile` hides inside the type.
private func systemRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int)
  -> Int
{
  #if canImport(Glibc)
  Glibc.read(descriptor, bytes, count)
  #else
  Darwin.read(descriptor, bytes, count)
  #endif
}
