import Foundation
import GRDB
import SkillQuizKit

/// Where an opening comes from: `openings.yaml` in the banks folder, or `jobs import`.
public enum OpeningKind: String, Sendable, Hashable, CaseIterable {
  /// Synced from `openings.yaml`.
  case shipped
  /// Imported from saved postings (`imported_opening`).
  case imported
}

/// One stored opening as ranking reads it: its row key, its kind, and its outline.
public struct StoredOutline: Sendable, Hashable {
  /// The row key in `opening`, used to fetch the whole opening.
  public let key: Int64
  /// Shipped or imported.
  public let kind: OpeningKind
  /// What ranking needs.
  public let outline: OpeningOutline
}

/// Job openings in the progress database: the ones imported from saved postings, which are the
/// user's data (`imported_opening`), and an index over those and the shipped `openings.yaml`
/// (`opening`, `opening_place`, `opening_json`), which can always be rebuilt.
public struct OpeningStore: Sendable {
  let store: AnswerStore

  /// Stores imported openings in one transaction, replacing ones with the same id, and indexes
  /// them in the same transaction.
  ///
  /// - Returns: How many were new and how many replaced an earlier import.
  public func importOpenings(_ openings: [JobOpening], at date: Date) throws(StoreError)
    -> (added: Int, updated: Int)
  {
    let encoder = JSONEncoder()
    let encoded = openings.compactMap { opening in
      (try? encoder.encode(opening)).map { (opening, String(decoding: $0, as: UTF8.self)) }
    }
    return try store.write { db in
      var added = 0
      var updated = 0
      let exists = try db.makeStatement(
        sql: "SELECT COUNT(*) FROM imported_opening WHERE id = ?")
      let insert = try db.makeStatement(
        sql:
          "INSERT OR REPLACE INTO imported_opening (id, opening_json, imported_at) VALUES (?, ?, ?)"
      )
      var index = try OpeningIndexWriter(db)
      for (opening, json) in encoded {
        let count = try Int.fetchOne(exists, arguments: [opening.id]) ?? 0
        try insert.execute(arguments: [opening.id, json, date])
        try index.replace(opening, json: json, kind: .imported)
        if count > 0 { updated += 1 } else { added += 1 }
      }
      try OpeningIndexWriter.markImportedIndexed(db)
      return (added, updated)
    }
  }

  /// Every imported opening.
  public func all() throws(StoreError) -> [JobOpening] {
    try store.read { db in
      let decoder = JSONDecoder()
      return try String.fetchAll(db, sql: "SELECT opening_json FROM imported_opening ORDER BY id")
        .compactMap { try? decoder.decode(JobOpening.self, from: Data($0.utf8)) }
    }
  }

  /// Removes an imported opening; returns whether one was removed.
  public func remove(id: String) throws(StoreError) -> Bool {
    try store.write { db in
      try db.execute(sql: "DELETE FROM imported_opening WHERE id = ?", arguments: [id])
      let removed = db.changesCount > 0
      try db.execute(
        sql: "DELETE FROM opening WHERE kind = ? AND id = ?",
        arguments: [OpeningKind.imported.rawValue, id])
      try OpeningIndexWriter.markImportedIndexed(db)
      return removed
    }
  }

  // MARK: The shipped openings

