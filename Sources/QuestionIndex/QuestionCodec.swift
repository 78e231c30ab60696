import SkillQuizKit

/// The stored form of a question's body and of an SQL dataset in the index: compact binary
/// (`CompactWriter`), about a third of their JSON and several times faster to decode.
///
/// A body holds what the question table's columns do not: the id, area, topic, difficulty and
/// location are columns, and an SQL question keeps only its dataset's id (the dataset is stored
/// once per file). Bump `QuestionIndex.formatVersion` when this layout changes.
enum QuestionCodec {
  // MARK: - Questions

  /// The body of `question`.
  static func body(of question: Question) -> [UInt8] {
    var out = CompactWriter(capacity: question.prompt.utf8.count + 512)
    out.bool(question.location != nil)
    out.string(question.prompt)
    out.string(question.explanation)
    out.count(question.options.count)
    for option in question.options {
      out.string(option.id)
      out.string(option.text)
      out.optionalString(option.why)
      out.bool(option.isPinned)
    }
    switch question.answer {
    case .single(let id):
      out.byte(0)
      out.string(id)
    case .multiple(let ids):
      out.byte(1)
      out.count(ids.count)
      for id in ids.sorted() { out.string(id) }
    case .trueFalse(let value):
      out.byte(2)
      out.bool(value)
    case .short(let accepted, let match):
      out.byte(3)
      out.count(accepted.count)
      for answer in accepted { out.string(answer) }
      out.byte(code(of: match))
    case .sql(let exercise):
      out.byte(4)
      out.string(exercise.dataset.id)
      out.string(exercise.solution)
      out.bool(exercise.ordered)
    case .numeric(let ranges):
      out.byte(5)
      out.count(ranges.count)
      for range in ranges {
        out.double(range.minimum)
        out.double(range.maximum)
      }
    }
    out.count(question.references.count)
    for reference in question.references {
      out.optionalString(reference.title)
      out.string(reference.url)
    }
    if let irt = question.irt {
      out.byte(1)
      out.optionalDouble(irt.a)
      out.optionalDouble(irt.b)
      out.optionalDouble(irt.c)
    } else {
      out.byte(0)
    }
    return out.bytes
  }

  /// The question stored as `body` with these column values; an SQL question's dataset has
  /// only its id (`name`, `schema` and `rows` empty) until the caller puts the dataset back.
  static func question(
    body: UnsafeRawBufferPointer, id: String, areaID: String, topicID: String,
    difficulty: Difficulty, file: String, line: Int, column: Int
  ) throws(CompactDecodingError) -> Question {
    var input = CompactReader(body)
    let located = try input.bool()
    let prompt = try input.string()
    let explanation = try input.string()
    let optionCount = try input.count()
    var options: [QuestionOption] = []
    options.reserveCapacity(optionCount)
    for _ in 0..<optionCount {
      options.append(
        QuestionOption(
          id: try input.string(), text: try input.string(), why: try input.optionalString(),
          isPinned: try input.bool()))
    }
    let answer: AnswerKey
    switch try input.byte() {
    case 0:
      answer = .single(try input.string())
    case 1:
      var ids = Set<String>()
      for _ in 0..<(try input.count()) { ids.insert(try input.string()) }
      answer = .multiple(ids)
    case 2:
      answer = .trueFalse(try input.bool())
    case 3:
      var accepted: [String] = []
      for _ in 0..<(try input.count()) { accepted.append(try input.string()) }
      answer = .short(accepted: accepted, match: try match(coded: try input.byte()))
    case 4:
      let dataset = SQLDataset(id: try input.string(), name: "", schema: "", rows: [])
      answer = .sql(
        SQLExercise(dataset: dataset, solution: try input.string(), ordered: try input.bool()))
    case 5:
      var ranges: [NumericRange] = []
      for _ in 0..<(try input.count()) {
        ranges.append(NumericRange(minimum: try input.double(), maximum: try input.double()))
      }
      answer = .numeric(ranges)
    default:
      throw CompactDecodingError()
    }
    var references: [Reference] = []
    for _ in 0..<(try input.count()) {
      references.append(Reference(title: try input.optionalString(), url: try input.string()))
    }
    var irt: IRTOverrides?
    if try input.bool() {
      irt = IRTOverrides(
        a: try input.optionalDouble(), b: try input.optionalDouble(),
        c: try input.optionalDouble())
    }
    guard input.isAtEnd else { throw CompactDecodingError() }
    return Question(
      id: id, areaID: areaID, topicID: topicID, difficulty: difficulty, prompt: prompt,
      options: options, answer: answer, explanation: explanation, references: references,
      irt: irt, location: located ? SourceLocation(file: file, line: line, column: column) : nil)
  }

  private static func code(of match: ShortAnswerMatch) -> UInt8 {
    switch match {
    case .ignoreCase: 0
    case .exact: 1
    case .regex: 2
    }
  }

  private static func match(coded: UInt8) throws(CompactDecodingError) -> ShortAnswerMatch {
    switch coded {
    case 0: .ignoreCase
    case 1: .exact
    case 2: .regex
    default: throw CompactDecodingError()
    }
  }

