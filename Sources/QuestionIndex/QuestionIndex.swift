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

  /// `SQI1` in the SQLite header: this file is a skillquiz question index.
  static let applicationID: Int64 = 0x5351_4931
  /// Bump when the schema or what is stored changes.
  static let formatVersion: Int64 = 1

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

  // MARK: - Bringing the index up to date

  private struct StoredFile {
    let id: Int64
    let stamp: FileStamp
    let checked: Int64
    let hash: String
  }

  private struct Parsed {
    let file: BankFile
    let stamp: FileStamp?
    let checked: Int64
    let hash: String
    var result: ParsedBankFile?
  }

  private enum IndexProblem: Error {
    case foreign
  }

  private func update(progress: any ProgressReporter, discarded: Bool) throws -> Load {
    let db = try open()
    let meta = try readMeta(db)
    var reset = meta["build"] != buildIdentity

    // skills.yaml: the catalog, trusted from the index while its stamp holds.
    let source = DirectoryBankSource(root: banks)
    let skillsPath = banks.appendingPathComponent("skills.yaml").path
    let skillsStamp = FileStamp(path: skillsPath)
    var catalog: SkillCatalog?
    var skillDiagnostics: [BankDiagnostic] = []
    var metaUpdates: [String: String] = [:]
    if !reset, let skillsStamp, meta["skills_stamp"] == Self.text(skillsStamp),
      let checked = meta["skills_checked"].flatMap({ Int64($0) }),
      skillsStamp.isSettled(checkedAt: checked)
    {
      (catalog, skillDiagnostics) = try storedCatalog(meta)
    }
    if catalog == nil {
      let checked = clock()
      let skills: BankFile
      do {
        skills = try source.skillsFile()
      } catch let error as BankSourceError {
        throw BankLoadError.source(error)
      } catch {
        throw BankLoadError.source(.unreadable(path: "skills.yaml", reason: "\(error)"))
      }
      let hash = Self.hash(skills.contents)
      if !reset, meta["skills_hash"] == hash, let stored = try? storedCatalog(meta) {
        (catalog, skillDiagnostics) = stored
      } else {
        let (parsed, diagnostics) = parser.parseSkills(skills)
        guard let parsed else { throw BankLoadError.noAreas(diagnostics: diagnostics) }
        (catalog, skillDiagnostics) = (parsed, diagnostics)
        reset = true
        metaUpdates["skills_hash"] = hash
        metaUpdates["catalog"] = try Self.json(parsed.areas)
        metaUpdates["skills_diagnostics"] = try Self.json(diagnostics)
        metaUpdates["build"] = buildIdentity
      }
      metaUpdates["skills_stamp"] = skillsStamp.map(Self.text) ?? ""
      metaUpdates["skills_checked"] = String(checked)
    }
    guard let catalog else { throw IndexProblem.foreign }

    // Bank files: trusted by stamp, else hashed, else parsed.
    let stored = reset ? [:] : try storedFiles(db)
    var parsing: [Parsed] = []
    var restamped: [(id: Int64, stamp: FileStamp, checked: Int64)] = []
    var hashed: [String] = []
    var unreadable: [BankDiagnostic] = []
    var readable: [String] = []
    for url in source.bankFileURLs() {
      let path = url.path
      let stamp = FileStamp(path: path)
      let old = stored[path]
      if let old, let stamp, old.stamp == stamp, stamp.isSettled(checkedAt: old.checked) {
        readable.append(path)
        continue
      }
      let checked = clock()
      let contents: String
      do {
        contents = try DirectoryBankSource.readText(url)
      } catch {
        unreadable.append(
          BankDiagnostic(
            .error, at: SourceLocation(file: path, line: 1, column: 1),
            "cannot read the file: \(error.problem)", fix: error.fix))
        continue
      }
      readable.append(path)
      let hash = Self.hash(contents)
      if let old, old.hash == hash {
        hashed.append(path)
        if let stamp { restamped.append((old.id, stamp, checked)) }
      } else {
        parsing.append(
          Parsed(
            file: BankFile(path: path, contents: contents), stamp: stamp, checked: checked,
            hash: hash))
      }
    }
    let keep = Set(readable)
    let removed = stored.keys.filter { !keep.contains($0) }.sorted()

    parse(&parsing, catalog: catalog, progress: progress)
    if reset || !metaUpdates.isEmpty || !parsing.isEmpty || !restamped.isEmpty
      || !removed.isEmpty
    {
      try write(
        db, reset: reset, meta: metaUpdates, removed: removed, restamped: restamped,
        parsed: parsing, order: readable)
    }
    let indexed = try IndexedQuestions(
      connection: db, catalog: catalog, skillDiagnostics: skillDiagnostics,
      unreadable: unreadable)
    return Load(
      library: QuestionLibrary(source: indexed), parsed: parsing.map(\.file.path), hashed: hashed,
      removed: removed, discardedIndex: discarded, usedIndex: true)
  }

  /// Opens the index, creating it when there is none; throws when the file is not an index
  /// of this format.
  private func open() throws -> IndexConnection {
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
      try db.execute("PRAGMA journal_mode = WAL")
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
    try db.execute("PRAGMA synchronous = NORMAL")
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
      parsed_skipped INTEGER NOT NULL, skip_reason TEXT, diagnostics TEXT,
      loaded INTEGER NOT NULL DEFAULT 0, duplicates TEXT, duplicate_count INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE question (
      file_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, id TEXT NOT NULL,
      live INTEGER NOT NULL DEFAULT 1, area_id TEXT NOT NULL, topic_id TEXT NOT NULL,
      kind TEXT NOT NULL, difficulty TEXT NOT NULL, a REAL NOT NULL, b REAL NOT NULL,
      c REAL NOT NULL, d REAL NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,
      body BLOB NOT NULL, PRIMARY KEY (file_id, ordinal)) WITHOUT ROWID;
    CREATE INDEX question_by_id ON question (id);
    CREATE INDEX question_by_scope ON question (area_id, topic_id);
    CREATE TABLE dataset (
      file_id INTEGER NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL,
      PRIMARY KEY (file_id, id)) WITHOUT ROWID;
    CREATE TABLE scope_count (label TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
    """

  private func readMeta(_ db: IndexConnection) throws -> [String: String] {
    var meta: [String: String] = [:]
    try db.query("SELECT key, value FROM meta") { row throws(IndexSQLiteError) in
      meta[row.text(0)] = row.text(1)
    }
    guard meta["format"] == "\(Self.formatVersion)" else { throw IndexProblem.foreign }
    return meta
  }

  private func storedCatalog(_ meta: [String: String]) throws -> (SkillCatalog, [BankDiagnostic]) {
    guard let areas = meta["catalog"], let diagnostics = meta["skills_diagnostics"] else {
      throw IndexProblem.foreign
    }
    let decoder = JSONDecoder()
    return (
      SkillCatalog(areas: try decoder.decode([SkillArea].self, from: Data(areas.utf8))),
      try decoder.decode([BankDiagnostic].self, from: Data(diagnostics.utf8))
    )
  }

  private func storedFiles(_ db: IndexConnection) throws -> [String: StoredFile] {
    var files: [String: StoredFile] = [:]
    try db.query(
      "SELECT id, path, size, modified, changed, inode, checked, hash FROM file"
    ) { row throws(IndexSQLiteError) in
      files[row.text(1)] = StoredFile(
        id: row.integer(0),
        stamp: FileStamp(
          size: row.integer(2), modified: row.integer(3), changed: row.integer(4),
          inode: row.integer(5)), checked: row.integer(6), hash: row.text(7))
    }
    return files
  }

  private func parse(
    _ files: inout [Parsed], catalog: SkillCatalog, progress: any ProgressReporter
  ) {
    guard !files.isEmpty else { return }
    let total = files.reduce(0) { $0 + $1.file.contents.utf8.count }
    progress.begin("Indexing banks", total: total)
    defer { progress.end() }
    let inputs = files.map(\.file)
    let results = Mutex((done: 0, parsed: [ParsedBankFile?](repeating: nil, count: inputs.count)))
    let parser = self.parser
    DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
      let parsed = parser.parseBank(inputs[index], catalog: catalog)
      let done = results.withLock {
        $0.parsed[index] = parsed
        $0.done += inputs[index].contents.utf8.count
        return $0.done
      }
      progress.advance(to: done)
    }
    let parsed = results.withLock { $0.parsed }
    for index in files.indices { files[index].result = parsed[index] }
  }

  // MARK: - Writing

  private func write(
    _ db: IndexConnection, reset: Bool, meta: [String: String], removed: [String],
    restamped: [(id: Int64, stamp: FileStamp, checked: Int64)], parsed: [Parsed],
    order: [String]
  ) throws {
    try db.execute("BEGIN IMMEDIATE")
    do {
      if reset {
        try db.execute("DELETE FROM question; DELETE FROM dataset; DELETE FROM file;")
      }
      for (key, value) in meta {
        try db.run(
          "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [.text(key), .text(value)])
      }
      for path in removed + parsed.map(\.file.path) {
        guard let id = try db.integer("SELECT id FROM file WHERE path = ?", [.text(path)]) else {
          continue
        }
        try db.run("DELETE FROM question WHERE file_id = ?", [.integer(id)])
        try db.run("DELETE FROM dataset WHERE file_id = ?", [.integer(id)])
        try db.run("DELETE FROM file WHERE id = ?", [.integer(id)])
      }
      for entry in restamped {
        try db.run(
          "UPDATE file SET size = ?, modified = ?, changed = ?, inode = ?, checked = ? WHERE id = ?",
          [
            .integer(entry.stamp.size), .integer(entry.stamp.modified),
            .integer(entry.stamp.changed), .integer(entry.stamp.inode), .integer(entry.checked),
            .integer(entry.id),
          ])
      }
      let encoder = JSONEncoder()
      for file in parsed {
        guard let result = file.result else { continue }
        try insert(file, result: result, into: db, encoder: encoder)
      }
      for (position, path) in order.enumerated() {
        try db.run(
          "UPDATE file SET position = ? WHERE path = ?", [.integer(Int64(position)), .text(path)])
      }
      try resolveDuplicates(db)
      try db.execute("COMMIT")
    } catch {
      try? db.execute("ROLLBACK")
      throw error
    }
  }

  private func insert(
    _ file: Parsed, result: ParsedBankFile, into db: IndexConnection, encoder: JSONEncoder
  ) throws {
    // A file that could not be stamped (it vanished after it was read) is kept unstamped, so
    // it is read again next time.
    let stamp = file.stamp ?? FileStamp(size: -1, modified: 0, changed: 0, inode: 0)
    try db.run(
      """
      INSERT INTO file (path, position, size, modified, changed, inode, checked, hash, area_id,
        parsed_skipped, skip_reason, diagnostics)
      VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .text(file.file.path), .integer(stamp.size), .integer(stamp.modified),
        .integer(stamp.changed), .integer(stamp.inode), .integer(file.checked), .text(file.hash),
        .optional(result.areaID), .integer(Int64(result.skippedCount)),
        .optional(result.skipReason),
        result.diagnostics.isEmpty ? .null : .text(try Self.json(result.diagnostics)),
      ])
    let fileID = db.lastInsertRowID
    var datasets: [String: SQLDataset] = [:]
    for (ordinal, question) in result.questions.enumerated() {
      var stored = question
      if case .sql(let exercise) = question.answer {
        datasets[exercise.dataset.id] = exercise.dataset
        stored = question.replacingAnswer(
          .sql(
            SQLExercise(
              dataset: SQLDataset(id: exercise.dataset.id, name: "", schema: "", rows: []),
              solution: exercise.solution, ordered: exercise.ordered)))
      }
      let item = question.itemParameters
      try db.run(
        """
        INSERT INTO question (file_id, ordinal, id, area_id, topic_id, kind, difficulty, a, b, c,
          d, line, col, body)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          .integer(fileID), .integer(Int64(ordinal)), .text(question.id), .text(question.areaID),
          .text(question.topicID), .text(question.kind.rawValue),
          .text(question.difficulty.rawValue), .real(item.a), .real(item.b), .real(item.c),
          .real(item.d), .integer(Int64(question.location?.line ?? 1)),
          .integer(Int64(question.location?.column ?? 1)), .blob(try encoder.encode(stored)),
        ])
    }
    for dataset in datasets.values {
      try db.run(
        "INSERT INTO dataset (file_id, id, body) VALUES (?, ?, ?)",
        [.integer(fileID), .text(dataset.id), .blob(try encoder.encode(dataset))])
    }
  }

  /// Marks every question whose id an earlier question (in file order) already has as not
  /// live, with the same error `BankLoader` reports, then recounts.
  private func resolveDuplicates(_ db: IndexConnection) throws {
    try db.execute(
      """
      UPDATE question SET live = 1 WHERE live = 0;
      UPDATE file SET duplicates = NULL, duplicate_count = 0;
      """)
    var first: [String: SourceLocation] = [:]
    var found: [Int64: [(ordinal: Int64, diagnostic: BankDiagnostic)]] = [:]
    var hidden: [(file: Int64, ordinal: Int64)] = []
    try db.query(
      """
      SELECT q.id, q.file_id, q.ordinal, f.path, q.line, q.col FROM question q
      JOIN file f ON f.id = q.file_id
      WHERE q.id IN (SELECT id FROM question GROUP BY id HAVING count(*) > 1)
      ORDER BY f.position, q.ordinal
      """
    ) { row throws(IndexSQLiteError) in
      let id = row.text(0)
      let location = SourceLocation(file: row.text(3), line: row.int(4), column: row.int(5))
      guard let earlier = first[id] else {
        first[id] = location
        return
      }
      hidden.append((row.integer(1), row.integer(2)))
      found[row.integer(1), default: []].append(
        (
          row.integer(2),
          BankDiagnostic(
            .error, at: location, "duplicate question id '\(id)', first used at \(earlier)",
            fix: "question ids must be unique across all banks; rename this one")
        ))
    }
    for entry in hidden {
      try db.run(
        "UPDATE question SET live = 0 WHERE file_id = ? AND ordinal = ?",
        [.integer(entry.file), .integer(entry.ordinal)])
    }
    for (file, entries) in found {
      let diagnostics = entries.sorted { $0.ordinal < $1.ordinal }.map(\.diagnostic)
      try db.run(
        "UPDATE file SET duplicates = ?, duplicate_count = ? WHERE id = ?",
        [.text(try Self.json(diagnostics)), .integer(Int64(diagnostics.count)), .integer(file)])
    }
    try db.execute(
      """
      UPDATE file SET loaded =
        (SELECT count(*) FROM question q WHERE q.file_id = file.id AND q.live = 1);
      DELETE FROM scope_count;
      INSERT INTO scope_count (label, count)
        SELECT area_id, count(*) FROM question WHERE live = 1 GROUP BY area_id;
      INSERT OR REPLACE INTO scope_count (label, count)
        SELECT area_id || '/' || topic_id, count(*) FROM question WHERE live = 1
        GROUP BY area_id, topic_id;
      INSERT OR REPLACE INTO scope_count (label, count)
        SELECT '', count(*) FROM question WHERE live = 1;
      """)
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

  static func text(_ stamp: FileStamp) -> String {
    "\(stamp.size):\(stamp.modified):\(stamp.changed):\(stamp.inode)"
  }

  static func json(_ value: some Encodable) throws -> String {
    String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
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
