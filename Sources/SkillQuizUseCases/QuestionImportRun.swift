import Foundation
import SkillQuizKit

/// `import`: quiz files in GIFT, Aiken, Markdown or CSV turned into bank files.
public struct QuestionImportRun: Sendable {
  /// One file's import.
  public struct Plan: Sendable {
    /// The file as given.
    public let path: String
    public let format: QuestionFormat
    /// The bank file to write.
    public let target: URL
    public let outcome: QuestionImport
    /// "3 new, 105 updated, 0 removed" against what the target holds now.
    public let change: String
  }

  /// Every file, planned; nothing written yet.
  public let plans: [Plan]
  /// The area imported into.
  public let area: SkillArea

  /// Reads and converts every file; writes nothing.
  ///
  /// `progress` hears about each file converted.
  ///
  /// - Throws: `UseCaseError` when the area or topic is unknown, or a file cannot be read or
  ///   its format told.
  public init(
    files: [String], area word: String, topic topicWord: String?, format: QuestionFormat?,
    into: String?, library: QuestionLibrary, banks: URL,
    progress: any ProgressReporter = SilentProgress()
  ) throws(any Error) {
    let catalog = library.catalog
    guard case .area(let area)? = catalog.scope(named: word) else {
      throw UseCaseError.invalid(
        "'\(word)' is not a skill area; use one of: "
          + catalog.areas.map(\.id).joined(separator: ", "))
    }
    self.area = area
    guard var topic = area.topics.first else {
      throw UseCaseError.invalid(
        "area '\(area.id)' declares no topics in skills.yaml; add one first")
    }
    if let topicWord {
      guard
        let found = area.topics.first(where: {
          $0.id == topicWord || $0.aliases.contains(topicWord)
        })
      else {
        throw UseCaseError.invalid(
          "'\(topicWord)' is not a topic of \(area.id); use one of: "
            + area.topics.map(\.id).joined(separator: ", "))
      }
      topic = found
    }
    if into != nil, files.count > 1 {
      throw UseCaseError.invalid(
        "--into takes a single FILE; leave it out to write one bank per file")
    }
    var plans: [Plan] = []
    progress.begin("Converting quiz files", total: files.count)
    defer { progress.end() }
    for path in files {
      let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
      let text: String
      do {
        text = try InputFile.read(
          url.path, limit: QuestionFormat.maximumBytes,
          expecting: "a GIFT, Aiken, Markdown or CSV file")
      } catch {
        throw UseCaseError.invalid(
          "cannot read '\(TerminalText.sanitize(path, keepNewlines: false))': \(error.problem). "
            + "Nothing was written.\n    fix: \(error.fix)")
      }
      guard let format = format ?? QuestionFormat.detect(text, fileName: path) else {
        throw UseCaseError.invalid(
          "cannot tell the format of '\(path)'; pass --format gift, aiken, markdown or csv. "
            + "Nothing was written.")
      }
      let stem = Self.slug(url.deletingPathExtension().lastPathComponent)
      let target =
        into.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
        ?? banks.appendingPathComponent("imported/\(stem).yaml")
      let outcome = QuestionImport(
        text, format: format, area: area, topic: topic, source: url.lastPathComponent,
        bankPath: target.path, catalog: catalog)
      let old = Self.existingIDs(at: target, catalog: catalog)
      let new = Set(outcome.ids)
      plans.append(
        Plan(
          path: path, format: format, target: target, outcome: outcome,
          change: "\(new.subtracting(old).count) new, \(new.intersection(old).count) updated, "
            + "\(old.subtracting(new).count) removed"))
      progress.advance(to: plans.count)
    }
    self.plans = plans
  }

  /// Why a planned file cannot be written, or nil when it can.
  public static func refusal(_ plan: Plan) -> String? {
    let path = TerminalText.sanitize(plan.path, keepNewlines: false)
    if let overLimit = plan.outcome.overLimit {
      return "the bank made from '\(path)' would break a limit of bank files (\(overLimit)); "
        + "split the file. Nothing was written."
    }
    if !plan.outcome.errors.isEmpty {
      return "the bank made from '\(path)' does not load (a bug in the importer; please "
        + "report it with the file). Nothing was written."
    }
    if plan.outcome.ids.isEmpty {
      return "no question in '\(path)' could be imported. Nothing was written."
    }
    return nil
  }

  /// Bank file names: lowercase letters, digits and dashes.
  public static func slug(_ name: String) -> String {
    let mapped = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
    let joined = String(mapped).split(separator: "-").joined(separator: "-")
    return joined.isEmpty ? "imported" : joined
  }

  static func existingIDs(at url: URL, catalog: SkillCatalog) -> Set<String> {
    guard
      let text = try? InputFile.read(
        url.path, limit: YAMLLimits.banks.maximumBytes, expecting: "a .yaml bank file")
    else { return [] }
    return Set(
      YAMLBankParser().parseBank(BankFile(path: url.path, contents: text), catalog: catalog)
        .questions.map(\.id))
  }
}

/// `jobs import`: saved postings turned into openings.
public struct PostingImportRun: Sendable {
  /// One posting's line of the report.
  public let report: [String]
  /// How many were new and how many updated.
  public let added: Int
  public let updated: Int

  /// Reads every file and stores the openings; if any file fails, nothing is imported.
  ///
  /// `progress` hears about the postings read and extracted.
  public init(
    files: [String], company: String?, workspace: Workspace,
    progress: any ProgressReporter = SilentProgress()
  ) throws(any Error) {
    let extractor = SkillExtractor(catalog: workspace.library.catalog)
    var openings: [JobOpening] = []
    var report: [String] = []
    var read: [(path: String, postings: [ImportedPosting])] = []
    progress.begin("Reading postings", total: files.count)
    defer { progress.end() }
    for (index, path) in files.enumerated() {
      let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
      let text: String
      do {
        text = try InputFile.read(
          url.path, limit: PostingImporter.maximumBytes,
          expecting: "a saved JSON-LD, Greenhouse, Lever or Ashby file, or a posting's HTML page")
      } catch {
        throw UseCaseError.invalid(
          "cannot read '\(TerminalText.sanitize(path, keepNewlines: false))': \(error.problem); "
            + "nothing was imported\n    fix: \(error.fix)")
      }
      do {
        read.append((path, try PostingImporter.read(text, file: path, company: company)))
      } catch {
        throw UseCaseError.invalid("\(error.description)\n    nothing was imported")
      }
      progress.advance(to: index + 1)
    }
    progress.begin("Extracting requirements", total: read.reduce(0) { $0 + $1.postings.count })
    var done = 0
    for (path, postings) in read {
      for posting in postings {
        done += 1
        progress.advance(to: done)
        let (opening, unrecognised) = PostingImporter.opening(
          from: posting, extractor: extractor, file: path)
        guard let opening else {
          report.append("skipped \(posting.company) — \(posting.title): no known skill in its text")
          continue
        }
        openings.append(opening)
        let skills = (opening.required + opening.preferred).map { $0.skills[0] }
        report.append(
          "\(opening.id): \(opening.company) — \(opening.title) · "
            + "\(opening.required.count) required, \(opening.preferred.count) preferred "
            + "(\(skills.joined(separator: ", ")))")
        if !unrecognised.isEmpty {
          report.append("    not recognised: " + unrecognised.prefix(12).joined(separator: ", "))
        }
      }
    }
    (added, updated) = try workspace.store.openings.importOpenings(
      openings, at: workspace.clock.now)
    self.report = report
  }
}
