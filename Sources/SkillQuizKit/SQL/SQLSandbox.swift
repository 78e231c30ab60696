import Foundation

/// The rows a query returned.
public struct SQLResult: Sendable, Hashable, Codable {
  /// The column names, for display only.
  public let columns: [String]
  /// The rows, each with one value per column.
  public let rows: [[SQLValue]]
  /// Which limit cut the result short; nil when it is complete.
  public let cut: SQLResultCut?

  /// Creates a result.
  public init(columns: [String], rows: [[SQLValue]], cut: SQLResultCut? = nil) {
    self.columns = columns
    self.rows = rows
    self.cut = cut
  }

  /// Whether the query returned more than a limit let through.
  public var isTruncated: Bool { cut != nil }
}

/// The limit that cut a result short.
public enum SQLResultCut: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The query returned more rows than this.
  case rows(Int)
  /// The values passed `limit` bytes (as shown: text in UTF-8, blobs in hex) after `rowsKept`
  /// rows.
  case bytes(limit: Int, rowsKept: Int)

  /// What happened, as a sentence fragment: "the result was cut at 1,000 rows".
  public var description: String {
    switch self {
    case .rows(let limit): "the result was cut at \(Self.grouped(limit)) rows"
    case .bytes(let limit, let rowsKept):
      "the result was cut at \(Self.grouped(rowsKept)) rows, where its values passed "
        + "\(Self.grouped(limit / 1024)) KB"
    }
  }

  /// `1234567` as "1,234,567".
  static func grouped(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var text = number < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return text
  }
}

/// What running a query produced.
public enum SQLOutcome: Sendable, Hashable, Codable {
  /// The query ran; these are its rows.
  case rows(SQLResult)
  /// The query was not run because it would write, is not a single query, or uses something
  /// the lab does not allow; the reason says which.
  case refused(String)
  /// SQLite rejected or failed the query.
  case failed(String)
  /// The query ran past the time limit and was stopped.
  case timedOut(seconds: Double)
  /// The query went past another limit of the lab (memory, the size of one value) and was
  /// stopped; the reason says which.
  case overLimit(String)
}

/// A table of a dataset, as the user sees it described.
public struct SQLTableSummary: Sendable, Hashable {
  /// The table's name.
  public let name: String
  /// Its columns, in order.
  public let columns: [String]
  /// How many rows it holds.
  public let rowCount: Int

  /// Creates a summary.
  public init(name: String, columns: [String], rowCount: Int) {
    self.name = name
    self.columns = columns
    self.rowCount = rowCount
  }
}

/// Runs read-only queries on a fresh copy of a dataset.
public protocol SQLSandbox: Sendable {
  /// Runs one query on a fresh copy of `dataset`.
  func run(_ query: String, on dataset: SQLDataset) -> SQLOutcome
  /// The tables of a dataset with their columns; empty when it cannot be built.
  func tables(of dataset: SQLDataset) -> [SQLTableSummary]
}

/// Why a query is refused before it reaches SQLite, or nil when it may run.
///
/// Only one statement that reads is accepted: `SELECT`, `WITH … SELECT` or `VALUES`.
public func refusalReason(forQuery query: String) -> String? {
  let statements = splitStatements(query)
  guard let first = statements.first else { return "type a query that ends with `;`" }
  if statements.count > 1 {
    return "run one statement at a time; this answer has \(statements.count)"
  }
  let keyword = first.prefix { $0.isLetter }.uppercased()
  switch keyword {
  case "SELECT", "WITH", "VALUES": return nil
  case "ATTACH", "DETACH":
    return "\(keyword) is not allowed in the SQL lab (it opens or closes another database file); "
      + "queries run on the question's dataset only"
  case "VACUUM":
    return "VACUUM is not allowed in the SQL lab (it rewrites the database, and VACUUM INTO "
      + "writes a file); only queries that read (SELECT, WITH) are run here"
  case "PRAGMA":
    return "PRAGMA statements are not allowed in the SQL lab (they can change how the database "
      + "engine works); to see a table's columns, type `schema`"
  case "INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT", "DROP", "CREATE", "ALTER", "REINDEX",
    "ANALYZE", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT",
    "RELEASE", "TRUNCATE":
    return
      "\(keyword) would change the database; only queries that read (SELECT, WITH) are run here"
  default:
    return "only SELECT queries (optionally starting with WITH) are run here"
  }
}

/// Splits SQL text into statements at semicolons outside quotes and comments, dropping
/// comments and empty statements.
public func splitStatements(_ sql: String) -> [String] {
  var statements: [String] = []
  var current = ""
  var quote: Character?
  var characters = Array(sql)[...]
  while let character = characters.popFirst() {
    if let open = quote {
      current.append(character)
      if character == open { quote = nil }
      continue
    }
    switch character {
    case "'", "\"", "`":
      quote = character
      current.append(character)
    case "[":
      quote = "]"
      current.append(character)
    case "-" where characters.first == "-":
      while let next = characters.first, next != "\n" { characters.removeFirst() }
    case "/" where characters.first == "*":
      characters.removeFirst()
      while let next = characters.popFirst() {
        if next == "*", characters.first == "/" {
          characters.removeFirst()
          break
        }
      }
      current.append(" ")
    case ";":
      statements.append(current)
      current = ""
    default:
      current.append(character)
    }
  }
  statements.append(current)
  return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
    !$0.isEmpty
  }
}

/// Compares query results the way `sql` questions are graded.
public enum SQLResultComparison {
  /// Why a result differs from the expected one, in words.
  public static func difference(_ actual: SQLResult, _ expected: SQLResult, ordered: Bool) -> String
  {
    let actualWidth = actual.rows.first?.count ?? actual.columns.count
    let expectedWidth = expected.rows.first?.count ?? expected.columns.count
    if let cut = actual.cut {
      return "Your query returned more than the lab shows: \(cut)."
    }
    if actualWidth != expectedWidth {
      return "Your result has \(actualWidth) columns; the expected one has \(expectedWidth)."
    }
    if actual.rows.count != expected.rows.count {
      return "Your query returned \(actual.rows.count) rows; the expected result has "
        + "\(expected.rows.count)."
    }
    if ordered, SQLResultComparison.matches(actual, expected, ordered: false) {
      return "The rows are right but their order is not; this question asks for an order."
    }
    return "Some values differ."
  }

  /// Whether `actual` has the same rows as `expected`: same column count, same values
  /// (numbers by value), as a multiset unless `ordered`.
  public static func matches(_ actual: SQLResult, _ expected: SQLResult, ordered: Bool) -> Bool {
    guard !actual.isTruncated, actual.rows.count == expected.rows.count else { return false }
    let width = expected.rows.first?.count ?? expected.columns.count
    guard actual.rows.allSatisfy({ $0.count == width }) else { return false }
    let actualKeys = actual.rows.map(rowKey)
    let expectedKeys = expected.rows.map(rowKey)
    return ordered ? actualKeys == expectedKeys : actualKeys.sorted() == expectedKeys.sorted()
  }

  private static func rowKey(_ row: [SQLValue]) -> String {
    row.map(\.comparisonKey).joined(separator: "\u{1F}")
  }
}
