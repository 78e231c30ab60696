/// How hard a question is meant to be.
public enum Difficulty: String, Sendable, CaseIterable, Comparable, Codable {
  case easy, medium, hard

  /// The position from easiest (0) to hardest (2).
  public var rank: Int {
    switch self {
    case .easy: 0
    case .medium: 1
    case .hard: 2
    }
  }

  public static func < (lhs: Difficulty, rhs: Difficulty) -> Bool { lhs.rank < rhs.rank }
}

/// The kind of answer a question takes.
public enum QuestionKind: String, Sendable, CaseIterable, Codable {
  case single
  case multiple
  case trueFalse = "true_false"
  case short
  case sql
  case numeric
}

/// How a typed short answer is compared with the accepted ones.
public enum ShortAnswerMatch: String, Sendable, CaseIterable, Codable {
  /// Case and white space are ignored.
  case ignoreCase = "ignore_case"
  /// White space is normalised; case must match.
  case exact
  /// Each accepted answer is a regular expression that must match the whole answer.
  case regex
}

/// One choice of a `single` or `multiple` question.
public struct QuestionOption: Sendable, Hashable, Codable {
  /// The option's id inside its question, such as `a` or `none`.
  public let id: String
  /// The text shown to the user.
  public let text: String
  /// Why this option is wrong, shown when a user picks it.
  public let why: String?
  /// Whether the option keeps its position (counted from the end) when options are shuffled.
  public let isPinned: Bool

  /// Creates an option.
  public init(id: String, text: String, why: String? = nil, isPinned: Bool = false) {
    self.id = id
    self.text = text
    self.why = why
    self.isPinned = isPinned
  }
}

/// What counts as the right answer.
public enum AnswerKey: Sendable, Hashable, Codable {
  /// The id of the one right option.
  case single(String)
  /// The ids of every right option.
  case multiple(Set<String>)
  /// The truth value of the statement.
  case trueFalse(Bool)
  /// The accepted answers and how to compare them.
  case short(accepted: [String], match: ShortAnswerMatch)
  /// A query whose result must match the solution's on the dataset.
  case sql(SQLExercise)
  /// A number inside any of these closed ranges.
  case numeric([NumericRange])

  /// The kind of question this key answers.
  public var kind: QuestionKind {
    switch self {
    case .single: .single
    case .multiple: .multiple
    case .trueFalse: .trueFalse
    case .short: .short
    case .sql: .sql
    case .numeric: .numeric
    }
  }
}

/// A link to read more.
public struct Reference: Sendable, Hashable, Codable {
  /// A title, when the bank gives one.
  public let title: String?
  /// The address.
  public let url: String

  /// Creates a reference.
  public init(title: String? = nil, url: String) {
    self.title = title
    self.url = url
  }
}

/// An accepted numeric answer: every value from `minimum` to `maximum`.
public struct NumericRange: Sendable, Hashable, Codable {
  /// The lowest accepted value.
  public let minimum: Double
  /// The highest accepted value.
  public let maximum: Double

  /// Creates a range.
  public init(minimum: Double, maximum: Double) {
    self.minimum = minimum
    self.maximum = maximum
  }

  /// "3.14 ± 0.01" or "1 to 5".
  public var text: String {
    let middle = (minimum + maximum) / 2
    let half = (maximum - minimum) / 2
    if half == 0 { return Self.format(middle) }
    if middle != 0, half / abs(middle) < 0.5 {
      return "\(Self.format(middle)) ± \(Self.format(half))"
    }
    return "\(Self.format(minimum)) to \(Self.format(maximum))"
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}

/// The item parameters a bank sets for a question; what is nil takes the default.
public struct IRTOverrides: Sendable, Hashable, Codable {
  /// Discrimination.
  public var a: Double?
  /// Difficulty on the logit scale.
  public var b: Double?
  /// Pseudo-guessing.
  public var c: Double?

  /// Creates overrides.
  public init(a: Double? = nil, b: Double? = nil, c: Double? = nil) {
    self.a = a
    self.b = b
    self.c = c
  }
}

/// Where something was declared in a bank file.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file's path as the user gave it or as found under the banks folder.
  public let file: String
  /// The line, from 1.
  public let line: Int
  /// The column, from 1.
  public let column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }
}

/// A question from a bank.
public struct Question: Sendable, Hashable, Codable {
  /// The stable id that progress is keyed on.
  public let id: String
  /// The id of the question's area.
  public let areaID: String
  /// The id of the question's topic inside the area.
  public let topicID: String
  /// How hard it is meant to be.
  public let difficulty: Difficulty
  /// The question text, in the Markdown subset.
  public let prompt: String
  /// The options, in bank order; empty for `true_false` and `short`.
  public let options: [QuestionOption]
  /// The right answer.
  public let answer: AnswerKey
  /// Why the right answer is right.
  public let explanation: String
  /// Where to read more.
  public let references: [Reference]
  /// Item response theory parameters the bank gives, if any.
  public let irt: IRTOverrides?
  /// Where the question starts in its bank file.
  public let location: SourceLocation?

  /// Creates a question.
  public init(
    id: String, areaID: String, topicID: String, difficulty: Difficulty, prompt: String,
    options: [QuestionOption] = [], answer: AnswerKey, explanation: String,
    references: [Reference] = [], irt: IRTOverrides? = nil, location: SourceLocation? = nil
  ) {
    self.id = id
    self.areaID = areaID
    self.topicID = topicID
    self.difficulty = difficulty
    self.prompt = prompt
    self.options = options
    self.answer = answer
    self.explanation = explanation
    self.references = references
    self.irt = irt
    self.location = location
  }

  /// The kind of answer the question takes.
  public var kind: QuestionKind { answer.kind }

  /// The same question with another answer key.
  func with(answer: AnswerKey) -> Question {
    Question(
      id: id, areaID: areaID, topicID: topicID, difficulty: difficulty, prompt: prompt,
      options: options, answer: answer, explanation: explanation, references: references,
      irt: irt, location: location)
  }

  /// The item parameters adaptive tests use: the bank's `irt` values where given; otherwise
  /// `b` from the difficulty label (easy −1, medium 0, hard +1), `a` = 1, and `c` = the chance
  /// of guessing (1 ÷ options for choice questions, 1/2 for true/false, 0 for typed answers).
  public var itemParameters: IRTItem {
    let defaultB: Double =
      switch difficulty {
      case .easy: -1
      case .medium: 0
      case .hard: 1
      }
    let guessing: Double =
      switch kind {
      case .single, .multiple: options.isEmpty ? 0 : 1 / Double(options.count)
      case .trueFalse: 0.5
      case .short, .sql, .numeric: 0
      }
    return IRTItem(a: irt?.a ?? 1, b: irt?.b ?? defaultB, c: irt?.c ?? guessing, d: 1)
  }
}
