import Foundation
import Testing

@testable import SkillQuizKit

struct ExportTests {
  private func answer(_ id: String, score: Double, response: String?) -> AnswerRecord {
    AnswerRecord(
      quizID: 1, questionID: id, areaID: "git", topicID: "basics", difficulty: .easy,
      response: response, score: score, answeredAt: Date(timeIntervalSince1970: 1_790_000_000),
      duration: 4.25)
  }

  @Test func answersExportAsCSVWithQuotingAndAsJSON() throws {
    let answers = [
      answer("git.a", score: 1, response: "a"),
      answer("git.b", score: 0, response: "SELECT \"x\", y\nFROM t;"),
    ]
    let csv = AnswersExportWriter.text(answers, format: .csv)
    let lines = csv.components(separatedBy: "\r\n")
    #expect(lines[0] == AnswersExport.columns.joined(separator: ","))
    #expect(lines[1].hasPrefix("2026-09-21T"))
    #expect(lines[1].contains(",git.a,git,basics,easy,quiz,1,1,0,0,4.250,a"))
    #expect(csv.contains("\"SELECT \"\"x\"\", y\nFROM t;\""))
    let json = try JSONSerialization.jsonObject(
      with: Data(AnswersExportWriter.text(answers, format: .json).utf8))
    let rows = try #require(json as? [[String: Any]])
    #expect(rows.count == 2)
    #expect(rows[1]["correct"] as? Bool == false)
    #expect(rows[0]["duration_seconds"] as? Double == 4.25)
  }

  @Test func ankiNotesHaveHeadersThreeFieldsHTMLAndTags() throws {
    let library = try BankFixtures.library()
    let text = AnkiExport.notes(library.allQuestions())
    let lines = text.split(separator: "\n").map(String.init)
    #expect(Array(lines.prefix(3)) == ["#separator:tab", "#html:true", "#tags column:3"])
    let notes = lines.dropFirst(3)
    #expect(notes.count == library.allQuestions().count)
    for note in notes {
      let fields = note.split(separator: "\t", omittingEmptySubsequences: false)
      #expect(fields.count == 3)
      #expect(fields[2].hasPrefix("skillquiz git git::"))
    }
    let single = try #require(notes.first { $0.contains("working tree status") })
    #expect(single.contains("<ol type=\"a\"><li>git status</li>"))
    #expect(single.contains("<b>a) </b>git status"))
    #expect(single.contains("<code>git status</code>"))
  }

  @Test func codeBlocksBecomePreCodeAndTextIsEscaped() {
    let html = AnkiExport.html("Run this:\n\n```bash\ngit log <ref> | head\n```\nand `a<b`.")
    #expect(
      html.contains("<pre><code class=\"language-bash\">git log &lt;ref&gt; | head</code></pre>"))
    #expect(html.contains("<code>a&lt;b</code>"))
  }

  @Test func theReportHasSVGChartsAndNoScript() throws {
    let library = try BankFixtures.library()
    let git = try #require(library.catalog.area(id: "git"))
    let report = ReadinessReport(
      generatedAt: Date(timeIntervalSince1970: 1_790_000_000),
      areas: [
        ReadinessReport.AreaLine(
          area: git,
          profile: SkillProfile.Entry(
            estimate: AbilityEstimate(theta: 0.36, standardError: 0.44), posterior: .prior,
            answered: 8),
          standing: Standing(),
          assessment: (Date(timeIntervalSince1970: 1_790_000_000), "incomplete (2 of ≥8)")),
        ReadinessReport.AreaLine(
          area: git,
          profile: SkillProfile.Entry(
            estimate: AbilityEstimate(theta: 0.9, standardError: 0.8), posterior: .prior,
            answered: 2),
          standing: Standing(), assessment: nil),
      ],
      history: [(Date(timeIntervalSince1970: 1), 0.5), (Date(timeIntervalSince1970: 2), 0.75)],
      weakest: [], jobs: [])
    let html = report.html()
    #expect(html.components(separatedBy: "<svg").count - 1 == 2)
    #expect(html.contains("<rect"))
    #expect(html.contains("<polyline class=\"trend\""))
    #expect(html.contains("168 ± 22"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("@import"))
    let markdown = report.markdown()
    #expect(
      markdown.contains(
        "| Version control (Git) | 168 ± 22 | Proficient (Above Average) | 0 | — |"
          + " incomplete (2 of ≥8), 2026-09-21 |"))
    #expect(markdown.contains("| Version control (Git) | 195 ± 40 | too few answers (2) |"))
    #expect(markdown.contains("the model's reference population"))
  }

  @Test func untrustedNamesInTheReportAreTextNotMarkupOrEscapes() throws {
    let hostile =
      "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:y) "
      + "**b** | c \u{1B}]0;pwned\u{07}"
    let area = SkillArea(
      id: "git", name: hostile, aliases: [],
      topics: [Topic(id: "basics", name: hostile, aliases: [], areaID: "git")])
    let report = ReadinessReport(
      generatedAt: Date(timeIntervalSince1970: 1_790_000_000),
      areas: [
        ReadinessReport.AreaLine(area: area, profile: nil, standing: Standing(), assessment: nil)
      ], history: [], weakest: [], jobs: [])
    for text in [report.markdown(), report.html()] {
      #expect(!text.lowercased().contains("<script"))
      #expect(!text.lowercased().contains("<img"))
      #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
    }
    #expect(
      ReadinessReport.markdownText(hostile)
        == "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; "
        + "\\[x\\](javascript:y) \\*\\*b\\*\\* \\| c ␛\\]0;pwned␇")
    #expect(report.markdown().contains("| &lt;script&gt;alert(1)&lt;/script&gt; "))
  }

  @Test func missCountsReadAsEnglish() {
    #expect(ReadinessReport.misses(1) == "1 recent miss")
    #expect(ReadinessReport.misses(0) == "0 recent misses")
    #expect(ReadinessReport.misses(3) == "3 recent misses")
  }
}

