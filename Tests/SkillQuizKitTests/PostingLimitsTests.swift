import Foundation
import Testing

@testable import SkillQuizKit

/// Hostile posting files of about 2 MB in each format: reading finishes (in linear time; the
/// time itself is not asserted) and gives a clear error or what the file holds.
@Suite(.timeLimit(.minutes(1)))
struct PostingLimitsTests {
  private static let size = 2 << 20

  private func repeated(_ piece: String) -> String {
    String(repeating: piece, count: Self.size / piece.utf8.count)
  }

  /// A board of one job in `format` whose description is `html`.
  private func board(_ format: PostingFormat, description html: String) throws -> String {
    let object: Any =
      switch format {
      case .greenhouse:
        ["jobs": [["id": 1, "title": "T", "absolute_url": "https://x/1", "content": html]]]
      case .lever:
        [
          [
            "id": "1", "text": "T", "categories": [:], "description": html,
            "lists": [
              ["text": "Requirements", "content": html]
            ],
          ]
        ]
      case .ashby:
        ["jobs": [["id": "1", "title": "T", "jobUrl": "https://x/1", "descriptionHtml": html]]]
      case .jsonLD: ["@type": "JobPosting", "title": "T", "description": html]
      }
    return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  private func error(_ text: String) -> String? {
    do {
      _ = try PostingImporter.read(text, file: "board.json")
      return nil
    } catch {
      return error.message
    }
  }

  @Test(arguments: PostingFormat.allCases)
  func aDescriptionOfTagsThatNeverCloseIsReadAsText(format: PostingFormat) throws {
    let postings = try PostingImporter.read(
      try board(format, description: "<p>Go</p>" + repeated("<a")), file: "board.json")
    #expect(postings.map(\.title) == ["T"])
    #expect(postings.first?.lines.first == "Go")
    #expect(postings.first?.lines.last?.hasPrefix("<a<a") == true)
  }

  @Test(arguments: PostingFormat.allCases)
  func aDescriptionOfScriptsThatNeverEndIsDropped(format: PostingFormat) throws {
    let postings = try PostingImporter.read(
      try board(format, description: "<p>Go</p>" + repeated("<script>")), file: "board.json")
    #expect(postings.first?.lines == ["Go"])
  }

  @Test func entitiesAndListItemsInBulk() throws {
    let items = try PostingImporter.read(
      try board(.greenhouse, description: repeated("<li>Kafka</li>")), file: "board.json")
    #expect(items.first?.lines.count == Self.size / 14)
    let entities = try PostingImporter.read(
      try board(.greenhouse, description: repeated("&#")), file: "board.json")
    #expect(entities.first?.lines.first?.hasPrefix("&#&#") == true)
  }

  @Test func nestedBracketsAreNotJSON() {
    #expect(
      error(repeated("["))
        == "not JSON or HTML; import a saved JSON-LD, Greenhouse, Lever or Ashby file")
    let deep = String(repeating: "{\"@graph\":", count: Self.size / 10)
    #expect(error(deep)?.hasPrefix("not JSON or HTML") == true)
    // Well formed, but deeper than the JSON reader goes.
    let balanced = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(error(balanced)?.hasPrefix("not JSON or HTML") == true)
  }

  @Test func jsonAsDeepAsTheReaderGoesIsWalkedWithoutTrouble() throws {
    // The JSON reader refuses more than 512 levels; the walks over it go as deep.
    let depth = 500
    let company =
      String(repeating: "[", count: depth) + "\"Deep Co\""
      + String(repeating: "]", count: depth)
    let text =
      "{\"@type\": \"JobPosting\", \"title\": \"T\", \"hiringOrganization\": \(company), "
      + "\"@graph\": \(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))}"
    let postings = try PostingImporter.read(text, file: "deep.json")
    #expect(postings.map(\.company) == ["Deep Co"])
  }

  @Test func aPageOfScriptTagsHoldsNoPosting() {
    for piece in ["<script>", "<script", "<script type=\"application/ld+json\">[]</script>", "<"] {
      #expect(
        error("<html>" + repeated(piece))?.hasPrefix("this HTML page has no schema.org JobPosting")
          == true, "\(piece)")
    }
  }

  @Test func aFileOverTheLimitIsRefusedWhole() {
    let text = String(repeating: " ", count: PostingImporter.maximumBytes + 1)
    #expect(
      error(text)
        == "the file is 32.1 MB; a posting file may be at most 32 MB; save fewer postings per file")
  }

  @Test func htmlTextOnItsOwn() {
    #expect(HTMLText.lines(repeated("<")).first?.hasPrefix("<<<") == true)
    #expect(HTMLText.lines("<p>a</p>" + repeated("<style>")) == ["a"])
    #expect(HTMLText.jsonLDBlocks(repeated("<script>")).isEmpty)
    #expect(HTMLText.decodeEntities(repeated("&amp")).hasPrefix("&amp&amp"))
  }
}
