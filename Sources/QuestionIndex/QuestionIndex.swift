import Dispatch
import Foundation
import SkillQuizKit
import Synchronization

/// The question index: parsed banks kept in an SQLite file in the cache folder, so a start reads
/// the catalog, the file reports and the counts, and a session reads only the questions it asks.
///
/// Each bank file is keyed on its content hash (and the whole index on skillquiz's build and on
/// `skills.yaml`). A file whose size, modification and change times and inode equal what was
/// recorded is trusted without being read, unless it was modified within a second of being read;
/// otherwise it is hashed, and parsed again only when its hash changed. The index is a cache:
/// a missing, foreign, corrupt or truncated file is thrown away and rebuilt, and when no index can
/// be written the banks are loaded in memory as before.
public struct QuestionIndex: Sendable {
  /// The banks folder: `skills.yaml` and the bank files below it.
  public let banks: URL
  /// The folder the index file lives in.
  public let folder: URL
  /// Identifies the skillquiz build; an index written by another build is rebuilt.
  public let buildIdentity: String
  /// The parser for files that changed.
  public let parser: any BankParser
  /// The wall clock in nanoseconds since 1970: when a file was read, for the racy-file rule.
  var clock: @Sendable () -> Int64 = FileStamp.now
  /// Called by the writer after each file it stores, with how many it has stored: tests stop or
  /// snapshot a build part-way through here.
  var afterFileWritten: (@Sendable (Int) throws -> Void)?
  /// SQLite's page cache for the connection, in KiB.
  ///
  /// What a build holds before it spills pages (still uncommitted) to the WAL; tests make it
  /// small to spill early.
  var pageCacheKiB = 2_048

  /// `SQI1` in the SQLite header: this file is a skillquiz question index.
  static let applicationID: Int64 = 0x5351_4931
  /// Bump when the schema or what is stored changes.
  static let formatVersion: Int64 = 2

  /// Creates an index of a banks folder, kept in `folder`.
  public init(
    banks: URL, folder: URL, buildIdentity: String, parser: any BankParser = YAMLBankParser()
  ) {
    self.banks = banks
    self.folder = folder
    self.buildIdentity = buildIdentity
    self.parser = parser
  }

  /// The index file: one per banks folder.
  public var fileURL: URL {
    var hasher = StableHasher()
    hasher.combine(banks.standardizedFileURL.path)
    return folder.appendingPathComponent("questions-\(hasher.hexDigest).sqlite")
  }

  /// What a load did, for tests and benchmarks.
  public struct Load: Sendable {
    /// The banks.
    public let library: QuestionLibrary
    /// The files parsed, because they were new or their contents changed.
    public let parsed: [String]
    /// The files read and hashed, whose contents had not changed.
    public let hashed: [String]
    /// The files whose questions left the index (deleted or now unreadable).
    public let removed: [String]
    /// Whether an unusable index file was thrown away first.
    public let discardedIndex: Bool
    /// Whether the index served the load (false: loaded in memory, as without a cache).
    public let usedIndex: Bool
  }

  /// Loads the banks through the index, bringing it up to date first; a broken file is skipped
  /// and reported, exactly as `BankLoader` does.
  ///
  /// - Throws: `BankLoadError` when `skills.yaml` is missing or declares no usable area.
  public func load(progress: any ProgressReporter = SilentProgress()) throws(BankLoadError) -> Load
  {
    var discarded = false
    for _ in 0..<2 {
      do {
        return try update(progress: progress, discarded: discarded)
      } catch let error as BankLoadError {
        throw error
      } catch let error as IndexSQLiteError where error.isBusy {
        // Another skillquiz is building it: load in memory rather than wait or delete its work.
        break
      } catch {
        // Foreign, corrupt, truncated or unwritable: it is only a cache.
        removeIndexFiles()
        discarded = true
      }
    }
    let library = try BankLoader(parser: parser).load(from: DirectoryBankSource(root: banks))
    return Load(
      library: library, parsed: library.files.map(\.path), hashed: [], removed: [],
      discardedIndex: discarded, usedIndex: false)
  }

  /// Deletes the index file and its WAL and shared-memory files.
  public func removeIndexFiles() {
    for suffix in ["", "-wal", "-shm", "-journal"] {
      unlink(fileURL.path + suffix)
    }
  }

  // MARK: - Opening

