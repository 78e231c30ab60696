import Foundation

/// A `-wal` file next to a database, read without SQLite: whether SQLite would replay anything
/// from it, and whether it was written for this database.
///
/// The format (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header (magic,
/// version, page size, checkpoint sequence, salt-1 and salt-2, a checksum of the first 24
/// bytes), then frames of a 24-byte header (page number, the database size for the last frame
/// of a transaction, the salts again, a running checksum) and one page. SQLite replays the
/// frames up to the last commit frame of the run whose salts and checksums are right.
///
/// Nothing in the database file names its log, so a log from another database replays cleanly
/// into ours. skillquiz ties them together through page 1: every skillquiz write transaction
/// rewrites page 1 (`PRAGMA user_version`, which holds a random identity of the database), and
/// SQLite writes a transaction's pages in page order, so a log skillquiz wrote carries a copy of
/// page 1 with the database's application id and identity.
enum WriteAheadLog {
  /// What a log holds for its database.
  enum Verdict: Equatable, Sendable {
    /// No log, or an empty one.
    case absent
    /// A log SQLite would ignore: nothing committed in it (the reason says why).
    case nothingToReplay(String)
    /// Written for this database: SQLite replays it.
    case belongs
    /// Next to a database without an identity yet (an earlier skillquiz's): it cannot be told
    /// apart, so it is replayed as before.
    case unverifiable
    /// A running program has the database open: the log is its own, and is left to SQLite.
    case inUse
    /// Written for another database (the reason says how that shows): moved aside, never
    /// replayed.
    case foreign(String)

    /// Whether SQLite will read the log as part of the database.
    var isReplayed: Bool {
      switch self {
      case .belongs, .unverifiable, .inUse: true
      case .absent, .nothingToReplay, .foreign: false
      }
    }
  }

  static let headerLength = 32
  static let frameHeaderLength = 24

  /// Judges the log at `path` against the header of its database file.
  ///
  /// - Parameters:
  ///   - path: The `-wal` file.
  ///   - database: The database file's header; nil for an empty or missing database, next to
  ///     which any committed log is foreign (SQLite would delete it).
  /// - Returns: What the log holds for the database.
  static func examine(path: String, database: DatabaseHeader?) -> Verdict {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return .absent }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      return .foreign("it is not a regular file")
    }
    let fileSize = Int(info.st_size)
    if fileSize == 0 { return .absent }
    guard let header = read(descriptor, count: headerLength, at: 0) else {
      return .nothingToReplay("it is shorter than a log header")
    }
    let magic = header.bigEndianUInt32(at: 0)
    guard magic & 0xFFFF_FFFE == 0x377F_0682 else {
      return .nothingToReplay("it does not start like a write-ahead log")
    }
    let bigEndian = magic & 1 == 1
    let pageSize = Int(header.bigEndianUInt32(at: 8))
    guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
      return .nothingToReplay("its page size is not valid")
    }
    var sum = checksum(header[0..<24], bigEndian: bigEndian, seed: (0, 0))
    guard sum == (header.bigEndianUInt32(at: 24), header.bigEndianUInt32(at: 28)) else {
      return .nothingToReplay("its header checksum is wrong")
    }
    let salts = (header.bigEndianUInt32(at: 16), header.bigEndianUInt32(at: 20))
    // Read frames while they are valid, until a commit and a copy of page 1 have been seen.
    var firstPageOne: [UInt8]?
    var committed = false
    var offset = headerLength
    let frameLength = frameHeaderLength + pageSize
    while offset + frameLength <= fileSize, firstPageOne == nil || !committed {
      guard let frame = read(descriptor, count: frameLength, at: offset) else { break }
      let page = frame.bigEndianUInt32(at: 0)
      guard page != 0, frame.bigEndianUInt32(at: 8) == salts.0,
        frame.bigEndianUInt32(at: 12) == salts.1
      else { break }
      sum = checksum(frame[0..<8], bigEndian: bigEndian, seed: sum)
      sum = checksum(frame[frameHeaderLength...], bigEndian: bigEndian, seed: sum)
      guard sum == (frame.bigEndianUInt32(at: 16), frame.bigEndianUInt32(at: 20)) else { break }
      if page == 1, firstPageOne == nil {
        firstPageOne = Array(frame[frameHeaderLength..<(frameHeaderLength + 100)])
      }
      if frame.bigEndianUInt32(at: 4) != 0 { committed = true }
      offset += frameLength
    }
    guard committed else { return .nothingToReplay("no transaction in it is complete") }
    guard header.bigEndianUInt32(at: 4) == 3_007_000 else {
      return .foreign("its format version is not one SQLite writes")
    }
    guard let database else { return .foreign("its database is empty") }
    guard pageSize == database.pageSize else {
      return .foreign(
        "its pages are \(pageSize) bytes and the database's \(database.pageSize) bytes")
    }
    let copy = firstPageOne.flatMap(DatabaseHeader.init)
    if database.isSkillquiz, database.identity != 0 {
      guard let copy else { return .foreign("it holds no copy of the database header") }
      guard copy.isSkillquiz, copy.identity == database.identity else {
        return .foreign("its copy of the database header carries another identity")
      }
      return .belongs
    }
    if let copy, copy.applicationID != 0, !copy.isSkillquiz {
      return .foreign(
        "its copy of the database header carries another program's application id "
          + hex(copy.applicationID)
      )
    }
    return .unverifiable
  }

  /// Whether another process has the database open through SQLite: its connections hold a read
  /// lock on the "dead man switch" byte of the `-shm` file (offset 128 on Unix) while open.
  ///
  /// Call only when this process has no connection to the database: closing the descriptor
  /// opened here would drop this process's own locks on the `-shm` file.
  static func isInUseByAnotherProcess(databasePath: String) -> Bool {
    let descriptor = open(databasePath + "-shm", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var lock = flock()
    lock.l_type = Int16(F_WRLCK)
    lock.l_whence = Int16(SEEK_SET)
    lock.l_start = 128
    lock.l_len = 1
    guard fcntl(descriptor, F_GETLK, &lock) == 0 else { return false }
    return lock.l_type != Int16(F_UNLCK)
  }

  /// SQLite's log checksum over 32-bit words in the log's byte order.
  static func checksum(
    _ bytes: ArraySlice<UInt8>, bigEndian: Bool, seed: (UInt32, UInt32)
  ) -> (UInt32, UInt32) {
    var (s0, s1) = seed
    var index = bytes.startIndex
    while index + 8 <= bytes.endIndex {
      let first = word(bytes, at: index, bigEndian: bigEndian)
      let second = word(bytes, at: index + 4, bigEndian: bigEndian)
      s0 = s0 &+ first &+ s1
      s1 = s1 &+ second &+ s0
      index += 8
    }
    return (s0, s1)
  }

  private static func word(_ bytes: ArraySlice<UInt8>, at index: Int, bigEndian: Bool) -> UInt32 {
    let b0 = UInt32(bytes[index])
    let b1 = UInt32(bytes[index + 1])
    let b2 = UInt32(bytes[index + 2])
    let b3 = UInt32(bytes[index + 3])
    return bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0
  }

  private static func read(_ descriptor: Int32, count: Int, at offset: Int) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let result = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return -1 }
        return pread(descriptor, base + done, count - done, off_t(offset + done))
      }
      if result < 0, errno == EINTR { continue }
      guard result > 0 else { return nil }
      done += result
    }
    return bytes
  }

  static func hex(_ value: UInt32) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
  }
}
