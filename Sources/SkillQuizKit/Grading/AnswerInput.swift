import Foundation

/// What a user's answer says, independent of the letters shown.
public enum Response: Sendable, Hashable {
  /// The ids of the chosen options.
  case choices(Set<String>)
  /// True or false.
  case truth(Bool)
  /// A typed answer.
  case text(String)

  /// A stable text form for storage: sorted option ids, `true`/`false`, or the text.
  public var storedForm: String {
    switch self {
    case .choices(let ids): ids.sorted().joined(separator: ",")
    case .truth(let value): value ? "true" : "false"
    case .text(let text): text
    }
  }
}

/// What one line typed at an answer prompt means.
public enum AnswerInput: Sendable, Hashable {
  /// An answer; `unsure` when the user ended it with `?`.
  case answer(Response, unsure: Bool)
  /// Move on without answering.
  case skip
  /// End the quiz; answers given so far are kept.
  case quit
  /// Show how to answer.
  case help
  /// Show the dataset of a `sql` question.
  case schema
  /// The line does not fit the question; say why and ask again.
  case invalid(hint: String)
}

/// Reads an answer line for a presented question.
public enum AnswerParser {
  /// Interprets `line` as an answer to `presented`.
  public static func parse(_ line: String, for presented: PresentedQuestion) -> AnswerInput {
    var text = line.trimmingCharacters(in: .whitespaces)
    if presented.question.kind == .sql, ["schema", ".schema", "\\d"].contains(text.lowercased()) {
      return .schema
    }
    switch text.lowercased() {
    case "skip", ":skip": return .skip
    case "quit", ":quit", "exit", ":q": return .quit
    case "help", ":help", "?": return .help
    default: break
    }
    var unsure = false
    if ![.short, .sql].contains(presented.question.kind), text.hasSuffix("?") {
      unsure = true
      text = String(text.dropLast()).trimmingCharacters(in: .whitespaces)
    }
    if text.isEmpty {
      return .invalid(hint: hint(for: presented))
    }
    switch presented.question.kind {
    case .single, .multiple:
      return parseLetters(text, for: presented, unsure: unsure)
    case .trueFalse:
      switch text.lowercased() {
      case "true", "t": return .answer(.truth(true), unsure: unsure)
      case "false", "f": return .answer(.truth(false), unsure: unsure)
      default: return .invalid(hint: hint(for: presented))
      }
    case .short, .sql:
      return .answer(.text(text), unsure: false)
    case .numeric:
      guard Grader.number(in: text) != nil else {
        return .invalid(hint: "type a number, such as 42 or 3.14")
      }
      return .answer(.text(text), unsure: unsure)
    }
  }

  /// How to answer this kind of question.
  public static func hint(for presented: PresentedQuestion) -> String {
    let last = PresentedQuestion.letter(at: max(0, presented.options.count - 1))
    switch presented.question.kind {
    case .single:
      return "type one letter from a to \(last), such as `b`; or `skip`, `quit`"
    case .multiple:
      return
        "type every letter that applies, such as `a,c` or `ac` (a to \(last)); or `skip`, `quit`"
    case .trueFalse:
      return "type `true` or `false` (or `t` / `f`); or `skip`, `quit`"
    case .short:
      return "type your answer; or `skip`, `quit`"
    case .numeric:
      return "type a number, such as 42 or 3.14; or `skip`, `quit`"
    case .sql:
      return "type a SELECT query ending with `;` (it may span lines); `schema` shows the tables;"
        + " or `skip`, `quit`"
    }
  }

  private static func parseLetters(_ text: String, for presented: PresentedQuestion, unsure: Bool)
    -> AnswerInput
  {
    let separators = Set(", ;/")
    let letters = text.lowercased().filter { !separators.contains($0) }
    guard !letters.isEmpty, letters.allSatisfy({ $0.isLetter && $0.isASCII }) else {
      return .invalid(hint: hint(for: presented))
    }
    var ids: [String] = []
    for letter in letters {
      guard let option = presented.option(forLetter: letter) else {
        let last = PresentedQuestion.letter(at: presented.options.count - 1)
        return .invalid(hint: "there is no option \(letter); choose from a to \(last)")
      }
      if !ids.contains(option.id) { ids.append(option.id) }
    }
    if presented.question.kind == .single, ids.count > 1 {
      return .invalid(hint: "this question has one answer; type a single letter")
    }
    return .answer(.choices(Set(ids)), unsure: unsure)
  }
}
