import Dispatch
import Synchronization

/// Errors that stop the banks from loading at all.
public enum BankLoadError: Error, CustomStringConvertible {
  case source(BankSourceError)
  case noAreas(diagnostics: [BankDiagnostic])

  public var description: String {
    switch self {
    case .source(let error): error.description
    case .noAreas(let diagnostics):
      (["skills.yaml declares no usable area"] + diagnostics.map(\.description))
        .joined(separator: "\n")
    }
  }
}

/// Loads a `QuestionLibrary` from a source, through a parser.
///
/// This is the one seam for bank loading: a streaming parser can replace
/// `YAMLBankParser` without touching callers.
public struct BankLoader: Sendable {
  /// The parser that turns files into questions.
  public let parser: any BankParser
  /// Whether files are parsed concurrently (results keep file order either way).
  public let parallel: Bool

  /// Creates a loader.
  public init(parser: any BankParser = YAMLBankParser(), parallel: Bool = true) {
    self.parser = parser
    self.parallel = parallel
  }

  /// Loads every bank; a broken file is skipped and reported, and the others still load.
  ///
  /// - Throws: `BankLoadError` when `skills.yaml` is missing or declares no usable area.
  public func load(from source: any BankSource) throws(BankLoadError) -> QuestionLibrary {
    let skills: BankFile
    do {
      skills = try source.skillsFile()
    } catch let error as BankSourceError {
      throw .source(error)
    } catch {
      throw .source(.unreadable(path: "skills.yaml", reason: "\(error)"))
    }
    let (catalog, skillDiagnostics) = parser.parseSkills(skills)
    guard let catalog else { throw .noAreas(diagnostics: skillDiagnostics) }

    var diagnostics = skillDiagnostics
    var questions: [Question] = []
    var reports: [BankFileReport] = []
    var firstPlace: [String: SourceLocation] = [:]
    let (files, unreadable) = source.bankFiles()
    diagnostics += unreadable
    for problem in unreadable {
      reports.append(
        BankFileReport(
          path: problem.location.file, areaID: nil, loadedCount: 0, skippedCount: 0,
          skipReason: problem.message))
    }
    for (file, parsedFile) in zip(files, parseAll(files, catalog: catalog)) {
      var parsed = parsedFile
      var kept: [Question] = []
      for question in parsed.questions {
        if let first = firstPlace[question.id] {
          parsed.diagnostics.append(
            BankDiagnostic(
              .error,
              at: question.location ?? SourceLocation(file: file.path, line: 1, column: 1),
              "duplicate question id '\(question.id)', first used at \(first)",
              fix: "question ids must be unique across all banks; rename this one"))
          parsed.skippedCount += 1
          continue
        }
        firstPlace[question.id] = question.location
        kept.append(question)
      }
      questions += kept
      diagnostics += parsed.diagnostics
      reports.append(
        BankFileReport(
          path: file.path, areaID: parsed.areaID, loadedCount: kept.count,
          skippedCount: parsed.skippedCount, skipReason: parsed.skipReason))
    }
    return QuestionLibrary(
      catalog: catalog, questions: questions, files: reports, diagnostics: diagnostics)
  }

  private func parseAll(_ files: [BankFile], catalog: SkillCatalog) -> [ParsedBankFile] {
    guard parallel, files.count > 1 else {
      return files.map { parser.parseBank($0, catalog: catalog) }
    }
    let results = Mutex([ParsedBankFile?](repeating: nil, count: files.count))
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let parsed = parser.parseBank(files[index], catalog: catalog)
      results.withLock { $0[index] = parsed }
    }
    return results.withLock { $0.compactMap { $0 } }
  }
}
