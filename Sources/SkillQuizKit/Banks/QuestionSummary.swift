/// What planners need to know about a question without its text: ids, kind, difficulty and the
/// item parameters the bank gives it.
///
/// A summary is cheap to read from the question index; the full `Question` is fetched only for
/// the questions a session asks.
public struct QuestionSummary: Sendable, Hashable {
  /// The question's id.
  public let id: String
  /// The id of its area.
  public let areaID: String
  /// The id of its topic inside the area.
  public let topicID: String
  /// The kind of answer it takes.
  public let kind: QuestionKind
  /// How hard it is meant to be.
  public let difficulty: Difficulty
  /// Its item parameters from the bank or the difficulty label (`Question.itemParameters`).
  public let item: IRTItem

  /// Creates a summary.
  public init(
    id: String, areaID: String, topicID: String, kind: QuestionKind, difficulty: Difficulty,
    item: IRTItem
  ) {
    self.id = id
    self.areaID = areaID
    self.topicID = topicID
    self.kind = kind
    self.difficulty = difficulty
    self.item = item
  }

  /// The summary of a full question.
  public init(_ question: Question) {
    self.init(
      id: question.id, areaID: question.areaID, topicID: question.topicID, kind: question.kind,
      difficulty: question.difficulty, item: question.itemParameters)
  }

  /// The `area/topic` label of its topic.
  public var topicLabel: String { "\(areaID)/\(topicID)" }
}

extension SkillScope {
  /// Whether a summarised question belongs to this scope.
  public func contains(_ summary: QuestionSummary) -> Bool {
    switch self {
    case .area(let area): summary.areaID == area.id
    case .topic(let topic): summary.areaID == topic.areaID && summary.topicID == topic.id
    }
  }
}
