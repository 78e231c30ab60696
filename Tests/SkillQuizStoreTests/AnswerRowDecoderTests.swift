import Foundation
import GRDB
import SkillQuizKit
import Testing

@testable import SkillQuizStore

/// The export's reader, which decodes rows by position and times by hand, against GRDB's.
struct AnswerRowDecoderTests {
  /// GRDB's reading of a stored time, and the decoder's.
  private func dates(_ text: String) -> (grdb: Date?, decoder: Date?) {
    let decoder = Array(text.utf8).withUnsafeBufferPointer(AnswerRowDecoder.storedDate)
    return (Date.fromDatabaseValue(text.databaseValue), decoder)
  }

  /// The millisecond an export writes for `date`.
  private func millisecond(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  @Test func storedTimesReadAsGRDBReadsThemToTheMillisecond() throws {
    var random = SeededRandom(seed: 13)
    var texts = [
      "1900-01-01 00:00:00.000", "1970-01-01 00:00:00.000", "2000-02-29 23:59:59.999",
      "2001-01-01 00:00:00.036", "2024-12-31 12:00:05.500", "9999-12-31 23:59:59.999",
    ]
    for _ in 0..<5_000 {
      let millis = Int64.random(in: -2_208_988_800_000..<253_402_300_800_000, using: &random)
      let date = Date(timeIntervalSince1970: Double(millis) / 1000)
      texts.append(try #require(String.fromDatabaseValue(date.databaseValue)))
    }
    for text in texts {
      let (grdb, decoder) = dates(text)
      let expected = try #require(grdb)
      let decoded = try #require(decoder, "\(text)")
      #expect(abs(decoded.timeIntervalSince(expected)) < 1e-6, "\(text)")
      #expect(millisecond(decoded) == millisecond(expected), "\(text)")
    }
  }

  @Test(arguments: [
    "2024-02-30 12:00:00.000", "2023-02-29 12:00:00.000", "2024-13-01 12:00:00.000",
    "2024-12-01 24:00:00.000", "2024-12-01 12:60:00.000", "2024-12-01 12:00:60.000",
    "1899-12-31 23:59:59.999", "1500-03-01 12:00:00.000", "2024-12-01T12:00:05.000",
    "2024-12-01 12:00:05", "2024-12-01 12:00:05.0000", "2024-1a-01 12:00:00.000",
    "+024-12-01 12:00:00.000",
  ])
  func otherFormsAndOutOfRangeFieldsAreLeftToGRDB(text: String) {
    #expect(dates(text).decoder == nil)
  }

  @Test func streamedAnswersAreTheAnswersAsGRDBReadsThem() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    var random = SeededRandom(seed: 5)
    let answers = (0..<300).map { index in
      AnswerRecord(
        quizID: nil, questionID: "git.q\(index % 17)" + (index % 7 == 0 ? "-é,\"x\"\n" : ""),
        areaID: "git", topicID: "basics", difficulty: Difficulty.allCases[index % 3],
        mode: AnswerMode.allCases[index % 4], response: index % 4 == 0 ? nil : "r\(index)",
        score: [0, 1, 0.5][index % 3], isSkipped: index % 9 == 0, isUnsure: index % 5 == 0,
        answeredAt: Date(
          timeIntervalSince1970: Double(Int64.random(in: 0...4_000_000_000_000, using: &random))
            / 1000),
        duration: index % 6 == 0 ? nil : Double(index) * 0.137)
    }
    try store.record(contentsOf: answers)
    // Forms GRDB reads that the decoder leaves to it, and values the enums do not know.
    try store.pool.write { db in
      try db.execute(
        sql: """
          UPDATE answer SET answered_at = '2030-05-06T07:08:09.123' WHERE id = 3;
          UPDATE answer SET answered_at = '1850-01-02 03:04:05.678' WHERE id = 4;
          UPDATE answer SET difficulty = 'brutal', mode = 'exam' WHERE id = 5;
          """)
    }
    var streamed: [AnswerRecord] = []
    try store.forEachAnswer { streamed.append($0) }
    let stored = try store.answers()
    #expect(streamed.count == 300)
    #expect(streamed.count == stored.count)
    for (one, other) in zip(streamed, stored) {
      var aligned = one
      aligned.answeredAt = other.answeredAt
      #expect(aligned == other)
      #expect(abs(one.answeredAt.timeIntervalSince(other.answeredAt)) < 1e-6)
    }
  }

  @Test func aTimeThatIsNotADateIsAnErrorThatSaysWhatIsStored() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    try store.record(
      AnswerRecord(
        quizID: nil, questionID: "git.a", areaID: "git", topicID: "basics", difficulty: .easy,
        response: "a", score: 1, answeredAt: Date(timeIntervalSince1970: 1_790_000_000)))
    try store.pool.write { db in
      try db.execute(sql: "UPDATE answer SET answered_at = 'yesterday'")
    }
    #expect {
      try store.forEachAnswer { _ in }
    } throws: { error in
      "\(error)".contains("an answer's time 'yesterday' is not a date")
        && "\(error)".contains("skillquiz doctor")
    }
  }
}
