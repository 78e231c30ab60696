import Foundation

/// A question's evidence: the first answer this user gave to it, before ever seeing its key.
///
/// Later answers (a drill or review after the explanation, a repeat in a quiz) train memory
/// but say nothing new about skill. A skip is not evidence, and once skipped the question has
/// shown its key, so it never gives evidence later.
public struct Evidence: Sendable, Hashable {
  /// The question.
  public let questionID: String
  /// Whether the first answer earned full credit (partial credit counts as a miss).
  public let isCorrect: Bool
  /// Whether the first answer was a skip (then it is not evidence).
  public let isSkipped: Bool

  /// Creates evidence.
  public init(questionID: String, isCorrect: Bool, isSkipped: Bool) {
    self.questionID = questionID
    self.isCorrect = isCorrect
    self.isSkipped = isSkipped
  }

  /// The first answer to each question in a history, oldest first.
  public static func firstAnswers(_ answers: [AnswerRecord]) -> [Evidence] {
    var seen: Set<String> = []
    var result: [Evidence] = []
    for answer in answers where seen.insert(answer.questionID).inserted {
      result.append(
        Evidence(
          questionID: answer.questionID, isCorrect: answer.isCorrect, isSkipped: answer.isSkipped))
    }
    return result
  }
}

/// One estimate per area and topic from the evidence: each question's first graded answer.
///
/// It is the single profile that `skills`, `weak`, `jobs`, `plan` and `report` read: the EAP
/// ability with its posterior, item parameters from the bank or from calibration.
public struct SkillProfile: Sendable {
  /// An entry: the estimate, its posterior, and how much evidence backs it.
  public struct Entry: Sendable, Hashable {
    /// The estimate (EAP and posterior SD).
    public let estimate: AbilityEstimate
    /// The posterior, for the probability of clearing a bar.
    public let posterior: AbilityPosterior
    /// Questions that gave evidence.
    public let answered: Int

    /// The fewest evidence answers before the estimate is called meaningful.
    public static let minimumAnswers = 5

    /// Whether there is enough data to judge.
    public var hasEnoughData: Bool { answered >= Self.minimumAnswers }
    /// The estimate on the 0–300 scale.
    public var score: SkillScore { SkillScore(estimate) }
  }

  /// Entries keyed by area id (only scopes with evidence).
  public let areas: [String: Entry]
  /// Entries keyed by `area/topic` (only scopes with evidence).
  public let topics: [String: Entry]
  /// Questions never seen (no answer or skip at all), keyed by area id and by `area/topic`.
  public let fresh: [String: Int]
  /// Every question with an answer or a skip: its key has been shown.
  public let seen: Set<String>
  /// The evidence per area id and per `area/topic`: each item and whether it was answered right.
  public let responses: [String: [ItemResponse]]

  /// Builds the profile from each question's first answer.
  ///
  /// - Parameters:
  ///   - evidence: The first answer to each question that has one.
  ///   - library: The questions, for their item parameters.
  ///   - calibrated: Calibrated parameters per question id, which beat the bank's.
  public init(evidence: [Evidence], library: QuestionLibrary, calibrated: [String: IRTItem] = [:]) {
    var responses: [String: [ItemResponse]] = [:]
    var seen: Set<String> = []
    let summaries = library.summaries(ids: evidence.map(\.questionID))
    for record in evidence.sorted(by: { $0.questionID < $1.questionID }) {
      seen.insert(record.questionID)
      guard !record.isSkipped, let question = summaries[record.questionID] else { continue }
      let response = ItemResponse(
        item: calibrated[question.id] ?? question.item, right: record.isCorrect)
      responses[question.areaID, default: []].append(response)
      responses[question.topicLabel, default: []].append(response)
    }
    // Fresh: the questions loaded minus those seen that still exist (each counted once).
    var fresh = library.counts
    for question in summaries.values where seen.contains(question.id) {
      fresh[question.areaID, default: 0] -= 1
      fresh[question.topicLabel, default: 0] -= 1
    }
    fresh = fresh.filter { $0.value > 0 }
    func entry(_ responses: [ItemResponse]) -> Entry {
      let posterior = AbilityPosterior(responses)
      return Entry(
        estimate: IRT.eap(items: responses.map(\.item), responses: responses.map(\.right)),
        posterior: posterior, answered: responses.count)
    }
    areas = responses.filter { !$0.key.contains("/") }.mapValues(entry)
    topics = responses.filter { $0.key.contains("/") }.mapValues(entry)
    self.responses = responses
    self.fresh = fresh
    self.seen = seen
  }

  /// Builds the profile from a whole answer history, oldest first (its first answers count).
  public init(
    answers: [AnswerRecord], library: QuestionLibrary, calibrated: [String: IRTItem] = [:]
  ) {
    self.init(
      evidence: Evidence.firstAnswers(answers), library: library, calibrated: calibrated)
  }

  /// The entry of an area (`git`) or topic (`git/branching`) label; nil without evidence.
  public func entry(_ label: String) -> Entry? {
    label.contains("/") ? topics[label] : areas[label]
  }

  /// The entry of a topic; nil when nothing was answered.
  public func topic(_ topic: Topic) -> Entry? { topics["\(topic.areaID)/\(topic.id)"] }

  /// Questions never seen in an area or topic label.
  public func freshCount(_ label: String) -> Int { fresh[label] ?? 0 }
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
    _ responses: [Response], initial: [String: Double], guessing: [String: Double] = [:],
    progress: any ProgressReporter = SilentProgress()
  ) -> [String: Result] {
    progress.begin("Calibrating questions", total: 0)
    defer { progress.end() }
    let (items, abilities) = eloRun(responses, initial: initial)
    var byItem: [String: [(theta: Double, right: Bool, user: String)]] = [:]
    for response in responses where items[response.questionID] != nil {
      byItem[response.questionID, default: []].append(
        (abilities[response.user] ?? 0, response.right, response.user))
    }
    progress.begin("Calibrating questions", total: items.count)
    var done = 0
    return items.reduce(into: [:]) { result, entry in
      done += 1
      progress.advance(to: done)
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
