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

struct WeakAreaTests {
  @Test func twoRightOfTwoIsNotAPerfectScore() throws {
    let library = try BankFixtures.library()
    let answers = [answer("git.single", score: 1, at: 1), answer("git.short", score: 1, at: 2)]
    let profile = SkillProfile(answers: answers, library: library)
    let basics = try #require(profile.topics["git/basics"])
    #expect(basics.answered == 2)
    #expect(!basics.hasEnoughData)
    #expect(basics.score.score < 250)
    #expect(basics.estimate.standardError > 0.5)
  }

  @Test func weakAreasRankWeakestFirstAndSetNotEnoughDataApart() throws {
    let library = try BankLoader().load(
      from: DirectoryBankSource(root: BankFixtures.bundledBanks))
    let git = try #require(library.catalog.area(id: "git"))
    let basics = library.allQuestions().filter { $0.topicID == "git-basics" }.prefix(6)
    let branching = library.allQuestions().filter { $0.topicID == "branching" }.prefix(6)
    var answers: [AnswerRecord] = []
    for (index, question) in basics.enumerated() {
      answers.append(
        AnswerRecord(
          quizID: 1, questionID: question.id, areaID: "git", topicID: "git-basics",
          difficulty: question.difficulty, response: "a", score: index < 5 ? 1 : 0,
          answeredAt: Date(timeIntervalSince1970: Double(index))))
    }
    for (index, question) in branching.enumerated() {
      answers.append(
        AnswerRecord(
          quizID: 1, questionID: question.id, areaID: "git", topicID: "branching",
          difficulty: question.difficulty, response: "a", score: index < 2 ? 1 : 0,
          answeredAt: Date(timeIntervalSince1970: Double(10 + index))))
    }
    let profile = SkillProfile(answers: answers, library: library)
    let ranked = WeakAreas.rank(
      areas: [git], answers: answers, cards: [], library: library, profile: profile,
      now: Date(timeIntervalSince1970: 100))
    #expect(ranked.first?.topic.id == "branching")
    #expect(ranked[1].topic.id == "git-basics")
    #expect(ranked.dropFirst(2).allSatisfy { !$0.hasEnoughData })
    #expect(ranked.first?.recentMisses == 4)
    #expect(ranked.first?.nextStep == "drill branching")
    let weak = try #require(ranked.first?.profile)
    let strong = try #require(ranked[1].profile)
    #expect(weak.estimate.theta < strong.estimate.theta)
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

  /// Days are counted as the calendar counts them, across a daylight-saving change too.
  @Test func theForecastDaysAreTheCalendarsDays() throws {
    let library = try BankFixtures.library()
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "America/New_York"))
    // 2026-10-30 20:00 local; clocks go back on 2026-11-01.
    let now = Date(timeIntervalSince1970: 1_793_404_800)
    let today = calendar.startOfDay(for: now)
    var random = SeededRandom(seed: 3)
    let ids = ["git.truth", "git.single", "git.multiple", "git.short"]
    for _ in 0..<50 {
      let cards = ids.map { id in
        let offset = Double(Int.random(in: -3 * 86_400...10 * 86_400, using: &random))
        return stored(id, due: now.timeIntervalSince1970 + offset)
      }
      var expected = Array(repeating: 0, count: 7)
      for card in cards {
        let day = calendar.dateComponents([.day], from: today, to: card.card.due).day ?? 0
        if day < 7 { expected[max(day, 0)] += 1 }
      }
      #expect(
        ReviewQueue.forecast(cards, library: library, from: now, calendar: calendar) == expected)
    }
  }
}
