import Foundation
import SkillQuizKit
import SkillQuizStore
import Testing

@testable import SkillQuizUseCases
@testable import skillquiz

/// `jobs` over the openings index in the store gives what matching every opening parsed from
/// `openings.yaml` (and every imported one) gave: the same matches, ranks, filters and problems.
struct OpeningsIndexTests {
  let library: QuestionLibrary

  init() throws {
    library = try BankLoader().load(from: DirectoryBankSource(root: bundledBanks))
  }

  /// A banks folder of its own: the bundled banks, with `openings` as `openings.yaml` when
  /// given.
  func banks(in folder: TemporaryFolder, openings: String? = nil) throws -> URL {
    let banks = folder.url.appendingPathComponent("banks")
    try FileManager.default.copyItem(at: bundledBanks, to: banks)
    if let openings {
      try openings.write(
        to: banks.appendingPathComponent("openings.yaml"), atomically: true, encoding: .utf8)
    }
    return banks
  }

  /// Answers a few quizzes, some right and some wrong, so that levels are measured.
  func answerSomeQuizzes(_ harness: REPLHarness, banks: URL) throws {
    var random = SeededRandom(seed: 11)
    for scope in ["python", "sql", "git", "docker", "security"] {
      var planner = SeededRandom(seed: 3)
      let plan = try QuizPlanner.plan(
        scope: try #require(library.catalog.scope(named: scope)), count: 6, difficulty: nil,
        library: library, lastAnswered: [:], using: &planner)
      let answers = plan.map {
        Bool.random(using: &random) ? REPLHarness.rightAnswer($0) : REPLHarness.wrongAnswer($0)
      }
      let context = CommandContext(
        locations: FileLocations(
          banks: banks, data: harness.folder.url,
          history: harness.folder.url.appendingPathComponent("h"),
          cache: harness.folder.url.appendingPathComponent("cache")),
        console: BufferConsole(), clock: harness.clock, seed: 3, isPrompt: true,
        library: library, store: harness.store,
        reader: ScriptedLineReader(lines: ["quiz \(scope) 6"] + answers))
      _ = REPL(context: context).run()
    }
  }

  /// The matching before the index: parse the file, add the imported openings, match each.
  func oldRanking(_ workspace: Workspace, seniority: SeniorityLevel?) throws -> (
    matches: [JobMatch], problems: [BankDiagnostic]
  ) {
    let url = workspace.banksFolder.appendingPathComponent("openings.yaml")
    let parsed = OpeningsParser.parse(
      BankFile(path: url.path, contents: try String(contentsOf: url, encoding: .utf8)),
      catalog: workspace.library.catalog)
    let profile = try workspace.profile()
    let level: (String) -> SkillLevel = { label in
      guard let entry = profile.entry(label), entry.answered > 0 else { return .notAssessed }
      return .measured(entry.posterior, answered: entry.answered)
    }
    let openings = parsed.openings + (try workspace.store.openings.all())
    return (
      JobMatcher.rank(openings.map { JobMatcher.match($0, level: level, seniority: seniority) }),
      parsed.diagnostics
    )
  }

