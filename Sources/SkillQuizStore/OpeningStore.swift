import Foundation
import GRDB
import SkillQuizKit

/// Job openings imported from saved postings, kept in the progress database.
public struct OpeningStore: Sendable {
  let store: AnswerStore

  /// Stores imported openings in one transaction, replacing ones with the same id.
  ///
  /// - Returns: How many were new and how many replaced an earlier import.
  public func importOpenings(_ openings: [JobOpening], at date: Date) throws(StoreError)
    -> (added: Int, updated: Int)
  {
    let encoded = openings.compactMap { opening in
      (try? JSONEncoder().encode(opening)).map { (opening.id, String(decoding: $0, as: UTF8.self)) }
    }
    return try store.write { db in
      var added = 0
      var updated = 0
      for (id, json) in encoded {
        let exists =
          try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM imported_opening WHERE id = ?", arguments: [id])
          ?? 0
        try db.execute(
          sql:
            "INSERT OR REPLACE INTO imported_opening (id, opening_json, imported_at) VALUES (?, ?, ?)",
          arguments: [id, json, date])
        if exists > 0 { updated += 1 } else { added += 1 }
      }
      return (added, updated)
    }
  }

  /// Every imported opening.
  public func all() throws(StoreError) -> [JobOpening] {
    try store.read { db in
      try String.fetchAll(db, sql: "SELECT opening_json FROM imported_opening ORDER BY id")
        .compactMap {
          try? JSONDecoder().decode(JobOpening.self, from: Data($0.utf8))
        }
    }
  }

  /// Removes an imported opening; returns whether one was removed.
  public func remove(id: String) throws(StoreError) -> Bool {
    try store.write { db in
      try db.execute(sql: "DELETE FROM imported_opening WHERE id = ?", arguments: [id])
      return db.changesCount > 0
    }
  }
}

extension AnswerStore {
  /// The imported openings kept in this database.
  public var openings: OpeningStore { OpeningStore(store: self) }
}
