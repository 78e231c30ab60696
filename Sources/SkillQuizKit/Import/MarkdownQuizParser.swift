import Foundation

/// Reads quiz Markdown in the style of the LinkedIn skill-assessment collections:
/// `#### Q1. stem`, options `- [ ]` / `- [x]`, code blocks in the stem or as options,
/// `**Explanation:**` and `[Reference](url)`.
///
/// It survives the irregularities real files have: `###` or missing heading marks (`Q12. …`),
/// several `[x]` (a multiple-answer question), none (skipped, with the reason), an option's code
/// block after its list item, images (kept as links), and repeated question numbers.
public enum MarkdownQuizParser {
  private struct Draft {
    var line: Int
    var stem: [String]
    var options: [(text: [String], correct: Bool)] = []
    var explanation: [String] = []
    var references: [String] = []
    var inExplanation = false
  }

  static func questionStart(_ line: String) -> String? {
    guard mayStartQuestion(line) else { return nil }
    let trimmed = line.trimmed(in: .whitespaces)
    let withoutHashes = trimmed.drop { $0 == "#" }.trimmed(in: .whitespaces)
    guard withoutHashes.hasPrefix("Q") || withoutHashes.hasPrefix("q") else { return nil }
    let afterQ = withoutHashes.dropFirst()
    let digits = afterQ.prefix { $0.isNumber }
    guard !digits.isEmpty else { return nil }
    var rest = afterQ.dropFirst(digits.count)
    guard let mark = rest.first, ".:)".contains(mark) || mark == " " else { return nil }
    if ".:)".contains(mark) { rest = rest.dropFirst() }
    let stem = rest.trimmed(in: .whitespaces)
    guard trimmed.hasPrefix("#") || !stem.isEmpty else { return nil }
    return stem
  }

  static func option(_ line: String) -> (text: String, correct: Bool)? {
    guard mayBeOption(line) else { return nil }
    let trimmed = line.trimmed(in: .whitespaces)
    guard trimmed.hasPrefix("- [") || trimmed.hasPrefix("* [") else { return nil }
    let inside = trimmed.dropFirst(3)
    guard let mark = inside.first, inside.dropFirst().first == "]" else { return nil }
    guard mark == " " || mark == "x" || mark == "X" else { return nil }
    return (String(inside.dropFirst(2)).trimmed(in: .whitespaces), mark != " ")
  }

