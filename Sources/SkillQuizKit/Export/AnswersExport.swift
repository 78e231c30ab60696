import Foundation

/// The answer export's columns and the text of its values.
public enum AnswersExport {
  /// The columns, in order.
  public static let columns = [
    "answered_at", "question_id", "area", "topic", "difficulty", "mode", "correct", "score",
    "skipped", "unsure", "duration_seconds", "response",
  ]

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

  /// A CSV field: quoted, with its quotes doubled, when it holds a comma, quote or line break.
  static func csvField(_ text: String) -> String {
    guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A number as JSONSerialization writes it: whole numbers without a fraction.
  static func jsonNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(describing: value)
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
