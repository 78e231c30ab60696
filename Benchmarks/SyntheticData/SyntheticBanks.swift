import Foundation
import SkillQuizKit

/// Why synthetic data could not be written.
struct SynthError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}

/// The skill catalog of a banks folder's `skills.yaml`.
func loadCatalog(banks: URL) throws -> SkillCatalog {
  let url = banks.appendingPathComponent("skills.yaml")
  guard let text = try? String(contentsOf: url, encoding: .utf8) else {
    throw SynthError(
      "cannot read '\(url.path)'; point --from at a folder with skills.yaml (QuestionBanks)")
  }
  let (catalog, diagnostics) = YAMLBankParser().parseSkills(
    BankFile(path: url.path, contents: text))
  guard let catalog else {
    throw SynthError(
      "'\(url.path)' has errors: "
        + diagnostics.map(\.description).joined(separator: "; "))
  }
  return catalog
}

/// A banks folder of synthetic questions in our format: every area and topic of the catalog,
/// the bundled mix of kinds and difficulties, SQL labs with small datasets in the database
/// area.
struct SyntheticBanks {
  /// How many questions, in all.
  var questions: Int
  /// How many bank files (at least one per area).
  var files: Int
  /// The seed of everything random.
  var seed: UInt64
  /// The average size of a question's YAML, in bytes (600 gives the issue's 10k bank: 20 files, about 6.3 MB).
  var questionBytes = 600

  /// What was written.
  struct Summary: Equatable {
    var questions: Int
    var files: Int
    var bytes: Int
  }

  /// Writes the folder: `skills.yaml`, `openings.yaml` and `schema/` copied from `source`, and
  /// the bank files in one folder per area.
  func write(from source: URL, to out: URL) throws -> Summary {
    let catalog = try loadCatalog(banks: source)
    let manager = FileManager.default
    try manager.createDirectory(at: out, withIntermediateDirectories: true)
    for name in ["skills.yaml", "openings.yaml", "schema"] {
      let from = source.appendingPathComponent(name)
      let to = out.appendingPathComponent(name)
      guard manager.fileExists(atPath: from.path) else { continue }
      if manager.fileExists(atPath: to.path) { try manager.removeItem(at: to) }
      try manager.copyItem(at: from, to: to)
    }
    let areas = catalog.areas
    let fileCount = max(files, areas.count)
    var text = SyntheticText(seed: seed)
    var written = 0
    var bytes = 0
    for file in 0..<fileCount {
      let area = areas[file % areas.count]
      let count = questions / fileCount + (file < questions % fileCount ? 1 : 0)
      let folder = out.appendingPathComponent(area.id)
      try manager.createDirectory(at: folder, withIntermediateDirectories: true)
      let contents = bankFile(
        area: area, file: file, firstQuestion: written, count: count, text: &text)
      let data = Data(contents.utf8)
      try data.write(to: folder.appendingPathComponent(String(format: "synth-%04d.yaml", file)))
      written += count
      bytes += data.count
    }
    return Summary(questions: written, files: fileCount, bytes: bytes)
  }

  /// One bank file's YAML.
  func bankFile(
    area: SkillArea, file: Int, firstQuestion: Int, count: Int, text: inout SyntheticText
  ) -> String {
    var out = """
      # yaml-language-server: $schema=../schema/bank.schema.json
      # Synthetic questions from skillquiz-synth (seed \(seed)), for benchmarks only.
      schema: 1
      area: \(area.id)

      """
    let labs = area.id == "databases"
    if labs { out += SyntheticDataset(text: &text).yaml }
    out += "questions:\n"
    for index in 0..<count {
      let number = firstQuestion + index
      let topic = area.topics[(index + file) % area.topics.count]
      out += question(
        id: "\(area.id).synth.q\(number)", topic: topic.id, labs: labs, text: &text)
    }
    return out
  }

  private enum Kind: String {
    case single, multiple
    case trueFalse = "true_false"
    case short, numeric, sql
  }

  /// The bundled banks' mix: about 61% single, 18% multiple, 17% true/false, 9% short, and SQL
  /// labs in the database area; numeric answers now and then.
  private func kind(labs: Bool, text: inout SyntheticText) -> Kind {
    if labs, text.chance(0.2) { return .sql }
    let roll = text.int(0...99)
    switch roll {
    case 0..<56: return .single
    case 56..<72: return .multiple
    case 72..<87: return .trueFalse
    case 87..<97: return .short
    default: return .numeric
    }
  }