  func expectSameMatching(_ workspace: Workspace, seniority: SeniorityLevel? = nil) throws {
    let old = try oldRanking(workspace, seniority: seniority)
    let matching = try JobMatching(workspace, level: seniority)
    let new = try matching.matches(matching.ranking)
    #expect(new.map(\.rank) == old.matches.indices.map { $0 + 1 })
    #expect(new.map(\.match.opening.id) == old.matches.map(\.opening.id))
    #expect(new.map(\.match) == old.matches)
    #expect(matching.ranking.map(\.rankKey) == old.matches.map(RankKey.init))
    #expect(matching.problems == old.problems)
    #expect(
      matching.nothingMeasured
        == old.matches.allSatisfy { $0.requirements.allSatisfy { $0.status == .unknown } })
  }

  @Test func theBundledOpeningsMatchAsWhenParsedOnEveryRun() throws {
    let harness = try REPLHarness()
    let banks = try banks(in: harness.folder)
    let workspace = Workspace(
      library: library, store: harness.store, clock: harness.clock, banksFolder: banks)
    try expectSameMatching(workspace)
    try answerSomeQuizzes(harness, banks: banks)
    #expect(try !JobMatching(workspace).nothingMeasured)
    try expectSameMatching(workspace)
    try expectSameMatching(workspace, seniority: .senior)
    try expectSameMatching(workspace, seniority: .junior)
  }

  @Test func aSeededRandomSetMatchesAsWhenParsedOnEveryRun() throws {
    let harness = try REPLHarness()
    var random = SeededRandom(seed: 2026)
    let shipped = RandomOpenings.make(count: 400, catalog: library.catalog, using: &random)
    let banks = try banks(in: harness.folder, openings: RandomOpenings.yaml(shipped))
    let workspace = Workspace(
      library: library, store: harness.store, clock: harness.clock, banksFolder: banks)
    _ = try harness.store.openings.importOpenings(
      RandomOpenings.make(count: 60, catalog: library.catalog, prefix: "imp", using: &random),
      at: harness.clock.now)
    try answerSomeQuizzes(harness, banks: banks)
    try expectSameMatching(workspace)
    try expectSameMatching(workspace, seniority: .mid)
    #expect(try JobMatching(workspace).ranking.count == 460)
  }

  @Test func filtersAndLimitInSQLShowWhatFilteringInMemoryShows() throws {
    let harness = try REPLHarness()
    var random = SeededRandom(seed: 7)
    let shipped = RandomOpenings.make(count: 200, catalog: library.catalog, using: &random)
    let banks = try banks(in: harness.folder, openings: RandomOpenings.yaml(shipped))
    let workspace = Workspace(
      library: library, store: harness.store, clock: harness.clock, banksFolder: banks)
    // Imported openings carry places the YAML ones cannot: empty, decomposed, mixed case.
    let odd = RandomOpenings.make(
      count: 40, catalog: library.catalog, prefix: "odd", places: RandomOpenings.oddPlaces,
      using: &random)
    _ = try harness.store.openings.importOpenings(odd, at: harness.clock.now)
    try answerSomeQuizzes(harness, banks: banks)
    let matching = try JobMatching(workspace)
    let all = try matching.matches(matching.ranking)
    let locations: [String?] = [
      nil, "austin", "TX", "berlin", "zürich", "Zu\u{308}rich", "são", "", "us", "new york, ny",
    ]
    for location in locations {
      for remote in [false, true] {
        for seniority in [nil] + SeniorityLevel.allCases.map(Optional.some) {
          for type in [nil, "contractor", "FULL_TIME"] {
            let filters = JobFilters(
              location: location, remoteOnly: remote, seniority: seniority,
              employmentType: type)
            let expectedShown = all.filter { filters.admits($0.match.opening) }
            let expectedHidden = all.filter { !filters.admits($0.match.opening) }
              .map(\.match.opening.id)
            for limit in [1, 10, Int.max] {
              let (shown, hidden) = try matching.filtered(filters, limit: limit)
              #expect(
                shown.map(\.rank) == expectedShown.prefix(limit).map(\.rank),
                "\(filters) limit \(limit)")
              #expect(shown.map(\.match) == expectedShown.prefix(limit).map(\.match))
              #expect(hidden == expectedHidden, "\(filters)")
            }
          }
        }
      }
    }
  }

  @Test func shippedOpeningsAreSyncedWhenTheFileChangesAndNotOtherwise() throws {
    let harness = try REPLHarness()
    var random = SeededRandom(seed: 5)
    let first = RandomOpenings.make(count: 30, catalog: library.catalog, using: &random)
    let banks = try banks(in: harness.folder, openings: RandomOpenings.yaml(first))
    let workspace = Workspace(
      library: library, store: harness.store, clock: harness.clock, banksFolder: banks)
    #expect(try JobMatching(workspace).ids.sorted() == first.map(\.id).sorted())
    // Unchanged file: the stored openings are used as they are, without parsing it again
    // (emptied here behind the loader's back, they stay empty).
    let url = banks.appendingPathComponent("openings.yaml")
    let fingerprint = OpeningsParser.fingerprint(
      BankFile(path: url.path, contents: try String(contentsOf: url, encoding: .utf8)),
      catalog: library.catalog)
    #expect(try harness.store.openings.shippedProblems(fingerprint: fingerprint) == [])
    try harness.store.openings.replaceShipped([], problems: [], fingerprint: fingerprint)
    #expect(try JobMatching(workspace).ids.isEmpty)
    // A changed file is parsed and synced again, with its problems kept for later runs.
    let second = RandomOpenings.make(count: 12, catalog: library.catalog, using: &random)
    try (RandomOpenings.yaml(second) + "  - id: broken\n").write(
      to: url, atomically: true, encoding: .utf8)
    let changed = try JobMatching(workspace)
    #expect(changed.ids.sorted() == second.map(\.id).sorted())
    #expect(!changed.problems.isEmpty)
    #expect(try JobMatching(workspace).problems == changed.problems)
    // Restoring the first file brings the first openings back.
    try RandomOpenings.yaml(first).write(to: url, atomically: true, encoding: .utf8)
    #expect(try JobMatching(workspace).ids.sorted() == first.map(\.id).sorted())
    #expect(try JobMatching(workspace).problems.isEmpty)
  }

  @Test func aMissingOpeningsFileIsStillReportedAfterASync() throws {
    let harness = try REPLHarness()
    let banks = try banks(in: harness.folder)
    let workspace = Workspace(
      library: library, store: harness.store, clock: harness.clock, banksFolder: banks)
    #expect(try !JobMatching(workspace).ids.isEmpty)
    try FileManager.default.removeItem(at: banks.appendingPathComponent("openings.yaml"))
    #expect(throws: OpeningsLoader.MissingFile.self) { try JobMatching(workspace) }
  }
}

