import Foundation

/// What `stat` says about a file: enough to trust that its contents did not change, as git's
/// index does.
struct FileStamp: Equatable {
  let size: Int64
  /// Modification time, nanoseconds since 1970.
  let modified: Int64
  /// Status change time, nanoseconds since 1970.
  let changed: Int64
  let inode: Int64

  /// The stamp of the file at `path` (symbolic links followed); nil when it cannot be seen.
  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    size = Int64(info.st_size)
    modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    inode = Int64(bitPattern: UInt64(info.st_ino))
  }

  init(size: Int64, modified: Int64, changed: Int64, inode: Int64) {
    self.size = size
    self.modified = modified
    self.changed = changed
    self.inode = inode
  }

  /// Whether a file with this stamp, read at `checked`, can be trusted unread.
  ///
  /// It can when it was last modified well before it was read. A file written in the same second as it was read may
  /// change again without its stamp changing on a coarse clock (git's "racily clean" case), so
  /// it is hashed again until its stamp is old enough.
  func isSettled(checkedAt checked: Int64) -> Bool {
    max(modified, changed) < checked - 1_000_000_000
  }

  /// The wall-clock time now, nanoseconds since 1970.
  static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }
}
