/// A question read from another format (GIFT, Aiken, Markdown, CSV), before it is written as
/// a native bank question.
public struct ImportedQuestion: Sendable, Hashable {
  /// The kind of answer the source question takes.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case single
    case multiple
    case trueFalse = "true_false"
    case short
    case numeric
    case matching
  }

  /// One choice of a single or multiple question.
  public struct Option: Sendable, Hashable {
    /// The text, in the Markdown subset.
    public var text: String
    /// Whether choosing it is (part of) the right answer.
    public var isCorrect: Bool
    /// A percentage weight (GIFT `%50%`), if the source gives one; may be negative.
    public var weight: Double?
    /// Feedback shown for this choice, if any.
    public var feedback: String?

    /// Creates an option.
    public init(text: String, isCorrect: Bool, weight: Double? = nil, feedback: String? = nil) {
      self.text = text
      self.isCorrect = isCorrect
      self.weight = weight
      self.feedback = feedback
    }
  }

  /// One accepted numeric answer: a value with a tolerance, or a range.
  public struct NumericAnswer: Sendable, Hashable {
    /// The lowest accepted value.
    public var minimum: Double
    /// The highest accepted value.
    public var maximum: Double
    /// A percentage weight, if given.
    public var weight: Double?

    /// Creates an answer accepting [minimum, maximum].
    public init(minimum: Double, maximum: Double, weight: Double? = nil) {
      self.minimum = minimum
      self.maximum = maximum
      self.weight = weight
    }
  }

  /// A title, if the source gives one (GIFT `::title::`).
  public var title: String?
  /// The question text, in the Markdown subset (HTML already turned into text).
  public var prompt: String
  /// The kind.
  public var kind: Kind
  /// Choices (single, multiple).
  public var options: [Option]
  /// Accepted answers (short).
  public var accepted: [String]
  /// Accepted numeric answers (numeric).
  public var numeric: [NumericAnswer]
  /// Pairs to match, left to right (matching).
  public var pairs: [[String]]
  /// The truth value (true/false).
  public var truth: Bool?
  /// General feedback, used as the explanation.
  public var explanation: String?
  /// A category or topic hint (GIFT `$CATEGORY:`), if any.
  public var category: String?
  /// The line the question starts on, from 1.
  public var line: Int
  /// A difficulty label (easy, medium, hard), when the source gives one.
  public var difficulty: String?
  /// Reference URLs, when the source gives them.
  public var references: [String] = []

  /// Creates a question.
  public init(
    title: String? = nil, prompt: String, kind: Kind, options: [Option] = [],
    accepted: [String] = [], numeric: [NumericAnswer] = [], pairs: [[String]] = [],
    truth: Bool? = nil, explanation: String? = nil, category: String? = nil, line: Int
  ) {
    self.title = title
    self.prompt = prompt
    self.kind = kind
    self.options = options
    self.accepted = accepted
    self.numeric = numeric
    self.pairs = pairs
    self.truth = truth
    self.explanation = explanation
    self.category = category
    self.line = line
  }
}

/// A source question that was not imported, and why.
public struct ImportSkip: Sendable, Hashable {
  /// The line it starts on, from 1.
  public var line: Int
  /// Why, as a lowercase fragment.
  public var reason: String

  /// Creates a skip.
  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }
}

/// What parsing a source file produced.
public struct ImportParseResult: Sendable, Hashable {
  /// The questions read.
  public var questions: [ImportedQuestion]
  /// The ones left out, with reasons.
  public var skipped: [ImportSkip]
  /// Things worth knowing about questions that were read, such as an image kept as a link.
  public var notes: [ImportSkip]

  /// Creates a result.
  public init(
    questions: [ImportedQuestion] = [], skipped: [ImportSkip] = [], notes: [ImportSkip] = []
  ) {
    self.questions = questions
    self.skipped = skipped
    self.notes = notes
  }
}
