import Foundation

/// Reads questions from CSV with a header row: question, options, answer, explanation, topic,
/// difficulty (options and explanation, topic and difficulty may be empty or missing).
///
/// Options are separated by `|`. The answer is a letter (`b`), letters (`a,c` or `ac`),
/// `true`/`false` when there are no options, or the accepted text (several separated by `|`).
public enum CSVQuestionParser {
  /// Splits CSV text into records (RFC 4180 quoting), with the line each starts on.
  static func records(_ text: String) -> [(line: Int, fields: [String])] {
    var records: [(Int, [String])] = []
    var fields: [String] = []
    var field = ""
    var quoted = false
    var line = 1
    var start = 1
    // "\r\n" is one Character in Swift; normalise so line ends compare equal to "\n".
    var characters = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))[...]
    while let character = characters.popFirst() {
      if quoted {
        if character == "\"" {
          if characters.first == "\"" {
            field.append("\"")
            characters.removeFirst()
          } else {
            quoted = false
          }
        } else {
          if character == "\n" { line += 1 }
          field.append(character)
        }
        continue
      }
      switch character {
      case "\"" where field.isEmpty: quoted = true
      case ",":
        fields.append(field)
        field = ""
      case "\r": continue
      case "\n":
        fields.append(field)
        if fields.contains(where: { !$0.isEmpty }) { records.append((start, fields)) }
        fields = []
        field = ""
        line += 1
        start = line
      default: field.append(character)
      }
    }
    fields.append(field)
    if fields.contains(where: { !$0.isEmpty }) { records.append((start, fields)) }
    return records
  }

  /// Parses the CSV.
  public static func parse(_ text: String) -> ImportParseResult {
    var result = ImportParseResult()
    let all = records(text)
    guard let header = all.first else { return result }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    guard let questionColumn = names.firstIndex(of: "question") else {
      result.skipped.append(
        ImportSkip(line: 1, reason: "the header row has no `question` column"))
      return result
    }
    // Looked up once, not per record: a header of a million columns is possible.
    let columns = Dictionary(
      ["answer", "options", "explanation", "topic", "difficulty"].map {
        ($0, names.firstIndex(of: $0))
      }, uniquingKeysWith: { first, _ in first })
    func column(_ name: String) -> Int? { columns[name] ?? nil }
    for record in all.dropFirst() {
      func value(_ index: Int?) -> String {
        guard let index, index < record.fields.count else { return "" }
        return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
      }
      let prompt = value(questionColumn)
      let answer = value(column("answer"))
      guard !prompt.isEmpty else {
        result.skipped.append(ImportSkip(line: record.line, reason: "the question is empty"))
        continue
      }
      guard !answer.isEmpty else {
        result.skipped.append(ImportSkip(line: record.line, reason: "there is no answer"))
        continue
      }
      let options = value(column("options")).split(separator: "|").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
      var question = ImportedQuestion(
        prompt: prompt, kind: .short, line: record.line)
      question.explanation =
        value(column("explanation")).isEmpty ? nil : value(column("explanation"))
      question.category = value(column("topic")).isEmpty ? nil : value(column("topic"))
      question.difficulty = value(column("difficulty")).isEmpty ? nil : value(column("difficulty"))
      if options.isEmpty {
        switch answer.lowercased() {
        case "true", "t":
          question.kind = .trueFalse
          question.truth = true
        case "false", "f":
          question.kind = .trueFalse
          question.truth = false
        default:
          question.accepted = answer.split(separator: "|").map {
            $0.trimmingCharacters(in: .whitespaces)
          }
        }
      } else {
        let letters = answer.lowercased().filter { $0.isLetter }
        let indices = letters.compactMap { letter -> Int? in
          guard let ascii = letter.asciiValue, ascii >= 97 else { return nil }
          return Int(ascii - 97)
        }
        guard !indices.isEmpty, indices.allSatisfy({ $0 < options.count }) else {
          result.skipped.append(
            ImportSkip(
              line: record.line,
              reason: "answer '\(answer)' names no option (options are a to "
                + "\(PresentedQuestion.letter(at: max(0, options.count - 1))))"))
          continue
        }
        question.kind = indices.count == 1 ? .single : .multiple
        let right = Set(indices)
        question.options = options.enumerated().map {
          ImportedQuestion.Option(text: $0.element, isCorrect: right.contains($0.offset))
        }
      }
      result.questions.append(question)
    }
    return result
  }
}