  // MARK: - SQL datasets

  /// The stored form of a dataset.
  static func body(of dataset: SQLDataset) -> [UInt8] {
    var out = CompactWriter(capacity: dataset.schema.utf8.count + 1024)
    out.string(dataset.id)
    out.string(dataset.name)
    out.string(dataset.schema)
    out.count(dataset.rows.count)
    for table in dataset.rows {
      out.string(table.table)
      out.count(table.rows.count)
      for row in table.rows {
        out.count(row.count)
        for value in row {
          switch value {
          case .null: out.byte(0)
          case .integer(let integer):
            out.byte(1)
            out.signed(integer)
          case .real(let real):
            out.byte(2)
            out.double(real)
          case .text(let text):
            out.byte(3)
            out.string(text)
          }
        }
      }
    }
    return out.bytes
  }

  /// The dataset stored as `body`.
  static func dataset(body: UnsafeRawBufferPointer) throws(CompactDecodingError) -> SQLDataset {
    var input = CompactReader(body)
    let id = try input.string()
    let name = try input.string()
    let schema = try input.string()
    var tables: [SQLTableRows] = []
    for _ in 0..<(try input.count()) {
      let table = try input.string()
      var rows: [[SQLValue]] = []
      for _ in 0..<(try input.count()) {
        var row: [SQLValue] = []
        for _ in 0..<(try input.count()) {
          switch try input.byte() {
          case 0: row.append(.null)
          case 1: row.append(.integer(try input.signed()))
          case 2: row.append(.real(try input.double()))
          case 3: row.append(.text(try input.string()))
          default: throw CompactDecodingError()
          }
        }
        rows.append(row)
      }
      tables.append(SQLTableRows(table: table, rows: rows))
    }
    guard input.isAtEnd else { throw CompactDecodingError() }
    return SQLDataset(id: id, name: name, schema: schema, rows: tables)
  }
}

extension QuestionCodec {
  // MARK: - The catalog and diagnostics, read at every start

  /// The stored form of the catalog's areas.
  static func body(of areas: [SkillArea]) -> [UInt8] {
    var out = CompactWriter(capacity: 4096)
    func strings(_ values: [String]) {
      out.count(values.count)
      for value in values { out.string(value) }
    }
    out.count(areas.count)
    for area in areas {
      out.string(area.id)
      out.string(area.name)
      strings(area.aliases)
      strings(area.keywords)
      out.count(area.topics.count)
      for topic in area.topics {
        out.string(topic.id)
        out.string(topic.name)
        strings(topic.aliases)
        out.string(topic.areaID)
        strings(topic.keywords)
      }
    }
    return out.bytes
  }

  /// The areas stored as `body`.
  static func areas(body: UnsafeRawBufferPointer) throws(CompactDecodingError) -> [SkillArea] {
    var input = CompactReader(body)
    func strings() throws(CompactDecodingError) -> [String] {
      var values: [String] = []
      for _ in 0..<(try input.count()) { values.append(try input.string()) }
      return values
    }
    var areas: [SkillArea] = []
    for _ in 0..<(try input.count()) {
      let id = try input.string()
      let name = try input.string()
      let aliases = try strings()
      let keywords = try strings()
      var topics: [Topic] = []
      for _ in 0..<(try input.count()) {
        topics.append(
          Topic(
            id: try input.string(), name: try input.string(), aliases: try strings(),
            areaID: try input.string(), keywords: try strings()))
      }
      areas.append(
        SkillArea(id: id, name: name, aliases: aliases, topics: topics, keywords: keywords))
    }
    guard input.isAtEnd else { throw CompactDecodingError() }
    return areas
  }

  /// The stored form of diagnostics.
  static func body(of diagnostics: [BankDiagnostic]) -> [UInt8] {
    var out = CompactWriter()
    out.count(diagnostics.count)
    for diagnostic in diagnostics {
      out.byte(diagnostic.severity == .error ? 0 : 1)
      out.string(diagnostic.location.file)
      out.count(diagnostic.location.line)
      out.count(diagnostic.location.column)
      out.string(diagnostic.message)
      out.optionalString(diagnostic.fix)
    }
    return out.bytes
  }

  /// The diagnostics stored as `body`.
  static func diagnostics(body: UnsafeRawBufferPointer) throws(CompactDecodingError)
    -> [BankDiagnostic]
  {
    var input = CompactReader(body)
    var diagnostics: [BankDiagnostic] = []
    for _ in 0..<(try input.count()) {
      let severity: BankDiagnostic.Severity = try input.bool() ? .warning : .error
      let location = SourceLocation(
        file: try input.string(), line: Int(clamping: try input.unsigned()),
        column: Int(clamping: try input.unsigned()))
      diagnostics.append(
        BankDiagnostic(
          severity, at: location, try input.string(), fix: try input.optionalString()))
    }
    guard input.isAtEnd else { throw CompactDecodingError() }
    return diagnostics
  }
}
