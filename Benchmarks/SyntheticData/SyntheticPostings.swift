import Foundation
import SkillQuizKit

/// Synthetic Greenhouse job-board files (`GET /v1/boards/{token}/jobs?content=true`), the
/// shape `jobs import` reads: entity-escaped HTML content naming skills by their keywords.
struct SyntheticPostings {
  /// How many postings, in all.
  var count: Int
  /// How many postings per board file.
  var perFile = 50
  /// The seed of everything random.
  var seed: UInt64

  /// The board files: names and JSON text.
  func boards(catalog: SkillCatalog) throws -> [(name: String, json: String)] {
    var text = SyntheticText(seed: seed)
    let keywords = catalog.areas.flatMap { $0.keywords + $0.topics.flatMap(\.keywords) }
    let fallback = catalog.areas.flatMap { area in area.topics.map(\.name) }
    let words = keywords.isEmpty ? fallback : keywords
    var boards: [(name: String, json: String)] = []
    var posting = 0
    var board = 0
    while posting < count {
      let size = min(max(1, perFile), count - posting)
      var jobs: [[String: Any]] = []
      for _ in 0..<size {
        let id = 4_000_000_000 + posting
        let place = text.pick(SyntheticText.cities)
        let required = (0..<text.int(3...6)).map { _ in text.pick(words) }
        let bonus = (0..<text.int(1...3)).map { _ in text.pick(words) }
        var html = "<p>\(text.paragraph(characters: 240))</p><h2>What you will need</h2><ul>"
        for skill in required {
          html += "<li>Experience with \(skill) in production; \(text.sentence(words: 8))</li>"
        }
        html += "</ul><h2>Nice to have</h2><ul>"
        for skill in bonus { html += "<li>\(skill)</li>" }
        html += "</ul><p>\(text.paragraph(characters: 200))</p>"
        jobs.append([
          "id": id,
          "internal_job_id": id - 1_000_000_000,
          "title": text.pick(SyntheticOpenings.titles),
          "updated_at": String(
            format: "2026-%02d-%02dT10:00:00-05:00", text.int(1...12), text.int(1...28)),
          "requisition_id": "ENG-\(posting)",
          "location": ["name": "\(place.city), \(place.country)"],
          "absolute_url": "https://boards.greenhouse.io/synth\(board)/jobs/\(id)",
          "content": Self.entityEscaped(html),
          "departments": [["id": 1, "name": "Engineering"]],
        ])
        posting += 1
      }
      let object: [String: Any] = ["jobs": jobs, "meta": ["total": jobs.count]]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      boards.append(
        (String(format: "synth-board-%04d.json", board), String(decoding: data, as: UTF8.self)))
      board += 1
    }
    return boards
  }

  /// Greenhouse sends its HTML entity-escaped.
  static func entityEscaped(_ html: String) -> String {
    html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "'", with: "&#39;")
  }
}

/// A Markdown quiz in the style `MarkdownQuizParser` reads (`#### Q1. stem`, `- [ ]` and
/// `- [x]` options, code blocks, `**Explanation:**`, `[Reference](url)`), written fresh.
struct SyntheticMarkdown {
  /// How many questions.
  var count: Int
  /// The seed of everything random.
  var seed: UInt64

  /// The file's text: about 365 bytes a question, like the public collections.
  func text() -> String {
    var text = SyntheticText(seed: seed)
    var out = "## Backend engineering (synthetic, from skillquiz-synth seed \(seed))\n\n"
    for number in stride(from: 1, through: count, by: 1) {
      out += "#### Q\(number). \(text.sentence(words: text.int(10...20)))\n\n"
      if text.chance(0.2) {
        out += "```bash\n\(text.pick(SyntheticText.commands))\n```\n\n"
      }
      let options = text.int(3...4)
      let multiple = text.chance(0.12)
      let right = text.int(0...(options - 1))
      let second = (right + 1) % options
      for option in 0..<options {
        let mark = option == right || (multiple && option == second) ? "x" : " "
        out += "- [\(mark)] \(text.phrase(words: text.int(3...6))) \(option + 1)\n"
      }
      out += "\n"
      if text.chance(0.6) {
        out += "**Explanation:** \(text.sentence(words: text.int(8...14)))\n\n"
      }
      if text.chance(0.4) {
        out +=
          "[Reference](https://docs.example.com/\(text.pick(SyntheticText.nouns).replacingOccurrences(of: " ", with: "-")))\n\n"
      }
    }
    return out
  }
}
