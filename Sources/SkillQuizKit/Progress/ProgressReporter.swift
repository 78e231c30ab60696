/// Hears how far a long piece of work has got: indexing banks, a migration, an import, an export.
///
/// Work calls `begin` once, `advance` as often as it likes (reporters throttle), and `end` once.
/// Kit code never draws anything; the front end decides whether and how to show it.
public protocol ProgressReporter: Sendable {
  /// Work named `title` starts, with `total` units (0 when the total is unknown).
  func begin(_ title: String, total: Int)
  /// `completed` of the total units are done.
  func advance(to completed: Int)
  /// The work is over (finished or abandoned); whatever was drawn is cleared.
  func end()
}

/// A reporter that shows nothing: for pipes, tests and work too short to mention.
public struct SilentProgress: ProgressReporter {
  /// Creates a silent reporter.
  public init() {}
  public func begin(_ title: String, total: Int) {}
  public func advance(to completed: Int) {}
  public func end() {}
}
