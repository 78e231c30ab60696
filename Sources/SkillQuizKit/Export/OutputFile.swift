import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: standard output ("-") or a path.
public enum OutputDestination: Sendable, Equatable {
  case standardOutput
  /// The path as the user typed it, with a leading `~` expanded.
  case file(String)

  /// Reads a command-line argument; "-" is standard output.
  public init(_ argument: String) {
    self = argument == "-" ? .standardOutput : .file((argument as NSString).expandingTildeInPath)
  }
}

/// Why an output file could not be written.
public enum OutputFileError: Error, CustomStringConvertible, Equatable {
  /// No path was given.
  case emptyPath
  /// The path names a folder.
  case isFolder(path: String)
  /// The folder that should hold the file does not exist.
  case missingFolder(path: String, folder: String)
  /// The path goes through too many symbolic links, or they loop.
  case tooManyLinks(path: String)
  /// A system call failed with `code` (an `errno` value) while doing `action`.
  case failed(path: String, action: String, code: Int32)

  public var description: String {
    switch self {
    case .emptyPath:
      return "no output path given; give a file name, or '-' for standard output"
    case .isFolder(let path):
      let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
      return "'\(path)' is a folder; give a file name such as '\(folder)/answers.csv'"
    case .missingFolder(let path, let folder):
      return
        "cannot write '\(path)': folder '\(folder)' does not exist; create it first or choose another path"
    case .tooManyLinks(let path):
      return
        "cannot write '\(path)': too many symbolic links (a loop?); point it at a file instead"
    case .failed(let path, let action, let code):
      let reason = String(cString: strerror(code)).lowercased()
      return "cannot \(action) '\(path)': \(reason)\(Self.hint(code))"
    }
  }

  private static func hint(_ code: Int32) -> String {
    switch code {
    case EACCES, EPERM: "; check its permissions or choose another path"
    case ENOSPC, EDQUOT: "; free some disk space and try again"
    case EROFS: "; the file system is read-only, choose another path"
    case EPIPE: "; the reader stopped before everything was written"
    case ENOTDIR: "; part of the path is a file, not a folder"
    case ENXIO: "; nothing is listening on it"
    default: ""
    }
  }
}

/// Writes command output to a path without ever replacing a device, FIFO or link.
public enum OutputFile {
  /// How many symbolic links `write` follows before giving up.
  static let maximumLinks = 40

  /// Writes `data` to `path` safely, and says where it went.
  ///
  /// A regular file is replaced atomically (new files get mode 0600, existing ones keep their
  /// permissions); symbolic links are followed and the file they point to is written; devices,
  /// FIFOs and terminals are opened and written into, never replaced.
  ///
  /// - Returns: The path of the file written (the link's target for a link), or `path` itself
  ///   for a device or FIFO.
  public static func write(_ data: Data, to path: String) throws(OutputFileError) -> String {
    do {
      return try write(to: path) { emit in try emit(data) }
    } catch let error as OutputFileError {
      throw error
    } catch {
      throw .failed(path: path, action: "write", code: EIO)
    }
  }

  /// Writes what `contents` emits to `path`, as `write(_:to:)` does, one piece at a time: the
  /// whole output is never held in memory.
  ///
  /// `contents` calls `emit` with each piece; an error it throws (its own, or `emit`'s
  /// `OutputFileError`) stops the write, and a regular file is then left as it was.
  public static func write(
    to path: String, contents: (_ emit: (Data) throws(OutputFileError) -> Void) throws -> Void
  ) throws(any Error) -> String {
    guard !path.isEmpty else { throw OutputFileError.emptyPath }
    var status = stat()
    if stat(path, &status) == 0 {
      switch status.st_mode & S_IFMT {
      case S_IFDIR:
        throw OutputFileError.isFolder(path: path)
      case S_IFREG:
        let target = try resolveLinks(path)
        guard !target.throughDescriptor else {
          // /dev/stdout and /proc/self/fd/N name an open file: add to it, never replace it.
          try writeInPlace(contents, to: path, flags: O_APPEND)
          return path
        }
        try replace(target.path, with: contents, existing: status)
        return canonical(target.path)
      default:
        try writeInPlace(contents, to: path, flags: 0)
        return path
      }
    }
    switch errno {
    case ENOENT:
      // Nothing there, or a dangling link: create the file the path (or its links) names.
      let target = try resolveLinks(path).path
      try replace(target, with: contents, existing: nil)
      return canonical(target)
    case ELOOP:
      throw OutputFileError.tooManyLinks(path: path)
    case let code:
      throw OutputFileError.failed(path: path, action: "write", code: code)
    }
  }

