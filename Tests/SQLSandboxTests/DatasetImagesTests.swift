import Foundation
import SkillQuizKit
import Testing

@testable import SQLSandbox

private func team(_ names: [String], id: String = "team") -> SQLDataset {
  SQLDataset(
    id: id, name: "A team",
    schema: "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
    rows: [
      SQLTableRows(
        table: "people",
        rows: names.enumerated().map { [.integer(Int64($0.offset + 1)), .text($0.element)] })
    ])
}

private func names(_ outcome: SQLOutcome) -> [String] {
  guard case .rows(let result) = outcome else { return ["not rows: \(outcome)"] }
  return result.rows.map { $0.first?.description ?? "" }
}

struct DatasetImagesTests {
  let sandbox = SQLiteSandbox(timeLimit: 0.5, rowLimit: 50)

  @Test func aDatasetIsBuiltOnceForManyQueries() {
    let dataset = team(["Ada", "Grace"])
    for _ in 0..<5 {
      #expect(
        names(sandbox.run("SELECT name FROM people ORDER BY id;", on: dataset)) == [
          "Ada", "Grace",
        ])
    }
    #expect(sandbox.images.builds == 1)
  }

  @Test func eachQueryGetsItsOwnCopyOfTheDataset() throws {
    let images = DatasetImages()
    let dataset = team(["Ada"])
    let first = try images.database(holding: dataset)
    try first.execute("INSERT INTO people VALUES (2, 'Mallory'); DROP TABLE people;")
    let second = try images.database(holding: dataset)
    #expect(try second.strings("SELECT name FROM people ORDER BY id") == ["Ada"])
    #expect(images.builds == 1)
  }

  @Test func aCopyKeepsTheConnectionSettingsOfAFreshBuild() throws {
    let images = DatasetImages()
    let database = try images.database(holding: team(["Ada"]))
    #expect(try database.strings("PRAGMA foreign_keys") == ["1"])
    try database.lockDown(SQLSandboxLimits())
    #expect(throws: SandboxSQLiteError.self) {
      try database.execute("INSERT INTO people VALUES (3, 'Eve')")
    }
  }

  @Test func twoDatasetsWithOneIdAreNotConfused() {
    let query = "SELECT name FROM people ORDER BY id;"
    #expect(names(sandbox.run(query, on: team(["Ada"]))) == ["Ada"])
    #expect(names(sandbox.run(query, on: team(["Linus", "Grace"]))) == ["Linus", "Grace"])
    #expect(names(sandbox.run(query, on: team(["Ada"]))) == ["Ada"])
    #expect(sandbox.images.builds == 3)
  }

  @Test func aBrokenDatasetFailsTheSameWayEveryTime() {
    let broken = SQLDataset(
      id: "broken", name: "Broken", schema: "CREATE TABLE t (a INTEGER NOT NULL);",
      rows: [SQLTableRows(table: "t", rows: [[.null]])])
    let outcomes = (0..<3).map { _ in sandbox.run("SELECT a FROM t;", on: broken) }
    for outcome in outcomes {
      guard case .failed(let reason) = outcome else {
        Issue.record("expected a failure, got \(outcome)")
        continue
      }
      #expect(reason.contains("the dataset 'broken' could not be built"))
      #expect(reason.contains("NOT NULL"))
    }
    #expect(sandbox.images.builds == 1)
  }
}
