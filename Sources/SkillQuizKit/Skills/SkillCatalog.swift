import Foundation

/// A topic inside a skill area, such as `kubernetes` in `containers`.
public struct Topic: Sendable, Hashable, Codable {
  /// The slug users type.
  public let id: String
  /// The display name.
  public let name: String
  /// Other words that select this topic.
  public let aliases: [String]
  /// The id of the area that holds the topic.
  public let areaID: String
  /// Words that name the topic in job postings (`k8s`, `EKS`); capitalised ones match case.
  public let keywords: [String]

  /// Creates a topic.
  public init(
    id: String, name: String, aliases: [String] = [], areaID: String, keywords: [String] = []
  ) {
    self.id = id
    self.name = name
    self.aliases = aliases
    self.areaID = areaID
    self.keywords = keywords
  }
}

/// One of the skill areas employers ask for, such as `git` or `databases`.
public struct SkillArea: Sendable, Hashable, Codable {
  /// The slug users type.
  public let id: String
  /// The display name.
  public let name: String
  /// Other words that select this area.
  public let aliases: [String]
  /// The area's topics, in declaration order.
  public let topics: [Topic]
  /// Words that name the area in job postings.
  public let keywords: [String]

  /// Creates an area.
  public init(
    id: String, name: String, aliases: [String] = [], topics: [Topic], keywords: [String] = []
  ) {
    self.id = id
    self.name = name
    self.aliases = aliases
    self.topics = topics
    self.keywords = keywords
  }
}

/// What a user's word selects: a whole area or one topic.
public enum SkillScope: Sendable, Hashable {
  case area(SkillArea)
  case topic(Topic)

  /// The id of the area the scope belongs to.
  public var areaID: String {
    switch self {
    case .area(let area): area.id
    case .topic(let topic): topic.areaID
    }
  }

  /// A short label for lists and history, such as `git` or `containers/kubernetes`.
  public var label: String {
    switch self {
    case .area(let area): area.id
    case .topic(let topic): "\(topic.areaID)/\(topic.id)"
    }
  }

  /// The display name.
  public var name: String {
    switch self {
    case .area(let area): area.name
    case .topic(let topic): topic.name
    }
  }

  /// Whether a question belongs to this scope.
  public func contains(_ question: Question) -> Bool {
    switch self {
    case .area(let area): question.areaID == area.id
    case .topic(let topic): question.areaID == topic.areaID && question.topicID == topic.id
    }
  }
}

/// The declared skill areas and their topics, with lookup by id or alias.
public struct SkillCatalog: Sendable {
  /// The areas in declaration order.
  public let areas: [SkillArea]
  private let scopesByWord: [String: SkillScope]

  /// Creates a catalog; the first declaration of a word wins.
  public init(areas: [SkillArea]) {
    self.areas = areas
    var words: [String: SkillScope] = [:]
    for area in areas {
      for word in [area.id] + area.aliases where words[word.lowercased()] == nil {
        words[word.lowercased()] = .area(area)
      }
    }
    for area in areas {
      for topic in area.topics {
        for word in [topic.id] + topic.aliases where words[word.lowercased()] == nil {
          words[word.lowercased()] = .topic(topic)
        }
      }
    }
    scopesByWord = words
  }

  /// The area with this id.
  public func area(id: String) -> SkillArea? { areas.first { $0.id == id } }

  /// The topic with this id inside an area.
  public func topic(id: String, inArea areaID: String) -> Topic? {
    area(id: areaID)?.topics.first { $0.id == id }
  }

  /// Resolves a word a user typed (`git`, `k8s`, `containers/docker`) to an area or topic.
  public func scope(named word: String) -> SkillScope? {
    let key = word.trimmingCharacters(in: .whitespaces).lowercased()
    if let scope = scopesByWord[key] { return scope }
    let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
    if parts.count == 2, let topic = topic(id: parts[1], inArea: parts[0]) {
      return .topic(topic)
    }
    return nil
  }

  /// Every word that selects an area or topic, for completion.
  public var allWords: [String] { scopesByWord.keys.sorted() }

  /// The ids of areas and topics, the words completion offers first.
  public var canonicalWords: [String] {
    areas.flatMap { [$0.id] + $0.topics.map(\.id) }
  }

  /// The closest known words to a misspelt one.
  public func suggestions(for word: String) -> [String] {
    closestMatches(to: word.lowercased(), among: allWords)
  }
}
