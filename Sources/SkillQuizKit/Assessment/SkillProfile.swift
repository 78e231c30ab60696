import Foundation

/// One estimate per area and topic from every answer (quiz, review, drill, assess).
///
/// It is the single profile that `weak` (and job matching) read: the EAP ability over the
/// latest answer to each question, with item parameters from the bank or from calibration.
public struct SkillProfile: Sendable {
  /// An entry: the estimate and how many questions back it.
  public struct Entry: Sendable, Hashable {
    /// The estimate.
    public let estimate: AbilityEstimate
    /// Distinct questions answered.
    public let answered: Int

    /// The fewest answered questions before the estimate is called meaningful.
    public static let minimumAnswers = 5

    /// Whether there is enough data to judge.
    public var hasEnoughData: Bool { answered >= Self.minimumAnswers }
    /// The estimate on the 0–300 scale.
    public var score: SkillScore { SkillScore(estimate) }
  }

  /// Entries keyed by area id.
  public let areas: [String: Entry]
  /// Entries keyed by `area/topic`.
  public let topics: [String: Entry]

  /// Builds the profile.
  ///
  /// - Parameters:
  ///   - answers: Every stored answer, oldest first.
  ///   - library: The questions, for their item parameters.
  ///   - calibrated: Calibrated parameters per question id, which beat the bank's.
  public init(
    answers: [AnswerRecord], library: QuestionLibrary, calibrated: [String: IRTItem] = [:]
  ) {
    var latest: [String: AnswerRecord] = [:]
    for answer in answers where !answer.isSkipped { latest[answer.questionID] = answer }
    var byArea: [String: [(IRTItem, Bool)]] = [:]
    var byTopic: [String: [(IRTItem, Bool)]] = [:]
    for answer in latest.values.sorted(by: { $0.questionID < $1.questionID }) {
      guard let question = library.question(id: answer.questionID) else { continue }
      let item = calibrated[question.id] ?? question.itemParameters
      byArea[question.areaID, default: []].append((item, answer.isCorrect))
      byTopic["\(question.areaID)/\(question.topicID)", default: []].append(
        (item, answer.isCorrect))
    }
    func entry(_ pairs: [(IRTItem, Bool)]) -> Entry {
      Entry(
        estimate: IRT.eap(items: pairs.map(\.0), responses: pairs.map(\.1)), answered: pairs.count)
    }
    areas = byArea.mapValues(entry)
    topics = byTopic.mapValues(entry)
  }

  /// The entry of a topic; nil when nothing was answered.
  public func topic(_ topic: Topic) -> Entry? { topics["\(topic.areaID)/\(topic.id)"] }
}

/// Re-estimates item difficulties from pooled answers with an Elo-style online update.
public enum Calibration {
  /// One answer in a pool: who, which question, right or not.
  public struct Response: Sendable, Hashable {
    /// Who answered (a user name or id from a response file; `me` for this database).
    public let user: String
    /// The question.
    public let questionID: String
    /// Whether the answer was right.
    public let right: Bool

    /// Creates a response.
    public init(user: String, questionID: String, right: Bool) {
      self.user = user
      self.questionID = questionID
      self.right = right
    }
  }

  /// A calibrated item: its difficulty, its discrimination when there was enough data, and
  /// how many responses back it.
  public struct Result: Sendable, Hashable {
    /// The difficulty.
    public let b: Double
    /// The discrimination, fitted only with enough varied data.
    public let a: Double?
    /// Responses used.
    public let responses: Int
  }

  /// Responses an item needs, from enough different users, before `a` is fitted too.
  public static let minimumResponsesForDiscrimination = 30
  /// Different users an item needs before `a` is fitted.
  public static let minimumUsersForDiscrimination = 10

  /// Calibrates items: Elo for `b`, then, where the data allow, a maximum-likelihood `a` given
  /// the users' Elo abilities and the item's `b` and guessing `c`.
  public static func calibrate(
    _ responses: [Response], initial: [String: Double], guessing: [String: Double] = [:]
  ) -> [String: Result] {
    let (items, abilities) = eloRun(responses, initial: initial)
    var byItem: [String: [(theta: Double, right: Bool, user: String)]] = [:]
    for response in responses where items[response.questionID] != nil {
      byItem[response.questionID, default: []].append(
        (abilities[response.user] ?? 0, response.right, response.user))
    }
    return items.reduce(into: [:]) { result, entry in
      let data = byItem[entry.key] ?? []
      let users = Set(data.map(\.user)).count
      let varied = data.contains { $0.right } && data.contains { !$0.right }
      var a: Double?
      if data.count >= minimumResponsesForDiscrimination,
        users >= minimumUsersForDiscrimination, varied
      {
        a = fitDiscrimination(
          data.map { ($0.theta, $0.right) }, b: entry.value.b, c: guessing[entry.key] ?? 0)
      }
      result[entry.key] = Result(b: entry.value.b, a: a, responses: entry.value.responses)
    }
  }

