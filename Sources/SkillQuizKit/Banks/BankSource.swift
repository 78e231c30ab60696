import Foundation

/// The text of one bank file.
public struct BankFile: Sendable, Hashable {
  /// The path shown in messages.
  public let path: String
  /// The file's contents.
  public let contents: String

  /// Creates a bank file.
  public init(path: String, contents: String) {
    self.path = path
    self.contents = contents
  }
}

/// Errors from reading the banks folder.
public enum BankSourceError: Error, CustomStringConvertible, Equatable {
  case missingSkillsFile(String)
  case unreadable(path: String, reason: String)
  case file(InputFileError)

  public var description: String {
    switch self {
    case .missingSkillsFile(let folder):
      "no skills.yaml in '\(TerminalText.sanitize(folder, keepNewlines: false))'; point --banks "
        + "at a folder that holds skills.yaml and bank files"
    case .unreadable(let path, let reason):
      TerminalText.sanitize("cannot read '\(path)': \(reason)")
    case .file(let error):
      error.description
    }
  }
}

/// Where bank files come from: a folder on disk, or memory in tests.
public protocol BankSource: Sendable {
  /// The `skills.yaml` that declares the areas.
  func skillsFile() throws -> BankFile
  /// Every other bank file, in a stable order. Unreadable files are reported, not thrown.
  func bankFiles() -> (files: [BankFile], unreadable: [BankDiagnostic])
}

/// Bank files in memory.
public struct InMemoryBankSource: BankSource {
  /// The skills file.
  public let skills: BankFile
  /// The bank files.
  public let banks: [BankFile]

  /// Creates a source from files in memory.
  public init(skills: BankFile, banks: [BankFile]) {
    self.skills = skills
    self.banks = banks
  }

  public func skillsFile() throws -> BankFile { skills }
  public func bankFiles() -> (files: [BankFile], unreadable: [BankDiagnostic]) { (banks, []) }
}

/// Bank files in a folder: `skills.yaml` plus every other `*.yaml` below it.
public struct DirectoryBankSource: BankSource {
  /// The folder.
  public let root: URL
  /// Files to read instead of everything below the folder, when given.
  public let selectedFiles: [URL]?

  /// Creates a source over a folder, or over some files checked against the folder's skills.
  public init(root: URL, selectedFiles: [URL]? = nil) {
    self.root = root
    self.selectedFiles = selectedFiles
  }

  /// File names below the root that are not question banks.
  public static let reservedNames: Set<String> = ["skills.yaml", "openings.yaml"]

  public func skillsFile() throws -> BankFile {
    let url = root.appendingPathComponent("skills.yaml")
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw BankSourceError.missingSkillsFile(root.path)
    }
    do {
      return BankFile(path: url.path, contents: try Self.readText(url))
    } catch {
      throw BankSourceError.file(error)
    }
  }

  public func bankFiles() -> (files: [BankFile], unreadable: [BankDiagnostic]) {
    var files: [BankFile] = []
    var problems: [BankDiagnostic] = []
    for url in bankFileURLs() {
      do {
        files.append(BankFile(path: url.path, contents: try Self.readText(url)))
      } catch {
        problems.append(
          BankDiagnostic(
            .error, at: SourceLocation(file: url.path, line: 1, column: 1),
            "cannot read the file: \(error.problem)", fix: error.fix))
      }
    }
    return (files, problems)
  }

  /// The bank files to read, without reading them: the selected ones, or every `*.yaml` and
  /// `*.yml` below the root except the reserved names, sorted by path.
  public func bankFileURLs() -> [URL] {
    if let selectedFiles { return selectedFiles }
    guard
      let walker = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey],
        options: [.skipsHiddenFiles])
    else { return [] }
    var found: [URL] = []
    for case let url as URL in walker {
      let name = url.lastPathComponent
      guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
      let relative = url.path.dropFirst(root.path.count).drop { $0 == "/" }
      if !relative.contains("/"), Self.reservedNames.contains(name) { continue }
      found.append(url)
    }
    // Each URL's path is worked out once: `URL.path` decodes it anew on every call.
    return found.map { ($0.path, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
  }

  /// A bank file's text: a regular file of at most `YAMLLimits.banks.maximumBytes`.
  public static func readText(_ url: URL) throws(InputFileError) -> String {
    try InputFile.read(
      url.path, limit: YAMLLimits.banks.maximumBytes, expecting: "a .yaml bank file")
  }
}
