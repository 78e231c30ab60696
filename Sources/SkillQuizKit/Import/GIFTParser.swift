import Foundation

/// Reads Moodle's GIFT quiz format, the way Moodle's own importer (`qformat_gift`) does.
///
/// Questions are separated by blank lines; lines starting with `//` are comments. A question
/// may start with a `::title::` and a text format (`[html]`, `[markdown]`, `[moodle]`,
/// `[plain]`); `[html]` texts are turned into plain text. The answers sit in braces:
///
/// - `{=right ~wrong}` is a single answer question, `{~%50%a ~%50%b ~%-100%c}` a multiple
///   answer one (an option is right when its weight is above 0; several `=` answers also make
///   a multiple answer question).
/// - `{T}`, `{TRUE}`, `{F}`, `{FALSE}` are true/false; the question also lists `True` and
///   `False` as options so that their feedback (`{T#if wrong#if right}`) is kept.
/// - `{=a =b}` or `{a}` is a short answer; answers weighted 0% or less are not accepted.
/// - `{#3.14:0.01}`, `{#1..5}` and `{#=1822:0 =%50%1822:2}` are numeric; answers weighted 0%
///   or less, and the `*` catch-all, are not accepted.
/// - `{=a -> b =c -> d}` is matching; `= -> x` gives the pair `["", "x"]`, an extra answer.
///
/// `#` starts the feedback of one answer and `####` the general feedback, which becomes the
/// explanation. `\~ \= \# \{ \} \:` stand for the characters themselves, `\\` for a backslash
/// and `\n` for a line break. When text follows the closing brace, the answers are embedded:
/// the prompt gets the blank `_____` where they sat. `$CATEGORY: name` sets the category of
/// the questions after it. Essays (`{}`) and descriptions (no braces) are skipped.
public enum GIFTParser {
  /// The blank that stands where embedded answers sat in a prompt, as Moodle writes it.
  public static let blank = "_____"

  /// Reads the questions of a GIFT file.
  ///
  /// - Parameter text: The contents of the file.
  /// - Returns: The questions, and the items that were left out with the reason.
  public static func parse(_ text: String) -> ImportParseResult {
    var result = ImportParseResult()
    var category: String?
    for block in blocks(of: text) {
      read(block, category: &category, into: &result)
    }
    return result
  }

  // MARK: - Blocks

  /// One source line.
  private struct Line {
    let number: Int
    let text: String
  }

  /// The lines of one question, without comment lines.
  private typealias Block = [Line]

  /// Splits the text at blank lines, dropping comment lines and trailing white space.
  private static func blocks(of text: String) -> [Block] {
    var blocks: [Block] = []
    var current: Block = []
    var source = Substring(text)
    if source.first == "\u{FEFF}" { source = source.dropFirst() }
    let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for (offset, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty {
        if !current.isEmpty { blocks.append(current) }
        current = []
      } else if !trimmed.hasPrefix("//") {
        current.append(Line(number: offset + 1, text: trimmingTrailingWhitespace(line)))
      }
    }
    if !current.isEmpty { blocks.append(current) }
    return blocks
  }

  /// Reads one block: a category, a question, or something to skip.
  private static func read(
    _ whole: Block, category: inout String?, into result: inout ImportParseResult
  ) {
    var block = whole[...]
    // Moodle takes the whole block as the name; reading the lines after it as a question
    // keeps a question that was written without a blank line after the category. A loop, not
    // recursion: a block of a million category lines must not overflow the stack.
    while let first = block.first,
      case let firstText = first.text.trimmingCharacters(in: .whitespaces),
      firstText.hasPrefix("$CATEGORY:")
    {
      let name = escaped(Substring(firstText.dropFirst("$CATEGORY:".count)))
      let restored = restore(name).trimmingCharacters(in: .whitespaces)
      category = restored.isEmpty ? nil : restored
      block = block.dropFirst()
    }
    guard let first = block.first else { return }
    let line = first.number
    var text = trimmed(escaped(Substring(block.map(\.text).joined(separator: "\n"))))
    var title: String?
    if text.hasPrefix("::") {
      text = text.dropFirst(2)
      if let end = text.range(of: "::") {
        title = singleLine(restore(text[..<end.lowerBound]))
        text = trimmed(text[end.upperBound...])
      }
    }
    do {
      result.questions.append(
        try question(
          text, title: title.flatMap { $0.isEmpty ? nil : $0 }, category: category,
          line: line))
    } catch {
      result.skipped.append(ImportSkip(line: line, reason: error.reason))
    }
  }

