import Foundation
import SkillQuizKit
import Synchronization

/// The `skillquiz.sqlite.lock` file: an exclusive `flock` serialises opening (checks and
/// migrations) and closing between processes, and its contents record how the last clean
/// close left the database.
///
/// The record is what makes a full `quick_check` rare: it holds the database's inode, size and
/// modification time (and its `-wal` file's) as they were after the last close that finished.
/// Opening clears it; closing writes it again. When the file no longer matches the record, the
/// last run did not end cleanly or something else wrote the file, and the next open checks
/// every page. Reading and writing it costs one `stat` and a few bytes per run.
final class OpenLock {
  private let descriptor: Int32

  /// Takes the lock, waiting for another process that is opening or closing the database; nil
  /// when the lock file cannot be created (the database is then checked at every open).
  init?(databasePath: String) {
    let descriptor = open(databasePath + ".lock", O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else { return nil }
    fchmod(descriptor, 0o600)
    while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
    self.descriptor = descriptor
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  /// The record of the last clean close, if there is one.
  var cleanClose: String? {
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_size > 0, info.st_size < 4096 else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count == bytes.count else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Clears the record: the database is in use, and a crash from now on leaves no record.
  func clearCleanClose() {
    _ = ftruncate(descriptor, 0)
  }

  /// Records that the database was closed cleanly, as `fingerprint` describes it.
  func recordCleanClose(_ fingerprint: String) {
    let bytes = Array(fingerprint.utf8)
    _ = ftruncate(descriptor, 0)
    _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  /// The database file and its `-wal` as they are now, by their `FileStamp`s.
  static func fingerprint(databasePath path: String) -> String? {
    guard let database = FileStamp(path: path) else { return nil }
    let log = FileStamp(path: path + "-wal")?.text ?? "none"
    return "clean close v2\ndatabase \(database.text)\nwal \(log)\n"
  }
}

/// The databases this process has open, so that a second store on the same file skips the
/// checks (the file is known good and in use) and nothing closes a descriptor under SQLite's
/// locks.
enum OpenDatabases {
  private static let counts = Mutex<[String: Int]>([:])

  static func key(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  static func contains(_ path: String) -> Bool {
    counts.withLock { $0[key(path), default: 0] > 0 }
  }

  static func add(_ path: String) {
    counts.withLock { $0[key(path), default: 0] += 1 }
  }

  /// Forgets one store; returns whether it was the last one on the file.
  @discardableResult
  static func remove(_ path: String) -> Bool {
    counts.withLock {
      let remaining = max(0, $0[key(path), default: 0] - 1)
      $0[key(path)] = remaining == 0 ? nil : remaining
      return remaining == 0
    }
  }
}