  /// The problems found when `openings.yaml` was last synced, when it was synced with this
  /// fingerprint; nil when it must be synced again.
  public func shippedProblems(fingerprint: String) throws(StoreError) -> [BankDiagnostic]? {
    try store.read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT fingerprint, diagnostics_json FROM opening_sync WHERE kind = ?",
          arguments: [OpeningKind.shipped.rawValue]),
        (row[0] as String) == fingerprint
      else { return nil }
      return try JSONDecoder().decode([BankDiagnostic].self, from: Data((row[1] as String).utf8))
    }
  }

  /// The problems found when `openings.yaml` was last synced, when the file's signature (its
  /// inode, size and change times, and the catalog) is the one recorded then; nil otherwise.
  ///
  /// A file whose signature is unchanged has not been written since, so it need not be read.
  public func shippedProblems(signature: String) throws(StoreError) -> [BankDiagnostic]? {
    guard !signature.isEmpty else { return nil }
    return try store.read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT file_signature, diagnostics_json FROM opening_sync WHERE kind = ?",
          arguments: [OpeningKind.shipped.rawValue]),
        (row[0] as String) == signature
      else { return nil }
      return try JSONDecoder().decode([BankDiagnostic].self, from: Data((row[1] as String).utf8))
    }
  }

  /// Records the file's signature beside the fingerprint it still has (the file was touched
  /// but its contents did not change).
  ///
  /// - Throws: `StoreError` when the database cannot be written.
  public func recordSignature(_ signature: String, fingerprint: String) throws(StoreError) {
    try store.write { db in
      try db.execute(
        sql: "UPDATE opening_sync SET file_signature = ? WHERE kind = ? AND fingerprint = ?",
        arguments: [signature, OpeningKind.shipped.rawValue, fingerprint])
    }
  }

  /// Replaces the shipped openings with those parsed from `openings.yaml`, in one transaction.
  ///
  /// - Parameters:
  ///   - openings: The openings parsed.
  ///   - problems: The problems found (kept, to be shown on every run until fixed).
  ///   - fingerprint: The file's contents and the catalog it was parsed against, hashed.
  ///   - signature: The file's signature when it was read ("" for none).
  /// - Throws: `StoreError` when the database cannot be written; nothing changes then.
  public func replaceShipped(
    _ openings: [JobOpening], problems: [BankDiagnostic], fingerprint: String,
    signature: String = ""
  ) throws(StoreError) {
    let encoder = JSONEncoder()
    let encoded = openings.map { opening in
      (opening, (try? encoder.encode(opening)).map { String(decoding: $0, as: UTF8.self) })
    }
    let diagnostics = String(
      decoding: (try? encoder.encode(problems)) ?? Data("[]".utf8), as: UTF8.self)
    try store.write { db in
      try db.execute(
        sql: "DELETE FROM opening WHERE kind = ?", arguments: [OpeningKind.shipped.rawValue])
      var index = try OpeningIndexWriter(db)
      for case (let opening, let json?) in encoded {
        try index.replace(opening, json: json, kind: .shipped)
      }
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO opening_sync (kind, fingerprint, file_signature, diagnostics_json)
          VALUES (?, ?, ?, ?)
          """,
        arguments: [OpeningKind.shipped.rawValue, fingerprint, signature, diagnostics])
    }
  }

  // MARK: Reading the index

  /// Indexes the imported openings again when the index does not hold exactly them (a new
  /// database, or one `doctor` rebuilt from its readable rows).
  public func indexImportedIfNeeded() throws(StoreError) {
    let current = try store.read { db in
      try OpeningIndexWriter.importedIndexIsCurrent(db)
    }
    guard !current else { return }
    try store.write { db in
      guard try !OpeningIndexWriter.importedIndexIsCurrent(db) else { return }
      try db.execute(
        sql: "DELETE FROM opening WHERE kind = ?", arguments: [OpeningKind.imported.rawValue])
      var index = try OpeningIndexWriter(db)
      let decoder = JSONDecoder()
      for json in try String.fetchAll(db, sql: "SELECT opening_json FROM imported_opening") {
        guard let opening = try? decoder.decode(JobOpening.self, from: Data(json.utf8)) else {
          continue
        }
        try index.replace(opening, json: json, kind: .imported)
      }
      try OpeningIndexWriter.markImportedIndexed(db)
    }
  }

  /// Every indexed opening's outline (shipped ones in file order, then imported ones by id),
  /// and the requirement kinds the outlines number.
  public func outlines() throws(StoreError) -> (
    outlines: [StoredOutline], kinds: [Int: RequirementKind]
  ) {
    try store.read { db in
      var kinds: [Int: RequirementKind] = [:]
      let kindRows = try Row.fetchCursor(
        db, sql: "SELECT id, skills, threshold FROM opening_requirement_kind")
      while let row = try kindRows.next() {
        kinds[row[0]] = RequirementKind(skillsText: row[1], threshold: row[2])
      }
      var result: [StoredOutline] = []
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT key, kind, id, seniority_min, seniority_max, date_posted, requirements
          FROM opening ORDER BY kind = 'imported', CASE WHEN kind = 'imported' THEN id END, key
          """)
      while let row = try rows.next() {
        let requirements = try row.withUnsafeData(atIndex: 6) { data in
          (data ?? Data()).withUnsafeBytes { OpeningOutline.decode($0) }
        }
        // An outline that cannot be read is left out; `doctor` reports damaged tables.
        guard let requirements else { continue }
        let low = (row[3] as Int?).flatMap(SeniorityLevel.init(rawValue:))
        let high = (row[4] as Int?).flatMap(SeniorityLevel.init(rawValue:))
        result.append(
          StoredOutline(
            key: row[0], kind: OpeningKind(rawValue: row[1]) ?? .imported,
            outline: OpeningOutline(
              id: row[2], seniority: low.flatMap { low in high.map { low...$0 } },
              datePosted: row[5], required: requirements.required,
              preferred: requirements.preferred)))
      }
      return (result, kinds)
    }
  }

  /// The keys of the openings that pass the filters, chosen by SQL over the indexed columns;
  /// nil when no filter is set (every opening passes).
  ///
  /// The same as `JobFilters.admits`: places are compared lowercased in composed form, a
  /// remote opening passes any place, an opening with no seniority range passes any level.
  public func admitted(_ filters: JobFilters) throws(StoreError) -> Set<Int64>? {
    var conditions: [String] = []
    var arguments: [(any DatabaseValueConvertible)?] = []
    if filters.remoteOnly { conditions.append("o.workplace = 'remote'") }
    if let location = filters.location {
      conditions.append(
        """
        (o.workplace = 'remote' OR (length(?) > 0 AND EXISTS (
          SELECT 1 FROM opening_place p WHERE p.opening_key = o.key AND p.part <> ''
            AND (instr(p.part, ?) > 0 OR instr(?, p.part) > 0))))
        """)
      let wanted = OpeningIndexWriter.placeForm(location)
      arguments += [wanted, wanted, wanted]
    }
    if let seniority = filters.seniority {
      conditions.append(
        "(o.seniority_min IS NULL OR ? BETWEEN o.seniority_min AND o.seniority_max)")
      arguments.append(seniority.rawValue)
    }
    if let employmentType = filters.employmentType {
      conditions.append("o.employment_type = ?")
      arguments.append(employmentType.uppercased())
    }
    guard !conditions.isEmpty else { return nil }
    let sql = "SELECT o.key FROM opening o WHERE " + conditions.joined(separator: " AND ")
    let bound = StatementArguments(arguments)
    return try store.read { db in
      Set(try Int64.fetchAll(db, sql: sql, arguments: bound))
    }
  }

  /// The whole openings with these keys.
  public func openings(keys: [Int64]) throws(StoreError) -> [Int64: JobOpening] {
    guard !keys.isEmpty else { return [:] }
    return try store.read { db in
      let decoder = JSONDecoder()
      var result: [Int64: JobOpening] = [:]
      // SQLite takes at most 32,766 parameters; a few hundred keys at a time keeps it simple.
      for start in stride(from: 0, to: keys.count, by: 500) {
        let chunk = Array(keys[start..<min(keys.count, start + 500)])
        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
        let rows = try Row.fetchAll(
          db, sql: "SELECT opening_key, json FROM opening_json WHERE opening_key IN (\(marks))",
          arguments: StatementArguments(chunk))
        for row in rows {
          if let opening = try? decoder.decode(JobOpening.self, from: Data((row[1] as String).utf8))
          {
            result[row[0]] = opening
          }
        }
      }
      return result
    }
  }
}

