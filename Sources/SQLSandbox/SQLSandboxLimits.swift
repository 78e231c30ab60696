/// The limits a query runs under in the SQL lab.
///
/// The defaults hold a query typed at the prompt to 2 s and to about 64 MB of SQLite memory
/// above what the dataset needs.
public struct SQLSandboxLimits: Sendable, Hashable, Codable {
  /// Seconds a query may run before it is stopped.
  public var seconds: Double = 2
  /// Rows kept before the result is cut.
  public var rows: Int = 1000
  /// Bytes of values kept (as shown: text in UTF-8, blobs in hex) before the result is cut.
  public var resultBytes: Int = 1 << 20
  /// The longest string or blob a query may make (`SQLITE_LIMIT_LENGTH`).
  ///
  /// Small, because some functions take time growing with its square in one step SQLite cannot
  /// interrupt (`trim` with a long set of characters), and because SQLite computes each constant
  /// expression once before the first row and keeps it, with no check between them: a query can
  /// hold about `sqlBytes / 18` such values at once (16 KB × 900 ≈ 14 MB).
  public var valueBytes: Int = 16 * 1024
  /// The longest query text, in UTF-8 bytes (the bundled solutions are under 400).
  public var sqlBytes: Int = 16 * 1024
  /// The most columns a result, an ORDER BY or a GROUP BY may have (`SQLITE_LIMIT_COLUMN`).
  public var columns: Int = 100
  /// The most memory SQLite may take while the query runs, above what it held at the start.
  ///
  /// SQLite counts memory only for the whole process, so the sandbox runs one query at a time.
  public var memoryBytes: Int = 64 << 20
  /// The most tokens a query may grow to once SQLite copies each WITH table into every place
  /// that names it (SQLite does this before the query starts, where no time limit reaches).
  public var expandedTokens: Int = 100_000
  /// The longest LIKE or GLOB pattern (`SQLITE_LIMIT_LIKE_PATTERN_LENGTH`); matching a long
  /// pattern is one step SQLite cannot interrupt.
  public var likePatternBytes: Int = 100

  /// The lab's limits.
  public init() {}
}
