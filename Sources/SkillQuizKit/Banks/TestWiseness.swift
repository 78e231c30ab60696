import Foundation

/// How much of a set of questions can be answered from the form of the options alone.
///
/// These are the figures behind `BankLint`'s test-wiseness warnings, computed over one area's
/// single-answer, true/false and multiple-answer questions; other kinds are ignored. An
/// option's length is its `Character` count with surrounding white space trimmed.
public struct TestWiseness: Sendable, Hashable {
  /// How many single-answer questions there are.
  public let singleCount: Int
  /// The single-answer questions whose key is the strictly longest option, widest margin first.
  public let keyLongestIDs: [String]
  /// How many true/false questions there are.
  public let trueFalseCount: Int
  /// The true/false questions whose key is `true`, in bank order.
  public let trueKeyIDs: [String]
  /// The true/false questions whose key is `false`, in bank order.
  public let falseKeyIDs: [String]
  /// How many multiple-answer questions there are.
  public let multipleCount: Int
  /// The multiple-answer questions with 2 or 3 right options, in bank order.
  public let twoOrThreeRightIDs: [String]
  /// The mean length of every right option of the multiple-answer questions; nil without any.
  public let meanRightLength: Double?
  /// The mean length of every wrong option of the multiple-answer questions; nil without any.
  public let meanWrongLength: Double?
  /// The multiple-answer questions whose right options are longer on average than their wrong
  /// ones, largest ratio first.
  public let longRightIDs: [String]
  /// How many questions the two examinees answer: single, true/false and multiple-answer.
  public let scoredCount: Int
  /// How many options the test-wise examinee picks on every multiple-answer question (2 or 3).
  public let multiplePick: Int
  /// The test-wise examinee's expected percent fully right (0–100).
  ///
  /// It picks the longest single-answer option (sharing the credit among ties), answers
  /// `false` to every statement, and picks the `multiplePick` longest options of a
  /// multiple-answer question, ties in bank order.
  public let testWiseScore: Double
  /// Blind guessing's expected percent fully right (0–100): 1/n for n options, 1/2 for
  /// true/false, 1/(2ⁿ − 1) for a multiple-answer question.
  public let blindScore: Double
  /// The questions where the test-wise examinee beats blind guessing, largest gain first.
  public let formGainIDs: [String]

  /// Measures `questions`, normally the questions of one area.
  public init(questions: [Question]) {
    var singles: [(id: String, margin: Int)] = []
    var singleCount = 0
    var trueIDs: [String] = []
    var falseIDs: [String] = []
    var multiples: [Question] = []
    var testWise = 0.0
    var blind = 0.0
    var gains: [(id: String, gain: Double)] = []
    for question in questions {
      switch question.answer {
      case .single(let key):
        singleCount += 1
        let lengths = question.options.map { Self.length($0.text) }
        let keyIndex = question.options.firstIndex { $0.id == key }
        let keyLength = keyIndex.map { lengths[$0] } ?? -1
        let longest = lengths.max() ?? 0
        let others = lengths.indices.filter { $0 != keyIndex }.map { lengths[$0] }
        if keyLength > (others.max() ?? -1) {
          singles.append((question.id, keyLength - (others.max() ?? 0)))
        }
        let credit =
          keyLength == longest ? 1 / Double(lengths.filter { $0 == longest }.count) : 0
        let chance = 1 / Double(max(1, lengths.count))
        testWise += credit
        blind += chance
        gains.append((question.id, credit - chance))
      case .trueFalse(let key):
        if key { trueIDs.append(question.id) } else { falseIDs.append(question.id) }
        testWise += key ? 0 : 1
        blind += 0.5
        gains.append((question.id, key ? -0.5 : 0.5))
      case .multiple:
        multiples.append(question)
      case .short, .sql, .numeric:
        break
      }
    }

    var rightLengths: [Int] = []
    var wrongLengths: [Int] = []
    var ratios: [(id: String, ratio: Double)] = []
    var twoOrThree: [String] = []
    for question in multiples {
      let key = Self.key(question)
      if (2...3).contains(key.count) { twoOrThree.append(question.id) }
      let right = question.options.filter { key.contains($0.id) }.map { Self.length($0.text) }
      let wrong = question.options.filter { !key.contains($0.id) }.map { Self.length($0.text) }
      rightLengths += right
      wrongLengths += wrong
      if let meanRight = Self.mean(right), let meanWrong = Self.mean(wrong), meanWrong > 0,
        meanRight > meanWrong
      {
        ratios.append((question.id, meanRight / meanWrong))
      }
    }
    let hits = [2, 3].map { pick in multiples.filter { Self.longest(pick, of: $0) == Self.key($0) }
    }
    let pick = hits[1].count > hits[0].count ? 3 : 2
    let picked = Set((pick == 2 ? hits[0] : hits[1]).map(\.id))
    for question in multiples {
      let chance = 1 / (pow(2, Double(question.options.count)) - 1)
      let credit: Double = picked.contains(question.id) ? 1 : 0
      testWise += credit
      blind += chance
      gains.append((question.id, credit - chance))
    }

    self.singleCount = singleCount
    keyLongestIDs = Self.ordered(singles.map { ($0.id, Double($0.margin)) })
    trueFalseCount = trueIDs.count + falseIDs.count
    trueKeyIDs = trueIDs
    falseKeyIDs = falseIDs
    multipleCount = multiples.count
    twoOrThreeRightIDs = twoOrThree
    meanRightLength = Self.mean(rightLengths)
    meanWrongLength = Self.mean(wrongLengths)
    longRightIDs = Self.ordered(ratios.map { ($0.id, $0.ratio) })
    scoredCount = singleCount + trueFalseCount + multiples.count
    multiplePick = pick
    testWiseScore = scoredCount == 0 ? 0 : 100 * testWise / Double(scoredCount)
    blindScore = scoredCount == 0 ? 0 : 100 * blind / Double(scoredCount)
    formGainIDs = Self.ordered(gains.filter { $0.gain > 1e-12 }.map { ($0.id, $0.gain) })
  }

