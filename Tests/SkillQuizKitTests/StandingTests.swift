import Foundation
import HistoryReference
import Testing

@testable import SkillQuizKit

struct StandingTests {
  private func answer(
    _ quiz: Int64, _ topic: String, _ score: Double, at seconds: Double, skipped: Bool = false
  )
    -> AnswerRecord
  {
    AnswerRecord(
      quizID: quiz, questionID: "q\(seconds)", areaID: "git", topicID: topic, difficulty: .easy,
      response: skipped ? nil : "a", score: score, isSkipped: skipped,
      answeredAt: Date(timeIntervalSince1970: seconds))
  }

  @Test func standingsCountAnswersCreditAndLastPractice() {
    let report = StandingReport(answers: [
      answer(1, "basics", 1, at: 10), answer(1, "basics", 0, at: 20),
      answer(1, "branching", 0.5, at: 30), answer(1, "branching", 0, at: 40, skipped: true),
    ])
    let git = report.area("git")
    #expect(git.answeredCount == 3)
    #expect(git.correctCount == 1)
    #expect(git.fraction == 0.5)
    #expect(git.lastPracticed == Date(timeIntervalSince1970: 30))
    #expect(report.topics["git/basics"]?.fraction == 0.5)
    #expect(report.area("containers").fraction == nil)
  }

  @Test func trendComparesTheLastQuizWithTheOnesBefore() {
    let rising = StandingReport(answers: [
      answer(1, "basics", 0, at: 1), answer(2, "basics", 0.5, at: 2), answer(3, "basics", 1, at: 3),
    ]).area("git")
    #expect(rising.recentQuizFractions == [0, 0.5, 1])
    #expect(rising.trend == .up)
    let falling = StandingReport(answers: [
      answer(1, "basics", 1, at: 1), answer(2, "basics", 0, at: 2),
    ])
    #expect(falling.area("git").trend == .down)
    #expect(StandingReport(answers: [answer(1, "basics", 1, at: 1)]).area("git").trend == .unknown)
  }

  @Test func trendKeepsOnlyTheRecentQuizzes() {
    let answers = (1...12).map { answer(Int64($0), "basics", $0 > 10 ? 1 : 0, at: Double($0)) }
    let standing = StandingReport(answers: answers, trendLength: 4).area("git")
    #expect(standing.recentQuizFractions == [0, 0, 1, 1])
  }
}

/// The bundled banks are product code: they must load cleanly and meet the coverage rules.
struct BundledBankTests {
  private let library: QuestionLibrary

  init() throws {
    library = try BankLoader().load(from: DirectoryBankSource(root: BankFixtures.bundledBanks))
  }

  @Test func everyBundledBankLoadsWithoutProblems() {
    #expect(library.diagnostics.isEmpty, "\(library.diagnostics.map(\.description))")
    #expect(library.files.allSatisfy { $0.skipReason == nil && $0.skippedCount == 0 })
  }

  @Test func thereAreSevenAreasWithAtLeast60QuestionsEach() {
    #expect(library.catalog.areas.count == 7)
    for area in library.catalog.areas {
      let count = library.allQuestions().filter { $0.areaID == area.id }.count
      #expect(count >= 60, "\(area.id) has \(count) questions")
    }
    #expect(library.allQuestions().count >= 420)
  }

  @Test func theBundledBanksPassTheContentLintInStrictMode() {
    let findings = BankLint().findings(in: library, wholeAreas: true)
    #expect(findings.isEmpty, "\(findings.map(\.description))")
  }

  @Test func eachDifficultyIsAtLeastAFifthOfEveryArea() {
    for area in library.catalog.areas {
      let questions = library.allQuestions().filter { $0.areaID == area.id }
      for difficulty in Difficulty.allCases {
        let share =
          Double(questions.filter { $0.difficulty == difficulty }.count) / Double(questions.count)
        #expect(share >= 0.2, "\(area.id) \(difficulty): \(share)")
      }
    }
  }

  @Test func everyTopicHasQuestionsAndEveryQuestionAnExplanationAndReference() {
    for topic in library.catalog.areas.flatMap(\.topics) {
      let count = library.allQuestions().filter {
        $0.areaID == topic.areaID && $0.topicID == topic.id
      }
      .count
      #expect(count >= 8, "\(topic.areaID)/\(topic.id) has \(count)")
    }
    for question in library.allQuestions() {
      #expect(question.explanation.count >= 40, "\(question.id)")
      #expect(question.references.contains { $0.url.hasPrefix("https://") }, "\(question.id)")
    }
  }

  @Test func promptsAreUnique() {
    let prompts = Dictionary(grouping: library.allQuestions()) { $0.prompt.lowercased() }
    #expect(prompts.values.allSatisfy { $0.count == 1 })
  }

  @Test func theRequiredTechnologiesAreAllCovered() {
    let topics = Set(library.allQuestions().map { "\($0.areaID)/\($0.topicID)" })
    for required in [
      "languages/java", "languages/python", "languages/ruby", "languages/nodejs", "languages/go",
      "databases/sql", "databases/nosql", "apis/rest-http", "apis/graphql", "apis/grpc",
      "apis/api-auth", "cloud/aws", "cloud/azure", "cloud/gcp", "security/owasp", "git/branching",
      "containers/docker", "containers/kubernetes",
    ] {
      #expect(topics.contains(required), "\(required)")
    }
  }
}
