import Foundation
import Testing

@testable import SkillQuizKit

/// Replays every `*.expected.json` in `Fixtures/postings/` against its posting file.
enum PostingFixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/postings")

  static var cases: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".expected.json") }.sorted()
  }

  struct Expected: Decodable {
    struct Opening: Decodable {
      let company: String
      let title: String
      let locations: [String]
      let workplace: String
      let seniority: String?
      let required: [String]
      let preferred: [String]
      let strong: [String]
      let unrecognised: [String]
    }
    let format: String
    let company: String?
    let openings: [Opening]
  }

  static let catalog: SkillCatalog = {
    let banks = BankFixtures.bundledBanks
    return (try? BankLoader().load(from: DirectoryBankSource(root: banks)).catalog)
      ?? SkillCatalog(areas: [])
  }()
}

struct PostingImportTests {
  @Test func theFixtureFolderCoversEveryFormat() throws {
    let formats = try PostingFixtures.cases.map { name in
      try JSONDecoder().decode(
        PostingFixtures.Expected.self,
        from: Data(contentsOf: PostingFixtures.folder.appendingPathComponent(name))
      ).format
    }
    #expect(Set(formats) == Set(PostingFormat.allCases.map(\.rawValue)))
  }

  @Test(arguments: PostingFixtures.cases)
  func eachFixtureImportsAsExpected(name: String) throws {
    let expected = try JSONDecoder().decode(
      PostingFixtures.Expected.self,
      from: Data(contentsOf: PostingFixtures.folder.appendingPathComponent(name)))
    let base = name.replacingOccurrences(of: ".expected.json", with: "")
    let input = try #require(
      try FileManager.default.contentsOfDirectory(atPath: PostingFixtures.folder.path).first {
        $0.hasPrefix(base + ".") && !$0.hasSuffix(".expected.json")
      })
    let text = try String(
      contentsOf: PostingFixtures.folder.appendingPathComponent(input), encoding: .utf8)
    let postings = try PostingImporter.read(text, file: input, company: expected.company)
    #expect(postings.allSatisfy { $0.format.rawValue == expected.format })
    #expect(postings.count == expected.openings.count)
    let extractor = SkillExtractor(catalog: PostingFixtures.catalog)
    for (posting, want) in zip(postings, expected.openings) {
      let (opening, unrecognised) = PostingImporter.opening(
        from: posting, extractor: extractor, file: input)
      let got = try #require(opening)
      #expect(got.company == want.company)
      #expect(got.title == want.title)
      #expect(got.locations.compactMap(\.city) == want.locations)
      #expect(got.workplace.rawValue == want.workplace)
      #expect(got.seniority?.lowerBound.name == want.seniority)
      #expect(got.origin == .extracted)
      #expect(got.required.map { $0.skills[0] }.sorted() == want.required, "\(name) required")
      #expect(got.preferred.map { $0.skills[0] }.sorted() == want.preferred, "\(name) preferred")
      let strong = (got.required + got.preferred).filter { $0.threshold >= 75 }.map { $0.skills[0] }
      #expect(strong.sorted() == want.strong, "\(name) strong")
      #expect(unrecognised == want.unrecognised, "\(name) unrecognised")
    }
  }

  @Test(arguments: ["{\"hello\": 1}", "not json at all", "<html><body>No data</body></html>", "[]"])
  func unknownOrEmptyFilesAreClearErrors(text: String) {
    #expect(throws: PostingImportError.self) {
      try PostingImporter.read(text, file: "mystery.json")
    }
  }
}

struct SkillExtractorTests {
  private let extractor = SkillExtractor(catalog: PostingFixtures.catalog)

  private func labels(_ line: String) -> [String] { extractor.skills(in: line).sorted() }

  @Test func goTheLanguageIsNotGoTheVerb() {
    #expect(
      labels("Experience with Go and PostgreSQL") == ["databases/postgresql", "languages/go"])
    #expect(labels("We go fast and go far") == [])
    #expect(labels("Go above and beyond for customers") == [])
    #expect(labels("Golang services") == ["languages/go"])
  }

  @Test func nodeInAListAndKubernetesByItsNicknames() {
    #expect(
      labels("Python, Node, or Java") == ["languages/java", "languages/nodejs", "languages/python"])
    #expect(labels("Deploying to EKS") == ["containers/kubernetes"])
    #expect(labels("k8s operators") == ["containers/kubernetes"])
    #expect(labels("nodejs and node.js") == ["languages/nodejs", "languages/nodejs"])
  }

  @Test func longestMatchesWinAndWordBoundariesHold() {
    #expect(labels("Ruby on Rails") == ["languages/ruby"])
    #expect(labels("Google Cloud Platform") == ["cloud/gcp"])
    #expect(labels("gitops and github") == ["git/remotes"])
    #expect(labels("RESTful APIs") == ["apis/rest-http"])
    #expect(labels("rest assured") == [])
  }

  @Test func preferredCuesAndLevelsAreRead() {
    let result = extractor.extract(lines: [
      "Requirements", "• Deep experience with Python", "• Familiarity with Docker",
      "• Kubernetes is a plus", "Nice to have", "• AWS",
    ])
    let byLabel = Dictionary(uniqueKeysWithValues: result.findings.map { ($0.skill, $0) })
    #expect(byLabel["languages/python"]?.isRequired == true)
    #expect(byLabel["languages/python"]?.threshold == 75)
    #expect(byLabel["containers/docker"]?.isRequired == false)
    #expect(byLabel["containers/docker"]?.threshold == 50)
    #expect(byLabel["containers/kubernetes"]?.isRequired == false)
    #expect(byLabel["cloud/aws"]?.isRequired == false)
  }
}