  // MARK: - Questions

  /// Why a block was not imported.
  private struct Skip: Error {
    let reason: String
  }

  /// The text formats GIFT names in brackets.
  private enum TextFormat: String {
    case moodle, html, plain, markdown
  }

  /// Reads a question's text, after its title.
  private static func question(
    _ text: Substring, title: String?, category: String?, line: Int
  ) throws(Skip) -> ImportedQuestion {
    let open = text.firstIndex(of: "{")
    let close = text.firstIndex(of: "}")
    if open == nil, close == nil {
      throw Skip(reason: "description items hold no question")
    }
    guard let open, let close, open < close else {
      throw Skip(reason: "the answer braces do not pair up; write a literal brace as \\{ or \\}")
    }
    var answers = trimmed(text[text.index(after: open)..<close])
    let after = text[text.index(after: close)...]
    let before = String(text[..<open])
    let stem = trimmed(after).isEmpty ? before : before + blank + String(after)
    let (format, stemText) = formatted(Substring(stem), default: .moodle)
    var explanation: String?
    if let separator = answers.range(of: "####", options: .backwards) {
      explanation = optionalText(answers[separator.upperBound...], default: format)
      answers = trimmed(answers[..<separator.lowerBound])
    }
    if answers.isEmpty { throw Skip(reason: "essay questions need a human to grade") }
    var question = ImportedQuestion(
      title: title, prompt: render(stemText, format), kind: .single, explanation: explanation,
      category: category, line: line)
    if question.prompt.isEmpty { throw Skip(reason: "the question has no text") }
    if answers.first == "#" {
      question.kind = .numeric
      question.numeric = try numericAnswers(answers.dropFirst())
    } else if answers.contains("~") {
      (question.kind, question.options) = try choices(answers, format: format)
    } else if answers.contains("="), answers.range(of: "->") != nil {
      question.kind = .matching
      question.pairs = try matchingPairs(answers, format: format)
    } else if let truth = truthValue(answers) {
      question.kind = .trueFalse
      question.truth = truth
      question.options = trueFalseOptions(answers, truth: truth, format: format)
    } else {
      question.kind = .short
      question.accepted = try shortAnswers(answers, format: format)
    }
    return question
  }

  /// The options of a multiple choice question, and whether one or several are right.
  private static func choices(
    _ answers: Substring, format: TextFormat
  ) throws(Skip) -> (ImportedQuestion.Kind, [ImportedQuestion.Option]) {
    let items = items(answers, markers: ["~", "="])
    guard items.count >= 2 else {
      throw Skip(reason: "a multiple choice question needs at least two answers")
    }
    // Moodle makes a question without `=` multiple answer; our single answer questions hold
    // one right option, so several `=` answers make a multiple answer question too.
    let kind: ImportedQuestion.Kind =
      items.count(where: { $0.marker == "=" }) == 1 ? .single : .multiple
    let options = items.map { item in
      let (weight, rest) = weighted(item.body)
      let (answer, feedback) = commented(rest)
      let isRight = item.marker == "=" || (kind == .multiple && (weight ?? 0) > 0)
      return ImportedQuestion.Option(
        text: singleLine(render(answer, default: format)), isCorrect: isRight, weight: weight,
        feedback: feedback.flatMap { optionalText($0, default: format) })
    }
    guard options.contains(where: \.isCorrect) else {
      throw Skip(reason: "no answer is marked right")
    }
    return (kind, options)
  }

  /// The truth value of a true/false answer (`T`, `TRUE`, `F`, `FALSE` before any `#`).
  private static func truthValue(_ answers: Substring) -> Bool? {
    let answer = trimmed(answers.prefix { $0 != "#" })
    switch answer {
    case "T", "TRUE": return true
    case "F", "FALSE": return false
    default: return nil
    }
  }

