import Dispatch
import Foundation
import SkillQuizKit
import Synchronization

/// Bringing the index up to date: files are read, hashed, parsed and encoded in parallel a
/// window at a time, and written by one writer as each window is done, so memory does not grow
/// with the banks. Everything is written in one transaction: a build that stops part-way (an
/// error, a crash, a kill) leaves the previous index as it was, never a partial one.
extension QuestionIndex {
  /// A file as the index last recorded it.
  struct StoredFile {
    let id: Int64
    let stamp: FileStamp
    let checked: Int64
    let hash: String
  }

  /// A bank file whose stamp does not vouch for it: it must be read.
  struct Candidate: Sendable {
    let url: URL
    let stamp: FileStamp?
    /// What the index holds for it (id and hash), if anything.
    let old: (id: Int64, hash: String)?
  }

  /// What reading a candidate found.
  enum Outcome: Sendable {
    /// It could not be read: reported, and its questions leave the index.
    case unreadable(BankDiagnostic)
    /// Its contents are what the index holds: only its stamp is recorded again.
    case unchanged(id: Int64, stamp: FileStamp, checked: Int64)
    /// New or changed: parsed and encoded, ready to insert.
    case parsed(EncodedFile)
  }

  /// A parsed bank file in the rows it is stored as.
  struct EncodedFile: Sendable {
    let path: String
    let stamp: FileStamp?
    let checked: Int64
    let hash: String
    let areaID: String?
    let skippedCount: Int
    let skipReason: String?
    let diagnostics: [UInt8]?
    let questions: [EncodedQuestion]
    let datasets: [(id: String, body: [UInt8])]
  }

  /// One question's columns and compact body.
  struct EncodedQuestion: Sendable {
    let id: String
    let areaID: String
    let topicID: String
    let kind: String
    let difficulty: String
    let item: IRTItem
    let line: Int
    let column: Int
    let body: [UInt8]
  }

  /// What the writer has stored so far, and its first error.
  ///
  /// Only the writer's iteration
  /// touches `state`, one window after another, so it needs no lock; that is why the class is
  /// `@unchecked Sendable`.
  final class WindowWriter: @unchecked Sendable {
    struct State {
      var parsed: [String] = []
      var hashed: [String] = []
      var unreadable: [BankDiagnostic] = []
      var unreadablePositions: [Int] = []
      var removed: [String] = []
      var written = 0
    }
    var state = State()
    private var error: (any Error)?

    /// Runs `body` unless an earlier write failed; keeps its error for `rethrow`.
    func run(_ body: () throws -> Void) {
      guard error == nil else { return }
      do { try body() } catch { self.error = error }
    }

    /// Throws the first error a write hit.
    func rethrow() throws {
      if let error { throw error }
    }
  }

  /// At most this many bytes of bank files (and files) are prepared per window; two windows
  /// are alive at once, one being written and one being prepared.
  static let windowBytes: Int64 = 4 << 20
  static let windowFiles = 64

