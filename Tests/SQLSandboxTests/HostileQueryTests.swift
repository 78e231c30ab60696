import SkillQuizKit
import Testing

@testable import SQLSandbox

/// A query a user might type to break the SQL lab, and what the lab must answer.
///
/// To add one, add a line to `HostileQuery.all`.
struct HostileQuery: Sendable, CustomTestStringConvertible {
  /// What the lab must answer.
  enum Expectation: Sendable {
    /// Refused before it runs, with a reason holding this text.
    case refused(String)
    /// Failed or refused (SQLite may not even know the function), with a message holding this.
    case notRun(String)
    /// Stopped at the time limit, after 2 s ± 0.5 s.
    case timedOut
    /// Stopped at another limit, with a reason holding this text.
    case overLimit(String)
    /// Rows, cut by this limit.
    case cut(SQLResultCut)
    /// Rows, all of them: the query is bounded by the limits without being stopped.
    case ran
  }

  /// A name for the test report.
  let name: String
  let sql: String
  let expectation: Expectation

  var testDescription: String { name }

  init(_ name: String, _ sql: String, _ expectation: Expectation) {
    self.name = name
    self.sql = sql
    self.expectation = expectation
  }

  /// `count` copies of `expression`, joined by commas.
  static func columns(_ count: Int, _ expression: String) -> String {
    Array(repeating: expression, count: count).joined(separator: ", ")
  }

  /// Every row of an endless recursive CTE, `r(n)`.
  static let endless = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "

