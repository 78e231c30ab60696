import Foundation
import Testing

@testable import SkillQuizKit

private func answer(
  _ id: String = "git.single", score: Double, unsure: Bool = false, duration: Double? = 10,
  skipped: Bool = false, at seconds: Double = 0, topic: String = "basics"
) -> AnswerRecord {
  AnswerRecord(
    quizID: 1, questionID: id, areaID: "git", topicID: topic, difficulty: .easy,
    response: skipped ? nil : "a", score: score, isSkipped: skipped, isUnsure: unsure,
    answeredAt: Date(timeIntervalSince1970: seconds), duration: duration)
}

struct ReviewRatingTests {
  @Test(arguments: [
    (1.0, false, 10.0, FSRSState.learning, FSRSRating.good),
    (0.0, false, 10.0, .review, .again),
    (0.5, false, 10.0, .review, .again),
    (1.0, true, 10.0, .review, .hard),
    (1.0, false, 25.0, .review, .hard),
    (1.0, false, 4.0, .review, .easy),
    (1.0, false, 4.0, .learning, .good),
    (1.0, false, 500.0, .review, .good),
    (0.0, true, 4.0, .review, .again),
  ])
  func answersMapOntoRatings(
    score: Double, unsure: Bool, duration: Double, state: FSRSState, expected: FSRSRating
  ) {
    let rating = ReviewRating.rating(
      for: answer(score: score, unsure: unsure, duration: duration), medianDuration: 10,
      cardState: state)
    #expect(rating == expected)
  }

  @Test func skipsLeaveTheCardAloneAndSpeedNeedsAMedian() {
    #expect(
      ReviewRating.rating(for: answer(score: 0, skipped: true), medianDuration: 10, cardState: nil)
        == nil)
    #expect(
      ReviewRating.rating(
        for: answer(score: 1, duration: 1), medianDuration: nil, cardState: .review) == .good)
    #expect(ReviewRating.median([1, 2, 3, 4]) == nil)
    #expect(ReviewRating.median([5, 1, 4, 2, 3]) == 3)
    #expect(ReviewRating.median([6, 1, 4, 2, 3, 5]) == 3.5)
  }
}

struct ProficiencyTests {
  @Test func twoOfTwoIsNotOneHundredPercent() {
    let two = Proficiency(answered: 2, credit: 2)
    #expect(two.estimate == 0.75)
    #expect(!two.hasEnoughData)
    let many = Proficiency(answered: 40, credit: 30)
    #expect(abs(many.estimate - 31.0 / 42.0) < 1e-12)
    #expect(many.margin < Proficiency(answered: 8, credit: 6).margin)
    #expect(many.hasEnoughData)
  }

  @Test func weakAreasRankWeakestFirstAndSetNotEnoughDataApart() throws {
    let library = try BankFixtures.library()
    var answers: [AnswerRecord] = []
    for index in 0..<6 {
      let basics: Double = index < 5 ? 1 : 0
      let branching: Double = index < 2 ? 1 : 0
      answers.append(answer("git.single", score: basics, at: Double(index)))
      answers.append(
        answer("git.multiple", score: branching, at: Double(10 + index), topic: "branching"))
    }
    let ranked = WeakAreas.rank(
      areas: library.catalog.areas, answers: answers, cards: [], library: library,
      now: Date(timeIntervalSince1970: 100))
    #expect(ranked.first?.topic.id == "branching")
    #expect(ranked[1].topic.id == "basics")
    #expect(ranked.dropFirst(2).allSatisfy { !$0.proficiency.hasEnoughData })
    #expect(ranked.first?.recentMisses == 4)
    #expect(ranked.first?.nextStep == "drill branching")
  }

  @Test func missedQuestionsAreThoseWhoseLastAnswerWasWrong() throws {
    let library = try BankFixtures.library()
    let answers = [
      answer("git.single", score: 0, at: 1), answer("git.single", score: 1, at: 2),
      answer("git.truth", score: 1, at: 3), answer("git.truth", score: 0, at: 4),
      answer("git.short", score: 0, at: 5), answer("git.short", score: 0, skipped: true, at: 6),
    ]
    let missed = WeakAreas.missedQuestions(answers: answers, in: nil, library: library)
    #expect(missed.map(\.id) == ["git.truth", "git.short"])
  }
}

struct ReviewQueueTests {
  private func stored(_ id: String, due: Double, misses: Int = 0) -> StoredCard {
    StoredCard(
      questionID: id, areaID: "git", topicID: "basics",
      card: FSRSCard(
        state: .review, step: nil, stability: 3, difficulty: 5,
        due: Date(timeIntervalSince1970: due)),
      misses: misses)
  }

  @Test func dueCardsComeMostOverdueFirstAndLeechesStayOut() throws {
    let library = try BankFixtures.library()
    let cards = [
      stored("git.truth", due: 50), stored("git.single", due: 10),
      stored("git.short", due: 5, misses: StoredCard.leechThreshold),
      stored("git.multiple", due: 500),
      stored("gone.question", due: 1),
    ]
    let now = Date(timeIntervalSince1970: 100)
    let due = ReviewQueue.due(cards, in: nil, library: library, at: now)
    #expect(due.map(\.questionID) == ["git.single", "git.truth"])
    #expect(
      ReviewQueue.nextDue(cards, in: nil, library: library, after: now)
        == Date(timeIntervalSince1970: 500))
    #expect(cards[2].isLeech && !cards[0].isLeech)
  }

  @Test func theForecastCountsEachDayAndFoldsOverdueIntoToday() throws {
    let library = try BankFixtures.library()
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    let now = Date(timeIntervalSince1970: 10 * 86_400 + 3600)
    let cards = [
      stored("git.truth", due: 9 * 86_400), stored("git.single", due: 10 * 86_400 + 7200),
      stored("git.multiple", due: 12 * 86_400 + 60), stored("git.short", due: 30 * 86_400),
    ]
    let forecast = ReviewQueue.forecast(cards, library: library, from: now, calendar: calendar)
    #expect(forecast == [2, 0, 1, 0, 0, 0, 0])
  }
}
