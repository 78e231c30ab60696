import Foundation
import SkillQuizKit
import SkillQuizStore

extension ReadinessReport {
  /// The report from everything stored: profile, standings, assessments, history, weakest
  /// topics and the three best job matches (none when there is no openings file).
  public init(_ workspace: Workspace) throws(any Error) {
    let store = workspace.store
    let library = workspace.library
    let profile = try workspace.profile()
    let standings = try store.standings()
    let latest = AssessmentRecord.latestPerArea(try store.assessments())
    let areas = library.catalog.areas.map { area in
      ReadinessReport.AreaLine(
        area: area, profile: profile.areas[area.id], standing: standings.area(area.id),
        assessment: latest[area.id].map { ($0.finishedAt, $0.incompleteText) })
    }
    // The report shows at most the last 40 sessions with answers (its chart; the table, 20).
    let history = try store.quizzes(limit: 40, answeredOnly: true).reversed().compactMap { quiz in
      quiz.fraction.map { (date: quiz.startedAt, fraction: $0) }
    }
    let weakest = try WeakAreas.rank(workspace, areas: library.catalog.areas, profile: profile)
      .filter(\.hasEnoughData).prefix(5)
    var jobs: [JobMatch] = []
    do {
      jobs = try JobMatching(workspace).top(3).map(\.match)
    } catch is OpeningsLoader.MissingFile {
      // A report without openings is still a report: only the job section goes.
    }
    self.init(
      generatedAt: workspace.clock.now, areas: areas, history: Array(history),
      weakest: Array(weakest), jobs: jobs)
  }
}

/// `export anki`: which questions become notes.
public enum AnkiSelection {
  /// The questions of a scope (nil: all), only the missed ones when `missedOnly`.
  public static func questions(_ workspace: Workspace, scope word: String?, missedOnly: Bool)
    throws(any Error) -> [Question]
  {
    let scope = try workspace.optionalScope(word)
    var questions =
      scope.map { workspace.library.questions(in: $0) } ?? workspace.library.allQuestions()
    if missedOnly {
      let ids = Set(
        WeakAreas.missedQuestions(
          try workspace.store.lastMisses(), in: nil, library: workspace.library
        ).map(\.id))
      questions = questions.filter { ids.contains($0.id) }
    }
    return questions
  }
}