  /// Follows `path` through symbolic links to the name that is not a link (or does not exist).
  private static func resolveLinks(
    _ path: String
  ) throws(OutputFileError) -> (path: String, throughDescriptor: Bool) {
    var current = path
    var throughDescriptor = false
    for _ in 0...maximumLinks {
      throughDescriptor =
        throughDescriptor || current.hasPrefix("/proc/") || current.hasPrefix("/dev/fd/")
      var status = stat()
      guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else {
        return (current, throughDescriptor)
      }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count >= 0 else { throw .failed(path: current, action: "read the link", code: errno) }
      let target = String(
        decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = target.hasPrefix("/") ? target : folder(of: current) + "/" + target
    }
    throw .tooManyLinks(path: path)
  }

  /// Replaces (or creates) the regular file at `path` through a temporary file and a rename.
  private static func replace(
    _ path: String, with contents: (_ emit: (Data) throws(OutputFileError) -> Void) throws -> Void,
    existing: stat?
  ) throws(any Error) {
    let folder = folder(of: path)
    var status = stat()
    guard stat(folder, &status) == 0 else {
      if errno == ENOENT { throw OutputFileError.missingFolder(path: path, folder: folder) }
      throw OutputFileError.failed(path: folder, action: "open the folder", code: errno)
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw OutputFileError.failed(path: path, action: "write", code: ENOTDIR)
    }
    let name = path.split(separator: "/").last.map(String.init) ?? "output"
    var template = Array("\(folder)/.\(name).XXXXXX".utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else {
      throw OutputFileError.failed(path: folder, action: "create a temporary file in", code: errno)
    }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var isOpen = true
    var isRenamed = false
    defer {
      if isOpen { close(descriptor) }
      if !isRenamed { unlink(temporary) }
    }
    if let existing {
      // Keeps the owner when root replaces someone else's file; fails harmlessly otherwise.
      _ = fchown(descriptor, existing.st_uid, existing.st_gid)
    }
    let mode = existing.map { $0.st_mode & 0o7777 } ?? 0o600
    guard fchmod(descriptor, mode) == 0 else {
      throw OutputFileError.failed(path: path, action: "set the permissions of", code: errno)
    }
    try contents { (data: Data) throws(OutputFileError) in
      if let code = writeAll(data, to: descriptor) {
        throw .failed(path: path, action: "write", code: code)
      }
    }
    guard fsync(descriptor) == 0 else {
      throw OutputFileError.failed(path: path, action: "write", code: errno)
    }
    isOpen = false
    guard close(descriptor) == 0 else {
      throw OutputFileError.failed(path: path, action: "write", code: errno)
    }
    guard rename(temporary, path) == 0 else {
      throw OutputFileError.failed(path: path, action: "replace", code: errno)
    }
    isRenamed = true
    let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      // Makes the rename durable; the data is already safe if this fails.
      _ = fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }

  /// Opens what `path` names (a device, FIFO, terminal or open descriptor) and writes into it.
  private static func writeInPlace(
    _ contents: (_ emit: (Data) throws(OutputFileError) -> Void) throws -> Void, to path: String,
    flags: Int32
  ) throws(any Error) {
    var descriptor: Int32
    repeat {
      descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | flags)
    } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else {
      throw OutputFileError.failed(path: path, action: "open", code: errno)
    }
    let failure: (any Error)? = withoutBrokenPipeSignal(descriptor) {
      do {
        try contents { (data: Data) throws(OutputFileError) in
          if let code = writeAll(data, to: descriptor) {
            throw .failed(path: path, action: "write", code: code)
          }
        }
        return nil
      } catch {
        return error
      }
    }
    if let failure {
      close(descriptor)
      throw failure
    }
    guard close(descriptor) == 0 || errno == EINTR else {
      throw OutputFileError.failed(path: path, action: "write", code: errno)
    }
  }

  /// Writes every byte, retrying short writes and interrupted calls; returns `errno` on failure.
  private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int32? in
      guard let base = bytes.baseAddress else { return nil }
      var offset = 0
      while offset < bytes.count {
        let written = systemWrite(descriptor, base + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        if written == 0 { return EIO }
        offset += written
      }
      return nil
    }
  }

  /// Runs `body` so that a reader going away gives `EPIPE` instead of killing the process.
  private static func withoutBrokenPipeSignal<T>(_ descriptor: Int32, _ body: () -> T) -> T {
    #if os(Linux)
    // SIGPIPE for a write goes to the writing thread: block it here, and take it back if the
    // write raised it, so no other thread and no later code sees it.
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    var pending = sigset_t()
    sigpending(&pending)
    let wasPending = sigismember(&pending, SIGPIPE) == 1
    let result = body()
    sigpending(&pending)
    if !wasPending, sigismember(&pending, SIGPIPE) == 1 {
      var noWait = timespec(tv_sec: 0, tv_nsec: 0)
      while sigtimedwait(&pipeSignal, nil, &noWait) < 0, errno == EINTR {}
    }
    return result
    #else
    _ = fcntl(descriptor, F_SETNOSIGPIPE, 1)
    return body()
    #endif
  }

  /// `path` without links, `.` or `..`, for messages; `path` itself if that fails.
  private static func canonical(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The folder part of `path` ("." when there is none).
  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}

/// `write(2)`, which `OutputFile.write` hides inside the type.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  Glibc.write(descriptor, bytes, count)
  #else
  Darwin.write(descriptor, bytes, count)
  #endif
}
