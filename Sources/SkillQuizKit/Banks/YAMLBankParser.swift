import Foundation

/// What parsing one bank file produced.
public struct ParsedBankFile: Sendable, Codable {
  /// The area the file declares, when it could be read.
  public var areaID: String?
  /// The questions without errors.
  public var questions: [Question]
  /// How many questions had errors and were left out.
  public var skippedCount: Int
  /// Why nothing in the file could be used, when that is so.
  public var skipReason: String?
  /// Every problem found.
  public var diagnostics: [BankDiagnostic]
}

/// Turns bank files into a catalog and questions; the one seam for bank parsing.
public protocol BankParser: Sendable {
  /// Parses `skills.yaml`; returns nil when no area could be read.
  func parseSkills(_ file: BankFile) -> (catalog: SkillCatalog?, diagnostics: [BankDiagnostic])
  /// Parses one bank file against the catalog.
  func parseBank(_ file: BankFile, catalog: SkillCatalog) -> ParsedBankFile
}

/// The YAML bank format described in `QuestionBanks/README.md`, composed by `YAMLComposer`.
public struct YAMLBankParser: BankParser {
  /// The bank format version this parser reads.
  public static let schemaVersion = 1

  /// How many options a single or multiple question may have.
  public static let optionCount = 2...8

  /// Creates a parser.
  public init() {}

  public func parseSkills(_ file: BankFile) -> (
    catalog: SkillCatalog?, diagnostics: [BankDiagnostic]
  ) {
    var reader = YAMLNodeReader(file: file.path, text: file.contents)
    guard let root = reader.compose(file.contents),
      let top = reader.fields(
        of: root, in: "skills.yaml", allowed: ["schema", "areas"], required: ["schema", "areas"])
    else { return (nil, reader.diagnostics) }
    checkSchema(top["schema"], reader: &reader)
    var areas: [SkillArea] = []
    var seenWords: [String: String] = [:]
    func claim(_ word: String, by owner: String, at node: YAMLNode?, reader: inout YAMLNodeReader)
      -> Bool
    {
      let key = word.lowercased()
      if let other = seenWords[key] {
        reader.error(
          at: node, "'\(word)' already names \(other)",
          fix: "area ids, topic ids and aliases must all differ; rename or drop this one")
        return false
      }
      seenWords[key] = owner
      return true
    }
    for areaNode in reader.list(top["areas"], "areas", in: "skills.yaml") ?? [] {
      guard
        let fields = reader.fields(
          of: areaNode, in: "an area", allowed: ["id", "name", "aliases", "keywords", "topics"],
          required: ["id", "name", "topics"]),
        let id = reader.slug(fields["id"], "id", in: "an area"),
        let name = reader.text(fields["name"], "name", in: "area '\(id)'")
      else { continue }
      guard claim(id, by: "area '\(id)'", at: fields["id"], reader: &reader) else { continue }
      let aliases = (reader.words(fields["aliases"], "aliases", in: "area '\(id)'") ?? [])
        .filter { claim($0, by: "area '\(id)'", at: fields["aliases"], reader: &reader) }
      var topics: [Topic] = []
      for topicNode in reader.list(fields["topics"], "topics", in: "area '\(id)'") ?? [] {
        guard
          let topicFields = reader.fields(
            of: topicNode, in: "a topic of '\(id)'",
            allowed: ["id", "name", "aliases", "keywords"],
            required: ["id", "name"]),
          let topicID = reader.slug(topicFields["id"], "id", in: "a topic of '\(id)'"),
          let topicName = reader.text(topicFields["name"], "name", in: "topic '\(topicID)'")
        else { continue }
        let owner = "topic '\(id)/\(topicID)'"
        guard claim(topicID, by: owner, at: topicFields["id"], reader: &reader) else { continue }
        let topicAliases = (reader.words(topicFields["aliases"], "aliases", in: owner) ?? [])
          .filter { claim($0, by: owner, at: topicFields["aliases"], reader: &reader) }
        topics.append(
          Topic(
            id: topicID, name: topicName, aliases: topicAliases, areaID: id,
            keywords: reader.words(topicFields["keywords"], "keywords", in: owner) ?? []))
      }
      if topics.isEmpty {
        reader.error(at: areaNode, "area '\(id)' has no topics", fix: "declare at least one topic")
        continue
      }
      areas.append(
        SkillArea(
          id: id, name: name, aliases: aliases, topics: topics,
          keywords: reader.words(fields["keywords"], "keywords", in: "area '\(id)'") ?? []))
    }
    return (areas.isEmpty ? nil : SkillCatalog(areas: areas), reader.diagnostics)
  }

