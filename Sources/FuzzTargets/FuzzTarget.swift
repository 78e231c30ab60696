import Foundation
import SkillQuizKit

/// One parser that takes untrusted input, driven by libFuzzer (`Fuzz/`) and by the regression
/// fixtures that `swift test` replays.
///
/// Each run checks more than "no crash": what a parser hands on must be safe to show and to
/// write (no control characters in a written bank, a result that re-parses).
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// A question bank, the skills file and the openings file (YAML).
  case bank
  /// GIFT quiz files, through the whole import (parse, write, re-parse).
  case gift
  /// Aiken quiz files, through the whole import.
  case aiken
  /// Markdown quiz files, through the whole import.
  case markdown
  /// CSV quiz files, through the whole import.
  case csv
  /// Saved job-board files (JSON-LD in HTML, Greenhouse, Lever, Ashby) and skill extraction.
  case postings
  /// A typed answer line for each kind of question, and its grade.
  case answer

  /// Runs the target on one input.
  ///
  /// A broken invariant stops the process with `preconditionFailure`, so libFuzzer records it.
  public func run(_ data: Data, context: FuzzContext) {
    let text = String(decoding: data, as: UTF8.self)
    switch self {
    case .bank: Self.bank(text, context)
    case .gift: Self.importing(text, .gift, context)
    case .aiken: Self.importing(text, .aiken, context)
    case .markdown: Self.importing(text, .markdown, context)
    case .csv: Self.importing(text, .csv, context)
    case .postings: Self.postings(text, context)
    case .answer: Self.answer(data, context)
    }
  }

  private static func bank(_ text: String, _ context: FuzzContext) {
    let parser = YAMLBankParser()
    let file = BankFile(path: "fuzz.yaml", contents: text)
    let parsed = parser.parseBank(file, catalog: context.catalog)
    for diagnostic in parsed.diagnostics {
      requireDisplayable("\(diagnostic)", "a bank diagnostic")
    }
    _ = parser.parseSkills(file)
    let openings = OpeningsParser.parse(file, catalog: context.catalog)
    for diagnostic in openings.diagnostics {
      requireDisplayable("\(diagnostic)", "an openings diagnostic")
    }
  }

  private static func importing(_ text: String, _ format: QuestionFormat, _ context: FuzzContext) {
    _ = QuestionFormat.detect(text, fileName: "fuzz.txt")
    let area = context.catalog.areas[0]
    let outcome = QuestionImport(
      text, format: format, area: area, topic: area.topics[0], source: "fuzz",
      bankPath: "imported.yaml", catalog: context.catalog)
    guard outcome.errors.isEmpty else { return }
    if let bad = outcome.text.unicodeScalars.first(where: isForbiddenInBank) {
      preconditionFailure("the written bank holds U+\(String(bad.value, radix: 16))")
    }
    let reparsed = YAMLBankParser().parseBank(
      BankFile(path: "imported.yaml", contents: outcome.text), catalog: context.catalog)
    precondition(
      reparsed.questions.count == outcome.ids.count,
      "the written bank re-parses to \(reparsed.questions.count) questions, not \(outcome.ids.count)"
    )
  }

  private static func postings(_ text: String, _ context: FuzzContext) {
    guard let postings = try? PostingImporter.read(text, file: "fuzz.json") else { return }
    let extractor = SkillExtractor(catalog: context.catalog)
    for posting in postings {
      _ = PostingImporter.opening(from: posting, extractor: extractor, file: "fuzz.json")
    }
  }

  private static func answer(_ data: Data, _ context: FuzzContext) {
    guard let first = data.first, !context.questions.isEmpty else { return }
    let question = context.questions[Int(first) % context.questions.count]
    var random = SeededRandom(seed: UInt64(first))
    let presented = PresentedQuestion(question: question, using: &random)
    let line = String(decoding: data.dropFirst(), as: UTF8.self)
    if case .answer(let response, _) = AnswerParser.parse(line, for: presented) {
      let grade = Grader.grade(response, for: question)
      precondition((0...1).contains(grade.score), "a grade of \(grade.score)")
    }
    _ = try? ShellWords.split(line)
  }

  /// Control characters a written bank must never hold raw (YAML escapes them).
  private static func isForbiddenInBank(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
  }

  private static func requireDisplayable(_ text: String, _ what: String) {
    if text.unicodeScalars.contains(where: { $0 == "\u{1B}" || $0 == "\u{9B}" }) {
      preconditionFailure("\(what) holds a raw escape sequence")
    }
  }
}

/// What the targets share, built once per process: the bundled skills and one question of each
/// kind.
public struct FuzzContext: Sendable {
  /// The bundled areas and topics.
  public let catalog: SkillCatalog
  /// Questions to answer, one or more of each kind.
  public let questions: [Question]

  /// Reads the bundled banks in `QuestionBanks`.
  public init(questionBanks: URL) throws {
    let library = try BankLoader().load(from: DirectoryBankSource(root: questionBanks))
    catalog = library.catalog
    var byKind: [QuestionKind: [Question]] = [:]
    for question in library.allQuestions() where (byKind[question.kind]?.count ?? 0) < 4 {
      byKind[question.kind, default: []].append(question)
    }
    questions = QuestionKind.allCases.flatMap { byKind[$0] ?? [] }
  }

  /// The repository's `QuestionBanks` folder, found from this source file.
  public static let bundledBanks = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("QuestionBanks")
}