  /// The discrimination in [0.2, 3] that maximises the likelihood of the responses.
  static func fitDiscrimination(_ data: [(theta: Double, right: Bool)], b: Double, c: Double)
    -> Double
  {
    func logLikelihood(_ a: Double) -> Double {
      data.reduce(0) { sum, point in
        let p = IRTItem(a: a, b: b, c: c).probability(at: point.theta)
        return sum + log(point.right ? max(p, 1e-12) : max(1 - p, 1e-12))
      }
    }
    var low = 0.2
    var high = 3.0
    let golden = (5.0.squareRoot() - 1) / 2
    for _ in 0..<80 {
      let left = high - golden * (high - low)
      let right = low + golden * (high - low)
      if logLikelihood(left) < logLikelihood(right) { low = left } else { high = right }
    }
    return (low + high) / 2
  }

  /// Difficulties after replaying `responses` in order from `initial` (the bank's `b`).
  ///
  /// - Returns: For every question with responses, its new `b` and how many responses back it.
  public static func elo(
    _ responses: [Response], initial: [String: Double], alpha: Double = 1, beta: Double = 0.05
  ) -> [String: (b: Double, responses: Int)] {
    eloRun(responses, initial: initial, alpha: alpha, beta: beta).items
  }

  private static func eloRun(
    _ responses: [Response], initial: [String: Double], alpha: Double = 1, beta: Double = 0.05
  ) -> (items: [String: (b: Double, responses: Int)], abilities: [String: Double]) {
    var theta: [String: Double] = [:]
    var b = initial
    var userCounts: [String: Int] = [:]
    var itemCounts: [String: Int] = [:]
    for response in responses {
      guard let start = b[response.questionID] else { continue }
      let (newTheta, newB) = IRT.eloUpdate(
        theta: theta[response.user] ?? 0, b: start, right: response.right,
        userAnswers: userCounts[response.user, default: 0],
        itemAnswers: itemCounts[response.questionID, default: 0], alpha: alpha, beta: beta)
      theta[response.user] = newTheta
      b[response.questionID] = newB
      userCounts[response.user, default: 0] += 1
      itemCounts[response.questionID, default: 0] += 1
    }
    let items = itemCounts.reduce(into: [String: (b: Double, responses: Int)]()) {
      result, entry in
      if let value = b[entry.key] { result[entry.key] = (value, entry.value) }
    }
    return (items, theta)
  }

  /// Reads a response file: CSV with the columns user, question id, correct (1/0, true/false,
  /// yes/no); a header line is allowed.
  ///
  /// - Throws: `CalibrationFileError` naming the line of the first bad row.
  public static func parseCSV(_ text: String, file: String) throws(CalibrationFileError)
    -> [Response]
  {
    var responses: [Response] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
          in: CharacterSet(charactersIn: "\""))
      }
      if index == 0, cells.first?.lowercased() == "user" { continue }
      guard cells.count == 3, !cells[0].isEmpty, !cells[1].isEmpty else {
        throw CalibrationFileError(
          file: file, line: index + 1, message: "expected 3 columns: user, question id, correct")
      }
      let right: Bool
      switch cells[2].lowercased() {
      case "1", "true", "yes", "correct", "right": right = true
      case "0", "false", "no", "wrong", "incorrect": right = false
      default:
        throw CalibrationFileError(
          file: file, line: index + 1,
          message: "'\(cells[2])' is not a correct flag; use 1 or 0 (or true/false)")
      }
      responses.append(Response(user: cells[0], questionID: cells[1], right: right))
    }
    return responses
  }
}

/// A problem in a response file.
public struct CalibrationFileError: Error, CustomStringConvertible {
  /// The file.
  public let file: String
  /// The line, from 1.
  public let line: Int
  /// What is wrong.
  public let message: String

  public var description: String { "\(file):\(line): \(message)" }
}
