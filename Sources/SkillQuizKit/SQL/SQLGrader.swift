/// The verdict on a typed query.
public enum SQLVerdict: Sendable, Hashable {
  /// The query's rows match the solution's.
  case correct(SQLResult)
  /// The query ran but returned other rows.
  case wrong(actual: SQLResult, expected: SQLResult)
  /// The query did not run: refused, failed or timed out. Not an answer; the user may retry.
  case notRun(SQLOutcome)
  /// The reference query itself failed: a bug in the bank.
  case brokenSolution(String)

  /// The grade when the query was an answer; nil when it did not run.
  public var grade: Grade? {
    switch self {
    case .correct: Grade(score: 1)
    case .wrong: Grade(score: 0)
    case .notRun, .brokenSolution: nil
    }
  }
}

/// Grades `sql` answers by running them and the solution in a sandbox.
public enum SQLGrader {
  /// Runs the user's query and the solution on the exercise's dataset and compares them.
  public static func grade(query: String, exercise: SQLExercise, sandbox: any SQLSandbox)
    -> SQLVerdict
  {
    let actual = sandbox.run(query, on: exercise.dataset)
    guard case .rows(let actualRows) = actual else { return .notRun(actual) }
    guard case .rows(let expected) = sandbox.run(exercise.solution, on: exercise.dataset) else {
      return .brokenSolution("the reference query of this question does not run")
    }
    return SQLResultComparison.matches(actualRows, expected, ordered: exercise.ordered)
      ? .correct(actualRows) : .wrong(actual: actualRows, expected: expected)
  }
}
