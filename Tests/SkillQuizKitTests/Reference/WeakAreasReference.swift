import Foundation
import SkillQuizKit

/// The weak-topic ranking as it was before the store kept running totals: from every answer.
///
/// Commands pass the store's totals to `WeakAreas.rank(areas:misses:…)`; this stays the
/// reference the tests check it against.
extension WeakAreas {
  /// The topics of `areas`, weakest first; topics without enough data come last.
  ///
  static func rank(
    areas: [SkillArea], answers: [AnswerRecord], cards: [StoredCard], library: QuestionLibrary,
    profile: SkillProfile, now: Date
  ) -> [WeakTopic] {
    let recentStart = now.addingTimeInterval(-recentWindow)
    var recent: [String: Int] = [:]
    for answer in answers
    where !answer.isSkipped && !answer.isCorrect && answer.answeredAt >= recentStart {
      recent["\(answer.areaID)/\(answer.topicID)", default: 0] += 1
    }
    return rank(
      areas: areas, misses: LastResult.latest(answers).filter { !$0.isCorrect },
      recentMisses: recent, dueCards: ReviewQueue.due(cards, in: nil, library: library, at: now),
      profile: profile, library: library)
  }

}
