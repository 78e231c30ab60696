import GRDBSQLite
import SkillQuizKit

/// SQLite's errors from the lab's limits, said in words with the limit.
enum SandboxErrors {
  /// The outcome of a query that failed with `error`.
  static func outcome(of error: SandboxSQLiteError, limits: SQLSandboxLimits) -> SQLOutcome {
    let message = error.message
    switch error.code {
    case SQLITE_TOOBIG:
      return .overLimit(
        "a value grew past \(limits.valueBytes / 1024) KB, the SQL lab's limit for one value")
    case SQLITE_NOMEM:
      return .overLimit("the query is too large or too complex for the SQL lab")
    case SQLITE_INTERRUPT:
      return .timedOut(seconds: limits.seconds)
    default:
      break
    }
    let limitsByMessage: [(fragment: String, explanation: String)] = [
      ("too many columns", "the SQL lab allows \(limits.columns) columns"),
      ("too many terms in compound select", "the SQL lab allows 50 SELECTs joined by UNION"),
      ("expression tree is too large", "the SQL lab allows expressions nested 100 deep"),
      ("parser stack overflow", "the query nests parentheses too deeply"),
      ("too many arguments on function", "the SQL lab allows 64 arguments"),
      ("pattern too complex", "the SQL lab takes patterns of \(limits.likePatternBytes) bytes"),
      ("too many sql variables", "the SQL lab allows 32 parameters"),
    ]
    let lowered = message.lowercased()
    if let known = limitsByMessage.first(where: { lowered.contains($0.fragment) }) {
      return .failed("\(message) (\(known.explanation))")
    }
    return .failed(message)
  }
}
