import Foundation
import SkillQuizKit
import SkillQuizStore
import SkillQuizUseCases
import Testing

/// `stats --json` stays the same size however long the history: it names how many sessions
/// there were and lists the latest, as `history --json` does.
struct StatsJSONTests {
  @Test func theJSONCountsEverySessionAndListsTheLatestTwenty() throws {
    let harness = try REPLHarness()
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    var ids: [Int64] = []
    for index in 0..<25 {
      let when = start.addingTimeInterval(Double(index) * 3_600)
      let quiz = try harness.store.startQuiz(
        scope: "git", requestedCount: 1, difficulty: nil, seed: 1, at: when)
      try harness.store.record(
        AnswerRecord(
          quizID: quiz, questionID: "git.q\(index)", areaID: "git", topicID: "basics",
          difficulty: .easy, response: "a", score: index % 2 == 0 ? 1 : 0, answeredAt: when,
          duration: 5))
      try harness.store.finishQuiz(id: quiz, status: .completed, at: when)
      ids.append(quiz)
    }
    let workspace = Workspace(
      library: harness.library, store: harness.store, clock: harness.clock,
      banksFolder: bundledBanks)
    let json = try StatsJSON(try StatsOverview(workspace, scope: nil), workspace: workspace)
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    let object = try #require(
      try JSONSerialization.jsonObject(with: try encoder.encode(json)) as? [String: Any])
    #expect(object["quizCount"] as? Int == 25)
    #expect(object["quizzes"] == nil)
    let recent = try #require(object["recentQuizzes"] as? [[String: Any]])
    #expect(
      recent.compactMap { ($0["id"] as? NSNumber)?.int64Value }
        == ids.reversed().prefix(20).map { $0 })
    #expect(object["answered"] as? Int == 25)
  }
}
