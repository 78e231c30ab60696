/// The loaded banks: the catalog, the questions that loaded, and what went wrong.
///
/// Every caller uses this type. It is backed by a `QuestionSource`: memory, or the question
/// index, which reads a question's text only when it is asked for. Use the cheapest call that
/// serves: counts for totals, summaries for planning, full questions for what is shown.
public struct QuestionLibrary: Sendable {
  /// Where the questions come from.
  public let source: any QuestionSource

  /// Creates a library over a source.
  public init(source: any QuestionSource) {
    self.source = source
  }

  /// Creates a library of questions in memory.
  public init(
    catalog: SkillCatalog, questions: [Question], files: [BankFileReport] = [],
    diagnostics: [BankDiagnostic] = []
  ) {
    source = InMemoryQuestions(
      catalog: catalog, questions: questions, files: files, diagnostics: diagnostics)
  }

  /// The declared areas and topics.
  public var catalog: SkillCatalog { source.catalog }
  /// What happened to each bank file.
  public var files: [BankFileReport] { source.files }
  /// Every problem found while loading.
  public var diagnostics: [BankDiagnostic] { source.diagnostics }
  /// Whether any problem is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  /// How many questions loaded.
  public var count: Int { source.count }

  /// How many questions loaded in a scope (nil: all of them).
  public func count(in scope: SkillScope?) -> Int {
    guard let scope else { return count }
    return source.counts[scope.label] ?? 0
  }

  /// How many questions loaded per area (`git`) and per topic (`git/branching`).
  public var counts: [String: Int] { source.counts }

  /// The full question with this id.
  public func question(id: String) -> Question? { source.questions(ids: [id]).first }

  /// The full questions with these ids, in the order asked; unknown ids are left out.
  public func questions(ids: [String]) -> [Question] {
    let found = Dictionary(
      source.questions(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    return ids.compactMap { found[$0] }
  }

  /// The summary of the question with this id.
  public func summary(id: String) -> QuestionSummary? { source.summaries(ids: [id])[id] }

  /// The summaries of the questions with these ids, keyed by id; unknown ids are left out.
  public func summaries(ids: some Collection<String>) -> [String: QuestionSummary] {
    source.summaries(ids: ids)
  }

  /// The summaries of the questions in a scope (nil: every question), in file order.
  public func summaries(in scope: SkillScope?) -> [QuestionSummary] {
    source.summaries(in: scope)
  }

  /// The id and IRT item of each question in a scope whose kind is not in `kinds`, unordered.
  public func items(in scope: SkillScope, excluding kinds: Set<QuestionKind>) -> [ScopedItem] {
    source.items(in: scope, excluding: kinds)
  }

  /// The full questions in a scope, in file order; for small scopes.
  public func questions(in scope: SkillScope) -> [Question] { source.questions(in: scope) }

  /// Every full question, in file order: for `validate`, `calibrate` and lints.
  public func allQuestions() -> [Question] { source.questions(in: nil) }
}
