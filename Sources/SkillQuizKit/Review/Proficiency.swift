import Foundation

/// An estimate of how often a user gets a topic right, with its uncertainty.
///
/// It is the mean of a Beta(1 + right, 1 + wrong) posterior, so 2 right of 2 reads 75%, not
/// 100%, and the margin shrinks as answers accumulate.
public struct Proficiency: Sendable, Hashable {
  /// Answers counted (skips excluded).
  public let answered: Int
  /// Credit earned, partial credit included.
  public let credit: Double

  /// The fewest answers before a topic is called weak or strong.
  public static let minimumAnswers = 5

  /// Creates an estimate from answers and credit.
  public init(answered: Int, credit: Double) {
    self.answered = answered
    self.credit = credit
  }

  /// The posterior mean, from 0 to 1.
  public var estimate: Double { (credit + 1) / (Double(answered) + 2) }

  /// Half the width of the 90% interval (normal approximation to the Beta posterior).
  public var margin: Double {
    let mean = estimate
    return 1.645 * (mean * (1 - mean) / (Double(answered) + 3)).squareRoot()
  }

  /// Whether there are enough answers to judge.
  public var hasEnoughData: Bool { answered >= Self.minimumAnswers }
}

/// One topic's line in `weak`.
public struct WeakTopic: Sendable, Hashable {
  /// The topic.
  public let topic: Topic
  /// How the user stands.
  public let proficiency: Proficiency
  /// Wrong answers in the last 14 days.
  public let recentMisses: Int
  /// Cards due now.
  public let dueCount: Int
  /// Questions whose last answer was wrong.
  public let missedQuestions: Int

  /// What to do next, as a command to type.
  public var nextStep: String {
    if dueCount > 0 { return "review \(topic.id)" }
    if missedQuestions > 0 { return "drill \(topic.id)" }
    if !proficiency.hasEnoughData { return "quiz \(topic.id) 10" }
    if proficiency.estimate < 0.7 { return "quiz \(topic.id) 10" }
    return "quiz \(topic.id) 5 --difficulty hard"
  }
}

/// Ranks topics from weakest to strongest.
public enum WeakAreas {
  /// The topics of `areas`, weakest first; topics without enough data come last.
  public static func rank(
    areas: [SkillArea], answers: [AnswerRecord], cards: [StoredCard], library: QuestionLibrary,
    now: Date
  ) -> [WeakTopic] {
    let recentStart = now.addingTimeInterval(-14 * 86_400)
    var lastByQuestion: [String: AnswerRecord] = [:]
    for answer in answers where !answer.isSkipped { lastByQuestion[answer.questionID] = answer }
    let due = ReviewQueue.due(cards, in: nil, library: library, at: now)
    let topics = areas.flatMap(\.topics).map { topic -> WeakTopic in
      let mine = answers.filter {
        !$0.isSkipped && $0.areaID == topic.areaID && $0.topicID == topic.id
      }
      let missed = lastByQuestion.values.filter {
        $0.areaID == topic.areaID && $0.topicID == topic.id && !$0.isCorrect
          && library.question(id: $0.questionID) != nil
      }
      return WeakTopic(
        topic: topic,
        proficiency: Proficiency(answered: mine.count, credit: mine.map(\.score).reduce(0, +)),
        recentMisses: mine.filter { !$0.isCorrect && $0.answeredAt >= recentStart }.count,
        dueCount: due.filter { $0.areaID == topic.areaID && $0.topicID == topic.id }.count,
        missedQuestions: missed.count)
    }
    return topics.sorted { lhs, rhs in
      if lhs.proficiency.hasEnoughData != rhs.proficiency.hasEnoughData {
        return lhs.proficiency.hasEnoughData
      }
      if lhs.proficiency.estimate != rhs.proficiency.estimate {
        return lhs.proficiency.estimate < rhs.proficiency.estimate
      }
      return (lhs.topic.areaID, lhs.topic.id) < (rhs.topic.areaID, rhs.topic.id)
    }
  }

  /// The questions whose last (non-skipped) answer was wrong, in scope, oldest miss first.
  public static func missedQuestions(
    answers: [AnswerRecord], in scope: SkillScope?, library: QuestionLibrary
  ) -> [Question] {
    var last: [String: AnswerRecord] = [:]
    for answer in answers where !answer.isSkipped { last[answer.questionID] = answer }
    return last.values.filter { !$0.isCorrect }
      .sorted { ($0.answeredAt, $0.questionID) < ($1.answeredAt, $1.questionID) }
      .compactMap { library.question(id: $0.questionID) }
      .filter { scope?.contains($0) ?? true }
  }
}