/// Seeded random openings over the catalog's skills, and their `openings.yaml` text.
enum RandomOpenings {
  static let places: [JobLocation] = [
    JobLocation(city: "Austin", region: "TX", country: "US"),
    JobLocation(city: "Berlin", country: "DE"),
    JobLocation(city: "New York", region: "NY", country: "US"),
    JobLocation(city: "Zürich", country: "CH"),
    JobLocation(city: "São Paulo", region: "SP", country: "BR"),
    JobLocation(city: "Toronto", region: "ON", country: "CA"),
  ]

  static let oddPlaces: [JobLocation] =
    places + [
      JobLocation(city: "", region: nil, country: nil),
      JobLocation(city: "Zu\u{308}rich", country: "ch"),
      JobLocation(city: "AUSTIN", region: "tx", country: nil),
      JobLocation(city: nil, region: nil, country: "US"),
    ]

  static func make(
    count: Int, catalog: SkillCatalog, prefix: String = "synth", places: [JobLocation] = places,
    using random: inout SeededRandom
  ) -> [JobOpening] {
    let labels = catalog.areas.flatMap { area in
      [area.id] + area.topics.map { "\(area.id)/\($0.id)" }
    }
    let thresholds: [Double] = [50, 65, 75, 85, 60, 70]
    func requirement() -> JobRequirement {
      let skills =
        Int.random(in: 0..<5, using: &random) == 0
        ? Array(labels.shuffled(using: &random).prefix(Int.random(in: 2...3, using: &random)))
        : [labels.randomElement(using: &random) ?? "git"]
      return JobRequirement(
        skills: skills, threshold: thresholds.randomElement(using: &random) ?? 65,
        weight: Double(Int.random(in: 1...3, using: &random)))
    }
    return (0..<count).map { index in
      let low = Int.random(in: 1...4, using: &random)
      let high = Int.random(in: low...4, using: &random)
      let seniority =
        Bool.random(using: &random)
        ? (SeniorityLevel(rawValue: low) ?? .junior)...(SeniorityLevel(rawValue: high) ?? .staff)
        : nil
      return JobOpening(
        id: "\(prefix)-\(index)", company: "Company \(index % 7)", title: "Engineer \(index)",
        locations: Array(
          places.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))),
        workplace: Workplace.allCases.randomElement(using: &random) ?? .remote,
        employmentType: ["FULL_TIME", "CONTRACTOR", "full_time"].randomElement(using: &random)
          ?? "FULL_TIME",
        seniority: seniority,
        datePosted: Bool.random(using: &random)
          ? "2026-0\(Int.random(in: 1...9, using: &random))-1\(index % 10)" : nil,
        required: (0..<Int.random(in: 1...5, using: &random)).map { _ in requirement() },
        preferred: (0..<Int.random(in: 0...3, using: &random)).map { _ in requirement() },
        origin: .modeled, isSample: true)
    }
  }

  /// The openings as `openings.yaml` writes them (the source is left to the file's path).
  static func yaml(_ openings: [JobOpening]) -> String {
    func quoted(_ text: String) -> String {
      "\""
        + text.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    func requirement(_ requirement: JobRequirement) -> String {
      let skill =
        requirement.skills.count == 1
        ? "skill: \(requirement.skills[0])"
        : "any_of: [\(requirement.skills.joined(separator: ", "))]"
      return "        - {\(skill), level: \(Int(requirement.threshold)), "
        + "weight: \(Int(requirement.weight))}"
    }
    var lines = ["schema: 1", "openings:"]
    for opening in openings {
      lines.append("  - id: \(opening.id)")
      lines.append("    company: \(quoted(opening.company))")
      lines.append("    title: \(quoted(opening.title))")
      let places = opening.locations.map { location in
        "{"
          + [("city", location.city), ("region", location.region), ("country", location.country)]
          .compactMap { key, value in value.map { "\(key): \(quoted($0))" } }
          .joined(separator: ", ") + "}"
      }
      lines.append("    locations: [\(places.joined(separator: ", "))]")
      lines.append("    workplace: \(opening.workplace.rawValue)")
      lines.append("    employment_type: \(opening.employmentType)")
      if let range = opening.seniority {
        lines.append(
          "    seniority: {min: \(range.lowerBound.name), max: \(range.upperBound.name)}")
      }
      if let date = opening.datePosted { lines.append("    date_posted: \(quoted(date))") }
      lines.append("    requirements:")
      lines.append("      required:")
      lines += opening.required.map(requirement)
      if !opening.preferred.isEmpty {
        lines.append("      preferred:")
        lines += opening.preferred.map(requirement)
      }
      lines.append("    provenance: {requirements_origin: modeled, sample: true}")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

struct LargestValuesTests {
  @Test func theLargestTenAreTheFirstTenOfTheSortedValues() {
    var random = SeededRandom(seed: 7)
    for size in [0, 1, 9, 10, 11, 500] {
      // Few distinct values, so that ties are common.
      let values = (0..<size).map { _ in Double(Int.random(in: 0..<40, using: &random)) / 8 }
      #expect(
        JobMatching.largest(10, of: values) == Array(values.sorted(by: >).prefix(10)),
        "size \(size)")
    }
  }
}