  /// `True` and `False`, with the feedback for picking each (Moodle gives the feedback for a
  /// wrong pick first, then the one for a right pick).
  private static func trueFalseOptions(
    _ answers: Substring, truth: Bool, format: TextFormat
  ) -> [ImportedQuestion.Option] {
    let bits = answers.split(separator: "#", maxSplits: 2, omittingEmptySubsequences: false)
    let wrong = bits.count > 1 ? optionalText(bits[1], default: format) : nil
    let right = bits.count > 2 ? optionalText(bits[2], default: format) : nil
    return [
      ImportedQuestion.Option(text: "True", isCorrect: truth, feedback: truth ? right : wrong),
      ImportedQuestion.Option(text: "False", isCorrect: !truth, feedback: truth ? wrong : right),
    ]
  }

  /// The accepted answers of a short answer question.
  private static func shortAnswers(
    _ answers: Substring, format: TextFormat
  ) throws(Skip) -> [String] {
    let accepted = items(answers, markers: ["="]).compactMap { item -> String? in
      let (weight, rest) = weighted(item.body)
      let answer = singleLine(render(commented(rest).text, default: format))
      return (weight ?? 100) > 0 && !answer.isEmpty ? answer : nil
    }
    guard !accepted.isEmpty else {
      throw Skip(reason: "a short answer question needs an answer weighted above 0%")
    }
    return accepted
  }

  /// The accepted answers of a numeric question (the text after its `#`).
  private static func numericAnswers(
    _ answers: Substring
  ) throws(Skip) -> [ImportedQuestion.NumericAnswer] {
    // Feedback for any other number (`~#feedback`) has no place in the model.
    let body = answers.prefix { $0 != "~" }
    var accepted: [ImportedQuestion.NumericAnswer] = []
    for item in items(body, markers: ["="]) {
      let (weight, rest) = weighted(item.body)
      let value = render(commented(rest).text, default: .plain)
      if value == "*" { continue }
      guard let range = numericRange(value) else {
        throw Skip(
          reason: "numeric answer “\(value)” is not a number, number:tolerance or min..max range"
        )
      }
      if (weight ?? 100) > 0 {
        accepted.append(.init(minimum: range.minimum, maximum: range.maximum, weight: weight))
      }
    }
    guard !accepted.isEmpty else {
      throw Skip(reason: "a numeric question needs an answer weighted above 0%")
    }
    return accepted
  }

  /// The accepted range of `3.14`, `3.14:0.01` or `3.141..3.142`.
  private static func numericRange(_ value: String) -> (minimum: Double, maximum: Double)? {
    func number(_ text: Substring) -> Double? {
      Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
    }
    if let dots = value.range(of: ".."), dots.lowerBound > value.startIndex {
      guard let low = number(value[..<dots.lowerBound]),
        let high = number(value[dots.upperBound...])
      else { return nil }
      return (min(low, high), max(low, high))
    }
    if let colon = value.firstIndex(of: ":"), colon > value.startIndex {
      let centerText = value[..<colon]
      let toleranceText = value[value.index(after: colon)...]
      guard let center = number(centerText), let tolerance = number(toleranceText) else {
        return nil
      }
      // Rounded to the decimals written, so 3.1415:0.0005 gives 3.141...3.142, not 3.14200…03.
      let scale = pow(10, Double(max(decimals(centerText), decimals(toleranceText))))
      func rounded(_ value: Double) -> Double {
        scale > 1e12 ? value : (value * scale).rounded() / scale
      }
      return (rounded(center - abs(tolerance)), rounded(center + abs(tolerance)))
    }
    return number(Substring(value)).map { ($0, $0) }
  }

  /// How many digits a number has after its decimal point.
  private static func decimals(_ number: Substring) -> Int {
    let digits = number.trimmingCharacters(in: .whitespaces)
    guard let point = digits.firstIndex(of: "."), !digits.contains(where: { "eE".contains($0) })
    else { return 0 }
    return digits[digits.index(after: point)...].count
  }