  public func parseBank(_ file: BankFile, catalog: SkillCatalog) -> ParsedBankFile {
    var reader = YAMLNodeReader(file: file.path, text: file.contents)
    var result = ParsedBankFile(
      areaID: nil, questions: [], skippedCount: 0, skipReason: nil, diagnostics: [])
    parseBank(file, catalog: catalog, into: &result, reader: &reader)
    result.diagnostics = reader.diagnostics
    return result
  }

  // swift-format-ignore: FunctionLength
  private func parseBank(
    _ file: BankFile, catalog: SkillCatalog, into result: inout ParsedBankFile,
    reader: inout YAMLNodeReader
  ) {
    guard let root = reader.compose(file.contents) else {
      result.skipReason = reader.diagnostics.first?.message ?? "the file could not be read"
      return
    }
    guard
      let top = reader.fields(
        of: root, in: "a bank file",
        allowed: ["schema", "area", "imported_from", "datasets", "questions"],
        required: ["schema", "area", "questions"])
    else {
      result.skipReason = "it is not a bank file (schema, area, questions)"
      return
    }
    checkSchema(top["schema"], reader: &reader)
    guard let areaID = reader.text(top["area"], "area", in: "the file") else {
      result.skipReason = "it names no area"
      return
    }
    guard let area = catalog.area(id: areaID) else {
      let close = closestMatches(to: areaID, among: catalog.areas.map(\.id), limit: 1)
      reader.error(
        at: top["area"], "unknown area '\(areaID)'",
        fix: close.first.map { "did you mean '\($0)'?" }
          ?? "declare it in skills.yaml or use one of: "
          + catalog.areas.map(\.id).joined(separator: ", "))
      result.skipReason = "its area '\(areaID)' is not declared in skills.yaml"
      return
    }
    result.areaID = area.id
    guard let items = reader.list(top["questions"], "questions", in: "the file") else {
      result.skipReason = "`questions` is not a list"
      return
    }
    let datasets = parseDatasets(top["datasets"], reader: &reader)
    let imported = top["imported_from"] != nil
    var seen: [String: SourceLocation] = [:]
    for item in items {
      let before = reader.errorCount
      let question = parseQuestion(
        item, area: area, datasets: datasets, imported: imported, reader: &reader)
      if let question, let first = seen[question.id] {
        reader.error(
          at: item, "duplicate question id '\(question.id)', first used at \(first)",
          fix: "give every question its own id")
      }
      let failed = reader.errorCount > before
      if let question, !failed {
        seen[question.id] = question.location
        result.questions.append(question)
      } else {
        result.skippedCount += 1
      }
    }
  }

  private func checkSchema(_ node: YAMLNode?, reader: inout YAMLNodeReader) {
    guard let value = reader.text(node, "schema", in: "the file") else { return }
    if Int(value) != Self.schemaVersion {
      reader.error(
        at: node, "unsupported schema \(value); this skillquiz reads schema \(Self.schemaVersion)",
        fix: "write `schema: \(Self.schemaVersion)`, or update skillquiz")
    }
  }

  private static let questionFields = [
    "id", "topic", "difficulty", "type", "prompt", "options", "answer", "accept", "match",
    "dataset", "solution", "ordered", "numbers", "irt", "explanation", "references",
  ]