extension AnswersExportWriter {
  /// The whole export of `answers`, as one string.
  static func text(_ answers: [AnswerRecord], format: Format) -> String {
    var writer = AnswersExportWriter(format: format)
    var text: [UInt8] = []
    for answer in answers {
      writer.append(answer)
      if writer.isBlockFull { writer.drain { text.append(contentsOf: $0) } }
    }
    writer.finish()
    writer.drain { text.append(contentsOf: $0) }
    return String(decoding: text, as: UTF8.self)
  }
}

@Suite struct StreamingAnswersExportTests {
  private func answers(_ count: Int) -> [AnswerRecord] {
    var random = SeededRandom(seed: 77)
    // Quotes, a slash, a backslash, every escape JSON names, other control characters,
    // non-ASCII, a CR LF pair (one character, which CSV does not quote), a comma with an accent.
    let texts: [String] = [
      "a, \"b\"", "x/y \\ z", "tab\tnew\nline\r\u{08}\u{0C}\u{01}\u{1F}", "é ☃ 𝄞 \u{7F}",
      "one\r\ntwo", "a,\u{301}b", "plain", "",
      "a much longer response that goes past a small string",
    ]
    // No -0: SQLite stores a whole REAL as an integer, so it reads back as 0.
    let scores: [Double] = [0, 1, 0.5, 1 / 3.0, 0.25, 0.75, 0.123456]
    return (0..<count).map { index in
      // Milliseconds as stored, most in 1970–2096, a few before 1900 and after 9999.
      let millis: Int64 =
        switch index % 50 {
        case 7: Int64.random(in: -70_000_000_000_000 ... -2_208_988_800_001, using: &random)
        case 8: Int64.random(in: 253_402_300_800_000...300_000_000_000_000, using: &random)
        case 9: [-2_208_988_800_000, 253_402_300_799_999, 0, -1][index / 50 % 4]
        default: Int64.random(in: 0...4_000_000_000_000, using: &random)
        }
      let duration: Double? =
        switch index % 4 {
        case 0: nil
        case 1: Double.random(in: 0...500, using: &random)
        case 2: Double(Int64.random(in: 0...10_000_000, using: &random)) / 1000
        default: [0, 0.001, 2, 1_000_000, -1.5, 0.0004, 1e13, 123_456_789.012][index / 4 % 8]
        }
      return AnswerRecord(
        quizID: nil, questionID: "git.basics.q\(index)" + (index % 11 == 0 ? texts[index % 9] : ""),
        areaID: index % 13 == 0 ? texts[index % 9] : "git", topicID: "basics",
        difficulty: Difficulty.allCases[index % 3], mode: AnswerMode.allCases[index % 4],
        response: index % 3 == 0 ? nil : texts[index % 9],
        score: scores[index % 7], isSkipped: index % 3 == 0, isUnsure: index % 5 == 0,
        answeredAt: Date(timeIntervalSince1970: Double(millis) / 1000), duration: duration)
    }
  }

  /// The first line where `text` and `reference` differ, with both versions of it.
  private func firstDifference(_ text: String, _ reference: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let expected = reference.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, (line, wanted)) in zip(lines, expected).enumerated() where line != wanted {
      return "line \(index + 1): \(line.debugDescription), expected \(wanted.debugDescription)"
    }
    return "\(lines.count) lines, expected \(expected.count)"
  }

  @Test(arguments: [0, 1, 5, 2_000])
  func theJSONWriterWritesWhatTheWholeArrayExportWrites(count: Int) throws {
    let all = answers(count)
    let written = AnswersExportWriter.text(all, format: .json)
    let reference = try AnswersExportReference.json(all)
    #expect(written == reference, "\(firstDifference(written, reference))")
  }

  @Test(arguments: [0, 1, 5, 2_000])
  func theCSVWriterWritesWhatTheWholeArrayExportWrites(count: Int) {
    let all = answers(count)
    let written = AnswersExportWriter.text(all, format: .csv)
    let reference = AnswersExportReference.csv(all)
    #expect(written == reference, "\(firstDifference(written, reference))")
  }

  @Test func eachBlockIsDrainedWholeAndTheWriterThenStartsAfresh() {
    var writer = AnswersExportWriter(format: .csv)
    var blocks: [[UInt8]] = []
    for answer in answers(2_000) {
      writer.append(answer)
      if writer.isBlockFull { writer.drain { blocks.append(Array($0)) } }
    }
    #expect(blocks.count > 1)
    #expect(blocks.allSatisfy { $0.count >= AnswersExportWriter.blockSize })
    #expect(writer.bytes.count < AnswersExportWriter.blockSize)
  }

  @Test func timesAndNumbersAreWrittenAsTheFormattersWriteThem() {
    let formatter = AnswersExportReference.makeTimestamp()
    for answer in answers(2_000) {
      let time = AnswersExport.utcText(answer.answeredAt)
      // Outside 1900–9999 they part: the formatter's calendar turns Julian before 1582.
      if time.count == 24, let year = Int(time.prefix(4)), year >= 1900 {
        #expect(time == formatter.string(from: answer.answeredAt))
      }
      if let duration = answer.duration {
        #expect(AnswersExport.secondsText(duration) == String(format: "%.3f", duration))
      }
      #expect(AnswersExport.scoreText(answer.score) == String(format: "%.4g", answer.score))
    }
  }
}
