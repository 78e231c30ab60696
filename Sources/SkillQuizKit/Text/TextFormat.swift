import Foundation

/// Numbers, dates and columns as terminal text.
public enum TextFormat {
  /// A count with thousands separators: `1,234,567`.
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return (value < 0 ? "-" : "") + result
  }

  /// A percentage such as `72%`.
  public static func percent(_ fraction: Double?) -> String {
    guard let fraction else { return "—" }
    return "\(Int((fraction * 100).rounded()))%"
  }

  /// A sparkline of fractions from 0 to 1.
  public static func sparkline(_ values: [Double]) -> String {
    let bars = Array("▁▂▃▄▅▆▇█")
    return String(
      values.map { bars[min(bars.count - 1, max(0, Int(($0 * Double(bars.count - 1)).rounded())))] }
    )
  }

  /// An arrow for a trend.
  public static func arrow(_ trend: Standing.Trend) -> String {
    switch trend {
    case .up: "↑"
    case .down: "↓"
    case .flat: "→"
    case .unknown: ""
    }
  }

  /// How long ago a date was, in words.
  public static func relative(_ date: Date?, now: Date) -> String {
    guard let date else { return "never" }
    let calendar = Calendar.current
    let days =
      calendar.dateComponents(
        [.day], from: calendar.startOfDay(for: date), to: calendar.startOfDay(for: now)
      ).day ?? 0
    switch days {
    case ..<1: return "today"
    case 1: return "yesterday"
    case 2..<30: return "\(days) days ago"
    default: return dayFormatter.string(from: date)
    }
  }

  public static let dayFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter
  }()

  public static let minuteFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter
  }()

  /// Pads text with spaces to a column width (measured in terminal columns).
  public static func pad(_ text: String, _ columns: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, columns - TerminalText.width(of: text)))
    return right ? fill + text : text + fill
  }
}
