import Foundation

/// What `stat` says about a file: enough to trust that its contents did not change, as git's
/// index does (any write moves the modification time; any write or `chmod`, the change time).
///
/// The question index, the openings sync and the database's clean-close record all use it.
public struct FileStamp: Equatable, Sendable {
  /// Size in bytes.
  public let size: Int64
  /// Modification time, nanoseconds since 1970.
  public let modified: Int64
  /// Status change time, nanoseconds since 1970.
  public let changed: Int64
  /// The inode number.
  public let inode: Int64

  /// The stamp of the file at `path` (symbolic links followed); nil when it cannot be seen,
  /// or when `regularOnly` and it is not a regular file.
  public init?(path: String, regularOnly: Bool = false) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    if regularOnly, info.st_mode & S_IFMT != S_IFREG { return nil }
    size = Int64(info.st_size)
    modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    inode = Int64(bitPattern: UInt64(info.st_ino))
  }

  /// A stamp as stored earlier.
  public init(size: Int64, modified: Int64, changed: Int64, inode: Int64) {
    self.size = size
    self.modified = modified
    self.changed = changed
    self.inode = inode
  }

  /// Whether a file with this stamp, read at `checked`, can be trusted unread.
  ///
  /// It can when it was last modified well before it was read. A file written in the same
  /// second as it was read may change again without its stamp changing on a coarse clock (git's "racily clean" case), so
  /// it is hashed again until its stamp is old enough.
  public func isSettled(checkedAt checked: Int64) -> Bool {
    max(modified, changed) < checked - 1_000_000_000
  }

  /// The wall-clock time now, nanoseconds since 1970.
  public static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }

  /// The stamp as one line of text: `size:modified:changed:inode`.
  public var text: String { "\(size):\(modified):\(changed):\(inode)" }
}
