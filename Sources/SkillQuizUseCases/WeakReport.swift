import Foundation
import SkillQuizKit
import SkillQuizStore

/// `weak`: topics from weakest to strongest on the skill profile, and the leeches.
public struct WeakReport: Sendable {
  /// The scope asked for; nil for every area.
  public let scope: SkillScope?
  /// The topics shown, weakest first; without a scope, only practised topics.
  public let topics: [WeakTopic]
  /// Topics never practised (not listed without a scope).
  public let untouchedCount: Int
  /// Questions missed so often that `review` leaves them out, with their cards.
  public let leeches: [(card: StoredCard, question: Question)]

  /// Whether any answer exists in scope.
  public var hasAnswers: Bool { topics.contains { $0.profile != nil } }

  /// Ranks the topics of the scope (an area or topic word, or nil for all).
  public init(_ workspace: Workspace, scope word: String?) throws(any Error) {
    scope = try workspace.optionalScope(word)
    let library = workspace.library
    let areas = try workspace.areas(word)
    let ranked = try WeakAreas.rank(workspace, areas: areas, profile: try workspace.profile())
    let scope = scope
    topics = ranked.filter { $0.profile != nil || scope != nil }
    untouchedCount = scope == nil ? ranked.filter { $0.profile == nil }.count : 0
    leeches = try workspace.store.leechCards().compactMap { card in
      library.question(id: card.questionID).map { (card, $0) }
    }.filter { scope?.contains($0.question) ?? true }
  }

  /// The JSON form.
  public var json: some Encodable {
    JSON(
      topics: topics.map { line in
        JSON.Topic(
          area: line.topic.areaID, topic: line.topic.id, name: line.topic.name,
          score: line.profile.map { Int($0.score.score.rounded()) },
          plusMinus: line.profile.map { Int($0.score.margin.rounded()) },
          answered: line.profile?.answered ?? 0, enoughData: line.hasEnoughData,
          recentMisses: line.recentMisses, due: line.dueCount, nextStep: line.nextStep)
      },
      untouchedTopics: untouchedCount,
      leeches: leeches.map { JSON.Leech(question: $0.question.id, misses: $0.card.misses) },
      minimumAnswers: SkillProfile.Entry.minimumAnswers)
  }

  struct JSON: Encodable {
    struct Topic: Encodable {
      let area: String
      let topic: String
      let name: String
      let score: Int?
      let plusMinus: Int?
      let answered: Int
      let enoughData: Bool
      let recentMisses: Int
      let due: Int
      let nextStep: String
    }

    struct Leech: Encodable {
      let question: String
      let misses: Int
    }

    let topics: [Topic]
    let untouchedTopics: Int
    let leeches: [Leech]
    let minimumAnswers: Int
  }
}

extension WeakAreas {
  /// The topics of `areas`, weakest first, from the store's totals and indexed queries.
  public static func rank(_ workspace: Workspace, areas: [SkillArea], profile: SkillProfile)
    throws(StoreError) -> [WeakTopic]
  {
    let store = workspace.store
    let now = workspace.clock.now
    return rank(
      areas: areas, misses: try store.lastMisses(),
      recentMisses: try store.recentMisses(since: now.addingTimeInterval(-recentWindow)),
      dueCards: try SessionPlanning.dueCards(workspace, in: nil), profile: profile,
      library: workspace.library)
  }
}
