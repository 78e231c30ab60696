import Foundation
import SkillQuizKit
import Testing

@testable import SQLSandbox

private let shop = SQLDataset(
  id: "shop", name: "A tiny shop",
  schema: """
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL NOT NULL);
    """,
  rows: [
    SQLTableRows(
      table: "customers",
      rows: [
        [.integer(1), .text("Ada"), .text("UK")], [.integer(2), .text("Grace"), .text("US")],
        [.integer(3), .text("Linus"), .null],
      ]),
    SQLTableRows(
      table: "orders",
      rows: [
        [.integer(10), .integer(1), .real(25)], [.integer(11), .integer(1), .real(12.5)],
        [.integer(12), .integer(2), .real(9)], [.integer(13), .null, .real(4)],
      ]),
  ])

private let byCountry = SQLExercise(
  dataset: shop,
  solution: "SELECT country, COUNT(*) FROM customers GROUP BY country ORDER BY country;",
  ordered: false)

struct SQLiteSandboxTests {
  let sandbox = SQLiteSandbox(timeLimit: 0.5, rowLimit: 50)

  @Test func aCorrectQueryIsCorrect() {
    let verdict = SQLGrader.grade(
      query: "select country, count(id) as n from customers group by 1;", exercise: byCountry,
      sandbox: sandbox)
    guard case .correct(let result) = verdict else {
      Issue.record("expected correct, got \(verdict)")
      return
    }
    #expect(result.rows.count == 3)
    #expect(verdict.grade?.isCorrect == true)
  }

  @Test func theSameRowsInAnotherOrderAreCorrectUnlessOrderCounts() {
    let reversed = "SELECT country, COUNT(*) FROM customers GROUP BY country ORDER BY country DESC;"
    #expect(
      SQLGrader.grade(query: reversed, exercise: byCountry, sandbox: sandbox).grade?.score == 1)
    let ordered = SQLExercise(dataset: shop, solution: byCountry.solution, ordered: true)
    guard
      case .wrong(let actual, let expected) = SQLGrader.grade(
        query: reversed, exercise: ordered, sandbox: sandbox)
    else {
      Issue.record("expected a wrong verdict")
      return
    }
    #expect(SQLResultComparison.matches(actual, expected, ordered: false))
  }

  @Test func aWrongQueryShowsBothResults() {
    let verdict = SQLGrader.grade(
      query: "SELECT country, COUNT(*) FROM customers WHERE country IS NOT NULL GROUP BY country;",
      exercise: byCountry, sandbox: sandbox)
    guard case .wrong(let actual, let expected) = verdict else {
      Issue.record("expected wrong, got \(verdict)")
      return
    }
    #expect(actual.rows.count == 2)
    #expect(expected.rows.count == 3)
    #expect(verdict.grade?.score == 0)
  }

  @Test func aSyntaxErrorIsFeedbackNotAnAnswer() {
    let verdict = SQLGrader.grade(
      query: "SELECT name FROM customers WHERE name = ORDER BY 1;", exercise: byCountry,
      sandbox: sandbox)
    guard case .notRun(.failed(let message)) = verdict else {
      Issue.record("expected a failure, got \(verdict)")
      return
    }
    #expect(message.contains("syntax error"))
    #expect(verdict.grade == nil)
  }

  @Test(arguments: [
    "DROP TABLE customers;", "INSERT INTO customers VALUES (4, 'Eve', 'FR');",
    "ATTACH DATABASE '/tmp/x.db' AS x;", "PRAGMA table_info(customers);",
    "DELETE FROM orders;", "SELECT 1; DROP TABLE customers;",
    "UPDATE customers SET name = 'x';",
  ])
  func writesAndSecondStatementsAreRefused(query: String) {
    guard case .refused = sandbox.run(query, on: shop) else {
      Issue.record("expected a refusal for \(query)")
      return
    }
  }

  @Test func aCTEThatWritesIsRefusedBySQLiteItself() {
    let outcome = sandbox.run(
      "WITH x AS (SELECT 1) DELETE FROM customers WHERE id IN (SELECT * FROM x);", on: shop)
    switch outcome {
    case .refused, .failed: break
    default: Issue.record("expected the write to be stopped, got \(outcome)")
    }
    guard case .rows(let result) = sandbox.run("SELECT COUNT(*) FROM customers;", on: shop) else {
      Issue.record("the dataset should still be readable")
      return
    }
    #expect(result.rows == [[.integer(3)]])
  }

  @Test func aRunawayQueryStopsWithinTheTimeLimit() {
    let start = Date()
    let outcome = sandbox.run(
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) FROM r;",
      on: shop)
    #expect(outcome == .timedOut(seconds: 0.5))
    #expect(Date().timeIntervalSince(start) < 5)
  }

  @Test func anEndlessResultIsCutAtTheRowLimit() {
    guard
      case .rows(let result) = sandbox.run(
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r;",
        on: shop)
    else {
      Issue.record("expected rows")
      return
    }
    #expect(result.isTruncated)
    #expect(result.rows.count == 50)
    #expect(!SQLResultComparison.matches(result, result, ordered: false))
  }

  @Test func numbersCompareByValueAndNullsMatch() {
    let verdict = SQLGrader.grade(
      query: "SELECT customer_id, total * 1.0 FROM orders;",
      exercise: SQLExercise(
        dataset: shop, solution: "SELECT customer_id, total FROM orders;", ordered: false),
      sandbox: sandbox)
    #expect(verdict.grade?.isCorrect == true)
  }

  @Test func datasetsAreDescribedAndBrokenOnesReported() {
    let tables = sandbox.tables(of: shop)
    #expect(tables.map(\.name) == ["customers", "orders"])
    #expect(tables.first?.columns == ["id", "name", "country"])
    #expect(tables.last?.rowCount == 4)
    let broken = SQLDataset(
      id: "x", name: "x", schema: "CREATE TABLE t (a INTEGER);",
      rows: [
        SQLTableRows(table: "t", rows: [[.integer(1), .integer(2)]])
      ])
    #expect(SQLiteSandbox.problem(building: broken)?.contains("2 values") == true)
  }
}