  /// How many single-answer keys are the strictly longest option.
  public var keyLongestCount: Int { keyLongestIDs.count }
  /// The percent of single-answer keys that are the strictly longest option; nil without any.
  public var keyLongestPercent: Double? { Self.percent(keyLongestCount, of: singleCount) }
  /// The percent of true/false keys that are `true`; nil without any.
  public var truePercent: Double? { Self.percent(trueKeyIDs.count, of: trueFalseCount) }
  /// How many multiple-answer questions have other than 2 or 3 right options.
  public var otherRightCount: Int { multipleCount - twoOrThreeRightIDs.count }
  /// The percent of multiple-answer questions with other than 2 or 3 right options.
  public var otherRightPercent: Double? { Self.percent(otherRightCount, of: multipleCount) }
  /// Mean right-option length over mean wrong-option length, multiple-answer questions pooled.
  public var lengthRatio: Double? {
    guard let meanRightLength, let meanWrongLength, meanWrongLength > 0 else { return nil }
    return meanRightLength / meanWrongLength
  }
  /// How many percentage points the test-wise examinee scores above blind guessing.
  public var testWiseGain: Double { testWiseScore - blindScore }

  /// An option's length: its characters, surrounding white space trimmed.
  ///
  /// ASCII text without a carriage return (one `Character` per byte) is measured byte by byte.
  static func length(_ text: String) -> Int {
    let simple = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
      guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
      func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0C).contains(byte) }
      guard let first = bytes.firstIndex(where: { !isSpace($0) }),
        let last = bytes.lastIndex(where: { !isSpace($0) })
      else { return 0 }
      return last - first + 1
    }
    if let measured = simple ?? nil { return measured }
    return WhiteSpace.trimmed(text).count
  }

  private static func key(_ question: Question) -> Set<String> {
    if case .multiple(let key) = question.answer { key } else { [] }
  }

  /// The ids of the `count` longest options, ties in bank order.
  private static func longest(_ count: Int, of question: Question) -> Set<String> {
    let lengths = question.options.map { length($0.text) }
    let ranked = question.options.enumerated().sorted {
      let (left, right) = (lengths[$0.offset], lengths[$1.offset])
      return left != right ? left > right : $0.offset < $1.offset
    }
    return Set(ranked.prefix(count).map(\.element.id))
  }

  private static func mean(_ values: [Int]) -> Double? {
    values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
  }

  private static func percent(_ count: Int, of total: Int) -> Double? {
    total == 0 ? nil : Double(100 * count) / Double(total)
  }

  /// The ids, largest value first, ties in bank order.
  private static func ordered(_ items: [(id: String, value: Double)]) -> [String] {
    items.enumerated().sorted {
      $0.element.value != $1.element.value
        ? $0.element.value > $1.element.value : $0.offset < $1.offset
    }.map(\.element.id)
  }
}
