import Foundation

/// Writes imported questions as a native bank file that people can read and edit.
public enum BankWriter {
  /// A question that could not be written, and why.
  public struct Skip: Sendable, Hashable {
    /// The source line.
    public let line: Int
    /// Why.
    public let reason: String
  }

  /// The YAML text of a bank file, and what was left out.
  ///
  /// - Parameters:
  ///   - questions: The imported questions.
  ///   - area: The area they belong to.
  ///   - topic: The topic to use when a question's category names none of the area's topics.
  ///   - source: The source file's name, recorded and mixed into the ids.
  ///   - format: The source format, recorded in the file.
  /// - Returns: The bank text and the questions left out.
  public static func bank(
    _ questions: [ImportedQuestion], area: SkillArea, topic: Topic, source: String,
    format: String
  ) -> (text: String, skipped: [Skip], written: [(id: String, line: Int)]) {
    var lines = [
      "# yaml-language-server: $schema=../schema/bank.schema.json",
      "# Imported by `skillquiz import` from \(source) (\(format)). Re-importing replaces this file.",
      "schema: 1", "area: \(area.id)", "imported_from: \(quoted(source))", "questions:",
    ]
    var skipped: [Skip] = []
    var written: [(id: String, line: Int)] = []
    var ids: Set<String> = []
    // The next suffix to try for each base id: trying -2, -3, … again for each of thousands of
    // questions with the same prompt took quadratic time. A base id ends in hex digits, never
    // in `-N`, so a suffixed id cannot be another question's base.
    var nextSuffix: [String: Int] = [:]
    let sourceName = (source as NSString).lastPathComponent
    var topicByCategory: [String: String] = [:]
    for question in questions {
      var hasher = StableHasher()
      hasher.combine(sourceName + "\u{1F}" + question.prompt)
      let base = "\(area.id).imported.\(hasher.hexDigest.prefix(10))"
      var id = base
      var suffix = nextSuffix[base] ?? 2
      while ids.contains(id) {
        id = "\(base)-\(suffix)"
        suffix += 1
      }
      // Found once per category: a file's thousands of questions share a few.
      let topicID: String
      if let category = question.category, let known = topicByCategory[category] {
        topicID = known
      } else {
        topicID =
          question.category.map { ($0 as NSString).lastPathComponent }.flatMap { category in
            area.topics.first {
              $0.id == category.lowercased() || $0.name.lowercased() == category.lowercased()
                || $0.aliases.contains(category.lowercased())
            }?.id
          } ?? topic.id
        if let category = question.category { topicByCategory[category] = topicID }
      }
      var body: [String] = []
      switch question.kind {
      case .matching:
        skipped.append(
          Skip(line: question.line, reason: "matching questions are not supported yet"))
        continue
      case .single, .multiple:
        let correct = question.options.filter(\.isCorrect)
        guard question.options.count >= 2, !correct.isEmpty else {
          skipped.append(
            Skip(line: question.line, reason: "needs at least two options and a right one"))
          continue
        }
        let most = YAMLBankParser.optionCount.upperBound
        guard question.options.count <= most else {
          skipped.append(
            Skip(
              line: question.line,
              reason: "\(question.options.count) options; a question may have at most \(most)"))
          continue
        }
        let single = question.kind == .single && correct.count == 1
        body.append("    type: \(single ? "single" : "multiple")")
        body.append("    options:")
        for (index, option) in question.options.enumerated() {
          let letter = PresentedQuestion.letter(at: index)
          var entry = "      - {id: \(letter), text: \(quoted(option.text))"
          if let feedback = option.feedback, !option.isCorrect, !feedback.isEmpty {
            entry += ", why: \(quoted(feedback))"
          }
          if YAMLBankParser.refersToOtherOptions(option.text) { entry += ", pin: true" }
          body.append(entry + "}")
        }
        let letters = question.options.enumerated().filter(\.element.isCorrect).map {
          PresentedQuestion.letter(at: $0.offset)
        }
        body.append(
          single ? "    answer: \(letters[0])" : "    answer: [\(letters.joined(separator: ", "))]")
      case .trueFalse:
        guard let truth = question.truth else {
          skipped.append(
            Skip(line: question.line, reason: "a true/false question without its answer"))
          continue
        }
        body.append("    type: true_false")
        body.append("    answer: \(truth)")
      case .short:
        guard !question.accepted.isEmpty else {
          skipped.append(
            Skip(line: question.line, reason: "a short-answer question accepts nothing"))
          continue
        }
        body.append("    type: short")
        body.append("    accept: [" + question.accepted.map(quoted).joined(separator: ", ") + "]")
      case .numeric:
        guard !question.numeric.isEmpty else {
          skipped.append(Skip(line: question.line, reason: "a numeric question accepts no number"))
          continue
        }
        body.append("    type: numeric")
        body.append("    numbers:")
        // Our numeric questions have no partial credit: keep the full-marks ranges.
        let full = question.numeric.filter { ($0.weight ?? 100) >= 100 }
        for range in full.isEmpty ? question.numeric : full {
          if range.minimum == range.maximum {
            body.append("      - {value: \(number(range.minimum))}")
          } else {
            body.append("      - {min: \(number(range.minimum)), max: \(number(range.maximum))}")
          }
        }
      }
      ids.insert(id)
      if id != base { nextSuffix[base] = suffix }
      written.append((id, question.line))
      lines.append("  - id: \(id)")
      lines.append("    topic: \(topicID)")
      let difficulty =
        question.difficulty.flatMap { Difficulty(rawValue: $0.lowercased()) } ?? .medium
      lines.append("    difficulty: \(difficulty.rawValue)")
      lines += body.prefix(1)
      lines.append("    prompt: " + block(question.prompt, indent: "      "))
      lines += body.dropFirst()
      if let explanation = question.explanation, !explanation.isEmpty {
        lines.append("    explanation: " + block(explanation, indent: "      "))
      }
      if !question.references.isEmpty {
        lines.append(
          "    references: [" + question.references.map(quoted).joined(separator: ", ") + "]")
      }
    }
    // With nothing written, `questions:` alone would be null rather than an empty list.
    if written.isEmpty { lines[lines.count - 1] = "questions: []" }
    return (lines.joined(separator: "\n") + "\n", skipped, written)
  }

  /// A number as people write it: `429`, not `429.0`.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }

  /// A double-quoted YAML scalar (JSON escapes), safe for any text.
  static func quoted(_ text: String) -> String {
    // Only ASCII scalars are escaped, and their bytes are never part of another scalar's.
    guard
      text.utf8.contains(where: {
        $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 == 0x7F
      })
    else { return "\"" + text + "\"" }
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          result += String(format: "\\u%04X", scalar.value)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// A literal block for multi-line text, else a quoted scalar.
  static func block(_ text: String, indent: String) -> String {
    let trimmed = text.trimmed(in: .whitespacesAndNewlines)
    // Without a `\n` byte there is one line (a `\r\n` pair, one character, splits nothing
    // either way).
    guard trimmed.utf8.contains(UInt8(ascii: "\n")) else { return quoted(trimmed) }
    let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
    // (A tab is a scalar below 0x20: no search for it is needed.)
    let safe = lines.allSatisfy { line in
      !line.hasSuffix(" ") && !line.utf8.contains { $0 < 0x20 }
    }
    guard lines.count > 1, safe, let first = lines.first, !first.hasPrefix(" ") else {
      return quoted(trimmed)
    }
    return "|-\n" + lines.map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
  }
}
