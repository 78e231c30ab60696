import SkillQuizKit

/// A command typed at the `skillquiz>` prompt.
enum REPLCommand: Equatable {
  case help(topic: String?)
  case skills
  case quiz(scope: String, count: Int?, difficulty: Difficulty?)
  case stats(scope: String?)
  case history(limit: Int?)
  case assess(scope: String)
  case jobs(filters: JobFilters, limit: Int?)
  case jobShow(id: String, explain: Bool)
  case plan
  case review(scope: String?, limit: Int?)
  case drill(scope: String?)
  case weak(scope: String?)
  case set(key: String?, value: String?)
  case clear
  case quit
  case empty

  /// The command words, for help and completion.
  static let names = [
    "help", "skills", "quiz", "assess", "review", "drill", "weak", "jobs", "plan", "stats",
    "history", "set", "clear", "quit", "exit",
  ]

  /// One line of help per command.
  static let summaries: [(usage: String, summary: String)] = [
    ("skills", "areas and topics, with question counts and your standing"),
    ("quiz <area|topic> [N]", "take a quiz of N questions (default 10); -d easy|medium|hard"),
    ("assess <area|topic>", "an adaptive test: a 0-300 score with its ± in 8 to 25 questions"),
    ("review [area|topic]", "the questions due for review (FSRS), most overdue first"),
    ("drill [area|topic]", "the questions you last got wrong, until each is right once"),
    ("weak [area]", "topics from weakest to strongest, with the next step for each"),
    ("stats [area]", "answered, % correct, last practiced and trend"),
    ("jobs [--location L] [--remote]", "openings ranked by your measured skills; `jobs show <id>`"),
    ("plan", "the skills that would raise your matches most, and what to run next"),
    ("history [N]", "your past quizzes, newest first"),
    ("set retention 0.9", "how sure you want to be of recalling a card when it is due"),
    ("set level mid", "your career level (junior, mid, senior, staff) for job matching"),
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
    "assess": """
    assess <area|topic>
      An adaptive test (item response theory, 3PL): each question is chosen to be the
      most informative at your current estimate, and after each answer you see the
      running score on a 0-300 scale with its ± (50 × the posterior SD). It stops when
      the ± is below 18 (SD 0.35) or after 25 questions, never before 8. A skip counts as
      a wrong answer. The report gives the score, percentile, band (Novice below the
      20th percentile, Proficient, Expert from the 80th) and how many more questions
      would halve the ±. The next assessment of the area starts from this estimate.
      SQL lab questions are left out (they take minutes each).
    """,
    "jobs": """
    jobs [--location L] [--remote] [--seniority S] [--limit N]
    jobs show <id> [--explain]
      Ranks the openings in QuestionBanks/openings.yaml by how well your measured skills
      meet each requirement: credit ramps from half the required level to the level,
      required skills count 80% and preferred 20%, and a seniority factor applies when you
      `set level`. Bands: Strong 85+, Good 70-84, Stretch 50-69, Not yet; a required skill
      with no credit caps the band at Stretch. Filters hide openings; they never change a
      score. A skill never assessed is "not assessed", not a weakness: take its quiz.
      `jobs show <id> --explain` prints every requirement and the formula with numbers.
    """,
    "plan": """
    plan
      Sums, across your top 5 openings, the points each skill would add, and names the
      quiz, review or assessment to run next for each.
    """,
    "review": """
    review [area|topic] [--limit N]
      Asks the questions whose FSRS card is due, most overdue first (at most N, default 20).
      Every question you answer gets a card. A wrong answer rates Again; right but
      unsure (answer `b?`) or much slower than your median rates Hard; right rates Good;
      right, fast and on a card already in review rates Easy. Options are shuffled anew
      each time. Leeches (questions missed 8 times) are left out; `weak` lists them.
    """,
    "drill": """
    drill [area|topic]
      Asks only the questions whose last answer was wrong. A question you miss comes
      back at the end, until each has been answered right once (or you type `quit`).
    """,
    "weak": """
    weak [area]
      Ranks topics from weakest to strongest. The estimate is smoothed (2 right of 2
      reads 75%, not 100%) and shows its 90% margin; topics with fewer than 5 answers
      say "not enough data". Each line names recent misses and the next command to run.
      Leeches are listed with their explanation.
    """,
    "set": """
    set retention <0.70-0.97>
      The recall probability reviews aim for (default 0.9). Higher means more reviews.
      Changing it reschedules every card from your answer history. `set` shows it.
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
    case "assess":
      guard rest.count == 1, let scope = rest.first else {
        throw CommandParseError(description: "usage: assess <area|topic>, such as `assess git`")
      }
      return .assess(scope: scope)
    case "jobs", "job":
      return try parseJobs(rest)
    case "plan":
      return .plan
    case "review", "r":
      return try parseReview(rest)
    case "drill":
      if rest.count > 1 { throw CommandParseError(description: "usage: drill [area|topic]") }
      return .drill(scope: rest.first)
    case "weak":
      if rest.count > 1 { throw CommandParseError(description: "usage: weak [area]") }
      return .weak(scope: rest.first)
    case "set":
      if rest.count > 2 { throw CommandParseError(description: "usage: set retention 0.9") }
      return .set(key: rest.first?.lowercased(), value: rest.dropFirst().first)
    case "quit", "exit", ":q":
      return .quit
    default:
      let close = closestMatches(to: first, among: REPLCommand.names, limit: 2)
      let hint =
        close.isEmpty
        ? "" : " Did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
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

  private static func parseJobs(_ words: [String]) throws(CommandParseError) -> REPLCommand {
    if words.first == "show" {
      guard words.count >= 2 else {
        throw CommandParseError(description: "usage: jobs show <id> [--explain]")
      }
      let explain = words.dropFirst(2).contains("--explain")
      return .jobShow(id: words[1], explain: explain)
    }
    var filters = JobFilters()
    var limit: Int?
    var index = 0
    func value() throws(CommandParseError) -> String {
      guard index + 1 < words.count else {
        throw CommandParseError(description: "\(words[index]) needs a value")
      }
      index += 1
      return words[index]
    }
    while index < words.count {
      switch words[index] {
      case "--location", "-l": filters.location = try value()
      case "--remote": filters.remoteOnly = true
      case "--employment-type", "--type": filters.employmentType = try value()
      case "--seniority":
        let text = try value()
        guard let level = SeniorityLevel(name: text) else {
          throw CommandParseError(
            description: "'\(text)' is not a level; use junior, mid, senior or staff")
        }
        filters.seniority = level
      case "--limit", "-n":
        guard let number = Int(try value()), number > 0 else {
          throw CommandParseError(description: "--limit needs a count of 1 or more")
        }
        limit = number
      default:
        throw CommandParseError(
          description: "unexpected '\(words[index])'; usage: jobs [--location L] [--remote] "
            + "[--seniority S] [--limit N], or jobs show <id>")
      }
      index += 1
    }
    return .jobs(filters: filters, limit: limit)
  }

  private static func parseReview(_ words: [String]) throws(CommandParseError) -> REPLCommand {
    let usage = "usage: review [area|topic] [--limit N]"
    var scope: String?
    var limit: Int?
    var index = 0
    while index < words.count {
      let word = words[index]
      if word == "--limit" || word == "-n" {
        guard index + 1 < words.count, let value = Int(words[index + 1]), value > 0 else {
          throw CommandParseError(description: "--limit needs a count of 1 or more; \(usage)")
        }
        limit = value
        index += 2
        continue
      }
      if let value = Int(word), value > 0, limit == nil {
        limit = value
      } else if word.hasPrefix("-") || scope != nil {
        throw CommandParseError(description: "unexpected '\(word)'; \(usage)")
      } else {
        scope = word
      }
      index += 1
    }
    return .review(scope: scope, limit: limit)
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
    case "stats", "weak":
      return previousWords.count == 1 ? [catalog.areas.map(\.id), catalog.allWords] : []
    case "assess":
      return previousWords.count == 1 ? [catalog.canonicalWords, catalog.allWords] : []
    case "review", "drill", "r":
      if previousWords.count == 1 { return [catalog.canonicalWords, catalog.allWords] }
      return command == "drill" ? [] : [["--limit"]]
    case "set":
      if previousWords.count == 1 { return [["retention", "level"]] }
      return previousWords.last == "level" ? [SeniorityLevel.allCases.map(\.name)] : []
    case "jobs":
      return previousWords.count == 1
        ? [["show", "--location", "--remote", "--seniority", "--limit"]] : [["--explain"]]
    case "help":
      return previousWords.count == 1 ? [REPLCommand.names] : []
    default:
      return []
    }
  }
}
