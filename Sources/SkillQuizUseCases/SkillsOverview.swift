import Foundation
import SkillQuizKit
import SkillQuizStore

/// `skills`: every area and topic with its question count, the questions still fresh, and the
/// measured skill from the profile.
public struct SkillsOverview: Sendable {
  /// One topic's line.
  public struct TopicLine: Sendable {
    public let topic: Topic
    public let questionCount: Int
    /// Questions never shown: what `assess` can still ask.
    public let freshCount: Int
    /// The profile's entry; nil without evidence.
    public let skill: SkillProfile.Entry?
    public let standing: Standing
  }

  /// One area with its topics.
  public struct AreaLine: Sendable {
    public let area: SkillArea
    public let questionCount: Int
    /// Questions never shown.
    public let freshCount: Int
    /// The profile's entry; nil without evidence.
    public let skill: SkillProfile.Entry?
    public let standing: Standing
    /// The latest assessment of the area (or of one of its topics).
    public let assessment: AssessmentRecord?
    public let topics: [TopicLine]
  }

  public let areas: [AreaLine]

  /// Reads standings and assessments from the store.
  public init(_ workspace: Workspace) throws(StoreError) {
    let report = try workspace.store.standings()
    let profile = try workspace.profile()
    let latest = AssessmentRecord.latestPerArea(try workspace.store.assessments())
    let counts = workspace.library.counts
    areas = workspace.library.catalog.areas.map { area in
      let topics = area.topics.map { topic in
        TopicLine(
          topic: topic, questionCount: counts["\(area.id)/\(topic.id)"] ?? 0,
          freshCount: profile.freshCount("\(area.id)/\(topic.id)"), skill: profile.topic(topic),
          standing: report.topic(topic))
      }
      return AreaLine(
        area: area, questionCount: topics.reduce(0) { $0 + $1.questionCount },
        freshCount: profile.freshCount(area.id), skill: profile.areas[area.id],
        standing: report.area(area.id), assessment: latest[area.id], topics: topics)
    }
  }
}

extension AssessmentRecord {
  /// The latest assessment of each area: the area's own, or else the latest of its topics.
  public static func latestPerArea(_ records: [AssessmentRecord]) -> [String: AssessmentRecord] {
    var latest: [String: AssessmentRecord] = [:]
    for record in records {
      let currentIsArea = latest[record.areaID].map { $0.scope == $0.areaID } ?? false
      if record.scope == record.areaID || !currentIsArea { latest[record.areaID] = record }
    }
    return latest
  }
}
