import Foundation

/// Why a quiz could not be planned.
public enum QuizPlanError: Error, Equatable, CustomStringConvertible {
  case noQuestions(scope: String, difficulty: Difficulty?)
  case invalidCount(Int)

  public var description: String {
    switch self {
    case .noQuestions(let scope, let difficulty?):
      "no \(difficulty.rawValue) questions in \(scope); try another difficulty or leave it out"
    case .noQuestions(let scope, nil):
      "no questions in \(scope) yet; `skills` lists the areas and topics that have questions"
    case .invalidCount(let count):
      "cannot run a quiz of \(count) questions; ask for 1 or more"
    }
  }
}

/// Chooses the questions for a quiz.
public enum QuizPlanner {
  /// The default number of questions in a quiz.
  public static let defaultCount = 10

  /// Picks up to `count` questions from a scope: never-answered ones first, then the ones
  /// answered longest ago, random within each group, options shuffled around pins.
  ///
  /// - Parameters:
  ///   - scope: The area or topic.
  ///   - count: How many questions to ask for.
  ///   - difficulty: Only this difficulty, when given.
  ///   - library: Where the questions come from.
  ///   - lastAnswered: When each question was last answered.
  ///   - random: The generator; seed it to reproduce a quiz.
  /// - Returns: The questions, in the order to ask them.
  /// - Throws: `QuizPlanError` when nothing matches or the count is not positive.
  public static func plan(
    scope: SkillScope, count: Int, difficulty: Difficulty?, library: QuestionLibrary,
    lastAnswered: [String: Date], using random: inout some RandomNumberGenerator
  ) throws(QuizPlanError) -> [PresentedQuestion] {
    guard count > 0 else { throw .invalidCount(count) }
    let pool = library.summaries(in: scope).filter {
      difficulty == nil || $0.difficulty == difficulty
    }
    guard !pool.isEmpty else { throw .noQuestions(scope: scope.label, difficulty: difficulty) }
    var unseen = pool.filter { lastAnswered[$0.id] == nil }
    unseen.shuffle(using: &random)
    var seen = pool.filter { lastAnswered[$0.id] != nil }
    seen.shuffle(using: &random)
    seen.sort { (lastAnswered[$0.id] ?? .distantPast) < (lastAnswered[$1.id] ?? .distantPast) }
    var chosen = Array((unseen + seen).prefix(count))
    chosen.shuffle(using: &random)
    return library.questions(ids: chosen.map(\.id)).map {
      PresentedQuestion(question: $0, using: &random)
    }
  }
}
