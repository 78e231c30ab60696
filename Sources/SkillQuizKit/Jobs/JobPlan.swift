import Foundation

/// The skills that would raise the match most across the top openings.
public struct JobPlanStep: Sendable, Hashable {
  /// The skill (an area or topic label).
  public let skill: String
  /// Points it could add, summed over the openings.
  public let points: Double
  /// How many openings it helps.
  public let openings: Int
  /// Whether the skill was never assessed.
  public let notAssessed: Bool
  /// The user's level now, if measured.
  public let level: Double?
  /// The highest threshold asked for it.
  public let target: Double
}

/// Builds a learning plan from matches.
public enum JobPlanner {
  /// Skills ordered by the points they could add across `matches`.
  public static func plan(_ matches: [JobMatch]) -> [JobPlanStep] {
    var points: [String: (Double, Int, Bool, Double?, Double)] = [:]
    for match in matches {
      for result in match.requirements where result.exactPointsLost > 1e-9 {
        let skill = result.bestSkill ?? result.requirement.skills.first ?? "?"
        var entry = points[skill] ?? (0, 0, result.status == .unknown, result.level, 0)
        entry.0 += result.exactPointsLost
        entry.1 += 1
        entry.4 = max(entry.4, result.requirement.threshold)
        points[skill] = entry
      }
    }
    return points.map {
      JobPlanStep(
        skill: $0.key, points: $0.value.0, openings: $0.value.1, notAssessed: $0.value.2,
        level: $0.value.3, target: $0.value.4)
    }
    .sorted { ($0.points, $1.skill) > ($1.points, $0.skill) }
  }
}
