import Foundation

/// A parser that remembers what another parser made of each bank file, keyed on the file's
/// contents, so unchanged banks load without parsing YAML again.
///
/// The cache is best-effort: an unreadable or stale entry is parsed again and rewritten.
public struct CachingBankParser: BankParser {
  /// The parser whose results are cached.
  public let base: any BankParser
  /// Where cache entries are kept.
  public let directory: URL
  /// Mixed into every key; change it (for example per build) to invalidate every entry.
  public let salt: String

  /// Bump when the cached layout or the parser's output changes.
  static let formatVersion = 4

  /// Creates a caching parser.
  public init(base: any BankParser, directory: URL, salt: String = "") {
    self.base = base
    self.directory = directory
    self.salt = salt
  }

  /// A cached parse.
  ///
  /// SQL datasets are kept once, not in every question that uses them, which keeps the entry
  /// small and quick to decode.
  private struct Entry: Codable {
    let key: String
    let parsed: ParsedBankFile
    let datasets: [SQLDataset]

    init(key: String, parsed: ParsedBankFile) {
      self.key = key
      var datasets: [String: SQLDataset] = [:]
      var slim = parsed
      slim.questions = parsed.questions.map { question in
        guard case .sql(let exercise) = question.answer else { return question }
        datasets[exercise.dataset.id] = exercise.dataset
        let stub = SQLDataset(id: exercise.dataset.id, name: "", schema: "", rows: [])
        return question.with(
          answer: .sql(
            SQLExercise(dataset: stub, solution: exercise.solution, ordered: exercise.ordered)))
      }
      self.parsed = slim
      self.datasets = datasets.values.sorted { $0.id < $1.id }
    }

    /// The parse with every SQL question's dataset put back.
    var restored: ParsedBankFile? {
      let byID = Dictionary(datasets.map { ($0.id, $0) }) { first, _ in first }
      var full = parsed
      var missing = false
      full.questions = parsed.questions.map { question in
        guard case .sql(let exercise) = question.answer else { return question }
        guard let dataset = byID[exercise.dataset.id] else {
          missing = true
          return question
        }
        return question.with(
          answer: .sql(
            SQLExercise(dataset: dataset, solution: exercise.solution, ordered: exercise.ordered)))
      }
      return missing ? nil : full
    }
  }

  public func parseSkills(_ file: BankFile) -> (
    catalog: SkillCatalog?, diagnostics: [BankDiagnostic]
  ) {
    base.parseSkills(file)
  }

  public func parseBank(_ file: BankFile, catalog: SkillCatalog) -> ParsedBankFile {
    var hasher = StableHasher()
    hasher.combine("\(Self.formatVersion)|\(salt)|\(file.path)|")
    for area in catalog.areas {
      hasher.combine(area.id + ":" + area.topics.map(\.id).joined(separator: ",") + ";")
    }
    hasher.combine(file.contents)
    let key = hasher.hexDigest
    var pathHasher = StableHasher()
    pathHasher.combine(file.path)
    let url = directory.appendingPathComponent(pathHasher.hexDigest + ".json")
    if let data = try? Data(contentsOf: url),
      let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key,
      let parsed = entry.restored
    {
      return parsed
    }
    let parsed = base.parseBank(file, catalog: catalog)
    store(Entry(key: key, parsed: parsed), at: url)
    return parsed
  }

  private func store(_ entry: Entry, at url: URL) {
    guard let data = try? JSONEncoder().encode(entry) else { return }
    let manager = FileManager.default
    try? manager.createDirectory(
      at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let temporary = url.appendingPathExtension("\(getpid()).tmp")
    guard
      manager.createFile(
        atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
    else { return }
    if rename(temporary.path, url.path) != 0 { try? manager.removeItem(at: temporary) }
  }
}

/// FNV-1a over UTF-8, 64 bits: stable across runs and platforms, unlike `Hasher`.
struct StableHasher {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func combine(_ text: String) {
    var value = state
    for byte in text.utf8 {
      value ^= UInt64(byte)
      value &*= 0x0000_0100_0000_01B3
    }
    state = value
  }

  var hexDigest: String {
    let digits = String(state, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
