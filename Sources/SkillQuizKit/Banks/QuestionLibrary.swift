/// The loaded banks: the catalog, every usable question, and what went wrong.
public struct QuestionLibrary: Sendable {
  /// The declared areas and topics.
  public let catalog: SkillCatalog
  /// Every question that loaded, in file order.
  public let questions: [Question]
  /// What happened to each bank file.
  public let files: [BankFileReport]
  /// Every problem found while loading.
  public let diagnostics: [BankDiagnostic]
  private let indexByID: [String: Int]

  /// Creates a library.
  public init(
    catalog: SkillCatalog, questions: [Question], files: [BankFileReport] = [],
    diagnostics: [BankDiagnostic] = []
  ) {
    self.catalog = catalog
    self.questions = questions
    self.files = files
    self.diagnostics = diagnostics
    var index: [String: Int] = [:]
    for (position, question) in questions.enumerated() where index[question.id] == nil {
      index[question.id] = position
    }
    indexByID = index
  }

  /// The question with this id.
  public func question(id: String) -> Question? { indexByID[id].map { questions[$0] } }

  /// The questions in a scope.
  public func questions(in scope: SkillScope) -> [Question] {
    questions.filter { scope.contains($0) }
  }

  /// Whether any problem is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
