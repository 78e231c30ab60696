import SkillQuizKit

/// A command typed at the `skillquiz>` prompt.
enum REPLCommand: Equatable {
  case help(topic: String?)
  case skills
  case quiz(scope: String, count: Int?, difficulty: Difficulty?)
  case stats(scope: String?)
  case history(limit: Int?)
  case clear
  case quit
  case empty

  /// The command words, for help and completion.
  static let names = ["help", "skills", "quiz", "stats", "history", "clear", "quit", "exit"]

  /// One line of help per command.
  static let summaries: [(usage: String, summary: String)] = [
    ("skills", "areas and topics, with question counts and your standing"),
    ("quiz <area|topic> [N]", "take a quiz of N questions (default 10); -d easy|medium|hard"),
    ("stats [area]", "answered, % correct, last practiced and trend"),
    ("history [N]", "your past quizzes, newest first"),
    ("help [command]", "this list, or one command in detail"),
    ("clear", "clear the screen (Ctrl-L too)"),
    ("quit", "leave (Ctrl-D works too)"),
  ]

  /// The longer help of each command.
  static let details: [String: String] = [
    "skills": """
    skills
      Lists every skill area and its topics with the number of questions, and how you
      stand in each: % correct over your answers.
    """,
    "quiz": """
    quiz <area|topic> [N] [--difficulty easy|medium|hard]
      Asks N questions (default 10) from an area (`quiz git`) or a topic (`quiz docker`,
      `quiz sql`, `quiz aws`). Questions you have never seen come first.
      Answer with letters (`b`, `a,c` or `ac`), `true`/`false` (`t`/`f`), or typed text.
      SQL questions take a query, over several lines if you like, ending with `;`;
      `schema` shows the dataset. The query runs on a read-only copy of the dataset.
      `skip` moves on, `quit` ends the quiz early; answers given are kept.
      Ctrl-C at an answer asks whether to end the quiz.
      Examples:  quiz git 5     quiz kubernetes --difficulty hard     quiz sql 3 -d easy
    """,
    "stats": """
    stats [area]
      For each area and topic: answers given, % correct (partial credit counts), when you
      last practiced, and the trend over your recent quizzes (▁▃▅▇, ↑ ↓ →).
    """,
    "history": """
    history [N]
      Your past quizzes, newest first, with date, scope and score. N defaults to 20.
    """,
    "help": """
    help [command]
      Lists the commands, or explains one: `help quiz`.
    """,
    "clear": """
    clear
      Clears the screen. Ctrl-L does the same while you type.
    """,
    "quit": """
    quit
      Leaves skillquiz. `exit` and Ctrl-D do the same. Your answers are already saved.
    """,
  ]
}

/// Why a command line could not be understood.
struct CommandParseError: Error, Equatable, CustomStringConvertible {
  let description: String
}

/// Parses lines typed at the top prompt.
enum CommandParser {
  static func parse(_ line: String) throws(CommandParseError) -> REPLCommand {
    let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let first = words.first?.lowercased() else { return .empty }
    let rest = Array(words.dropFirst())
    switch first {
    case "help", "?", "h":
      return .help(topic: rest.first?.lowercased())
    case "skills", "areas":
      try expectNoArguments(rest, command: "skills")
      return .skills
    case "quiz", "q":
      return try parseQuiz(rest)
    case "stats":
      if rest.count > 1 { throw CommandParseError(description: "usage: stats [area]") }
      return .stats(scope: rest.first)
    case "history":
      guard rest.count <= 1 else { throw CommandParseError(description: "usage: history [N]") }
      guard let word = rest.first else { return .history(limit: nil) }
      guard let limit = Int(word), limit > 0 else {
        throw CommandParseError(description: "'\(word)' is not a count; usage: history [N]")
      }
      return .history(limit: limit)
    case "clear", "cls":
      return .clear
    case "quit", "exit", ":q":
      return .quit
    default:
      let close = closestMatches(to: first, among: REPLCommand.names, limit: 1)
      let hint = close.first.map { " Did you mean '\($0)'?" } ?? ""
      throw CommandParseError(
        description: "unknown command '\(first)'.\(hint) Type 'help' for the list.")
    }
  }

  private static func expectNoArguments(_ words: [String], command: String)
    throws(CommandParseError)
  {
    if !words.isEmpty {
      throw CommandParseError(description: "'\(command)' takes no arguments")
    }
  }

  private static func parseQuiz(_ words: [String]) throws(CommandParseError) -> REPLCommand {
    let usage = "usage: quiz <area|topic> [N] [--difficulty easy|medium|hard]"
    var scope: String?
    var count: Int?
    var difficulty: Difficulty?
    var index = 0
    func parseDifficulty(_ word: String?) throws(CommandParseError) -> Difficulty {
      guard let word else {
        throw CommandParseError(description: "--difficulty needs a value: easy, medium or hard")
      }
      guard let value = Difficulty(rawValue: word.lowercased()) else {
        throw CommandParseError(
          description: "'\(word)' is not a difficulty; use easy, medium or hard")
      }
      return value
    }
    while index < words.count {
      let word = words[index]
      if word == "--difficulty" || word == "-d" {
        difficulty = try parseDifficulty(index + 1 < words.count ? words[index + 1] : nil)
        index += 2
        continue
      }
      if word.hasPrefix("--difficulty=") {
        difficulty = try parseDifficulty(String(word.dropFirst("--difficulty=".count)))
      } else if let value = Difficulty(rawValue: word.lowercased()), scope != nil {
        difficulty = value
      } else if let number = Int(word) {
        guard number > 0, number <= 500 else {
          throw CommandParseError(description: "ask for 1 to 500 questions, not \(number)")
        }
        guard count == nil else { throw CommandParseError(description: usage) }
        count = number
      } else if word.hasPrefix("-") {
        throw CommandParseError(description: "unknown option '\(word)'; \(usage)")
      } else if scope == nil {
        scope = word
      } else {
        throw CommandParseError(description: "unexpected '\(word)'; \(usage)")
      }
      index += 1
    }
    guard let scope else {
      throw CommandParseError(
        description: "which area or topic? For example `quiz git 5`. `skills` lists them.")
    }
    return .quiz(scope: scope, count: count, difficulty: difficulty)
  }

  /// The words that may come next, given the words already typed, for Tab completion.
  ///
  /// Ids come before aliases: `quiz ku` completes to `kubernetes`, not to `kube`.
  static func completions(previousWords: [String], catalog: SkillCatalog) -> [[String]] {
    guard let command = previousWords.first?.lowercased() else { return [REPLCommand.names] }
    switch command {
    case "quiz", "q":
      if previousWords.count == 1 { return [catalog.canonicalWords, catalog.allWords] }
      if previousWords.last == "--difficulty" || previousWords.last == "-d" {
        return [Difficulty.allCases.map(\.rawValue)]
      }
      return [["--difficulty"]]
    case "stats":
      return previousWords.count == 1 ? [catalog.areas.map(\.id), catalog.allWords] : []
    case "help":
      return previousWords.count == 1 ? [REPLCommand.names] : []
    default:
      return []
    }
  }
}
