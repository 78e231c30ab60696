import Foundation
import SkillQuizKit

/// The JSON forms of `jobs`, `jobs show` and `plan`.
public enum JobMatchingJSON {
  struct Requirement: Encodable {
    let skills: [String]
    let required: Bool
    let threshold: Double
    let weight: Double
    let level: Double?
    let answered: Int
    let probabilityMet: Double?
    let status: RequirementStatus
    let credit: Double
    let lowCredit: Double
    let highCredit: Double
    let pointsLost: Double
  }

  struct Opening: Encodable {
    let rank: Int
    let id: String
    let company: String
    let title: String
    let score: Int
    let low: Int
    let high: Int
    let band: String
    let requiredCoverage: Double
    let preferredCoverage: Double?
    let seniorityFactor: Double
    let requirements: [Requirement]

    init(rank: Int, match: JobMatch) {
      self.rank = rank
      id = match.opening.id
      company = match.opening.company
      title = match.opening.title
      score = match.score
      low = match.low
      high = match.high
      band = match.band
      requiredCoverage = match.requiredCoverage
      preferredCoverage = match.preferredCoverage
      seniorityFactor = match.seniorityFactor
      requirements = match.requirements.map {
        Requirement(
          skills: $0.requirement.skills, required: $0.isRequired,
          threshold: $0.requirement.threshold, weight: $0.requirement.weight,
          level: $0.level.map(rounded), answered: $0.answered,
          probabilityMet: $0.probabilityMet.map(rounded), status: $0.status,
          credit: rounded($0.credit), lowCredit: rounded($0.lowCredit),
          highCredit: rounded($0.highCredit), pointsLost: $0.pointsLost)
      }
    }
  }

  /// Three decimals: enough to read, without float noise.
  static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

  struct Ranking: Encodable {
    let openings: [Opening]
    let hidden: [String]
  }

  struct Step: Encodable {
    let skill: String
    let points: Double
    let openings: Int
    let notAssessed: Bool
    let level: Double?
    let target: Double
  }

  struct Plan: Encodable {
    let openings: [String]
    let steps: [Step]
  }

  /// `jobs --json`.
  public static func ranking(_ shown: [(rank: Int, match: JobMatch)], hidden: [String])
    -> some Encodable
  {
    Ranking(openings: shown.map { Opening(rank: $0.rank, match: $0.match) }, hidden: hidden)
  }

  /// `jobs show --json`.
  public static func opening(rank: Int, match: JobMatch) -> some Encodable {
    Opening(rank: rank, match: match)
  }

  /// `plan --json`.
  public static func plan(_ plan: JobPlan) -> some Encodable {
    Plan(
      openings: plan.weighed.map(\.match.opening.id),
      steps: plan.steps.map {
        Step(
          skill: $0.skill, points: ($0.points * 10).rounded() / 10, openings: $0.openings,
          notAssessed: $0.notAssessed, level: $0.level, target: $0.target)
      })
  }
}