  /// The pairs of a matching question.
  private static func matchingPairs(
    _ answers: Substring, format: TextFormat
  ) throws(Skip) -> [[String]] {
    let items = items(answers, markers: ["="])
    guard items.count >= 2 else {
      throw Skip(reason: "a matching question needs at least two pairs")
    }
    return try items.map { item throws(Skip) in
      guard let arrow = item.body.range(of: "->") else {
        throw Skip(reason: "matching answer “\(singleLine(restore(item.body)))” has no ->")
      }
      return [
        singleLine(render(item.body[..<arrow.lowerBound], default: format)),
        singleLine(restore(item.body[arrow.upperBound...])),
      ]
    }
  }

  // MARK: - Answer lists

  /// One answer of a list, with the `~` or `=` that started it.
  private struct Item {
    let marker: Character?
    let body: Substring
  }

  /// Splits an answer list before each marker; text before the first marker is an answer too
  /// unless it is blank.
  private static func items(_ text: Substring, markers: Set<Character>) -> [Item] {
    var items: [Item] = []
    var marker: Character?
    var start = text.startIndex
    for index in text.indices where markers.contains(text[index]) {
      items.append(Item(marker: marker, body: text[start..<index]))
      marker = text[index]
      start = text.index(after: index)
    }
    items.append(Item(marker: marker, body: text[start...]))
    if let first = items.first, first.marker == nil, trimmed(first.body).isEmpty {
      items.removeFirst()
    }
    return items
  }

  /// Splits a leading `%50%` weight off an answer.
  private static func weighted(_ body: Substring) -> (weight: Double?, rest: Substring) {
    let body = trimmed(body)
    guard body.first == "%",
      let end = body.dropFirst().firstIndex(of: "%"),
      let weight = Double(trimmed(body[body.index(after: body.startIndex)..<end])),
      weight.isFinite
    else { return (nil, body) }
    return (weight, body[body.index(after: end)...])
  }

  /// Splits an answer at its first `#` into the answer and its feedback.
  private static func commented(_ body: Substring) -> (text: Substring, feedback: Substring?) {
    guard let hash = body.firstIndex(of: "#") else { return (body, nil) }
    return (body[..<hash], body[body.index(after: hash)...])
  }

  // MARK: - Text

  /// A leading `[format]` and the text after it; other texts take the default format.
  private static func formatted(
    _ text: Substring, default format: TextFormat
  ) -> (TextFormat, Substring) {
    let text = trimmed(text)
    guard text.first == "[", let end = text.firstIndex(of: "]"),
      let named = TextFormat(rawValue: String(text[text.index(after: text.startIndex)..<end]))
    else { return (format, text) }
    return (named, text[text.index(after: end)...])
  }

  /// A text with its own `[format]` or the default one, as plain text.
  private static func render(_ text: Substring, default format: TextFormat) -> String {
    let (format, body) = formatted(text, default: format)
    return render(body, format)
  }

  /// A text in a known format as plain text: escapes restored, HTML turned into text.
  private static func render(_ text: Substring, _ format: TextFormat) -> String {
    let text = restore(text)
    if format == .html { return plainText(fromHTML: text) }
    return
      text
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: "\n")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A feedback text, or nil when it is blank.
  private static func optionalText(_ text: Substring, default format: TextFormat) -> String? {
    let text = render(text, default: format)
    return text.isEmpty ? nil : text
  }

