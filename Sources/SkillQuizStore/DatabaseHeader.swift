import Foundation
import GRDBSQLite

/// The fields skillquiz reads from the first 100 bytes of an SQLite file (the database header,
/// https://www.sqlite.org/fileformat2.html#the_database_header), without SQLite parsing it.
struct DatabaseHeader: Equatable {
  /// `"SQLite format 3\0"`: the first 16 bytes of every SQLite database.
  static let magic = Array("SQLite format 3\0".utf8)
  /// skillquiz's `PRAGMA application_id`: `'SkQz'` in ASCII.
  static let skillquizApplicationID: UInt32 = 0x536B_517A
  /// The header's length in bytes.
  static let length = 100

  /// The page size in bytes (512 to 65536).
  let pageSize: Int
  /// `PRAGMA application_id`: 0 when unset.
  let applicationID: UInt32
  /// `PRAGMA user_version`: skillquiz keeps a random identity of the database there (0 in a
  /// database an earlier skillquiz wrote), so a write-ahead log can be matched to its database.
  let identity: UInt32
  /// Whether the file is in WAL mode (read and write versions 2).
  let isWAL: Bool

  /// Parses a header, or returns nil when the bytes are not an SQLite database's.
  init?(_ bytes: [UInt8]) {
    guard bytes.count >= Self.length, Array(bytes[0..<16]) == Self.magic else { return nil }
    let size = Int(bytes.bigEndianUInt16(at: 16))
    let pageSize = size == 1 ? 65536 : size
    guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else { return nil }
    self.pageSize = pageSize
    applicationID = bytes.bigEndianUInt32(at: 68)
    identity = bytes.bigEndianUInt32(at: 60)
    isWAL = bytes[18] == 2 && bytes[19] == 2
  }

  /// Whether the application id is skillquiz's.
  var isSkillquiz: Bool { applicationID == Self.skillquizApplicationID }

  /// Reads the first bytes of the database file through SQLite's own file layer, so that a
  /// connection this process already has open keeps its POSIX locks (closing a plain file
  /// descriptor would drop them: https://www.sqlite.org/howtocorrupt.html#_posix_advisory_locks_canceled_by_a_separate_thread_doing_close_).
  ///
  /// - Returns: The bytes read (fewer when the file is shorter), or nil when it cannot be read.
  static func readBytes(ofDatabaseAt path: String, count: Int = length) -> [UInt8]? {
    guard let vfs = sqlite3_vfs_find(nil), let open = vfs.pointee.xOpen,
      let name = sqlite3_create_filename(path, "", "", 0, nil)
    else { return nil }
    defer { sqlite3_free_filename(name) }
    let storage = UnsafeMutableRawPointer.allocate(
      byteCount: Int(vfs.pointee.szOsFile), alignment: 16)
    defer { storage.deallocate() }
    let file = storage.bindMemory(to: sqlite3_file.self, capacity: 1)
    file.pointee.pMethods = nil
    var outFlags: Int32 = 0
    let code = open(vfs, name, file, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READONLY, &outFlags)
    guard let methods = file.pointee.pMethods else { return nil }
    defer { _ = methods.pointee.xClose?(file) }
    guard code == SQLITE_OK, let read = methods.pointee.xRead, let size = methods.pointee.xFileSize
    else { return nil }
    var fileSize: sqlite3_int64 = 0
    guard size(file, &fileSize) == SQLITE_OK else { return nil }
    let wanted = Int(min(sqlite3_int64(count), fileSize))
    var bytes = [UInt8](repeating: 0, count: wanted)
    if wanted > 0 {
      let result = bytes.withUnsafeMutableBytes { read(file, $0.baseAddress, Int32(wanted), 0) }
      guard result == SQLITE_OK else { return nil }
    }
    return bytes
  }
}

extension Array where Element == UInt8 {
  func bigEndianUInt16(at offset: Int) -> UInt16 {
    UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
  }

  func bigEndianUInt32(at offset: Int) -> UInt32 {
    UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8
      | UInt32(self[offset + 3])
  }
}
