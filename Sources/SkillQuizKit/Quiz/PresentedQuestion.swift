/// A question as shown: its options in display order, lettered from `a`.
public struct PresentedQuestion: Sendable, Hashable {
  /// The question.
  public let question: Question
  /// The options in the order shown.
  public let options: [QuestionOption]

  /// Creates a presentation with options in the given order.
  public init(question: Question, options: [QuestionOption]) {
    self.question = question
    self.options = options
  }

  /// Presents a question with its options shuffled around the pinned ones.
  public init(question: Question, using random: inout some RandomNumberGenerator) {
    self.init(question: question, options: shuffledKeepingPins(question.options, using: &random))
  }

  /// The letter shown for the option at `index`: `a` to `z`, then `aa`, `ab`, … (bijective
  /// base 26), so any index has one; a negative index, which names no option, is `?`.
  public static func letter(at index: Int) -> String {
    guard index >= 0 else { return "?" }
    var letters: [Character] = []
    var rest = index
    repeat {
      letters.append(Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(rest % 26))))
      rest = rest / 26 - 1
    } while rest >= 0
    return String(letters.reversed())
  }

  /// The letter shown for an option id.
  public func letter(forOptionID id: String) -> String? {
    options.firstIndex { $0.id == id }.map(Self.letter(at:))
  }

  /// The option shown with a letter.
  public func option(forLetter letter: Character) -> QuestionOption? {
    guard let ascii = letter.lowercased().first?.asciiValue, ascii >= UInt8(ascii: "a") else {
      return nil
    }
    let index = Int(ascii - UInt8(ascii: "a"))
    return index < options.count ? options[index] : nil
  }
}

/// Shuffles options, keeping each pinned one at its distance from the end of the list.
///
/// "All of the above" declared last stays last; the unpinned options fill the other places.
public func shuffledKeepingPins(
  _ options: [QuestionOption], using random: inout some RandomNumberGenerator
) -> [QuestionOption] {
  var free = options.filter { !$0.isPinned }
  free.shuffle(using: &random)
  var result: [QuestionOption?] = Array(repeating: nil, count: options.count)
  for (index, option) in options.enumerated() where option.isPinned {
    let fromEnd = options.count - 1 - index
    result[options.count - 1 - fromEnd] = option
  }
  var next = free.makeIterator()
  for index in result.indices where result[index] == nil {
    result[index] = next.next()
  }
  return result.compactMap { $0 }
}
