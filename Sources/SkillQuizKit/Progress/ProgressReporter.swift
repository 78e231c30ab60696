/// Hears how far a long piece of work has got: indexing banks, a migration, an import, an export.
///
/// Work calls `begin` once, `advance` as often as it likes (reporters throttle), and `end` once.
/// Kit code never draws anything; the front end decides whether and how to show it.
public protocol ProgressReporter: Sendable {
  /// Work named `title` starts, with `total` units of `unit` (0 when the total is unknown).
  func begin(_ title: String, total: Int, unit: ProgressUnit)
  /// `completed` of the total units are done.
  func advance(to completed: Int)
  /// The work is over (finished or abandoned); whatever was drawn is cleared.
  func end()
}

/// What a reporter's units count.
public enum ProgressUnit: Sendable, Equatable {
  /// Things: files, answers, openings.
  case items
  /// Bytes of input.
  case bytes
}

extension ProgressReporter {
  /// Work named `title` starts, with `total` items (0 when the total is unknown).
  public func begin(_ title: String, total: Int) {
    begin(title, total: total, unit: .items)
  }
}

/// A reporter that shows nothing: for pipes, tests and work too short to mention.
public struct SilentProgress: ProgressReporter {
  /// Creates a silent reporter.
  public init() {}
  public func begin(_ title: String, total: Int, unit: ProgressUnit) {}
  public func advance(to completed: Int) {}
  public func end() {}
}
