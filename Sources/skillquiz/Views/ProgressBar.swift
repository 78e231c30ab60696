import Foundation
import LineEditing
import SkillQuizKit

/// A one-line progress bar on standard error, drawn only when standard error is a terminal and
/// only once the work has run for half a second, so quick work never flickers.
///
/// Redraws at most ten times a second; `end` clears the line.
final class ProgressBar: ProgressReporter, @unchecked Sendable {
  private let lock = NSLock()
  private let width: Int
  private let now: @Sendable () -> Double
  private var title = ""
  private var total = 0
  private var unit = ProgressUnit.items
  private var started = 0.0
  private var lastDrawn = -1.0
  private var drawn = false

  /// A bar for this process's standard error, or a silent reporter on a pipe.
  static func forStandardError(width: Int) -> any ProgressReporter {
    isatty(STDERR_FILENO) == 1 ? ProgressBar(width: width) : SilentProgress()
  }

  init(width: Int, now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime })
  {
    self.width = max(20, width)
    self.now = now
  }

  func begin(_ title: String, total: Int, unit: ProgressUnit) {
    lock.withLock {
      self.title = TerminalText.sanitize(title)
      self.total = total
      self.unit = unit
      started = now()
      lastDrawn = -1
    }
  }

  func advance(to completed: Int) {
    let text: String? = lock.withLock {
      let time = now()
      guard time - started >= 0.5, time - lastDrawn >= 0.1 else { return nil }
      lastDrawn = time
      drawn = true
      return Self.line(
        title: title, completed: completed, total: total, unit: unit, width: width)
    }
    if let text { OutputWriter.write("\r\u{1B}[K" + text, to: .error) }
  }

  func end() {
    let wasDrawn = lock.withLock {
      defer { drawn = false }
      return drawn
    }
    if wasDrawn { OutputWriter.write("\r\u{1B}[K", to: .error) }
  }

  /// The bar's text: `Importing  [#######.......]  52%  5,210 / 10,000`, or for bytes
  /// `Indexing banks  [###....]  12%  8.3 / 66.9 MB`.
  static func line(
    title: String, completed: Int, total: Int, unit: ProgressUnit = .items, width: Int
  ) -> String {
    func amount(_ value: Int) -> String {
      unit == .bytes
        ? String(format: "%.1f", Double(value) / 1_000_000) : TextFormat.grouped(value)
    }
    let suffix = unit == .bytes ? " MB" : ""
    guard total > 0 else { return "\(title)  \(amount(completed))\(suffix)" }
    let fraction = min(1, max(0, Double(completed) / Double(total)))
    let numbers =
      "\(Int((fraction * 100).rounded(.down)))%  \(amount(completed)) / \(amount(total))\(suffix)"
    let room = width - title.count - numbers.count - 8
    guard room >= 10 else { return "\(title)  \(numbers)" }
    let filled = Int((fraction * Double(room)).rounded(.down))
    return "\(title)  [" + String(repeating: "#", count: filled)
      + String(repeating: ".", count: room - filled) + "]  \(numbers)"
  }
}
