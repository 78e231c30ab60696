import Foundation
import FuzzTargets
import Testing

/// Replays every input in `Fixtures/fuzz/TARGET/` through its fuzz target.
///
/// Each once crashed, hung or broke an invariant, so a regression stops this test process. New
/// files dropped in are picked up.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fuzz")

  /// `target/file` for every regression input.
  static var cases: [String] {
    let targets = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return targets.flatMap { target in
      let files =
        (try? FileManager.default.contentsOfDirectory(
          atPath: folder.appendingPathComponent(target).path)) ?? []
      return files.filter { !$0.hasPrefix(".") }.map { "\(target)/\($0)" }
    }.sorted()
  }

  static let context = Result { try FuzzContext(questionBanks: FuzzContext.bundledBanks) }

  @Test("every folder names a fuzz target")
  func foldersNameTargets() {
    let names = Set(Self.cases.compactMap { $0.split(separator: "/").first.map(String.init) })
    let known = Set(FuzzTarget.allCases.map(\.rawValue))
    #expect(names.subtracting(known).isEmpty, "unknown folders: \(names.subtracting(known))")
    #expect(!Self.cases.isEmpty, "no regression inputs in \(Self.folder.path)")
  }

  @Test("replays without a crash, a hang or a broken invariant", arguments: cases)
  func replays(_ name: String) throws {
    let context = try Self.context.get()
    let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
    let target = try #require(FuzzTarget(rawValue: parts[0]))
    let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
    target.run(data, context: context)
  }
}