  /// Opens the index, creating it when there is none; throws when the file is not an index
  /// of this format.
  func open() throws -> IndexConnection {
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let path = fileURL.path
    let descriptor = Foundation.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw IndexSQLiteError(code: errno, message: "cannot create") }
    close(descriptor)
    let db = try IndexConnection(path: path)
    var application = try db.integer("PRAGMA application_id") ?? 0
    var version = try db.integer("PRAGMA user_version") ?? 0
    if application == 0 && version == 0 {
      // 16 KiB pages: a question body (~1.4 KB) leaves a third of a 4 KiB page unused.
      // Creating an empty cache needs no syncs (a torn one is foreign or corrupt next time,
      // and rebuilt): without them the switch to WAL and the schema cost six fdatasyncs.
      try db.execute(
        "PRAGMA synchronous = OFF; PRAGMA page_size = 16384; PRAGMA journal_mode = WAL")
      try db.execute("BEGIN IMMEDIATE")
      do {
        application = try db.integer("PRAGMA application_id") ?? 0
        version = try db.integer("PRAGMA user_version") ?? 0
        if application == 0 && version == 0 {
          guard try db.integer("SELECT count(*) FROM sqlite_master") == 0 else {
            throw IndexProblem.foreign
          }
          try db.execute(Self.schema)
          try db.run(
            "INSERT INTO meta (key, value) VALUES ('format', ?)", [.text("\(Self.formatVersion)")])
          application = Self.applicationID
          version = Self.formatVersion
          removeParseCacheFiles()
        }
        try db.execute("COMMIT")
      } catch {
        try? db.execute("ROLLBACK")
        throw error
      }
    }
    guard application == Self.applicationID, version == Self.formatVersion else {
      throw IndexProblem.foreign
    }
    try db.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(pageCacheKiB)")
    return db
  }

  static let schema = """
    PRAGMA application_id = \(applicationID);
    PRAGMA user_version = \(formatVersion);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE file (
      id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, position INTEGER NOT NULL,
      size INTEGER NOT NULL, modified INTEGER NOT NULL, changed INTEGER NOT NULL,
      inode INTEGER NOT NULL, checked INTEGER NOT NULL, hash TEXT NOT NULL, area_id TEXT,
      parsed_skipped INTEGER NOT NULL, skip_reason TEXT, diagnostics BLOB,
      loaded INTEGER NOT NULL DEFAULT 0, duplicates BLOB, duplicate_count INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE question (
      row INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, ordinal INTEGER NOT NULL,
      id TEXT NOT NULL, live INTEGER NOT NULL DEFAULT 1, area_id TEXT NOT NULL,
      topic_id TEXT NOT NULL, kind TEXT NOT NULL, difficulty TEXT NOT NULL, a REAL NOT NULL,
      b REAL NOT NULL, c REAL NOT NULL, d REAL NOT NULL, line INTEGER NOT NULL,
      col INTEGER NOT NULL, UNIQUE (file_id, ordinal));
    CREATE INDEX question_by_id ON question (id);
    CREATE INDEX question_by_scope ON question (area_id, topic_id);
    CREATE TABLE question_body (row INTEGER PRIMARY KEY, body BLOB NOT NULL);
    CREATE TABLE dataset (
      file_id INTEGER NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL,
      PRIMARY KEY (file_id, id));
    CREATE TABLE scope_count (label TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
    """

  func readMeta(_ db: IndexConnection) throws -> [String: String] {
    var meta: [String: String] = [:]
    try db.query("SELECT key, value FROM meta") { row throws(IndexSQLiteError) in
      meta[row.text(0)] = row.text(1)
    }
    guard meta["format"] == "\(Self.formatVersion)" else { throw IndexProblem.foreign }
    return meta
  }

  /// The catalog and the diagnostics of `skills.yaml` the index holds.
  func storedCatalog(_ db: IndexConnection) throws -> (SkillCatalog, [BankDiagnostic]) {
    var areas: [SkillArea]?
    var diagnostics: [BankDiagnostic]?
    try db.query(
      "SELECT key, value FROM meta WHERE key IN ('catalog', 'skills_diagnostics')"
    ) { row throws(IndexSQLiteError) in
      if row.text(0) == "catalog" {
        areas = try? row.withBlob(1) { body throws(CompactDecodingError) in
          try QuestionCodec.areas(body: body)
        }
      } else {
        diagnostics = try? row.withBlob(1) { body throws(CompactDecodingError) in
          try QuestionCodec.diagnostics(body: body)
        }
      }
    }
    guard let areas, let diagnostics else { throw IndexProblem.foreign }
    return (SkillCatalog(areas: areas), diagnostics)
  }

  // MARK: - Helpers

  /// Deletes the JSON files of the parse cache the index replaces (one per bank, same folder).
  private func removeParseCacheFiles() {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasSuffix(".json") && name.count == 21 {
      unlink(folder.appendingPathComponent(name).path)
    }
  }

  static func hash(_ text: String) -> String {
    var hasher = StableHasher()
    hasher.combine(text)
    return hasher.hexDigest
  }

}

extension Question {
  /// The same question with another answer key.
  func replacingAnswer(_ answer: AnswerKey) -> Question {
    Question(
      id: id, areaID: areaID, topicID: topicID, difficulty: difficulty, prompt: prompt,
      options: options, answer: answer, explanation: explanation, references: references,
      irt: irt, location: location)
  }
}
