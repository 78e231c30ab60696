import Foundation

/// Writes answers as CSV or JSON, one at a time, into bytes the caller drains.
///
/// An export of any size needs memory for one block of text. The CSV is RFC 4180 with a header
/// row; the JSON is the array `JSONSerialization` writes pretty-printed with sorted keys. The
/// tests hold both to whole-array references, byte for byte.
public struct AnswersExportWriter {
  /// The file formats.
  public enum Format: Sendable {
    case csv, json
  }

  /// How many bytes make a block worth draining: 64 KiB.
  public static let blockSize = 1 << 16

  /// The format written.
  public let format: Format
  /// The UTF-8 text written and not yet drained.
  public private(set) var bytes: [UInt8] = []
  private var rows = 0
  /// The last day written, as days since 1970, and its `yyyy-MM-ddT`: answers come in time
  /// order, so most rows repeat the day before.
  private var day = Int64.min
  private var dayText: [UInt8] = []
  /// Score texts already written, by bit pattern: scores take few values.
  private var scores: [UInt64: [UInt8]] = [:]
  /// For JSON times outside 1900–9999 only, which the ISO 8601 formatter writes its own way.
  private var timestamp: ISO8601DateFormatter?

  /// The times written by hand: 1900-01-01 up to 10000-01-01, in milliseconds since 1970.
  private static let firstMillis: Double = -2_208_988_800_000
  private static let endMillis: Double = 253_402_300_800_000
  private static let millisPerDay: Int64 = 86_400_000

  /// Creates a writer, with the header (CSV) or the opening bracket (JSON) already written.
  public init(format: Format) {
    self.format = format
    bytes.reserveCapacity(Self.blockSize + 4096)
    switch format {
    case .csv:
      bytes.append(contentsOf: (AnswersExport.columns.joined(separator: ",") + "\r\n").utf8)
    case .json: put("[")
    }
  }

  /// Whether a block's worth of text waits to be drained.
  public var isBlockFull: Bool { bytes.count >= Self.blockSize }

  /// Adds one answer's row (for JSON, with the separator from the row before).
  public mutating func append(_ answer: AnswerRecord) {
    switch format {
    case .csv: appendCSV(answer)
    case .json: appendJSON(answer)
    }
    rows += 1
  }

  /// Adds what comes after the last row; call it once, after every answer.
  public mutating func finish() {
    if format == .json { put(rows == 0 ? "\n\n]\n" : "\n]\n") }
  }

  /// Hands the text written so far to `body`, then forgets it.
  public mutating func drain(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
    defer { bytes.removeAll(keepingCapacity: true) }
    try bytes.withUnsafeBufferPointer(body)
  }

  private mutating func appendCSV(_ answer: AnswerRecord) {
    appendTime(answer.answeredAt)
    put(",")
    appendCSVField(answer.questionID)
    put(",")
    appendCSVField(answer.areaID)
    put(",")
    appendCSVField(answer.topicID)
    put(",")
    appendDifficulty(answer.difficulty)
    put(",")
    appendMode(answer.mode)
    put(answer.isCorrect ? ",1," : ",0,")
    appendScore(answer.score)
    put(answer.isSkipped ? ",1" : ",0")
    put(answer.isUnsure ? ",1," : ",0,")
    if let duration = answer.duration { appendSeconds(duration) }
    put(",")
    if let response = answer.response { appendCSVField(response) }
    put("\r\n")
  }

