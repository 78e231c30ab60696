import Foundation

/// Converts one quiz file into a native bank: parse, write, then check the written bank with the
/// bank parser, dropping any question it rejects so the result always loads.
public struct QuestionImport: Sendable {
  /// One source question left out.
  public struct Skip: Sendable, Hashable {
    /// Its line in the source file, from 1.
    public let line: Int
    /// Why, for people.
    public let reason: String
  }

  /// The bank text to write.
  public let text: String
  /// The ids of the questions in it.
  public let ids: [String]
  /// How many of each question type were imported.
  public let kinds: [(type: String, count: Int)]
  /// How many questions went to each topic, in the area's topic order.
  public let topics: [(topic: String, count: Int)]
  /// The questions left out, in source order.
  public let skipped: [Skip]
  /// Notes on imported questions (an image kept as a link), in source order.
  public let notes: [Skip]
  /// Errors the bank parser still finds in the written bank; the bank must not be written then.
  public let errors: [BankDiagnostic]
  /// How the bank made from the file breaks a limit of bank files (`YAMLLimits.banks`), when
  /// it does; the bank must not be written then.
  public let overLimit: String?

  /// Converts `text` (in `format`) into a bank for `area`.
  ///
  /// - Parameters:
  ///   - text: The source file's text.
  ///   - format: Its format.
  ///   - area: The area the questions belong to.
  ///   - topic: The topic for questions whose category names none.
  ///   - source: The source file's name; it is recorded and mixed into the question ids.
  ///   - bankPath: Where the bank will be written, for diagnostics.
  ///   - catalog: The areas and topics, to check the written bank against.
  public init(
    _ text: String, format: QuestionFormat, area: SkillArea, topic: Topic, source: String,
    bankPath: String, catalog: SkillCatalog
  ) {
    let parsed = format.parse(text)
    var skipped = parsed.skipped.map { Skip(line: $0.line, reason: $0.reason) }
    var questions = parsed.questions
    var result = BankWriter.bank(
      questions, area: area, topic: topic, source: source, format: format.rawValue)
    // A bank past the limits would be refused when loaded (say, a million tiny questions):
    // say so rather than blame single questions for it.
    overLimit = YAMLLimits.banks.check(result.text).map(\.message)
    var bank =
      overLimit == nil
      ? YAMLBankParser().parseBank(
        BankFile(path: bankPath, contents: result.text), catalog: catalog)
      : ParsedBankFile(
        areaID: area.id, questions: [], skippedCount: 0, skipReason: nil, diagnostics: [])
    // A question the bank parser rejects (say, two options with the same text) is dropped with
    // the parser's message; one more pass then writes a bank with no errors.
    let firstErrors = bank.diagnostics.filter { $0.severity == .error }
    if !firstErrors.isEmpty {
      // The question each line of the bank belongs to, and each question's source line, found
      // once: looking them up per error took quadratic time on files of rejected questions.
      var owners: [Substring?] = []
      var owner: Substring?
      for line in result.text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("  - id: ") { owner = line.dropFirst("  - id: ".count) }
        owners.append(owner)
      }
      let sourceLines = Dictionary(
        result.written.map { (Substring($0.id), $0.line) }, uniquingKeysWith: { first, _ in first })
      var rejected: [Int: String] = [:]
      for error in firstErrors where error.location.line >= 1 && !owners.isEmpty {
        guard let id = owners[min(error.location.line, owners.count) - 1],
          let line = sourceLines[id]
        else { continue }
        rejected[line] = rejected[line] ?? error.message
      }
      skipped += rejected.map { Skip(line: $0.key, reason: $0.value) }
      questions.removeAll { rejected[$0.line] != nil }
      result = BankWriter.bank(
        questions, area: area, topic: topic, source: source, format: format.rawValue)
      bank = YAMLBankParser().parseBank(
        BankFile(path: bankPath, contents: result.text), catalog: catalog)
    }
    skipped += result.skipped.map { Skip(line: $0.line, reason: $0.reason) }
    self.skipped = skipped.sorted { $0.line < $1.line }
    let skippedLines = Set(self.skipped.map(\.line))
    notes = parsed.notes.filter { !skippedLines.contains($0.line) }.map {
      Skip(line: $0.line, reason: $0.reason)
    }
    self.text = result.text
    ids = bank.questions.map(\.id)
    var counts: [String: Int] = [:]
    for question in bank.questions { counts[question.kind.rawValue, default: 0] += 1 }
    kinds = counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    let perTopic = Dictionary(grouping: bank.questions, by: \.topicID).mapValues(\.count)
    topics = area.topics.compactMap { topic in perTopic[topic.id].map { (topic.id, $0) } }
    self.errors = bank.diagnostics.filter { $0.severity == .error }
  }
}