  private func question(id: String, topic: String, labs: Bool, text: inout SyntheticText)
    -> String
  {
    let kind = kind(labs: labs, text: &text)
    let roll = text.int(0...99)
    let difficulty = roll < 28 ? "easy" : roll < 70 ? "medium" : "hard"
    // The budget, shared out roughly as in the bundled banks.
    let budget = max(300, questionBytes + text.int(-questionBytes / 4...questionBytes / 4))
    var prompt = wrapped(text.paragraph(characters: budget * 9 / 100))
    if text.chance(0.2) {
      prompt += "\n\n```bash\n\(text.pick(SyntheticText.commands))\n```"
    }
    var out = """
        - id: \(id)
          topic: \(topic)
          difficulty: \(difficulty)
          type: \(kind.rawValue)

      """
    switch kind {
    case .single, .multiple:
      let optionCount = text.int(3...5)
      let correct: Set<Int>
      if kind == .single {
        correct = [text.int(0...(optionCount - 1))]
      } else {
        // Mostly 2 or 3 right options, sometimes 1 or all but one.
        let rightCount =
          text.chance(0.15) ? (text.chance(0.5) ? 1 : optionCount - 1) : text.int(2...3)
        var set = Set<Int>()
        while set.count < min(rightCount, optionCount) {
          set.insert(text.int(0...(optionCount - 1)))
        }
        correct = set
      }
      out += "    prompt: \(yamlBlock(prompt, indent: 4))\n    options:\n"
      let words = max(3, budget / 200)
      for option in 0..<optionCount {
        let letter = String(UnicodeScalar(UInt8(97 + option)))
        // The option's number keeps options distinct even when the words repeat.
        let body = text.phrase(words: text.int(words - 1...words + 1)) + " (\(option + 1))"
        var line = "      - {id: \(letter), text: \(yamlQuoted(body))"
        if !correct.contains(option), text.chance(0.5) {
          line += ", why: \(yamlQuoted(text.sentence(words: text.int(6...10))))"
        }
        out += line + "}\n"
      }
      let letters = correct.sorted().map { String(UnicodeScalar(UInt8(97 + $0))) }
      out +=
        kind == .single
        ? "    answer: \(letters[0])\n" : "    answer: [\(letters.joined(separator: ", "))]\n"
    case .trueFalse:
      out += "    prompt: \(yamlBlock(prompt, indent: 4))\n"
      out += "    answer: \(text.chance(0.5))\n"
    case .short:
      out += "    prompt: \(yamlBlock(prompt, indent: 4))\n"
      let answer = text.pick(SyntheticText.nouns)
      out += "    accept: [\(yamlQuoted(answer)), \(yamlQuoted(answer + "s"))]\n"
    case .numeric:
      out += "    prompt: \(yamlBlock(prompt, indent: 4))\n"
      out += "    numbers:\n      - {value: \(text.int(1...4096)), tolerance: 0}\n"
    case .sql:
      let lab = SyntheticDataset.labQuestion(text: &text)
      out += "    dataset: shop\n"
      out += "    prompt: \(yamlBlock(lab.prompt + "\n\n" + prompt, indent: 4))\n"
      out += "    solution: \(yamlBlock(lab.solution, indent: 4))\n"
      if lab.ordered { out += "    ordered: true\n" }
    }
    let explanation = wrapped(text.paragraph(characters: budget * 8 / 100))
    out += "    explanation: \(yamlBlock(explanation, indent: 4))\n"
    let slug = text.pick(SyntheticText.nouns).replacingOccurrences(of: " ", with: "-")
    out += "    references:\n"
    out +=
      "      - {title: \(yamlQuoted("Notes on the \(slug)")), url: \"https://docs.example.com/\(slug)\"}\n"
    return out
  }
}

/// A small shop dataset for SQL labs: two tables, tens of rows.
///
/// The rows are built so that every lab's solution returns rows.
struct SyntheticDataset {
  let yaml: String

  static let countries = ["UK", "US", "DE", "FR", "NL"]
  static let names = [
    "Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia",
    "Donald", "Hedy",
  ]

  init(text: inout SyntheticText) {
    var out = """
      datasets:
        - id: shop
          name: A small synthetic shop (customers and orders)
          schema: |
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT);
            CREATE TABLE orders (
              id          INTEGER PRIMARY KEY,
              customer_id INTEGER NOT NULL REFERENCES customers(id),
              total_cents INTEGER NOT NULL,
              placed_on   TEXT NOT NULL       -- ISO date
            );
          rows:
            customers:

      """
    // Every country appears; the last two customers never order; one has no country.
    for (index, name) in Self.names.enumerated() {
      let country = index == 5 ? "null" : Self.countries[index % Self.countries.count]
      out += "        - [\(index + 1), \(name), \(country)]\n"
    }
    out += "      orders:\n"
    for order in 0..<30 {
      let customer = order < 10 ? order + 1 : text.int(1...(Self.names.count - 2))
      let total = text.int(5...400) * 100
      let day = String(format: "2026-%02d-%02d", text.int(1...6), text.int(1...28))
      out += "        - [\(100 + order), \(customer), \(total), \"\(day)\"]\n"
    }
    yaml = out + "\n"
  }

  /// A lab question's task, reference query and whether order counts.
  static func labQuestion(text: inout SyntheticText) -> (
    prompt: String, solution: String, ordered: Bool
  ) {
    switch text.int(0...4) {
    case 0:
      let country = text.pick(Array(countries))
      return (
        "List the names of the customers in \(country), alphabetically.",
        "SELECT name FROM customers WHERE country = '\(country)' ORDER BY name;", true
      )
    case 1:
      let threshold = text.int(1...20) * 100
      return (
        "For each customer with orders of at least \(threshold) cents, count those orders.",
        """
        SELECT customer_id, COUNT(*) FROM orders
        WHERE total_cents >= \(threshold) GROUP BY customer_id;
        """, false
      )
    case 2:
      return (
        "List the names of the customers who have never placed an order.",
        """
        SELECT name FROM customers c
        WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id);
        """, false
      )
    case 3:
      let limit = text.int(1...5)
      return (
        "Show the \(limit) largest orders (id and total), largest first; break ties by id.",
        "SELECT id, total_cents FROM orders ORDER BY total_cents DESC, id LIMIT \(limit);", true
      )
    default:
      return (
        "For each country, the total spent by its customers (customers without a country count"
          + " under NULL).",
        """
        SELECT c.country, SUM(o.total_cents) FROM customers c
        JOIN orders o ON o.customer_id = c.id GROUP BY c.country;
        """, false
      )
    }
  }
}