  private static let questionRequired = importedQuestionRequired + ["explanation"]
  private static let importedQuestionRequired = ["id", "topic", "difficulty", "type", "prompt"]
  private static let optionFields = ["id", "text", "why", "pin"]
  private static let optionRequired = ["id", "text"]
  private static let referenceFields = ["title", "url"]
  private static let referenceRequired = ["url"]

  // swift-format-ignore: FunctionLength
  private func parseQuestion(
    _ node: YAMLNode, area: SkillArea, datasets: [String: SQLDataset], imported: Bool = false,
    reader: inout YAMLNodeReader
  ) -> Question? {
    guard
      let fields = reader.fields(
        of: node, in: "a question", allowed: Self.questionFields,
        required: imported ? Self.importedQuestionRequired : Self.questionRequired)
    else { return nil }
    let id = reader.slug(fields["id"], "id", in: "a question")
    let context = id.map { "question '\($0)'" } ?? "a question"
    let topic = reader.text(fields["topic"], "topic", in: context)
    if let topic, !area.topics.contains(where: { $0.id == topic }) {
      let ids = area.topics.map(\.id)
      let close = closestMatches(to: topic, among: ids, limit: 1)
      reader.error(
        at: fields["topic"], "unknown topic '\(topic)' in area '\(area.id)'",
        fix: close.first.map { "did you mean '\($0)'?" }
          ?? "use one of: \(ids.joined(separator: ", ")), or declare it in skills.yaml")
    }
    let difficulty = enumValue(
      Difficulty.self, fields["difficulty"], "difficulty", in: context, reader: &reader)
    let kind = enumValue(QuestionKind.self, fields["type"], "type", in: context, reader: &reader)
    let prompt = reader.prose(fields["prompt"], "prompt", in: context)
    var explanation = fields["explanation"].flatMap {
      reader.prose($0, "explanation", in: context)
    }
    if fields["explanation"] == nil, imported {
      reader.warning(
        at: node, "imported \(context) has no explanation",
        fix: "add one that says why the answer is right")
      explanation = ""
    }
    let references = parseReferences(fields["references"], in: context, reader: &reader)
    guard let kind else { return nil }

    var options: [QuestionOption] = []
    if kind == .single || kind == .multiple {
      options = parseOptions(fields["options"], node: node, in: context, reader: &reader)
    } else if let extra = fields["options"] {
      reader.error(
        at: extra, "a \(kind.rawValue) question takes no options",
        fix: kind == .short ? "list the accepted answers under `accept`" : "remove `options`")
    }
    let answer =
      kind == .sql
      ? parseSQLExercise(fields, datasets: datasets, node: node, in: context, reader: &reader)
      : parseAnswer(
        kind: kind, fields: fields, options: options, node: node, in: context, reader: &reader)

    let irt = fields["irt"].flatMap { parseIRT($0, in: context, reader: &reader) }
    guard let id, let topic, let difficulty, let prompt, let explanation, let answer,
      area.topics.contains(where: { $0.id == topic })
    else { return nil }
    return Question(
      id: id, areaID: area.id, topicID: topic, difficulty: difficulty, prompt: prompt,
      options: options, answer: answer, explanation: explanation, references: references,
      irt: irt, location: reader.location(of: node))
  }

  private func enumValue<Value: RawRepresentable & CaseIterable>(
    _ type: Value.Type, _ node: YAMLNode?, _ field: String, in context: String,
    reader: inout YAMLNodeReader
  ) -> Value? where Value.RawValue == String {
    guard let raw = reader.text(node, field, in: context) else { return nil }
    if let value = Value(rawValue: raw) { return value }
    let names = Value.allCases.map(\.rawValue)
    reader.error(
      at: node, "`\(field)` '\(raw)' in \(context) is not one of \(names.joined(separator: ", "))",
      fix: closestMatches(to: raw, among: names, limit: 1).first.map { "did you mean '\($0)'?" })
    return nil
  }

