import Foundation
import SkillQuizKit
import SkillQuizStore

/// The job-matching commands: `jobs`, `jobs show` and `plan`.
extension REPL {
  /// The openings, or nil (with the problems reported) when the file cannot be used.
  func loadOpenings() -> [JobOpening]? {
    guard let folder = banksFolder else {
      console.error("no openings: this session has no banks folder")
      return nil
    }
    do {
      let (openings, problems) = try OpeningsLoader.load(
        banks: folder, catalog: library.catalog, store: store)
      for problem in problems { console.writeError(problem.description + "\n") }
      return openings
    } catch {
      console.error("\(error)")
      return nil
    }
  }

  /// The user's career level, from `set level`.
  var seniority: SeniorityLevel? {
    (try? OpeningsLoader.seniority(in: store)) ?? nil
  }

  /// Skill levels from the measured profile.
  func skillLevels() -> SkillLevels {
    let answers = loadAnswers() ?? []
    return SkillLevels(
      catalog: library.catalog,
      profile: SkillProfile(answers: answers, library: library, calibrated: calibratedParameters()),
      overrides: nil)
  }

  private func matches(_ openings: [JobOpening]) -> [JobMatch] {
    let levels = skillLevels()
    let level = seniority
    return JobMatcher.rank(
      openings.map { JobMatcher.match($0, level: levels.level, seniority: level) })
  }

  func showJobs(filters: JobFilters, limit: Int?) {
    guard let openings = loadOpenings() else { return }
    let shown = openings.filter(filters.admits)
    let hidden = openings.filter { !filters.admits($0) }
    let ranked = matches(shown)
    if ranked.allSatisfy({ $0.requirements.allSatisfy { $0.level == nil } }) {
      console.line(
        renderer.style(
          "Nothing measured yet, so every opening reads 0%. Take a quiz or `assess` an area;"
            + " matches use what you answer, never what you claim.", .partial))
    }
    let view = JobsView(renderer: renderer, catalog: library.catalog)
    console.line(view.ranking(Array(ranked.prefix(limit ?? 10)), hidden: hidden))
    if seniority == nil {
      console.line(
        renderer.style(
          "Tip: `set level mid` (or junior, senior, staff) adds the seniority factor.", .dim))
    }
  }

  func showJob(id: String, explain: Bool) {
    guard let openings = loadOpenings() else { return }
    guard
      let opening = openings.first(where: { $0.id == id })
        ?? openings.first(where: { $0.id.hasPrefix(id) })
    else {
      let close = closestMatches(to: id, among: openings.map(\.id), limit: 2)
      console.error(
        "no opening '\(id)'."
          + (close.isEmpty
            ? "" : " Did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?")
          + " `jobs` lists them.")
      return
    }
    let view = JobsView(renderer: renderer, catalog: library.catalog)
    let levels = skillLevels()
    let match = JobMatcher.match(opening, level: levels.level, seniority: seniority)
    console.line(view.detail(match, explain: explain, seniority: seniority))
  }

  func showPlan() {
    guard let openings = loadOpenings() else { return }
    let top = Array(matches(openings).prefix(5))
    let view = JobsView(renderer: renderer, catalog: library.catalog)
    console.line(view.plan(JobPlanner.plan(top), openings: top.count))
  }
}