  private mutating func appendJSON(_ answer: AnswerRecord) {
    // JSONSerialization's pretty, sorted form, written by hand: it took 200 µs a row.
    put(rows == 0 ? "\n  {\n    \"answered_at\" : \"" : ",\n  {\n    \"answered_at\" : \"")
    appendTime(answer.answeredAt)
    put("\",\n    \"area\" : ")
    appendJSONString(answer.areaID)
    put(answer.isCorrect ? ",\n    \"correct\" : true" : ",\n    \"correct\" : false")
    put(",\n    \"difficulty\" : \"")
    appendDifficulty(answer.difficulty)
    put("\",\n    \"duration_seconds\" : ")
    if let duration = answer.duration { appendJSONNumber(duration) } else { put("null") }
    put(",\n    \"mode\" : \"")
    appendMode(answer.mode)
    put("\",\n    \"question_id\" : ")
    appendJSONString(answer.questionID)
    put(",\n    \"response\" : ")
    if let response = answer.response { appendJSONString(response) } else { put("null") }
    put(",\n    \"score\" : ")
    appendScore(answer.score)
    put(answer.isSkipped ? ",\n    \"skipped\" : true" : ",\n    \"skipped\" : false")
    put(",\n    \"topic\" : ")
    appendJSONString(answer.topicID)
    put(answer.isUnsure ? ",\n    \"unsure\" : true\n  }" : ",\n    \"unsure\" : false\n  }")
  }

  @inline(__always)
  private mutating func put(_ text: StaticString) {
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  private mutating func appendDifficulty(_ difficulty: Difficulty) {
    switch difficulty {
    case .easy: put("easy")
    case .medium: put("medium")
    case .hard: put("hard")
    }
  }

  private mutating func appendMode(_ mode: AnswerMode) {
    switch mode {
    case .quiz: put("quiz")
    case .review: put("review")
    case .drill: put("drill")
    case .assess: put("assess")
    }
  }

  /// `2026-12-01T09:30:05.250Z`, as `AnswersExport.utcText` (CSV) or the ISO 8601 formatter
  /// (JSON) writes it: they agree from 1900 to 9999, which is written here by hand.
  private mutating func appendTime(_ date: Date) {
    let scaled = (date.timeIntervalSince1970 * 1000).rounded()
    guard scaled >= Self.firstMillis, scaled < Self.endMillis else {
      return appendTimeOutsideRange(date)
    }
    let millis = Int64(scaled)
    let days = (millis >= 0 ? millis : millis - Self.millisPerDay + 1) / Self.millisPerDay
    if days != day {
      day = days
      dayText = Self.dayText(days)
    }
    bytes.append(contentsOf: dayText)
    let within = millis - days * Self.millisPerDay
    let seconds = within / 1000
    appendDigits(seconds / 3600, width: 2)
    put(":")
    appendDigits(seconds / 60 % 60, width: 2)
    put(":")
    appendDigits(seconds % 60, width: 2)
    put(".")
    appendDigits(within % 1000, width: 3)
    put("Z")
  }

  private mutating func appendTimeOutsideRange(_ date: Date) {
    switch format {
    case .csv where date.timeIntervalSince1970.isFinite:
      bytes.append(contentsOf: AnswersExport.utcText(date).utf8)
    case .csv, .json:
      let formatter = timestamp ?? Self.makeTimestamp()
      timestamp = formatter
      bytes.append(contentsOf: formatter.string(from: date).utf8)
    }
  }

  /// A new ISO 8601 formatter with fractional seconds: JSON's times outside 1900–9999.
  static func makeTimestamp() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }

  /// `yyyy-MM-ddT` of a day counted from 1970-01-01 (proleptic Gregorian, years 1900–9999).
  static func dayText(_ days: Int64) -> [UInt8] {
    // Howard Hinnant's civil_from_days.
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let dayOfMonth = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    var text: [UInt8] = []
    text.reserveCapacity(11)
    for (value, width) in [(year, 4), (month, 2), (dayOfMonth, 2)] {
      var divisor: Int64 = 1
      for _ in 1..<width { divisor *= 10 }
      while divisor > 0 {
        text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
        divisor /= 10
      }
      text.append(width == 2 && text.count == 10 ? UInt8(ascii: "T") : UInt8(ascii: "-"))
    }
    return text
  }