  /// Issue 12's list, then what was found while closing it.
  static let all: [HostileQuery] = [
    HostileQuery(
      "60 columns of randomblob(999999) (ran 82 s, then said 2 s)",
      "SELECT \(columns(60, "randomblob(999999)"));", .overLimit("a value grew past 16 KB")),
    HostileQuery(
      "60 columns of randomblob(999999), endlessly",
      endless + "SELECT \(columns(60, "randomblob(999999)")) FROM r;",
      .overLimit("a value grew past 16 KB")),
    HostileQuery(
      "2,000 columns of printf('%.*c',999999,'x') in 60 KB (reached 5.8 GB)",
      "SELECT \(columns(2000, "printf('%.*c',999999,'x')"));",
      .refused("KB long; the SQL lab takes 16 KB at most")),
    HostileQuery(
      "150 columns", "SELECT \(columns(150, "1"));", .notRun("the SQL lab allows 100 columns")),
    HostileQuery(
      "100 columns of printf('%.*c',16000,'x')",
      "SELECT \(columns(100, "printf('%.*c',16000,'x')"));",
      .cut(.bytes(limit: 1 << 20, rowsKept: 0))),
    HostileQuery(
      "600 different 16 KB constants (computed before the first row, where no check reaches)",
      "SELECT 'x' IN ("
        + (0..<600).map { "printf('%.*c',\(16000 - $0),'x')" }.joined(
          separator: ",") + ");", .ran),
    HostileQuery(
      "a sort of endless 1 KB rows (wrote 80 MB of temporary files in 2 s)",
      endless + "SELECT n, randomblob(1000) FROM r ORDER BY 2;", .overLimit("64 MB of memory")),
    HostileQuery(
      "count(DISTINCT) over endless 1 KB values",
      endless + "SELECT count(DISTINCT randomblob(1000)) FROM r;",
      .overLimit("64 MB of memory")),
    HostileQuery(
      "fts3_tokenizer with a pointer (overwrote one)",
      "SELECT fts3_tokenizer('simple', x'4141414141414141');",
      .refused("fts3_tokenizer() is not allowed in the SQL lab (it can change the database engine")),
    HostileQuery(
      "fts3_tokenizer alone (leaked an address)", "SELECT hex(fts3_tokenizer('simple'));",
      .refused("fts3_tokenizer() is not allowed")),
    HostileQuery(
      "load_extension", "SELECT load_extension('/tmp/evil.so');",
      .refused("load_extension() is not allowed in the SQL lab (it loads code")),
    HostileQuery("readfile", "SELECT readfile('/etc/passwd');", .notRun("readfile")),
    HostileQuery("writefile", "SELECT writefile('/tmp/skillquiz-x', 'x');", .notRun("writefile")),
    HostileQuery(
      "ATTACH", "ATTACH DATABASE '/tmp/skillquiz-x.db' AS x;",
      .refused("ATTACH is not allowed in the SQL lab")),
    HostileQuery(
      "VACUUM INTO", "VACUUM INTO '/tmp/skillquiz-x.db';", .refused("VACUUM is not allowed")),
    HostileQuery(
      "PRAGMA writable_schema", "PRAGMA writable_schema = ON;",
      .refused("PRAGMA statements are not allowed")),
    HostileQuery(
      "PRAGMA query_only off", "PRAGMA query_only = OFF;",
      .refused("PRAGMA statements are not allowed")),
    HostileQuery(
      "a pragma as a table, other than the ones that describe tables",
      "SELECT * FROM pragma_journal_mode;", .refused("pragma_journal_mode is not allowed")),
    HostileQuery(
      "an endless recursive CTE", endless + "SELECT count(*) FROM r;", .timedOut),
    HostileQuery(
      "a cross join without a condition",
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 2000) "
        + "SELECT count(*) FROM r a, r b, r c;", .timedOut),
    HostileQuery(
      "WITH tables that double at each level (compiled for seconds, beyond any interrupt)",
      "WITH c0 AS (SELECT 1 AS x), "
        + (1..<20).map { "c\($0) AS (SELECT a.x FROM c\($0 - 1) a, c\($0 - 1) b)" }.joined(
          separator: ", ") + " SELECT count(*) FROM c19;",
      .refused("WITH tables name each other so often")),
    HostileQuery(
      "a long LIKE pattern on a long text (one uninterruptible step)",
      "SELECT printf('%.*c', 16000, 'a') LIKE '%' || printf('%.*c', 1000, 'a') || 'b';",
      .notRun("patterns of 100 bytes")),
    HostileQuery(
      "a 2 MB value", "SELECT length(zeroblob(2000000));",
      .overLimit("past 16 KB, the SQL lab's limit for one value")),
    HostileQuery("an endless result", endless + "SELECT n FROM r;", .cut(.rows(1000))),
    HostileQuery(
      "a result of 5 KB rows", endless + "SELECT printf('%.*c', 5000, 'x') FROM r;",
      .cut(.bytes(limit: 1 << 20, rowsKept: 209))),
    HostileQuery(
      "a CTE that deletes", "WITH x AS (SELECT 1) DELETE FROM items WHERE id IN (SELECT * FROM x);",
      .refused("would change the table")),
    HostileQuery(
      "a query over 16 KB", "SELECT '\(String(repeating: "x", count: 16 * 1024))';",
      .refused("the SQL lab takes 16 KB at most")),
    HostileQuery(
      "an expression 200 deep",
      "SELECT " + Array(repeating: "1", count: 200).joined(separator: " + ") + ";",
      .notRun("nested 100 deep")),
    HostileQuery(
      "parentheses 200 deep",
      "SELECT " + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        + ";", .notRun("nests parentheses too deeply")),
    HostileQuery(
      "60 SELECTs joined by UNION",
      Array(repeating: "SELECT 1", count: 60).joined(separator: " UNION ") + ";",
      .notRun("50 SELECTs")),
    HostileQuery("fts5() and its pointer", "SELECT fts5(NULL);", .refused("fts5() is not allowed")),
    HostileQuery(
      "engine details", "SELECT sqlite_compileoption_get(0);",
      .refused("sqlite_compileoption_get() is not allowed")),
    HostileQuery("a transaction", "BEGIN;", .refused("BEGIN would change the database")),
  ]
}

/// The SQL lab holds against hostile queries: each is refused, cut or stopped with a message that
/// says why, within the time limit.
@Suite struct HostileQueryTests {
  static let dataset = SQLDataset(
    id: "items", name: "Items",
    schema: "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
    rows: [
      SQLTableRows(table: "items", rows: [[.integer(1), .text("a")], [.integer(2), .text("b")]])
    ])

