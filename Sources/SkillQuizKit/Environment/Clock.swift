import Foundation

/// The source of the current time, injected so tests control it.
public protocol Clock: Sendable {
  /// The current time.
  var now: Date { get }
}

/// The system's wall clock.
public struct SystemClock: Clock {
  /// Creates the system clock.
  public init() {}
  public var now: Date { Date() }
}

/// A clock that always says the same time.
public struct FixedClock: Clock {
  /// The time it says.
  public let now: Date

  /// Creates a clock stopped at `now`.
  public init(_ now: Date) {
    self.now = now
  }
}