  /// `value` (0 or more) in `width` digits, zero-padded.
  @inline(__always)
  private mutating func appendDigits(_ value: Int64, width: Int) {
    if width == 3 { bytes.append(UInt8(ascii: "0") + UInt8(value / 100)) }
    bytes.append(UInt8(ascii: "0") + UInt8(value / 10 % 10))
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// `value` (0 or more) in as many digits as it needs.
  private mutating func appendDecimal(_ value: Int64) {
    var divisor: Int64 = 1
    while divisor <= value / 10 { divisor *= 10 }
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
      divisor /= 10
    }
  }

  /// A score as `AnswersExport.scoreText` (CSV) or `jsonNumber` (JSON) writes it.
  private mutating func appendScore(_ score: Double) {
    if score == 0 { return put("0") }
    if score == 1 { return put("1") }
    if let text = scores[score.bitPattern] { return bytes.append(contentsOf: text) }
    let text = Array(
      (format == .csv ? AnswersExport.scoreText(score) : AnswersExport.jsonNumber(score)).utf8)
    if scores.count < 1024 { scores[score.bitPattern] = text }
    bytes.append(contentsOf: text)
  }

  /// A duration as `AnswersExport.secondsText` writes it: `%.3f`.
  private mutating func appendSeconds(_ seconds: Double) {
    guard seconds.isFinite, abs(seconds) < 1e12 else {
      return bytes.append(contentsOf: AnswersExport.secondsText(seconds).utf8)
    }
    let millis = Int64((abs(seconds) * 1000).rounded())
    if seconds < 0 && millis > 0 { put("-") }
    appendDecimal(millis / 1000)
    put(".")
    appendDigits(millis % 1000, width: 3)
  }

  /// A number as `AnswersExport.jsonNumber` writes it, by hand for whole milliseconds.
  ///
  /// `description` writes the shortest text that reads back as the same `Double`; for a
  /// number of milliseconds under 10^12 that is its decimal digits without trailing zeros.
  private mutating func appendJSONNumber(_ value: Double) {
    let magnitude = abs(value)
    if value == value.rounded(), magnitude < 1e15 {
      if value < 0 { put("-") }
      return appendDecimal(Int64(magnitude))
    }
    let millis = (magnitude * 1000).rounded()
    guard magnitude < 1e9, Double(Int64(millis)) / 1000 == magnitude else {
      return bytes.append(contentsOf: String(describing: value).utf8)
    }
    if value < 0 { put("-") }
    let whole = Int64(millis)
    appendDecimal(whole / 1000)
    put(".")
    var fraction = whole % 1000
    var width = 3
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    var divisor: Int64 = width == 3 ? 100 : width == 2 ? 10 : 1
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
      divisor /= 10
    }
  }

  /// A CSV field as `AnswersExport.csvField` writes it; plain text is copied as it is.
  private mutating func appendCSVField(_ text: String) {
    var text = text
    let isPlain = text.withUTF8 { utf8 -> Bool in
      for byte in utf8
      where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A
        || byte == 0x0D
      {
        return false
      }
      bytes.append(contentsOf: utf8)
      return true
    }
    // Quoting goes by characters: a CR LF pair alone is one character, and is not quoted.
    if !isPlain { bytes.append(contentsOf: AnswersExport.csvField(text).utf8) }
  }

  /// A JSON string literal, escaped as `JSONSerialization` escapes it.
  private mutating func appendJSONString(_ text: String) {
    var text = text
    put("\"")
    text.withUTF8 { utf8 in
      var start = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard
          byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "/")
        else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        start = index + 1
        switch byte {
        case UInt8(ascii: "\""): put("\\\"")
        case UInt8(ascii: "\\"): put("\\\\")
        case UInt8(ascii: "/"): put("\\/")
        case 0x0A: put("\\n")
        case 0x0D: put("\\r")
        case 0x09: put("\\t")
        case 0x08: put("\\b")
        case 0x0C: put("\\f")
        default:
          put("\\u00")
          bytes.append(Self.hexDigits[Int(byte >> 4)])
          bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    put("\"")
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