  @Test(arguments: HostileQuery.all)
  func aHostileQueryIsRefusedCutOrStopped(_ query: HostileQuery) {
    let (outcome, seconds) = SQLiteSandbox().measuredRun(query.sql, on: Self.dataset)
    Self.check(outcome, seconds: seconds, against: query)
  }

  /// Checks an outcome and how long it took against what `query` expects.
  static func check(_ outcome: SQLOutcome, seconds: Double, against query: HostileQuery) {
    let timing = "took \(seconds) s"
    switch (query.expectation, outcome) {
    case (.refused(let fragment), .refused(let reason)):
      #expect(reason.contains(fragment), "\(reason)")
    case (.notRun(let fragment), .refused(let message)),
      (.notRun(let fragment), .failed(let message)):
      #expect(message.contains(fragment), "\(message)")
    case (.overLimit(let fragment), .overLimit(let reason)):
      #expect(reason.contains(fragment), "\(reason)")
    case (.cut(let limit), .rows(let result)):
      #expect(result.cut == limit, "\(result.cut.map(String.init(describing:)) ?? "not cut")")
    case (.ran, .rows(let result)):
      #expect(!result.isTruncated)
    case (.timedOut, .timedOut(let limit)):
      #expect(limit == 2)
      #expect(abs(seconds - 2) <= 0.5, "\(timing)")
    default:
      Issue.record("expected \(query.expectation), got \(String(describing: outcome).prefix(300))")
    }
    #expect(seconds < 2.5, "\(timing)")
  }

  @Test func aReadablePragmaAndOrdinaryQueriesStillRun() {
    let sandbox = SQLiteSandbox()
    let columns = sandbox.run("SELECT name FROM pragma_table_info('items');", on: Self.dataset)
    #expect(columns == .rows(SQLResult(columns: ["name"], rows: [[.text("id")], [.text("name")]])))
    let grouped = sandbox.run(
      "SELECT upper(name), json_object('id', id), round(sqrt(id), 2) FROM items ORDER BY id;",
      on: Self.dataset)
    guard case .rows(let result) = grouped else {
      Issue.record("expected rows, got \(grouped)")
      return
    }
    #expect(result.rows.first == [.text("A"), .text("{\"id\":1}"), .real(1)])
  }

  @Test func theConnectionIsLockedDown() throws {
    let database = try SandboxDatabase.holding(Self.dataset)
    try database.lockDown(SQLSandboxLimits())
    #expect(try database.strings("PRAGMA temp_store") == ["2"])
    #expect(try database.strings("PRAGMA query_only") == ["1"])
    #expect(try database.strings("PRAGMA trusted_schema") == ["0"])
    #expect(throws: SandboxSQLiteError.self) {
      try database.execute("INSERT INTO items VALUES (3, 'c')")
    }
  }
}

struct WithExpansionTests {
  @Test func aPlainQueryCountsItsOwnTokens() {
    let sql = "SELECT a, b FROM t WHERE a = 'x y'"
    #expect(WithExpansion.expandedTokens(of: sql, limit: 100) == 10)
  }

  @Test func eachPlaceThatNamesAWithTableCountsItsBodyAgain() {
    let sql = "WITH c AS (SELECT 1 AS x) SELECT * FROM c a, c b"
    // 17 tokens written, and the body of c (4 tokens) copied into each of the two places.
    #expect(WithExpansion.expandedTokens(of: sql, limit: 1000) == 17 + 2 * 4)
  }

  @Test func doublingTablesGrowExponentiallyAndStopCountingPastTheLimit() {
    let levels = (1..<30).map { "c\($0) AS (SELECT * FROM c\($0 - 1) a, c\($0 - 1) b)" }
    let sql = "WITH c0 AS (SELECT 1), " + levels.joined(separator: ", ") + " SELECT * FROM c29"
    #expect(WithExpansion.expandedTokens(of: sql, limit: 100_000) == 100_001)
    let recursive =
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r"
    #expect(WithExpansion.expandedTokens(of: recursive, limit: 1000) < 60)
  }
}
