import Foundation
import SkillQuizKit
import SkillQuizStore

/// `set`: the settings a user can change.
public enum SettingKey: String, CaseIterable, Sendable {
  /// The recall probability reviews aim for.
  case retention
  /// The career level, for the seniority factor of job matches.
  case level
}

/// Reads and changes the user's settings.
public enum SettingsChange {
  /// The range `set retention` accepts.
  public static let retentionRange = 0.7...0.97

  /// Every setting and its value, in `SettingKey` order ("not set" when missing).
  public static func current(_ workspace: Workspace) throws(StoreError) -> [(
    key: SettingKey, value: String
  )] {
    let settings = workspace.store.settings
    return [
      (.retention, "\(try settings.desiredRetention())"),
      (.level, try settings.level()?.name ?? "not set"),
    ]
  }

  /// Sets one setting from its text; returns what changed, in words.
  public static func set(_ key: SettingKey, to text: String, in workspace: Workspace)
    throws(any Error) -> String
  {
    switch key {
    case .retention:
      guard let number = Double(text), retentionRange.contains(number) else {
        throw UseCaseError.invalid(
          "retention must be a number from 0.70 to 0.97, such as 0.9 (not '\(text)')")
      }
      try workspace.store.setDesiredRetention(number)
      return "Desired retention is now \(number); every card was rescheduled."
    case .level:
      guard let level = SeniorityLevel.allCases.first(where: { $0.name == text.lowercased() })
      else {
        throw UseCaseError.invalid(
          "'\(text)' is not a level; use "
            + SeniorityLevel.allCases.map(\.name).joined(separator: ", "))
      }
      try workspace.store.settings.setLevel(level)
      return "Your level is now \(level.name); job matches use it."
    }
  }
}
