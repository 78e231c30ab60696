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

/// A clock that starts at a chosen time and then runs as fast as another clock.
///
/// `--now` uses it, so answer durations stay real while dates are pretended.
public struct RunningClock: Clock {
  private let start: Date
  private let base: any Clock
  private let baseStart: Date

  /// Creates a clock that says `start` now and advances with `base`.
  public init(startingAt start: Date, base: any Clock = SystemClock()) {
    self.start = start
    self.base = base
    self.baseStart = base.now
  }

  public var now: Date { start.addingTimeInterval(base.now.timeIntervalSince(baseStart)) }
}
