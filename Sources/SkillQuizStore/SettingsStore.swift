import Foundation
import GRDB
import SkillQuizKit

/// The user's settings, kept in the progress database: career level and review retention.
public struct SettingsStore: Sendable {
  let store: AnswerStore

  /// The career level set with `set level`, if any.
  public func level() throws(StoreError) -> SeniorityLevel? {
    try value(for: "level").flatMap { name in SeniorityLevel.allCases.first { $0.name == name } }
  }

  /// Stores the career level.
  public func setLevel(_ level: SeniorityLevel) throws(StoreError) {
    try setValue(level.name, for: "level")
  }

  /// The recall probability reviews aim for.
  public func desiredRetention() throws(StoreError) -> Double {
    try store.desiredRetention()
  }

  func value(for key: String) throws(StoreError) -> String? {
    try store.read { db in
      try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }
  }

  func setValue(_ value: String, for key: String) throws(StoreError) {
    try store.write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [key, value])
    }
  }
}

extension AnswerStore {
  /// The settings kept in this database.
  public var settings: SettingsStore { SettingsStore(store: self) }
}
