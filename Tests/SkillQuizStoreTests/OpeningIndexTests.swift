import Foundation
import GRDB
import SkillQuizKit
import Testing

@testable import SkillQuizStore

/// The openings index is derived data: imports and removals keep it in step, and it is built
/// again whenever it does not hold exactly the imported openings.
struct OpeningIndexTests {
  static func opening(_ id: String, skill: String = "git", city: String = "Berlin") -> JobOpening {
    JobOpening(
      id: id, company: "C", title: "T", locations: [JobLocation(city: city)], workplace: .onsite,
      seniority: nil, required: [JobRequirement(skills: [skill], threshold: 65, weight: 2)],
      preferred: [JobRequirement(skills: ["sql", "git"], threshold: 50)], origin: .extracted)
  }

  @Test func importsAndRemovalsKeepTheIndexInStep() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    let date = Date(timeIntervalSince1970: 1_790_000_000)
    let first = try store.openings.importOpenings(
      [Self.opening("a"), Self.opening("b"), Self.opening("c")], at: date)
    #expect(first.added == 3 && first.updated == 0)
    let again = try store.openings.importOpenings([Self.opening("b", skill: "sql")], at: date)
    #expect(again.added == 0 && again.updated == 1)
    var (outlines, kinds) = try store.openings.outlines()
    #expect(outlines.map(\.outline.id) == ["a", "b", "c"])
    #expect(outlines.allSatisfy { $0.kind == .imported })
    let b = try #require(outlines.first { $0.outline.id == "b" })
    #expect(b.outline.required.map { kinds[$0.kind]?.skills } == [["sql"]])
    #expect(b.outline.preferred.map { kinds[$0.kind]?.skills } == [["sql", "git"]])
    #expect(try store.openings.openings(keys: [b.key])[b.key] == Self.opening("b", skill: "sql"))
    #expect(try store.openings.remove(id: "a"))
    #expect(try !store.openings.remove(id: "a"))
    (outlines, kinds) = try store.openings.outlines()
    #expect(outlines.map(\.outline.id) == ["b", "c"])
    #expect(try store.openings.all().map(\.id) == ["b", "c"])
  }

  @Test func aLostIndexIsBuiltAgainFromTheImportedOpenings() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    _ = try store.openings.importOpenings(
      [Self.opening("a"), Self.opening("b")], at: Date(timeIntervalSince1970: 1_790_000_000))
    // What `doctor` leaves: the imported openings copied, the derived index empty.
    let queue = try DatabaseQueue(path: store.path)
    try queue.write { db in
      try db.execute(sql: "DELETE FROM opening; DELETE FROM opening_sync")
    }
    try queue.close()
    #expect(try store.openings.outlines().outlines.isEmpty)
    try store.openings.indexImportedIfNeeded()
    #expect(try store.openings.outlines().outlines.map(\.outline.id) == ["a", "b"])
    // An index that disagrees in count with the recorded one is rebuilt too.
    let other = try DatabaseQueue(path: store.path)
    try other.write { db in
      try db.execute(sql: "DELETE FROM opening WHERE id = 'a'")
    }
    try other.close()
    try store.openings.indexImportedIfNeeded()
    #expect(try store.openings.outlines().outlines.map(\.outline.id) == ["a", "b"])
  }

  @Test func shippedOpeningsAreReplacedWholeAndTheirSyncRecorded() throws {
    let folder = try TemporaryFolder()
    let store = try AnswerStore.open(directory: folder.url)
    #expect(try store.openings.shippedProblems(fingerprint: "f1") == nil)
    let problem = BankDiagnostic(
      .error, at: SourceLocation(file: "openings.yaml", line: 3, column: 5), "broken")
    try store.openings.replaceShipped(
      [Self.opening("s1"), Self.opening("s2")], problems: [problem], fingerprint: "f1",
      signature: "sig1")
    #expect(try store.openings.shippedProblems(fingerprint: "f1") == [problem])
    #expect(try store.openings.shippedProblems(signature: "sig1") == [problem])
    #expect(try store.openings.shippedProblems(signature: "sig2") == nil)
    #expect(try store.openings.shippedProblems(signature: "") == nil)
    try store.openings.recordSignature("sig2", fingerprint: "f1")
    #expect(try store.openings.shippedProblems(signature: "sig2") == [problem])
    try store.openings.replaceShipped([Self.opening("s3")], problems: [], fingerprint: "f2")
    #expect(try store.openings.shippedProblems(fingerprint: "f1") == nil)
    #expect(try store.openings.outlines().outlines.map(\.outline.id) == ["s3"])
    #expect(try store.openings.admitted(JobFilters()) == nil)
  }
}
