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
  ///   - calibratedDifficulty: Calibrated `b` per question id, which beats the bank's.
  public init(
    answers: [AnswerRecord], library: QuestionLibrary, calibratedDifficulty: [String: Double] = [:]
  ) {
    var latest: [String: AnswerRecord] = [:]
    for answer in answers where !answer.isSkipped { latest[answer.questionID] = answer }
    var byArea: [String: [(IRTItem, Bool)]] = [:]
    var byTopic: [String: [(IRTItem, Bool)]] = [:]
    for answer in latest.values.sorted(by: { $0.questionID < $1.questionID }) {
      guard let question = library.question(id: answer.questionID) else { continue }
      var item = question.itemParameters
      if let b = calibratedDifficulty[question.id] { item.b = b }
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

  /// Difficulties after replaying `responses` in order from `initial` (the bank's `b`).
  ///
  /// - Returns: For every question with responses, its new `b` and how many responses back it.
  public static func elo(
    _ responses: [Response], initial: [String: Double], alpha: Double = 1, beta: Double = 0.05
  ) -> [String: (b: Double, responses: Int)] {
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
    return itemCounts.reduce(into: [:]) { result, entry in
      if let value = b[entry.key] { result[entry.key] = (value, entry.value) }
    }
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