/// Writes the openings index inside a transaction someone else opened.
struct OpeningIndexWriter {
  private let db: Database
  private let insertOpening: Statement
  private let insertJSON: Statement
  private let insertPlace: Statement
  private let delete: Statement
  private let insertKind: Statement
  private var kinds: [RequirementKind: Int] = [:]

  init(_ db: Database) throws {
    self.db = db
    let rows = try Row.fetchCursor(
      db, sql: "SELECT id, skills, threshold FROM opening_requirement_kind")
    while let row = try rows.next() {
      if let kind = RequirementKind(skillsText: row[1], threshold: row[2]) { kinds[kind] = row[0] }
    }
    insertKind = try db.makeStatement(
      sql: "INSERT INTO opening_requirement_kind (skills, threshold) VALUES (?, ?)")
    insertOpening = try db.makeStatement(
      sql: """
        INSERT INTO opening (kind, id, workplace, employment_type, seniority_min, seniority_max,
          date_posted, requirements) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """)
    insertJSON = try db.makeStatement(
      sql: "INSERT INTO opening_json (opening_key, json) VALUES (?, ?)")
    insertPlace = try db.makeStatement(
      sql: "INSERT INTO opening_place (opening_key, part) VALUES (?, ?)")
    delete = try db.makeStatement(sql: "DELETE FROM opening WHERE kind = ? AND id = ?")
  }