  /// The text with every run of white space, line breaks included, made one space.
  private static func singleLine(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The text without white space at either end.
  private static func trimmed(_ text: Substring) -> Substring {
    let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
    let end = text[start...].lastIndex { !$0.isWhitespace }.map { text.index(after: $0) }
    return text[start..<(end ?? start)]
  }

  /// The line without white space at its end.
  private static func trimmingTrailingWhitespace(_ line: Substring) -> String {
    let end = line.lastIndex { !$0.isWhitespace }.map { line.index(after: $0) }
    return String(line[..<(end ?? line.startIndex)])
  }

  // MARK: - Escapes

  /// Private-use stand-ins for escaped characters while the structure is read.
  private static let placeholders: [Character: Character] = [
    ":": "\u{E03A}", "#": "\u{E023}", "=": "\u{E03D}", "{": "\u{E07B}", "}": "\u{E07D}",
    "~": "\u{E07E}", "n": "\u{E00A}",
  ]

  /// The characters the stand-ins stand for.
  private static let restored: [Character: Character] = [
    "\u{E03A}": ":", "\u{E023}": "#", "\u{E03D}": "=", "\u{E07B}": "{", "\u{E07D}": "}",
    "\u{E07E}": "~", "\u{E00A}": "\n",
  ]

  /// Replaces `\~ \= \# \{ \} \:` and `\n` with stand-ins, and `\\` with a backslash.
  private static func escaped(_ text: Substring) -> Substring {
    guard text.contains("\\") else { return text }
    var output = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let next = text.index(after: index)
      if character == "\\", next < text.endIndex {
        if text[next] == "\\" {
          output.append("\\")
          index = text.index(after: next)
          continue
        }
        if let placeholder = placeholders[text[next]] {
          output.append(placeholder)
          index = text.index(after: next)
          continue
        }
      }
      output.append(character)
      index = next
    }
    return Substring(output)
  }

  /// Puts the escaped characters back.
  private static func restore(_ text: Substring) -> String {
    String(text.map { restored[$0] ?? $0 })
  }

  // MARK: - HTML

  /// Turns HTML into plain text in the Markdown subset.
  ///
  /// Tags are dropped: paragraphs and line breaks become line breaks, list items `- ` lines,
  /// `<pre>` a fenced code block and `<code>` inline code. Comments, scripts and styles go;
  /// character references are decoded; runs of white space become one space.
  ///
  /// - Parameter html: The HTML.
  /// - Returns: The text.
  static func plainText(fromHTML html: String) -> String {
    var output = ""
    var inPre = false
    var index = html.startIndex
    // Once no `>` follows, none follows any later `<` either: looking again for each of a
    // million `<a` would take quadratic time.
    var closesLeft = true
    while index < html.endIndex {
      let character = html[index]
      if character == "<", html[index...].hasPrefix("<!--") {
        index =
          html.range(of: "-->", range: index..<html.endIndex)?.upperBound ?? html.endIndex
        continue
      }
      let next = html.index(after: index)
      if character == "<", closesLeft, next < html.endIndex,
        html[next].isLetter || html[next] == "/" || html[next] == "!"
      {
        guard let close = html[next...].firstIndex(of: ">") else {
          closesLeft = false
          continue
        }
        let tag = html[next..<close].lowercased()
        let isClosing = tag.hasPrefix("/")
        let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
        index = html.index(after: close)
        switch name {
        case "br": output += "\n"
        case "p", "div", "blockquote", "table", "h1", "h2", "h3", "h4", "h5", "h6":
          output += "\n\n"
        case "ul", "ol", "tr": output += "\n"
        case "li" where !isClosing: output += "\n- "
        case "code" where !inPre: output += "`"
        case "pre":
          if isClosing, output.hasSuffix("\n") { output.removeLast() }
          output += isClosing ? "\n```\n\n" : "\n\n```\n"
          inPre = !isClosing
          if inPre, index < html.endIndex, html[index] == "\n" { index = html.index(after: index) }
        case "script" where !isClosing, "style" where !isClosing:
          let end = html.range(
            of: "</\(name)", options: .caseInsensitive, range: index..<html.endIndex)
          index =
            end.flatMap { html[$0.upperBound...].firstIndex(of: ">") }
            .map { html.index(after: $0) } ?? html.endIndex
        default: break
        }
        continue
      }
      output.append(!inPre && character.isWhitespace ? " " : character)
      index = next
    }
    return tidied(HTMLText.decodeEntities(output))
  }

  /// Trims the lines outside code blocks and keeps at most one blank line in a row.
  private static func tidied(_ text: String) -> String {
    var lines: [String] = []
    var inCode = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let tidy = singleLine(String(line))
      if tidy == "```" { inCode.toggle() }
      let kept = inCode && tidy != "```" ? String(line) : tidy
      if kept.isEmpty, lines.last?.isEmpty ?? true { continue }
      lines.append(kept)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n")
  }
}
