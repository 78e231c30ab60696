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
    let csv = AnswersExport.csv(answers)
    let lines = csv.components(separatedBy: "\r\n")
    #expect(lines[0] == AnswersExport.columns.joined(separator: ","))
    #expect(lines[1].hasPrefix("2026-09-21T"))
    #expect(lines[1].contains(",git.a,git,basics,easy,quiz,1,1,0,0,4.250,a"))
    #expect(csv.contains("\"SELECT \"\"x\"\", y\nFROM t;\""))
    let json = try JSONSerialization.jsonObject(with: Data(try AnswersExport.json(answers).utf8))
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

@Suite struct StreamingAnswersExportTests {
  private func answers(_ count: Int) -> [AnswerRecord] {
    var random = SeededRandom(seed: 77)
    // Quotes, a slash, a backslash, every escape JSON names, other control characters, non-ASCII.
    let responses: [String] = [
      "a, \"b\"", "x/y \\ z", "tab\tnew\nline\r\u{08}\u{0C}\u{01}\u{1F}", "é ☃ 𝄞 \u{7F}",
    ]
    let scores: [Double] = [0, 1, 0.5, 1 / 3.0]
    return (0..<count).map { index in
      AnswerRecord(
        quizID: nil, questionID: "git.basics.q\(index)", areaID: "git", topicID: "basics",
        difficulty: .easy,
        response: index % 3 == 0 ? nil : responses[index % 4],
        score: scores[index % 4], isSkipped: index % 3 == 0,
        answeredAt: Date(
          timeIntervalSince1970: Double(Int64.random(in: 0...4_000_000_000_000, using: &random))
            / 1000),
        duration: index % 2 == 0 ? nil : Double.random(in: 0...500, using: &random))
    }
  }

  @Test(arguments: [0, 1, 5, 200])
  func theJSONWriterWritesWhatTheWholeArrayExportWrites(count: Int) throws {
    let all = answers(count)
    var writer = AnswersExportWriter(format: .json)
    let streamed = writer.header() + all.map { writer.row($0) }.joined() + writer.footer()
    #expect(streamed == (try AnswersExport.json(all)))
  }

  @Test func timesAndNumbersAreWrittenAsTheFormattersWriteThem() {
    let formatter = AnswersExport.makeTimestamp()
    for answer in answers(2_000) {
      #expect(AnswersExport.utcText(answer.answeredAt) == formatter.string(from: answer.answeredAt))
      if let duration = answer.duration {
        #expect(AnswersExport.secondsText(duration) == String(format: "%.3f", duration))
      }
      #expect(AnswersExport.scoreText(answer.score) == String(format: "%.4g", answer.score))
    }
  }
}
