import Foundation

/// Every stored answer as CSV or JSON, for spreadsheets and other tools.
public enum AnswersExport {
  /// The columns, in order.
  public static let columns = [
    "answered_at", "question_id", "area", "topic", "difficulty", "mode", "correct", "score",
    "skipped", "unsure", "duration_seconds", "response",
  ]

  /// A new formatter of answer times; make one per export, never one per row.
  static func makeTimestamp() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }

  static func values(_ answer: AnswerRecord, timestamp: ISO8601DateFormatter) -> [String] {
    [
      utcText(answer.answeredAt), answer.questionID, answer.areaID, answer.topicID,
      answer.difficulty.rawValue, answer.mode.rawValue, answer.isCorrect ? "1" : "0",
      scoreText(answer.score), answer.isSkipped ? "1" : "0", answer.isUnsure ? "1" : "0",
      answer.duration.map(secondsText) ?? "", answer.response ?? "",
    ]
  }

  /// `2026-12-01T09:30:05.250Z`: what the ISO 8601 formatter with fractional seconds writes,
  /// to the nearest millisecond (the precision answers are stored with), without its cost.
  static func utcText(_ date: Date) -> String {
    let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
    let (seconds, fraction) = millis.quotientAndRemainder(dividingBy: 1000)
    var whole = time_t(fraction < 0 ? seconds - 1 : seconds)
    var parts = tm()
    gmtime_r(&whole, &parts)
    func padded(_ value: Int32, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-"
      + padded(parts.tm_mday, 2) + "T" + padded(parts.tm_hour, 2) + ":" + padded(parts.tm_min, 2)
      + ":" + padded(parts.tm_sec, 2) + "." + padded(Int32((fraction + 1000) % 1000), 3) + "Z"
  }

  /// `%.4g` of a score, with the common whole scores written directly.
  static func scoreText(_ score: Double) -> String {
    if score == 0 { return "0" }
    if score == 1 { return "1" }
    return String(format: "%.4g", score)
  }

  /// `%.3f` of a duration in seconds, without `String(format:)`'s cost.
  static func secondsText(_ seconds: Double) -> String {
    guard seconds.isFinite, abs(seconds) < 1e12 else { return String(format: "%.3f", seconds) }
    let millis = Int64((abs(seconds) * 1000).rounded())
    let (whole, fraction) = millis.quotientAndRemainder(dividingBy: 1000)
    let digits = String(fraction)
    return (seconds < 0 && millis > 0 ? "-" : "") + String(whole) + "."
      + String(repeating: "0", count: 3 - digits.count) + digits
  }

  /// RFC 4180 CSV with a header row.
  public static func csv(_ answers: [AnswerRecord]) -> String {
    var writer = AnswersExportWriter(format: .csv)
    return writer.header() + answers.map { writer.row($0) }.joined() + writer.footer()
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A JSON array of objects keyed by the column names.
  public static func json(_ answers: [AnswerRecord]) throws -> String {
    let timestamp = makeTimestamp()
    let objects: [[String: Any]] = answers.map { jsonObject($0, timestamp: timestamp) }
    let data = try JSONSerialization.data(
      withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func jsonObject(_ answer: AnswerRecord, timestamp: ISO8601DateFormatter) -> [String: Any] {
    [
      "answered_at": timestamp.string(from: answer.answeredAt), "question_id": answer.questionID,
      "area": answer.areaID, "topic": answer.topicID, "difficulty": answer.difficulty.rawValue,
      "mode": answer.mode.rawValue, "correct": answer.isCorrect, "score": answer.score,
      "skipped": answer.isSkipped, "unsure": answer.isUnsure,
      "duration_seconds": answer.duration as Any, "response": answer.response as Any,
    ]
  }
}

/// Writes answers out one at a time, as `AnswersExport.csv` and `json` do for a whole array:
/// an export of any size needs memory for one row, and one date formatter.
public struct AnswersExportWriter {
  /// The file formats.
  public enum Format: Sendable {
    case csv, json
  }

  /// The format written.
  public let format: Format
  private let timestamp = AnswersExport.makeTimestamp()
  private var rows = 0

  /// Creates a writer.
  public init(format: Format) { self.format = format }

  /// What comes before the first row.
  public func header() -> String {
    switch format {
    case .csv: AnswersExport.columns.joined(separator: ",") + "\r\n"
    case .json: "["
    }
  }

  /// One answer's row (for JSON, with the separator from the row before).
  public mutating func row(_ answer: AnswerRecord) -> String {
    defer { rows += 1 }
    switch format {
    case .csv:
      return AnswersExport.values(answer, timestamp: timestamp).map(AnswersExport.csvField)
        .joined(separator: ",") + "\r\n"
    case .json:
      // Written by hand in JSONSerialization's pretty, sorted form (the tests hold it equal to
      // `AnswersExport.json`): JSONSerialization took 200 µs a row, 3.6 minutes for 1M answers.
      let fields: [(String, String)] = [
        ("answered_at", Self.jsonString(timestamp.string(from: answer.answeredAt))),
        ("area", Self.jsonString(answer.areaID)),
        ("correct", answer.isCorrect ? "true" : "false"),
        ("difficulty", Self.jsonString(answer.difficulty.rawValue)),
        ("duration_seconds", answer.duration.map(Self.jsonNumber) ?? "null"),
        ("mode", Self.jsonString(answer.mode.rawValue)),
        ("question_id", Self.jsonString(answer.questionID)),
        ("response", answer.response.map(Self.jsonString) ?? "null"),
        ("score", Self.jsonNumber(answer.score)),
        ("skipped", answer.isSkipped ? "true" : "false"),
        ("topic", Self.jsonString(answer.topicID)),
        ("unsure", answer.isUnsure ? "true" : "false"),
      ]
      let text =
        "{\n    " + fields.map { "\"\($0.0)\" : \($0.1)" }.joined(separator: ",\n    ") + "\n  }"
      return (rows == 0 ? "\n  " : ",\n  ") + text
    }
  }

  /// A JSON string literal, escaped as JSONSerialization escapes it.
  static func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "/": result += "\\/"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// A number as JSONSerialization writes it: whole numbers without a fraction.
  static func jsonNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(describing: value)
  }

  /// What comes after the last row.
  public func footer() -> String {
    switch format {
    case .csv: ""
    case .json: rows == 0 ? "\n\n]\n" : "\n]\n"
    }
  }
}

/// Questions as an Anki "Import File" note list: tab-separated, HTML fields, tagged.
public enum AnkiExport {
  /// Escapes text for HTML.
  public static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// Bank text (Markdown subset) as HTML: paragraphs, `<code>`, `<pre><code>` blocks.
  public static func html(_ text: String) -> String {
    MarkdownLite.blocks(TerminalText.sanitize(text)).map { block -> String in
      switch block {
      case .code(let language, let lines):
        let attribute = language.map { " class=\"language-\(escape($0))\"" } ?? ""
        return "<pre><code\(attribute)>" + lines.map(escape).joined(separator: "<br>")
          + "</code></pre>"
      case .paragraph(let lines):
        return "<p>" + lines.map(inlineHTML).joined(separator: "<br>") + "</p>"
      }
    }.joined()
  }

  static func inlineHTML(_ text: String) -> String {
    var result = ""
    var inCode = false
    var current = ""
    for character in text {
      if character == "`" {
        result += inCode ? "<code>\(escape(current))</code>" : escape(current)
        current = ""
        inCode.toggle()
      } else {
        current.append(character)
      }
    }
    result += inCode ? "`" + escape(current) : escape(current)
    return result
  }

  /// The front of a card: the prompt, then its options lettered as the bank orders them.
  static func front(_ question: Question) -> String {
    var html = self.html(question.prompt)
    switch question.kind {
    case .single, .multiple:
      html +=
        "<ol type=\"a\">" + question.options.map { "<li>\(inlineHTML($0.text))</li>" }.joined()
        + "</ol>"
      if question.kind == .multiple { html += "<p><i>Select all that apply.</i></p>" }
    case .trueFalse: html += "<p><i>True or false?</i></p>"
    case .short, .sql, .numeric: break
    }
    return html
  }

  /// The back of a card: the right answer, then the explanation and references.
  static func back(_ question: Question) -> String {
    var answer: String
    switch question.answer {
    case .single(let id):
      let index = question.options.firstIndex { $0.id == id } ?? 0
      answer =
        "<b>\(PresentedQuestion.letter(at: index))) </b>"
        + inlineHTML(question.options[index].text)
    case .multiple(let ids):
      answer = question.options.enumerated().filter { ids.contains($0.element.id) }.map {
        "<b>\(PresentedQuestion.letter(at: $0.offset))) </b>" + inlineHTML($0.element.text)
      }.joined(separator: "<br>")
    case .trueFalse(let value): answer = "<b>\(value ? "True" : "False")</b>"
    case .short(let accepted, _):
      answer = accepted.map { "<code>\(escape($0))</code>" }.joined(separator: ", ")
    case .numeric(let ranges):
      answer = "<b>" + escape(ranges.map(\.text).joined(separator: ", ")) + "</b>"
    case .sql(let exercise):
      answer =
        "<pre><code class=\"language-sql\">"
        + escape(exercise.solution)
        .replacingOccurrences(of: "\n", with: "<br>") + "</code></pre>"
    }
    var html = "<p>" + answer + "</p>" + self.html(question.explanation)
    if !question.references.isEmpty {
      html +=
        "<p>"
        + question.references.map {
          "<a href=\"\(escape($0.url))\">\(escape($0.title ?? $0.url))</a>"
        }.joined(separator: "<br>") + "</p>"
    }
    return html
  }

  /// A tab-separated file Anki imports as it is: front, back, tags (area and area::topic).
  public static func notes(_ questions: [Question]) -> String {
    func field(_ text: String) -> String {
      text.replacingOccurrences(of: "\t", with: "    ").replacingOccurrences(of: "\r", with: "")
        .replacingOccurrences(of: "\n", with: "<br>")
    }
    var lines = ["#separator:tab", "#html:true", "#tags column:3"]
    for question in questions {
      let tags = "skillquiz \(question.areaID) \(question.areaID)::\(question.topicID)"
      lines.append([field(front(question)), field(back(question)), tags].joined(separator: "\t"))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
