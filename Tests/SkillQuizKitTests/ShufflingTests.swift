import Foundation
import Testing

@testable import SkillQuizKit

struct ShufflingTests {
  private let options = [
    QuestionOption(id: "a", text: "A"), QuestionOption(id: "b", text: "B"),
    QuestionOption(id: "c", text: "C"), QuestionOption(id: "d", text: "D"),
    QuestionOption(id: "all", text: "All of the above", isPinned: true),
  ]

  @Test func pinnedOptionsKeepTheirPlace() {
    var random = SeededRandom(seed: 1)
    for _ in 0..<200 {
      let shuffled = shuffledKeepingPins(options, using: &random)
      #expect(shuffled.last?.id == "all")
      #expect(Set(shuffled.map(\.id)) == Set(options.map(\.id)))
    }
  }

  @Test func aPinInTheMiddleStaysInTheMiddle() {
    let middle = [
      QuestionOption(id: "a", text: "A"), QuestionOption(id: "p", text: "P", isPinned: true),
      QuestionOption(id: "c", text: "C"),
    ]
    var random = SeededRandom(seed: 9)
    for _ in 0..<50 { #expect(shuffledKeepingPins(middle, using: &random)[1].id == "p") }
  }

  @Test func unpinnedOptionsReachEveryOrder() {
    var random = SeededRandom(seed: 42)
    var orders: Set<[String]> = []
    for _ in 0..<2000 { orders.insert(shuffledKeepingPins(options, using: &random).map(\.id)) }
    #expect(orders.count == 24)
  }

  @Test func theSameSeedGivesTheSameOrder() {
    var first = SeededRandom(seed: 7)
    var second = SeededRandom(seed: 7)
    let a = (0..<10).map { _ in shuffledKeepingPins(options, using: &first).map(\.id) }
    let b = (0..<10).map { _ in shuffledKeepingPins(options, using: &second).map(\.id) }
    #expect(a == b)
  }

  @Test func lettersFollowTheShownOrder() {
    let presented = PresentedQuestion(
      question: Question(
        id: "q", areaID: "git", topicID: "basics", difficulty: .easy, prompt: "P",
        options: options, answer: .single("c"), explanation: "E"),
      options: options.reversed())
    #expect(presented.letter(forOptionID: "all") == "a")
    #expect(presented.option(forLetter: "b")?.id == "d")
    #expect(presented.option(forLetter: "z") == nil)
  }
}

struct QuizPlannerTests {
  @Test func neverAnsweredQuestionsComeFirst() throws {
    let library = try BankFixtures.library()
    let scope = try #require(library.catalog.scope(named: "git"))
    let seen: [String: Date] = [
      "git.single": Date(timeIntervalSince1970: 10),
      "git.multiple": Date(timeIntervalSince1970: 20),
    ]
    var random = SeededRandom(seed: 3)
    let plan = try QuizPlanner.plan(
      scope: scope, count: 2, difficulty: nil, library: library, lastAnswered: seen,
      using: &random)
    #expect(Set(plan.map(\.question.id)) == ["git.truth", "git.short"])
    let three = try QuizPlanner.plan(
      scope: scope, count: 3, difficulty: nil, library: library, lastAnswered: seen,
      using: &random)
    #expect(Set(three.map(\.question.id)) == ["git.truth", "git.short", "git.single"])
  }

  @Test func theDifficultyFilterAndTopicScopeNarrowThePool() throws {
    let library = try BankFixtures.library()
    var random = SeededRandom(seed: 3)
    let merge = try #require(library.catalog.scope(named: "merge"))
    let plan = try QuizPlanner.plan(
      scope: merge, count: 10, difficulty: .hard, library: library, lastAnswered: [:],
      using: &random)
    #expect(plan.map(\.question.id) == ["git.truth"])
    #expect(throws: QuizPlanError.noQuestions(scope: "containers", difficulty: nil)) {
      try QuizPlanner.plan(
        scope: try #require(library.catalog.scope(named: "containers")), count: 3,
        difficulty: nil, library: library, lastAnswered: [:], using: &random)
    }
  }

  @Test func scopesResolveByIdAliasAndPath() throws {
    let catalog = try BankFixtures.library().catalog
    #expect(catalog.scope(named: "GIT")?.label == "git")
    #expect(catalog.scope(named: "vcs")?.label == "git")
    #expect(catalog.scope(named: "k8s")?.label == "containers/kubernetes")
    #expect(catalog.scope(named: "containers/docker")?.label == "containers/docker")
    #expect(catalog.scope(named: "dokcer") == nil)
    #expect(catalog.suggestions(for: "dokcer") == ["docker"])
  }
}
