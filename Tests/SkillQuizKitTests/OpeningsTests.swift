import Foundation
import Testing

@testable import SkillQuizKit

struct OpeningsTests {
  private func parse(_ yaml: String) throws -> ([JobOpening], [BankDiagnostic]) {
    let catalog = try BankFixtures.library().catalog
    let result = OpeningsParser.parse(
      BankFile(path: "openings.yaml", contents: yaml), catalog: catalog)
    return (result.openings, result.diagnostics)
  }

  @Test func theBundledOpeningsLoadWithThePlaidAndWhatnotRolesAndTenSamples() throws {
    let banks = BankFixtures.bundledBanks
    let library = try BankLoader().load(from: DirectoryBankSource(root: banks))
    let text = try String(
      contentsOf: banks.appendingPathComponent("openings.yaml"), encoding: .utf8)
    let (openings, problems) = OpeningsParser.parse(
      BankFile(path: "openings.yaml", contents: text), catalog: library.catalog)
    #expect(problems.isEmpty, "\(problems.map(\.description))")
    let plaid = try #require(openings.first { $0.company == "Plaid" })
    #expect(plaid.title == "Mid-Senior Software Engineer - Credit")
    #expect(plaid.locations.first?.city == "San Francisco")
    #expect(plaid.origin == .modeled)
    #expect(plaid.seniority == .mid ... .senior)
    let whatnot = try #require(openings.first { $0.company == "Whatnot" })
    #expect(whatnot.title == "Backend Engineer, Commerce")
    #expect(whatnot.locations.first?.city == "Los Angeles")
    #expect(openings.filter(\.isSample).count >= 10)
    let levels = Set(openings.compactMap { $0.seniority?.lowerBound })
    #expect(levels.contains(.junior) && levels.contains(.staff))
  }

  @Test func requirementsResolveAliasesAndNamedLevels() throws {
    let (openings, problems) = try parse(
      """
      schema: 1
      openings:
        - id: x
          company: X
          title: T
          locations: [{city: Paris, country: FR}]
          workplace: remote
          requirements:
            required:
              - {any_of: [k8s, docker], level: strong, weight: 2}
              - {skill: vcs, level: 60}
          provenance: {requirements_origin: posted}
      """)
    #expect(problems.isEmpty, "\(problems)")
    let requirement = try #require(openings.first?.required.first)
    #expect(requirement.skills == ["containers/kubernetes", "containers/docker"])
    #expect(requirement.threshold == 75)
    #expect(openings.first?.required.last?.skills == ["git"])
    #expect(openings.first?.required.last?.threshold == 60)
  }

  @Test(arguments: [
    ("{skill: kubernets, level: familiar}", "unknown skill 'kubernets'", 10),
    ("{skill: git, level: wizard}", "level 'wizard' of opening 'x' is not a named level", 10),
    ("{level: familiar}", "names no skill", 10),
  ])
  func badRequirementsAreReportedWithTheirPlace(requirement: String, message: String, line: Int)
    throws
  {
    let (openings, problems) = try parse(
      """
      schema: 1
      openings:
        - id: x
          company: X
          title: T
          locations: []
          workplace: remote
          requirements:
            required:
              - \(requirement)
          provenance: {requirements_origin: modeled}
      """)
    let problem = try #require(problems.first { $0.message.contains(message) }, "\(problems)")
    #expect(problem.location.line == line)
    #expect(openings.isEmpty)
  }
}