  /// Whether `questionStart` may find a question in the line, told from its first bytes.
  ///
  /// False when the first character after blanks and `#` marks is plain ASCII other than
  /// `Q`. Any other byte there, or a non-ASCII one on the way, leaves it to `questionStart`.
  private static func mayStartQuestion(_ line: String) -> Bool {
    var bytes = line.utf8[...]
    while let byte = bytes.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
      bytes.removeFirst()
    }
    while bytes.first == UInt8(ascii: "#") { bytes.removeFirst() }
    while let byte = bytes.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
      bytes.removeFirst()
    }
    guard let byte = bytes.first else { return false }
    return byte == UInt8(ascii: "Q") || byte == UInt8(ascii: "q") || byte >= 0x80
  }

  /// Whether `option` may find an option in the line: false when its bytes show it starts,
  /// after blanks, with plain ASCII other than `- [` or `* [`.
  private static func mayBeOption(_ line: String) -> Bool {
    var bytes = line.utf8[...]
    while let byte = bytes.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
      bytes.removeFirst()
    }
    for expected in [nil, UInt8(ascii: " "), UInt8(ascii: "[")] {
      guard let byte = bytes.first else { return false }
      if byte >= 0x80 { return true }
      if let expected {
        guard byte == expected else { return false }
      } else {
        guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") else { return false }
      }
      bytes.removeFirst()
    }
    return true
  }

  /// `text.contains("![")`: a byte search in simple text (`PlainText.isSimple`), where it
  /// answers what Foundation's search answers.
  static func hasImage(_ text: String) -> Bool {
    guard text.utf8.contains(UInt8(ascii: "!")) else { return false }
    if PlainText.isSimple(text) {
      var previous: UInt8 = 0
      for byte in text.utf8 {
        if previous == UInt8(ascii: "!"), byte == UInt8(ascii: "[") { return true }
        previous = byte
      }
      return false
    }
    return text.contains("![")
  }

  /// Turns `![alt](url)` into a visible link, since a terminal shows no images.
  ///
  /// The same as replacing `!\[([^\]]*)\]\(([^)]+)\)` with `(image: $1 $2)`, in linear time:
  /// the regular expression looked for the closing `]` again from every `![`, which took 37 s
  /// on 80 KB of `![` (hours on 2 MB).
  static func keepImages(_ text: String) -> String {
    guard hasImage(text) else { return text }
    let characters = Array(text)
    let count = characters.count
    // The first `]` and `)` at or after the last place each was looked for from: the places
    // looked from only grow, so each part of the text is scanned once.
    var bracket = -1
    var parenthesis = -1
    func first(_ target: Character, from start: Int, known: inout Int) -> Int {
      if known >= start { return known }
      var index = start
      while index < count, characters[index] != target { index += 1 }
      known = index
      return index
    }
    var result = ""
    var index = 0
    while index < count {
      if characters[index] == "!", index + 1 < count, characters[index + 1] == "[" {
        let close = first("]", from: index + 2, known: &bracket)
        if close + 1 < count, characters[close + 1] == "(" {
          let end = first(")", from: close + 2, known: &parenthesis)
          if end < count, end > close + 2 {
            result +=
              "(image: " + String(characters[(index + 2)..<close]) + " "
              + String(characters[(close + 2)..<end]) + ")"
            index = end + 1
            continue
          }
        }
      }
      result.append(characters[index])
      index += 1
    }
    return result
  }

  /// Parses the Markdown.
  public static func parse(_ text: String) -> ImportParseResult {
    var result = ImportParseResult()
    var draft: Draft?
    var category: String?
    var inFence = false
    var fenceIndent = 0
    func finish() {
      guard let current = draft else { return }
      draft = nil
      let stem = current.stem.joined(separator: "\n").trimmed(in: .whitespacesAndNewlines)
      guard !stem.isEmpty else {
        result.skipped.append(ImportSkip(line: current.line, reason: "the question has no text"))
        return
      }
      guard current.options.count >= 2 else {
        result.skipped.append(
          ImportSkip(line: current.line, reason: "fewer than two `- [ ]` options"))
        return
      }
      let correct = current.options.filter(\.correct).count
      guard correct > 0 else {
        result.skipped.append(
          ImportSkip(
            line: current.line, reason: "no option is marked `[x]`, so the answer is unknown"))
        return
      }
      var question = ImportedQuestion(
        prompt: keepImages(stem), kind: correct > 1 ? .multiple : .single,
        options: current.options.map {
          ImportedQuestion.Option(
            text: keepImages(
              $0.text.joined(separator: "\n").trimmed(in: .whitespacesAndNewlines)),
            isCorrect: $0.correct)
        }, line: current.line)
      let explanation = current.explanation.joined(separator: "\n")
        .trimmed(in: .whitespacesAndNewlines)
      question.explanation = explanation.isEmpty ? nil : keepImages(explanation)
      question.category = category
      question.references = current.references
      let texts = [stem, explanation] + current.options.map { $0.text.joined(separator: "\n") }
      if texts.contains(where: hasImage) {
        result.notes.append(
          ImportSkip(
            line: current.line,
            reason: "has an image, kept as a link: the terminal cannot show it"))
      }
      result.questions.append(question)
    }
    for (index, line) in lines(of: text).enumerated() {
      let line = String(line)
      let trimmed = line.trimmed(in: .whitespaces)
      if trimmed.hasPrefix("```") {
        if !inFence { fenceIndent = line.prefix { $0 == " " }.count }
        inFence.toggle()
        appendToCurrent(line, draft: &draft, indent: fenceIndent)
        continue
      }
      if inFence {
        appendToCurrent(line, draft: &draft, indent: fenceIndent)
        continue
      }
      if let stem = questionStart(line) {
        finish()
        draft = Draft(line: index + 1, stem: [stem])
        continue
      }
      if trimmed.hasPrefix("## ") || trimmed.hasPrefix("# ") {
        finish()
        category =
          trimmed.drop { $0 == "#" }.trimmed(in: .whitespaces)
          .components(separatedBy: " (").first
        continue
      }
      guard draft != nil else { continue }
      if let (text, correct) = option(line) {
        draft?.inExplanation = false
        draft?.options.append(([text], correct))
        continue
      }
      let lower = LowercasedPrefix(trimmed)
      if lower.hasPrefix("**explanation") || lower.hasPrefix("explanation:") {
        draft?.inExplanation = true
        let rest = explanationText(trimmed)
        if !rest.isEmpty { draft?.explanation.append(rest) }
        continue
      }
      if trimmed.hasPrefix("[Reference]") || trimmed.hasPrefix("[reference]")
        || lower.hasPrefix("reference:")
      {
        let url = referenceTarget(trimmed)
        if url.hasPrefix("http") {
          draft?.references.append(url)
        } else {
          draft?.explanation.append("Reference: \(url)")
        }
        continue
      }
      appendToCurrent(line, draft: &draft)
    }
    finish()
    return result
  }

  /// The lines of the text, split at each newline character as `split(whereSeparator:
  /// \.isNewline)` splits, empty ones kept; by bytes when the text is simple apart from
  /// `\r\n` pairs (`PlainText.isSimple`), where a newline character is one of the ASCII
  /// ones or such a pair.
  static func lines(of text: String) -> [Substring] {
    guard PlainText.isSimple(text, allowingCRLF: true) else {
      return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var index = start
    while index < utf8.endIndex {
      let byte = utf8[index]
      guard byte < 0x80, PlainText.asciiNewline[Int(byte)] else {
        index = utf8.index(after: index)
        continue
      }
      lines.append(text[start..<index])
      var next = utf8.index(after: index)
      if byte == 13, next < utf8.endIndex, utf8[next] == 10 { next = utf8.index(after: next) }
      start = next
      index = next
    }
    lines.append(text[start..<utf8.endIndex])
    return lines
  }

  /// A line's first characters lowercased, enough to test the prefixes the parser looks for.
  private struct LowercasedPrefix {
    let bytes: [UInt8]?
    let text: String

    init(_ line: String) {
      // Simple text lowercases byte by byte, and a prefix of bytes is a prefix of characters.
      if PlainText.isSimple(line) {
        bytes = PlainText.narrowBytes(line.prefix(16), lowercase: true)
        text = ""
      } else {
        bytes = nil
        text = line.lowercased()
      }
    }

    func hasPrefix(_ prefix: String) -> Bool {
      bytes.map { $0.starts(with: prefix.utf8) } ?? text.hasPrefix(prefix)
    }
  }

  /// What follows the first `:` of an explanation line, without `**` marks, trimmed.
  static func explanationText(_ line: String) -> String {
    guard PlainText.isSimple(line) else {
      return line.components(separatedBy: ":").dropFirst().joined(separator: ":")
        .replacingOccurrences(of: "**", with: "").trimmed(in: .whitespaces)
    }
    // In simple text, splitting at `:` and joining again is cutting at the first `:`, and
    // `**` pairs are taken out left to right, as Foundation replaces them.
    guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return "" }
    var bytes: [UInt8] = []
    var rest = line.utf8[line.utf8.index(after: colon)...]
    while let byte = rest.first {
      rest.removeFirst()
      if byte == UInt8(ascii: "*"), rest.first == UInt8(ascii: "*") {
        rest.removeFirst()
        continue
      }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self).trimmed(in: .whitespaces)
  }

  /// What a reference line points at: the text after its first `(`, up to a `)` or the next
  /// `(`; the whole line when it has no `(`.
  static func referenceTarget(_ line: String) -> String {
    guard PlainText.isSimple(line) else {
      return line.components(separatedBy: "(").dropFirst().first?.components(separatedBy: ")")
        .first ?? line
    }
    // In simple text the pieces Foundation splits at are the bytes' pieces.
    let bytes = line.utf8
    guard let open = bytes.firstIndex(of: UInt8(ascii: "(")) else { return line }
    let rest = bytes[bytes.index(after: open)...]
    let end =
      rest.firstIndex { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") } ?? rest.endIndex
    return String(line[rest.startIndex..<end])
  }

  /// Adds a line to the explanation, the last option, or the stem.
  ///
  /// Code blocks after an option belong to it, and keep their own indentation less that of
  /// their opening fence; other option lines lose the two spaces of list-item continuation.
  private static func appendToCurrent(_ line: String, draft: inout Draft?, indent: Int? = nil) {
    guard draft != nil else { return }
    if draft?.inExplanation == true {
      draft?.explanation.append(line)
    } else if let last = draft?.options.indices.last {
      let strip = min(indent ?? 2, line.prefix { $0 == " " }.count)
      draft?.options[last].text.append(String(line.dropFirst(strip)))
    } else {
      draft?.stem.append(line)
    }
  }
}
