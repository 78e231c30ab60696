import Foundation
import SQLSandbox
import SkillQuizKit

/// `validate`: every problem in bank files or folders, with content lint and SQL checks.
public struct BankValidation: Sendable {
  /// Every error and warning, in order.
  public let findings: [BankDiagnostic]
  /// Files checked (skills.yaml included).
  public let fileCount: Int
  /// Questions that loaded.
  public let questionCount: Int

  /// Sources that could not be loaded at all (such as an unreadable skills.yaml).
  public let loadFailures: [String]

  /// Errors found.
  public var errorCount: Int {
    findings.filter { $0.severity == .error }.count + loadFailures.count
  }
  /// Warnings found.
  public var warningCount: Int { findings.filter { $0.severity != .error }.count }

  /// Checks `paths` (bank files, or folders with or without their own skills.yaml); with no
  /// paths, the whole banks folder.
  public init(paths: [String], banks: URL) throws(UseCaseError) {
    let manager = FileManager.default
    var sources: [(source: any BankSource, wholeAreas: Bool)] = []
    var looseFiles: [URL] = []
    for path in paths {
      let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        throw .invalid("no such file or folder: '\(path)'")
      }
      if isDirectory.boolValue {
        if manager.fileExists(atPath: url.appendingPathComponent("skills.yaml").path) {
          sources.append((DirectoryBankSource(root: url), true))
        } else {
          looseFiles +=
            (manager.enumerator(at: url, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
        }
      } else if url.lastPathComponent == "skills.yaml" {
        sources.append((DirectoryBankSource(root: url.deletingLastPathComponent()), true))
      } else {
        looseFiles.append(url)
      }
    }
    if paths.isEmpty { sources.append((DirectoryBankSource(root: banks), true)) }
    if !looseFiles.isEmpty {
      sources.append((DirectoryBankSource(root: banks, selectedFiles: looseFiles), false))
    }
    var findings: [BankDiagnostic] = []
    var files = 0
    var questions = 0
    var failures: [String] = []
    for (source, wholeAreas) in sources {
      do {
        let library = try BankLoader().load(from: source)
        findings +=
          library.diagnostics + BankLint().findings(in: library, wholeAreas: wholeAreas)
          + SQLExerciseCheck.problems(in: library, sandbox: SQLiteSandbox())
        files += library.files.count + 1
        questions += library.count
      } catch {
        failures.append(error.description)
      }
    }
    self.findings = findings
    loadFailures = failures
    fileCount = files
    questionCount = questions
  }
}