  /// How a place is compared: lowercased, in Unicode's composed form.
  static func placeForm(_ text: String) -> String {
    text.lowercased().precomposedStringWithCanonicalMapping
  }

  /// The number of a requirement kind, added when new.
  private mutating func number(_ kind: RequirementKind) throws -> Int {
    if let known = kinds[kind] { return known }
    try insertKind.execute(arguments: [kind.skillsText, kind.threshold])
    let number = Int(db.lastInsertedRowID)
    kinds[kind] = number
    return number
  }

  /// Adds an opening to the index, replacing one of the same kind and id.
  mutating func replace(_ opening: JobOpening, json: String, kind: OpeningKind) throws {
    try delete.execute(arguments: [kind.rawValue, opening.id])
    var numbered: [RequirementKind: Int] = [:]
    for requirement in opening.required + opening.preferred {
      let kind = RequirementKind(requirement)
      numbered[kind] = try number(kind)
    }
    let outline = OpeningOutline(opening) { numbered[$0] ?? 0 }
    try insertOpening.execute(arguments: [
      kind.rawValue, opening.id, opening.workplace.rawValue, opening.employmentType.uppercased(),
      opening.seniority?.lowerBound.rawValue, opening.seniority?.upperBound.rawValue,
      opening.datePosted,
      Data(outline.encoded),
    ])
    let key = db.lastInsertedRowID
    try insertJSON.execute(arguments: [key, json])
    for location in opening.locations {
      for part in [location.city, location.region, location.country].compactMap({ $0 }) {
        try insertPlace.execute(arguments: [key, Self.placeForm(part)])
      }
    }
  }

  /// Records that the imported openings are indexed as `imported_opening` holds them now.
  static func markImportedIndexed(_ db: Database) throws {
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO opening_sync (kind, fingerprint, diagnostics_json)
        VALUES (?, (SELECT COUNT(*) FROM imported_opening), '[]')
        """,
      arguments: [OpeningKind.imported.rawValue])
  }

  /// Whether the index holds exactly the imported openings: the count recorded with the last
  /// indexing still matches both tables (a database rebuilt by `doctor` starts with no record).
  static func importedIndexIsCurrent(_ db: Database) throws -> Bool {
    let row = try Row.fetchOne(
      db,
      sql: """
        SELECT (SELECT fingerprint FROM opening_sync WHERE kind = 'imported'),
          (SELECT COUNT(*) FROM imported_opening),
          (SELECT COUNT(*) FROM opening WHERE kind = 'imported')
        """)
    guard let row, let recorded = row[0] as String? else { return false }
    let stored: Int = row[1]
    let indexed: Int = row[2]
    return recorded == String(stored) && stored == indexed
  }
}

extension AnswerStore {
  /// The imported openings kept in this database, and the index over every opening.
  public var openings: OpeningStore { OpeningStore(store: self) }
}
