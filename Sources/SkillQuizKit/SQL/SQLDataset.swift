import Foundation

/// One value in a SQL row.
public enum SQLValue: Sendable, Hashable, Codable, CustomStringConvertible {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  // Coded compactly, as the question index holds many rows: null, a number (integer), a string
  // (text), or a one-element array (real, which JSON could not tell from an integer).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(String.self) {
      self = .text(value)
    } else {
      let wrapped = try container.decode([Double].self)
      guard let value = wrapped.first, wrapped.count == 1 else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "a real is coded as a one-element array")
      }
      self = .real(value)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .integer(let value): try container.encode(value)
    case .real(let value): try container.encode([value])
    case .text(let value): try container.encode(value)
    }
  }

  /// The value as the result table shows it.
  public var description: String {
    switch self {
    case .null: "NULL"
    case .integer(let value): String(value)
    case .real(let value):
      value == value.rounded() && abs(value) < 1e15 ? String(format: "%.1f", value) : String(value)
    case .text(let value): value
    }
  }

  /// A key that sorts and compares values the way result comparison does: numbers by value,
  /// so `1` and `1.0` are equal; reals rounded to 9 significant digits.
  public var comparisonKey: String {
    switch self {
    case .null: "0:"
    case .integer(let value): "1:" + String(format: "%.9g", Double(value))
    case .real(let value): "1:" + String(format: "%.9g", value)
    case .text(let value): "2:" + value
    }
  }
}

/// A small database a `sql` question runs on: a schema plus rows per table.
public struct SQLDataset: Sendable, Hashable, Codable {
  /// The id questions name it by.
  public let id: String
  /// A short description.
  public let name: String
  /// `CREATE TABLE` and similar statements.
  public let schema: String
  /// Rows per table, in declaration order.
  public let rows: [SQLTableRows]

  /// Creates a dataset.
  public init(id: String, name: String, schema: String, rows: [SQLTableRows]) {
    self.id = id
    self.name = name
    self.schema = schema
    self.rows = rows
  }
}

/// The rows of one table.
public struct SQLTableRows: Sendable, Hashable, Codable {
  /// The table's name.
  public let table: String
  /// The rows, each listing values in column order.
  public let rows: [[SQLValue]]

  /// Creates the rows of a table.
  public init(table: String, rows: [[SQLValue]]) {
    self.table = table
    self.rows = rows
  }
}

/// What a `sql` question asks: a dataset, the reference query, and whether order counts.
public struct SQLExercise: Sendable, Hashable, Codable {
  /// The dataset the query runs on.
  public let dataset: SQLDataset
  /// The reference query.
  public let solution: String
  /// Whether row order counts when comparing results.
  public let ordered: Bool

  /// Creates an exercise.
  public init(dataset: SQLDataset, solution: String, ordered: Bool) {
    self.dataset = dataset
    self.solution = solution
    self.ordered = ordered
  }
}