struct SQLStatementTests {
  @Test func statementsSplitOutsideQuotesAndComments() {
    #expect(
      splitStatements("SELECT ';'; -- a comment; here\nSELECT 2;") == ["SELECT ';'", "SELECT 2"])
    #expect(splitStatements("/* x; */ SELECT 1") == ["SELECT 1"])
    #expect(refusalReason(forQuery: "  with x as (select 1) select * from x;") == nil)
    #expect(refusalReason(forQuery: "-- hi\nSELECT 1;") == nil)
    #expect(refusalReason(forQuery: ";") != nil)
  }
}

/// The bundled SQL questions must run: every dataset builds, every solution returns rows.
struct BundledSQLQuestionTests {
  @Test func everyBundledSQLSolutionRunsAndReturnsRows() throws {
    let banks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "QuestionBanks")
    let library = try BankLoader().load(from: DirectoryBankSource(root: banks))
    let sqlQuestions = library.allQuestions().filter { $0.kind == .sql }
    #expect(sqlQuestions.count >= 12)
    let sandbox = SQLiteSandbox()
    for question in sqlQuestions {
      guard case .sql(let exercise) = question.answer,
        case .rows(let result) = sandbox.run(exercise.solution, on: exercise.dataset)
      else {
        Issue.record("\(question.id): the solution does not run")
        continue
      }
      #expect(!result.rows.isEmpty, "\(question.id)")
      #expect(!result.isTruncated, "\(question.id)")
    }
    #expect(SQLExerciseCheck.problems(in: library, sandbox: sandbox).isEmpty)
  }

  @Test func aBrokenSolutionIsReportedWithItsPlace() throws {
    let exercise = SQLExercise(
      dataset: shop, solution: "SELECT missing FROM nowhere;", ordered: false)
    let question = Question(
      id: "databases.sql.broken", areaID: "databases", topicID: "sql", difficulty: .easy,
      prompt: "P", answer: .sql(exercise), explanation: "E",
      location: SourceLocation(file: "lab.yaml", line: 7, column: 5))
    let library = QuestionLibrary(
      catalog: SkillCatalog(areas: []), questions: [question])
    let problems = SQLExerciseCheck.problems(in: library, sandbox: SQLiteSandbox())
    #expect(problems.first?.location.description == "lab.yaml:7:5")
    #expect(problems.first?.message.contains("no such table: nowhere") == true, "\(problems)")
  }
}