  func update(progress: any ProgressReporter, discarded: Bool) throws -> Load {
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
    var metaBlobs: [String: [UInt8]] = [:]
    if !reset, let skillsStamp, meta["skills_stamp"] == skillsStamp.text,
      let checked = meta["skills_checked"].flatMap({ Int64($0) }),
      skillsStamp.isSettled(checkedAt: checked)
    {
      (catalog, skillDiagnostics) = try storedCatalog(db)
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
      if !reset, meta["skills_hash"] == hash, let stored = try? storedCatalog(db) {
        (catalog, skillDiagnostics) = stored
      } else {
        let (parsed, diagnostics) = parser.parseSkills(skills)
        guard let parsed else { throw BankLoadError.noAreas(diagnostics: diagnostics) }
        (catalog, skillDiagnostics) = (parsed, diagnostics)
        reset = true
        metaUpdates["skills_hash"] = hash
        metaBlobs["catalog"] = QuestionCodec.body(of: parsed.areas)
        metaBlobs["skills_diagnostics"] = QuestionCodec.body(of: diagnostics)
        metaUpdates["build"] = buildIdentity
      }
      metaUpdates["skills_stamp"] = skillsStamp?.text ?? ""
      metaUpdates["skills_checked"] = String(checked)
    }
    guard let catalog else { throw IndexProblem.foreign }

    // Bank files: trusted by stamp; the rest are read, and parsed when their hash changed.
    let stored = reset ? [:] : try storedFiles(db)
    let urls = source.bankFileURLs()
    var candidates: [(position: Int, candidate: Candidate)] = []
    var readable = [Bool](repeating: true, count: urls.count)
    for (position, url) in urls.enumerated() {
      let stamp = FileStamp(path: url.path)
      let old = stored[url.path]
      if let old, let stamp, old.stamp == stamp, stamp.isSettled(checkedAt: old.checked) {
        continue
      }
      candidates.append(
        (position, Candidate(url: url, stamp: stamp, old: old.map { ($0.id, $0.hash) })))
    }
    let paths = urls.map(\.path)
    let keep = Set(paths)
    var removed = stored.keys.filter { !keep.contains($0) }

    var parsed: [String] = []
    var hashed: [String] = []
    var unreadable: [BankDiagnostic] = []
    let writes = reset || !metaUpdates.isEmpty || !candidates.isEmpty || !removed.isEmpty
    if writes {
      try db.execute("BEGIN IMMEDIATE")
      do {
        if reset {
          try db.execute(
            "DELETE FROM question; DELETE FROM question_body; DELETE FROM dataset; DELETE FROM file;"
          )
        }
        for (key, value) in metaUpdates {
          try db.run(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [.text(key), .text(value)])
        }
        for (key, value) in metaBlobs {
          try db.run(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [.text(key), .blob(value)])
        }
        let windows = Self.windows(candidates.map(\.candidate))
        let total = candidates.reduce(Int64(0)) { $0 + max($1.candidate.stamp?.size ?? 0, 0) }
        if !candidates.isEmpty { progress.begin("Indexing banks", total: Int(total), unit: .bytes) }
        defer { if !candidates.isEmpty { progress.end() } }
        let counter = ProgressCounter(progress: progress)
        let writer = WindowWriter()
        let positions = candidates.map(\.position)
        let parser = self.parser
        let clock = self.clock
        let hook = afterFileWritten
        /// Stores one prepared file; runs on one thread at a time (the writer's iteration).
        @Sendable func store(_ outcome: Outcome, position: Int, db: IndexConnection) throws {
          let path = paths[position]
          switch outcome {
          case .unreadable(let diagnostic):
            writer.state.unreadable.append(diagnostic)
            writer.state.unreadablePositions.append(position)
            if stored[path] != nil { writer.state.removed.append(path) }
          case .unchanged(let id, let stamp, let checked):
            writer.state.hashed.append(path)
            try restamp(db, id: id, stamp: stamp, checked: checked)
          case .parsed(let file):
            writer.state.parsed.append(file.path)
            if stored[file.path] != nil { try delete(db, path: file.path) }
            try insert(file, into: db)
          }
          writer.state.written += 1
          try hook?(writer.state.written)
        }
        var offset = 0
        var pending: [Outcome] = []
        // Each round prepares one window in parallel while one of its iterations writes the
        // window before. concurrentPerform runs iterations on the calling thread too, so the
        // build progresses even when no other thread is free (nothing here waits for a queue).
        for number in 0...windows.count {
          let files = number < windows.count ? windows[number] : []
          let slots = Mutex([Outcome?](repeating: nil, count: files.count))
          let toWrite = pending
          let first = offset
          DispatchQueue.concurrentPerform(iterations: files.count + 1) { index in
            guard index > 0 else {
              writer.run {
                for (done, outcome) in toWrite.enumerated() {
                  try store(outcome, position: positions[first + done], db: db)
                }
              }
              return
            }
            let file = files[index - 1]
            let outcome = Self.prepare(file, catalog: catalog, parser: parser, clock: clock)
            slots.withLock { $0[index - 1] = outcome }
            counter.add(max(file.stamp?.size ?? 0, 0))
          }
          try writer.rethrow()
          offset += toWrite.count
          pending = slots.withLock { $0.compactMap(\.self) }
        }
        let stored = writer.state
        parsed = stored.parsed
        hashed = stored.hashed
        unreadable = stored.unreadable
        removed += stored.removed
        for position in stored.unreadablePositions { readable[position] = false }
        for path in removed { try delete(db, path: path) }
        for (position, path) in paths.enumerated() where readable[position] {
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
    removed.sort()
    let indexed = try IndexedQuestions(
      connection: db, catalog: catalog, skillDiagnostics: skillDiagnostics,
      unreadable: unreadable)
    return Load(
      library: QuestionLibrary(source: indexed), parsed: parsed, hashed: hashed,
      removed: removed, discardedIndex: discarded, usedIndex: true)
  }

  /// Splits the candidates, in order, into windows of bounded size.
  static func windows(_ candidates: [Candidate]) -> [[Candidate]] {
    var windows: [[Candidate]] = []
    var current: [Candidate] = []
    var bytes: Int64 = 0
    for candidate in candidates {
      let size = max(candidate.stamp?.size ?? 0, 0)
      if !current.isEmpty && (bytes + size > windowBytes || current.count == windowFiles) {
        windows.append(current)
        current = []
        bytes = 0
      }
      current.append(candidate)
      bytes += size
    }
    if !current.isEmpty { windows.append(current) }
    return windows
  }

  /// Reads one file and, when its contents changed, parses and encodes it.
  private static func prepare(
    _ candidate: Candidate, catalog: SkillCatalog, parser: any BankParser,
    clock: @Sendable () -> Int64
  ) -> Outcome {
    let path = candidate.url.path
    let checked = clock()
    let contents: String
    do {
      contents = try DirectoryBankSource.readText(candidate.url)
    } catch {
      return .unreadable(
        BankDiagnostic(
          .error, at: SourceLocation(file: path, line: 1, column: 1),
          "cannot read the file: \(error.problem)", fix: error.fix))
    }
    let hash = Self.hash(contents)
    if let old = candidate.old, old.hash == hash {
      // A file that cannot be stamped now is read again next time.
      let stamp = candidate.stamp ?? FileStamp(size: -1, modified: 0, changed: 0, inode: 0)
      return .unchanged(id: old.id, stamp: stamp, checked: checked)
    }
    let result = parser.parseBank(BankFile(path: path, contents: contents), catalog: catalog)
    var datasets: [String: [UInt8]] = [:]
    let questions = result.questions.map { question in
      if case .sql(let exercise) = question.answer, datasets[exercise.dataset.id] == nil {
        datasets[exercise.dataset.id] = QuestionCodec.body(of: exercise.dataset)
      }
      return EncodedQuestion(
        id: question.id, areaID: question.areaID, topicID: question.topicID,
        kind: question.kind.rawValue, difficulty: question.difficulty.rawValue,
        item: question.itemParameters, line: question.location?.line ?? 1,
        column: question.location?.column ?? 1, body: QuestionCodec.body(of: question))
    }
    return .parsed(
      EncodedFile(
        path: path, stamp: candidate.stamp, checked: checked, hash: hash, areaID: result.areaID,
        skippedCount: result.skippedCount, skipReason: result.skipReason,
        diagnostics: result.diagnostics.isEmpty ? nil : QuestionCodec.body(of: result.diagnostics),
        questions: questions,
        datasets: datasets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
  }

  func storedFiles(_ db: IndexConnection) throws -> [String: StoredFile] {
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

  // MARK: - Writing

  private func restamp(
    _ db: IndexConnection, id: Int64, stamp: FileStamp, checked: Int64
  ) throws {
    try db.run(
      "UPDATE file SET size = ?, modified = ?, changed = ?, inode = ?, checked = ? WHERE id = ?",
      [
        .integer(stamp.size), .integer(stamp.modified), .integer(stamp.changed),
        .integer(stamp.inode), .integer(checked), .integer(id),
      ])
  }

  /// Removes a file and everything stored for it.
  private func delete(_ db: IndexConnection, path: String) throws {
    guard let id = try db.integer("SELECT id FROM file WHERE path = ?", [.text(path)]) else {
      return
    }
    try db.run(
      "DELETE FROM question_body WHERE row IN (SELECT row FROM question WHERE file_id = ?)",
      [.integer(id)])
    try db.run("DELETE FROM question WHERE file_id = ?", [.integer(id)])
    try db.run("DELETE FROM dataset WHERE file_id = ?", [.integer(id)])
    try db.run("DELETE FROM file WHERE id = ?", [.integer(id)])
  }

  private func insert(_ file: EncodedFile, into db: IndexConnection) throws {
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
        .text(file.path), .integer(stamp.size), .integer(stamp.modified),
        .integer(stamp.changed), .integer(stamp.inode), .integer(file.checked), .text(file.hash),
        .optional(file.areaID), .integer(Int64(file.skippedCount)), .optional(file.skipReason),
        file.diagnostics.map(IndexValue.blob) ?? .null,
      ])
    let fileID = db.lastInsertRowID
    for (ordinal, question) in file.questions.enumerated() {
      let item = question.item
      try db.run(
        """
        INSERT INTO question (file_id, ordinal, id, area_id, topic_id, kind, difficulty, a, b, c,
          d, line, col)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          .integer(fileID), .integer(Int64(ordinal)), .text(question.id), .text(question.areaID),
          .text(question.topicID), .text(question.kind), .text(question.difficulty),
          .real(item.a), .real(item.b), .real(item.c), .real(item.d),
          .integer(Int64(question.line)), .integer(Int64(question.column)),
        ])
      try db.run(
        "INSERT INTO question_body (row, body) VALUES (?, ?)",
        [.integer(db.lastInsertRowID), .blob(question.body)])
    }
    for dataset in file.datasets {
      try db.run(
        "INSERT INTO dataset (file_id, id, body) VALUES (?, ?, ?)",
        [.integer(fileID), .text(dataset.id), .blob(dataset.body)])
    }
  }

  /// Marks every question whose id an earlier question (in file order) already has as not
  /// live, with the same error `BankLoader` reports, then recounts.
  private func resolveDuplicates(_ db: IndexConnection) throws {
    try db.execute(
      """
      UPDATE question SET live = 1 WHERE live = 0;
      UPDATE file SET duplicates = NULL, duplicate_count = 0 WHERE duplicates IS NOT NULL;
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
        [
          .blob(QuestionCodec.body(of: diagnostics)), .integer(Int64(diagnostics.count)),
          .integer(file),
        ])
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
}

/// Bytes done so far, shared by the workers of every window, reported as they grow.
final class ProgressCounter: Sendable {
  private let progress: any ProgressReporter
  private let done = Mutex<Int64>(0)

  init(progress: any ProgressReporter) {
    self.progress = progress
  }

  func add(_ bytes: Int64) {
    let total = done.withLock {
      $0 += bytes
      return $0
    }
    progress.advance(to: Int(total))
  }
}
