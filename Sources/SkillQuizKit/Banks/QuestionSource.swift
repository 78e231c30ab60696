/// Where a `QuestionLibrary` gets its catalog, reports and questions: memory, or the question
/// index on disk.
///
/// Everything returned keeps file order (the order banks load in), so a seeded session plans the
/// same questions whichever source serves it.
public protocol QuestionSource: Sendable {
  /// The declared areas and topics.
  var catalog: SkillCatalog { get }
  /// What happened to each bank file.
  var files: [BankFileReport] { get }
  /// Every problem found while loading.
  var diagnostics: [BankDiagnostic] { get }
  /// How many questions loaded, keyed by area id and by `area/topic`.
  var counts: [String: Int] { get }
  /// How many questions loaded in all.
  var count: Int { get }
  /// The full questions with these ids, in file order; unknown ids are left out.
  func questions(ids: some Collection<String>) -> [Question]
  /// The summaries of the questions with these ids, keyed by id; unknown ids are left out.
  func summaries(ids: some Collection<String>) -> [String: QuestionSummary]
  /// The summaries of the questions in a scope (nil: every question), in file order.
  func summaries(in scope: SkillScope?) -> [QuestionSummary]
  /// The full questions in a scope (nil: every question), in file order.
  func questions(in scope: SkillScope?) -> [Question]
  /// The id and IRT item of each question in a scope whose kind is not in `kinds`, in no
  /// particular order: what an item-selection rule reads, without the rest of the summary.
  func items(in scope: SkillScope, excluding kinds: Set<QuestionKind>) -> [ScopedItem]
}

/// A question's id and its IRT item.
public struct ScopedItem: Sendable, Equatable {
  /// The question's id.
  public var id: String
  /// Its item parameters.
  public var item: IRTItem

  /// Creates one.
  public init(id: String, item: IRTItem) {
    self.id = id
    self.item = item
  }
}

/// Questions held in memory: for tests, fuzz targets, `validate` and a start without a cache.
public struct InMemoryQuestions: QuestionSource {
  public let catalog: SkillCatalog
  public let files: [BankFileReport]
  public let diagnostics: [BankDiagnostic]
  public let counts: [String: Int]
  /// Every question, in file order.
  public let all: [Question]
  private let positionByID: [String: Int]

  /// Creates a source; the first question with an id wins.
  public init(
    catalog: SkillCatalog, questions: [Question], files: [BankFileReport] = [],
    diagnostics: [BankDiagnostic] = []
  ) {
    self.catalog = catalog
    self.files = files
    self.diagnostics = diagnostics
    all = questions
    var positions: [String: Int] = [:]
    var counts: [String: Int] = [:]
    for (position, question) in questions.enumerated() where positions[question.id] == nil {
      positions[question.id] = position
    }
    for question in questions {
      counts[question.areaID, default: 0] += 1
      counts["\(question.areaID)/\(question.topicID)", default: 0] += 1
    }
    positionByID = positions
    self.counts = counts
  }

  public var count: Int { all.count }

  public func questions(ids: some Collection<String>) -> [Question] {
    Set(ids).compactMap { positionByID[$0] }.sorted().map { all[$0] }
  }

  public func summaries(ids: some Collection<String>) -> [String: QuestionSummary] {
    var found: [String: QuestionSummary] = [:]
    for id in ids {
      if let position = positionByID[id] { found[id] = QuestionSummary(all[position]) }
    }
    return found
  }

  public func summaries(in scope: SkillScope?) -> [QuestionSummary] {
    questions(in: scope).map(QuestionSummary.init)
  }

  public func questions(in scope: SkillScope?) -> [Question] {
    guard let scope else { return all }
    return all.filter { scope.contains($0) }
  }

  public func items(in scope: SkillScope, excluding kinds: Set<QuestionKind>) -> [ScopedItem] {
    all.lazy.filter { scope.contains($0) }.map(QuestionSummary.init)
      .filter { !kinds.contains($0.kind) }.map { ScopedItem(id: $0.id, item: $0.item) }
  }
}