  /// Whether an option refers to the others ("All of the above"), so it must keep its place.
  static func refersToOtherOptions(_ text: String) -> Bool {
    // ASCII text whose first word is none of the openings' first words is answered byte by
    // byte, without lowercasing or splitting: that is nearly every option.
    if let first = asciiFirstWord(text), !["all", "none", "both", "neither"].contains(first) {
      return false
    }
    // Only the first four words matter, so the split stops there: with empty pieces omitted,
    // the first four pieces of a split with at most four splits are the first four words.
    let words = text.lowercased().split(maxSplits: 4) { !$0.isLetter }.prefix(4)
      .joined(separator: " ")
    let openings = ["all of", "none of", "both of", "neither of", "all the above"]
    let endings = ["above", "these", "them", "the above", "the others"]
    guard openings.contains(where: { words.hasPrefix($0) }) else { return false }
    return endings.contains { words.hasSuffix($0) || words.contains($0 + " ") }
  }

  /// The first word of ASCII text, lowercased (a run of letters, as `isLetter` finds them in
  /// ASCII), or nil when the text is not ASCII or the word is longer than any opening's.
  private static func asciiFirstWord(_ text: String) -> String? {
    var word: [UInt8] = []
    for byte in text.utf8 {
      guard byte < 0x80 else { return nil }
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"): word.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
      default:
        if !word.isEmpty { return String(decoding: word, as: UTF8.self) }
      }
      if word.count > 7 { return "" }
    }
    return String(decoding: word, as: UTF8.self)
  }

  private func parseOptions(
    _ optionsNode: YAMLNode?, node: YAMLNode, in context: String, reader: inout YAMLNodeReader
  ) -> [QuestionOption] {
    let range = "\(Self.optionCount.lowerBound) to \(Self.optionCount.upperBound) options"
    guard let optionsNode else {
      reader.error(at: node, "\(context) has no `options`", fix: "add \(range)")
      return []
    }
    guard let items = reader.list(optionsNode, "options", in: context) else { return [] }
    if !Self.optionCount.contains(items.count) {
      reader.error(
        at: optionsNode, "\(context) has \(items.count) options", fix: "give it \(range)")
    }
    var options: [QuestionOption] = []
    var ids: Set<String> = []
    var texts: Set<String> = []
    for item in items {
      guard
        let fields = reader.fields(
          of: item, in: "an option of \(context)", allowed: Self.optionFields,
          required: Self.optionRequired),
        let id = reader.slug(fields["id"], "id", in: "an option of \(context)"),
        let text = reader.prose(fields["text"], "text", in: "option '\(id)' of \(context)")
      else { continue }
      let why = fields["why"].flatMap { reader.prose($0, "why", in: "option '\(id)'") }
      let pinned = fields["pin"].flatMap { reader.bool($0, "pin", in: "option '\(id)'") } ?? false
      if !ids.insert(id).inserted {
        reader.error(at: fields["id"], "option id '\(id)' is used twice in \(context)")
      }
      // Case matters: `-p` and `-P` are different flags.
      if !texts.insert(text).inserted {
        reader.error(at: fields["text"], "two options of \(context) have the same text")
      }
      if !pinned, Self.refersToOtherOptions(text) {
        reader.error(
          at: fields["text"], "\"\(text)\" must keep its place, but it is not pinned",
          fix: "add `pin: true` to the option so shuffling keeps it last")
      }
      options.append(QuestionOption(id: id, text: text, why: why, isPinned: pinned))
    }
    return options
  }

  // swift-format-ignore: FunctionLength
  private func parseAnswer(
    kind: QuestionKind, fields: YAMLFields, options: [QuestionOption], node: YAMLNode,
    in context: String, reader: inout YAMLNodeReader
  ) -> AnswerKey? {
    let optionIDs = options.map(\.id)
    let known = Set(optionIDs)
    func checkKnown(_ id: String, at place: YAMLNode?, reader: inout YAMLNodeReader) -> Bool {
      if known.contains(id) { return true }
      reader.error(
        at: place, "answer '\(id)' is not among the options (\(optionIDs.joined(separator: ", ")))",
        fix: "use the id of one of the options")
      return false
    }
    for extra in ["dataset", "solution", "ordered"] where fields[extra] != nil {
      reader.error(
        at: fields[extra], "`\(extra)` is only for sql questions",
        fix: "remove it, or use `type: sql`")
    }
    if kind != .numeric, let extra = fields["numbers"] {
      reader.error(
        at: extra, "`numbers` is only for numeric questions",
        fix: "remove it, or use `type: numeric`")
    }
    if kind != .short {
      for extra in ["accept", "match"] where fields[extra] != nil {
        reader.error(
          at: fields[extra], "`\(extra)` is only for short questions",
          fix: "remove it, or use `type: short`")
      }
    }
    switch kind {
    case .single:
      guard let answerNode = fields["answer"] else {
        reader.error(at: node, "\(context) has no `answer`", fix: "add `answer: <option id>`")
        return nil
      }
      if case .sequence(let list) = answerNode {
        reader.error(
          at: answerNode, "a single question has \(list.count) answers",
          fix: list.count > 1
            ? "use `type: multiple`, or keep one answer" : "write the answer without brackets")
        return nil
      }
      guard let id = reader.text(answerNode, "answer", in: context),
        checkKnown(id, at: answerNode, reader: &reader)
      else { return nil }
      return .single(id)
    case .multiple:
      guard let answerNode = fields["answer"] else {
        reader.error(at: node, "\(context) has no `answer`", fix: "add `answer: [a, c]`")
        return nil
      }
      let ids: [String]
      if case .scalar = answerNode {
        ids = reader.text(answerNode, "answer", in: context).map { [$0] } ?? []
      } else {
        ids = reader.words(answerNode, "answer", in: context) ?? []
      }
      guard !ids.isEmpty else {
        reader.error(at: answerNode, "\(context) has an empty answer list")
        return nil
      }
      if Set(ids).count != ids.count {
        reader.error(at: answerNode, "an answer is listed twice in \(context)")
      }
      guard ids.allSatisfy({ checkKnown($0, at: answerNode, reader: &reader) }) else { return nil }
      return .multiple(Set(ids))
    case .trueFalse:
      guard let answerNode = fields["answer"] else {
        reader.error(at: node, "\(context) has no `answer`", fix: "add `answer: true` or `false`")
        return nil
      }
      return reader.bool(answerNode, "answer", in: context).map { .trueFalse($0) }
    case .sql:
      return nil
    case .numeric:
      return parseNumbers(fields["numbers"], node: node, in: context, reader: &reader)
    case .short:
      if let extra = fields["answer"] {
        reader.error(
          at: extra, "a short question takes `accept`, not `answer`",
          fix: "write the accepted answers as `accept: [\"…\"]`")
      }
      guard let acceptNode = fields["accept"] else {
        reader.error(at: node, "\(context) has no `accept` list", fix: "add `accept: [\"…\"]`")
        return nil
      }
      let accepted = (reader.words(acceptNode, "accept", in: context) ?? [])
        .map { WhiteSpace.trimmedBlanks($0) }.filter { !$0.isEmpty }
      guard !accepted.isEmpty else {
        reader.error(
          at: acceptNode, "the accept list of \(context) is empty",
          fix: "list at least one accepted answer")
        return nil
      }
      let match =
        fields["match"] == nil
        ? .ignoreCase
        : enumValue(ShortAnswerMatch.self, fields["match"], "match", in: context, reader: &reader)
      guard let match else { return nil }
      if match == .regex {
        for pattern in accepted where (try? Regex(pattern)) == nil {
          reader.error(
            at: acceptNode, "'\(pattern)' is not a valid regular expression",
            fix: "fix the pattern, or use `match: ignore_case` for plain text")
          return nil
        }
      }
      return .short(accepted: accepted, match: match)
    }
  }

  /// Reads `numbers:`: a list of `{value, tolerance}` (tolerance optional) or `{min, max}`.
  private func parseNumbers(
    _ numbersNode: YAMLNode?, node: YAMLNode, in context: String, reader: inout YAMLNodeReader
  ) -> AnswerKey? {
    guard let numbersNode else {
      reader.error(
        at: node, "\(context) has no `numbers`",
        fix: "add `numbers: [{value: 42}]`, `{value: 3.14, tolerance: 0.01}` or `{min: 1, max: 5}`")
      return nil
    }
    var ranges: [NumericRange] = []
    for item in reader.list(numbersNode, "numbers", in: context) ?? [] {
      guard
        let fields = reader.fields(
          of: item, in: "a number of \(context)", allowed: ["value", "tolerance", "min", "max"])
      else { continue }
      func number(_ key: String) -> Double? {
        fields[key].flatMap { reader.text($0, key, in: context) }.flatMap(Double.init)
      }
      if let value = number("value") {
        let tolerance = abs(number("tolerance") ?? 0)
        ranges.append(NumericRange(minimum: value - tolerance, maximum: value + tolerance))
      } else if let low = number("min"), let high = number("max"), low <= high {
        ranges.append(NumericRange(minimum: low, maximum: high))
      } else {
        reader.error(
          at: item, "a number of \(context) needs `value` (and maybe `tolerance`) or `min` ≤ `max`")
      }
    }
    guard !ranges.isEmpty else {
      reader.error(at: numbersNode, "\(context) accepts no number", fix: "list at least one")
      return nil
    }
    return .numeric(ranges)
  }

  /// Reads `irt: {a, b, c}`; each key is optional, and what is missing takes the defaults.
  private func parseIRT(_ node: YAMLNode, in context: String, reader: inout YAMLNodeReader)
    -> IRTOverrides?
  {
    guard
      let fields = reader.fields(of: node, in: "the irt of \(context)", allowed: ["a", "b", "c"])
    else { return nil }
    func number(_ key: String, _ range: ClosedRange<Double>) -> Double? {
      guard let field = fields[key], let text = reader.text(field, key, in: context) else {
        return nil
      }
      guard let value = Double(text), range.contains(value) else {
        reader.error(
          at: field,
          "irt `\(key)` of \(context) must be a number from \(range.lowerBound) to "
            + "\(range.upperBound), not '\(text)'")
        return nil
      }
      return value
    }
    return IRTOverrides(a: number("a", 0.1...4), b: number("b", -4...4), c: number("c", 0...0.5))
  }

  private func parseSQLExercise(
    _ fields: YAMLFields, datasets: [String: SQLDataset], node: YAMLNode,
    in context: String,
    reader: inout YAMLNodeReader
  ) -> AnswerKey? {
    for extra in ["answer", "accept", "match", "options"] where fields[extra] != nil {
      reader.error(
        at: fields[extra], "a sql question takes `dataset` and `solution`, not `\(extra)`",
        fix: "remove `\(extra)`")
    }
    guard let datasetNode = fields["dataset"] else {
      reader.error(at: node, "\(context) has no `dataset`", fix: "add `dataset: <id>`")
      return nil
    }
    guard let datasetID = reader.text(datasetNode, "dataset", in: context) else { return nil }
    guard let dataset = datasets[datasetID] else {
      let known = datasets.keys.sorted()
      reader.error(
        at: datasetNode, "unknown dataset '\(datasetID)'",
        fix: known.isEmpty
          ? "declare it under `datasets:` at the top of this file"
          : "use one of: \(known.joined(separator: ", "))")
      return nil
    }
    guard fields["solution"] != nil else {
      reader.error(at: node, "\(context) has no `solution`", fix: "add the reference query")
      return nil
    }
    guard let solution = reader.prose(fields["solution"], "solution", in: context) else {
      return nil
    }
    if let reason = refusalReason(forQuery: solution) {
      reader.error(at: fields["solution"], "the solution would be refused: \(reason)")
      return nil
    }
    let ordered = fields["ordered"].flatMap { reader.bool($0, "ordered", in: context) } ?? false
    return .sql(SQLExercise(dataset: dataset, solution: solution, ordered: ordered))
  }

  private func parseDatasets(_ node: YAMLNode?, reader: inout YAMLNodeReader) -> [String:
    SQLDataset]
  {
    guard let items = reader.list(node, "datasets", in: "the file") else { return [:] }
    var datasets: [String: SQLDataset] = [:]
    for item in items {
      guard
        let fields = reader.fields(
          of: item, in: "a dataset", allowed: ["id", "name", "schema", "rows"],
          required: ["id", "name", "schema", "rows"]),
        let id = reader.slug(fields["id"], "id", in: "a dataset"),
        let name = reader.prose(fields["name"], "name", in: "dataset '\(id)'"),
        let schema = reader.prose(fields["schema"], "schema", in: "dataset '\(id)'")
      else { continue }
      guard case .mapping(let tables)? = fields["rows"] else {
        reader.error(
          at: fields["rows"], "`rows` of dataset '\(id)' must map each table to its rows",
          fix: "write `rows:` then `  table_name:` and one `- [value, value]` line per row")
        continue
      }
      var rows: [SQLTableRows] = []
      for (tableNode, rowsNode) in tables {
        guard let table = reader.text(tableNode, "table", in: "dataset '\(id)'"),
          let list = reader.list(rowsNode, table, in: "dataset '\(id)'")
        else { continue }
        var values: [[SQLValue]] = []
        for row in list {
          guard case .sequence(let cells) = row else {
            reader.error(
              at: row, "a row of table '\(table)' must be a list of values",
              fix: "write the row as [value, value, …] in column order")
            continue
          }
          values.append(cells.map(Self.sqlValue))
        }
        rows.append(SQLTableRows(table: table, rows: values))
      }
      if datasets[id] != nil {
        reader.error(at: fields["id"], "dataset id '\(id)' is used twice in this file")
      }
      datasets[id] = SQLDataset(id: id, name: name, schema: schema, rows: rows)
    }
    return datasets
  }

  /// A YAML scalar as a SQL value: plain numbers are numbers, `null`/`~` is NULL, quoted
  /// scalars are always text.
  static func sqlValue(_ node: YAMLNode) -> SQLValue {
    guard case .scalar(let scalar) = node else { return .text("") }
    guard scalar.style == .plain else { return .text(scalar.string) }
    let text = scalar.string
    if ["", "~", "null", "Null", "NULL"].contains(text) { return .null }
    if let integer = Int64(text) { return .integer(integer) }
    if let real = Double(text), text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
      return .real(real)
    }
    if text == "true" { return .integer(1) }
    if text == "false" { return .integer(0) }
    return .text(text)
  }

  private func parseReferences(_ node: YAMLNode?, in context: String, reader: inout YAMLNodeReader)
    -> [Reference]
  {
    guard let items = reader.list(node, "references", in: context) else { return [] }
    var references: [Reference] = []
    for item in items {
      let reference: Reference?
      if case .scalar = item {
        reference = reader.text(item, "references", in: context).map { Reference(url: $0) }
      } else if let fields = reader.fields(
        of: item, in: "a reference of \(context)", allowed: Self.referenceFields,
        required: Self.referenceRequired),
        let url = reader.text(fields["url"], "url", in: context)
      {
        reference = Reference(
          title: fields["title"].flatMap { reader.prose($0, "title", in: context) }, url: url)
      } else {
        reference = nil
      }
      guard let reference else { continue }
      if !(reference.url.hasPrefix("https://") || reference.url.hasPrefix("http://")) {
        reader.error(
          at: item, "reference '\(reference.url)' is not a web address",
          fix: "write a full https:// URL")
        continue
      }
      references.append(reference)
    }
    return references
  }
}
