import Foundation

@testable import SkillQuizKit

/// `MarkdownQuizParser` as it was before its fast paths over bytes, kept as the reference in
/// tests.
///
/// Reads quiz Markdown in the style of the LinkedIn skill-assessment collections:
/// `#### Q1. stem`, options `- [ ]` / `- [x]`, code blocks in the stem or as options,
/// `**Explanation:**` and `[Reference](url)`.
///
/// It survives the irregularities real files have: `###` or missing heading marks (`Q12. …`),
/// several `[x]` (a multiple-answer question), none (skipped, with the reason), an option's code
/// block after its list item, images (kept as links), and repeated question numbers.
enum ReferenceMarkdownQuizParser {
  private struct Draft {
    var line: Int
    var stem: [String]
    var options: [(text: [String], correct: Bool)] = []
    var explanation: [String] = []
    var references: [String] = []
    var inExplanation = false
  }

  static func questionStart(_ line: String) -> String? {
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
    let trimmed = line.trimmed(in: .whitespaces)
    guard trimmed.hasPrefix("- [") || trimmed.hasPrefix("* [") else { return nil }
    let inside = trimmed.dropFirst(3)
    guard let mark = inside.first, inside.dropFirst().first == "]" else { return nil }
    guard mark == " " || mark == "x" || mark == "X" else { return nil }
    return (String(inside.dropFirst(2)).trimmed(in: .whitespaces), mark != " ")
  }

  /// Turns `![alt](url)` into a visible link, since a terminal shows no images.
  ///
  /// The same as replacing `!\[([^\]]*)\]\(([^)]+)\)` with `(image: $1 $2)`, in linear time:
  /// the regular expression looked for the closing `]` again from every `![`, which took 37 s
  /// on 80 KB of `![` (hours on 2 MB).
  static func keepImages(_ text: String) -> String {
    guard text.contains("![") else { return text }
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
  static func parse(_ text: String) -> ImportParseResult {
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
      if texts.contains(where: { $0.contains("![") }) {
        result.notes.append(
          ImportSkip(
            line: current.line,
            reason: "has an image, kept as a link: the terminal cannot show it"))
      }
      result.questions.append(question)
    }
    for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
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
      let lower = trimmed.lowercased()
      if lower.hasPrefix("**explanation") || lower.hasPrefix("explanation:") {
        draft?.inExplanation = true
        let rest = trimmed.components(separatedBy: ":").dropFirst().joined(separator: ":")
          .replacingOccurrences(of: "**", with: "").trimmed(in: .whitespaces)
        if !rest.isEmpty { draft?.explanation.append(rest) }
        continue
      }
      if trimmed.hasPrefix("[Reference]") || trimmed.hasPrefix("[reference]")
        || lower.hasPrefix("reference:")
      {
        let url =
          trimmed.components(separatedBy: "(").dropFirst().first?.components(separatedBy: ")").first
          ?? trimmed
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
