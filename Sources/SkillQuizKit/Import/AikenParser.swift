import Foundation

/// Reads Moodle's Aiken format: single answer multiple choice questions.
///
/// ```
/// What is the correct answer to this question?
/// A. Is it this one?
/// B) Maybe this answer?
/// ANSWER: B
/// ```
///
/// A question is its stem (one line or more), then its options, each on its own line and
/// starting with a capital letter, `.` or `)` and a space, then `ANSWER: X` naming the right
/// one. Blank lines between the parts are ignored, and a blank line inside the stem starts a
/// new paragraph. As in Moodle's importer (`qformat_aiken`), these are left out with the line
/// the question starts on: a question with no `ANSWER:` line, an answer naming no option,
/// fewer than two options, and option lines with no stem before them.
public enum AikenParser {
  /// Reads the questions of an Aiken file.
  ///
  /// - Parameter text: The contents of the file.
  /// - Returns: The questions, and the items that were left out with the reason.
  public static func parse(_ text: String) -> ImportParseResult {
    var result = ImportParseResult()
    var pending: Pending?
    var inOrphanOptions = false
    var source = Substring(text)
    if source.first == "\u{FEFF}" { source = source.dropFirst() }
    let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for (offset, rawLine) in lines.enumerated() {
      let number = offset + 1
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty {
        pending?.endParagraph()
        continue
      }
      if let option = option(in: line) {
        if pending != nil {
          pending?.options.append(option)
        } else if !inOrphanOptions {
          inOrphanOptions = true
          result.skipped.append(
            ImportSkip(line: number, reason: "option lines without a question stem before them"))
        }
        continue
      }
      if line.hasPrefix(answerPrefix) {
        if let question = pending {
          let letter = line.dropFirst(answerPrefix.count).trimmingCharacters(in: .whitespaces)
          switch question.finished(answer: letter, line: number) {
          case .success(let imported): result.questions.append(imported)
          case .failure(let skip): result.skipped.append(skip.skip)
          }
        } else if !inOrphanOptions {
          result.skipped.append(
            ImportSkip(line: number, reason: "an ANSWER line without a question before it"))
        }
        pending = nil
        inOrphanOptions = false
        continue
      }
      inOrphanOptions = false
      if pending?.options.isEmpty == true {
        pending?.addStemLine(line)
      } else {
        if let unfinished = pending { result.skipped.append(unfinished.missingAnswer) }
        pending = Pending(line: number, stem: [line])
      }
    }
    if let unfinished = pending { result.skipped.append(unfinished.missingAnswer) }
    return result
  }

  /// The start of the line naming the right option.
  private static let answerPrefix = "ANSWER:"

  /// One option line: its letter and text.
  private struct Option {
    let letter: Character
    let text: String
  }

  /// The option on a line like `A) text` or `B. text`, if it is one.
  private static func option(in line: String) -> Option? {
    guard let letter = line.first, letter.isASCII, letter.isUppercase else { return nil }
    let rest = line.dropFirst()
    guard let mark = rest.first, mark == "." || mark == ")" else { return nil }
    let text = rest.dropFirst()
    guard text.isEmpty || text.first?.isWhitespace == true else { return nil }
    return Option(letter: letter, text: text.trimmingCharacters(in: .whitespaces))
  }

  /// A skip, as an error.
  private struct Failure: Error {
    let skip: ImportSkip
  }

  /// A question being read.
  private struct Pending {
    /// The line its stem starts on.
    let line: Int
    /// The stem's lines; an empty one stands for a paragraph break.
    var stem: [String]
    /// The options read so far.
    var options: [Option] = []

    /// Adds a line to the stem.
    mutating func addStemLine(_ line: String) {
      stem.append(line)
    }

    /// Notes a blank line, which ends a paragraph of the stem.
    mutating func endParagraph() {
      if options.isEmpty, stem.last?.isEmpty == false { stem.append("") }
    }

    /// The skip for a question that never got its `ANSWER:` line.
    var missingAnswer: ImportSkip {
      ImportSkip(
        line: line,
        reason: options.isEmpty
          ? "a question stem with no options and no ANSWER line"
          : "no ANSWER line after the options")
    }

    /// The finished question, given the text after `ANSWER:` on line `answerLine`.
    func finished(answer: String, line answerLine: Int) -> Result<ImportedQuestion, Failure> {
      func skip(_ reason: String) -> Result<ImportedQuestion, Failure> {
        .failure(Failure(skip: ImportSkip(line: line, reason: reason)))
      }
      guard options.count >= 2 else {
        return skip("a question needs at least two options, this one has \(options.count)")
      }
      guard let letter = answer.first?.uppercased().first else {
        return skip("the ANSWER line on line \(answerLine) names no option")
      }
      guard let right = options.firstIndex(where: { $0.letter == letter }) else {
        let letters = options.map { String($0.letter) }.joined(separator: ", ")
        return skip(
          "ANSWER: \(answer) on line \(answerLine) names no option; the options are \(letters)")
      }
      return .success(
        ImportedQuestion(
          prompt: stem.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines),
          kind: .single,
          options: options.enumerated().map {
            ImportedQuestion.Option(text: $0.element.text, isCorrect: $0.offset == right)
          },
          line: line))
    }
  }
}
