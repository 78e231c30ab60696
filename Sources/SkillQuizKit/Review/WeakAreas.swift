import Foundation

/// One topic's line in `weak`.
public struct WeakTopic: Sendable, Hashable {
  /// The topic.
  public let topic: Topic
  /// The topic's entry in the skill profile; nil when nothing was answered.
  public let profile: SkillProfile.Entry?
  /// Wrong answers in the last 14 days.
  public let recentMisses: Int
  /// Cards due now.
  public let dueCount: Int
  /// Questions whose last answer was wrong.
  public let missedQuestions: Int

  /// Whether there are enough answers to call the topic weak or strong.
  public var hasEnoughData: Bool { profile?.hasEnoughData ?? false }

  /// What to do next, as a command to type.
  public var nextStep: String {
    if dueCount > 0 { return "review \(topic.id)" }
    if missedQuestions > 0 { return "drill \(topic.id)" }
    guard let profile, profile.hasEnoughData else { return "quiz \(topic.id) 10" }
    if profile.score.percentile < 60 { return "quiz \(topic.id) 10" }
    return "quiz \(topic.id) 5 --difficulty hard"
  }
}

/// A question's last answer that was not a skip: what `drill` and `weak` read.
public struct LastResult: Sendable, Hashable {
  /// The question.
  public let questionID: String
  /// Its area when it was answered.
  public let areaID: String
  /// Its topic when it was answered.
  public let topicID: String
  /// When it was answered.
  public let answeredAt: Date
  /// Whether it earned full credit.
  public let isCorrect: Bool

  /// Creates a result.
  public init(
    questionID: String, areaID: String, topicID: String, answeredAt: Date, isCorrect: Bool
  ) {
    self.questionID = questionID
    self.areaID = areaID
    self.topicID = topicID
    self.answeredAt = answeredAt
    self.isCorrect = isCorrect
  }

  /// Each question's last non-skipped answer, from answers oldest first.
  public static func latest(_ answers: [AnswerRecord]) -> [LastResult] {
    var last: [String: AnswerRecord] = [:]
    for answer in answers where !answer.isSkipped { last[answer.questionID] = answer }
    return last.values.map {
      LastResult(
        questionID: $0.questionID, areaID: $0.areaID, topicID: $0.topicID,
        answeredAt: $0.answeredAt, isCorrect: $0.isCorrect)
    }
  }
}

/// Ranks topics from weakest to strongest, reading the skill profile.
public enum WeakAreas {
  /// How far back `recentMisses` looks.
  public static let recentWindow: TimeInterval = 14 * 86_400

  /// The topics of `areas`, weakest first; topics without enough data come last.
  ///
  /// `misses` are the questions whose last answer was wrong, `recentMisses` the wrong answers
  /// in the last `recentWindow` keyed by `area/topic`, and `dueCards` the cards due now as
  /// `ReviewQueue.due` chooses them.
  public static func rank(
    areas: [SkillArea], misses: [LastResult], recentMisses: [String: Int],
    dueCards: [StoredCard], profile: SkillProfile, library: QuestionLibrary
  ) -> [WeakTopic] {
    var missedByTopic: [String: Int] = [:]
    let live = library.summaries(ids: misses.map(\.questionID))
    for miss in misses where !miss.isCorrect && live[miss.questionID] != nil {
      missedByTopic["\(miss.areaID)/\(miss.topicID)", default: 0] += 1
    }
    var dueByTopic: [String: Int] = [:]
    for card in dueCards { dueByTopic["\(card.areaID)/\(card.topicID)", default: 0] += 1 }
    let topics = areas.flatMap(\.topics).map { topic -> WeakTopic in
      let key = "\(topic.areaID)/\(topic.id)"
      return WeakTopic(
        topic: topic, profile: profile.topic(topic), recentMisses: recentMisses[key] ?? 0,
        dueCount: dueByTopic[key] ?? 0, missedQuestions: missedByTopic[key] ?? 0)
    }
    return topics.sorted { lhs, rhs in
      if lhs.hasEnoughData != rhs.hasEnoughData { return lhs.hasEnoughData }
      let left = lhs.profile?.estimate.theta ?? 0
      let right = rhs.profile?.estimate.theta ?? 0
      if left != right { return left < right }
      return (lhs.topic.areaID, lhs.topic.id) < (rhs.topic.areaID, rhs.topic.id)
    }
  }

  /// The questions whose last (non-skipped) answer was wrong, in scope, oldest miss first.
  public static func missedQuestions(
    answers: [AnswerRecord], in scope: SkillScope?, library: QuestionLibrary
  ) -> [Question] {
    missedQuestions(LastResult.latest(answers), in: scope, library: library)
  }

  /// The questions of `results` whose last answer was wrong, in scope, oldest miss first.
  public static func missedQuestions(
    _ results: [LastResult], in scope: SkillScope?, library: QuestionLibrary
  ) -> [Question] {
    let missed = results.filter { !$0.isCorrect }
      .sorted { ($0.answeredAt, $0.questionID) < ($1.answeredAt, $1.questionID) }
    let live = library.summaries(ids: missed.map(\.questionID))
    return library.questions(
      ids: missed.compactMap { live[$0.questionID] }.filter { scope?.contains($0) ?? true }.map(
        \.id)
    )
  }
}
