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

/// Ranks topics from weakest to strongest, reading the skill profile.
public enum WeakAreas {
  /// The topics of `areas`, weakest first; topics without enough data come last.
  public static func rank(
    areas: [SkillArea], answers: [AnswerRecord], cards: [StoredCard], library: QuestionLibrary,
    profile: SkillProfile, now: Date
  ) -> [WeakTopic] {
    let recentStart = now.addingTimeInterval(-14 * 86_400)
    var lastByQuestion: [String: AnswerRecord] = [:]
    for answer in answers where !answer.isSkipped { lastByQuestion[answer.questionID] = answer }
    let due = ReviewQueue.due(cards, in: nil, library: library, at: now)
    let live = library.summaries(ids: lastByQuestion.keys)
    let topics = areas.flatMap(\.topics).map { topic -> WeakTopic in
      let mine = answers.filter {
        !$0.isSkipped && $0.areaID == topic.areaID && $0.topicID == topic.id
      }
      let missed = lastByQuestion.values.filter {
        $0.areaID == topic.areaID && $0.topicID == topic.id && !$0.isCorrect
          && live[$0.questionID] != nil
      }
      return WeakTopic(
        topic: topic, profile: profile.topic(topic),
        recentMisses: mine.filter { !$0.isCorrect && $0.answeredAt >= recentStart }.count,
        dueCount: due.filter { $0.areaID == topic.areaID && $0.topicID == topic.id }.count,
        missedQuestions: missed.count)
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
    var last: [String: AnswerRecord] = [:]
    for answer in answers where !answer.isSkipped { last[answer.questionID] = answer }
    let missed = last.values.filter { !$0.isCorrect }
      .sorted { ($0.answeredAt, $0.questionID) < ($1.answeredAt, $1.questionID) }
    let live = library.summaries(ids: missed.map(\.questionID))
    return library.questions(
      ids: missed.compactMap { live[$0.questionID] }.filter { scope?.contains($0) ?? true }.map(
        \.id)
    )
  }
}
