import Foundation

/// Where skillquiz keeps and finds its files; every path can be overridden for tests.
public struct FileLocations: Sendable {
  /// The banks folder.
  public var banks: URL
  /// The data folder that holds the database.
  public var data: URL
  /// The history file of the REPL.
  public var history: URL
  /// Where parsed banks are cached.
  public var cache: URL
  /// The home folder some of these are under, which must exist already: skillquiz creates its
  /// own folders inside it but never the home folder itself.
  public var home: URL?

  /// Locations given one by one (tests give temporary folders).
  public init(banks: URL, data: URL, history: URL, cache: URL, home: URL? = nil) {
    self.banks = banks
    self.data = data
    self.history = history
    self.cache = cache
    self.home = home
  }

  /// Whether `location` lies in a home folder that does not exist (`HOME=/nonexistent`), so
  /// creating it would create a home folder.
  public func isInMissingHome(_ location: URL) -> Bool {
    guard let home, location.path.hasPrefix(home.path + "/") else { return false }
    var isFolder: ObjCBool = false
    return !FileManager.default.fileExists(atPath: home.path, isDirectory: &isFolder)
      || !isFolder.boolValue
  }

  /// Why the data folder cannot be used, when it lies in a missing home folder.
  public var missingHomeProblem: String? {
    guard let home, isInMissingHome(data) else { return nil }
    return "the home folder '\(home.path)' (HOME) does not exist, so there is nowhere to keep "
      + "your progress\n    fix: set HOME to your home folder, or choose a folder with "
      + "--data-dir DIR or XDG_DATA_HOME"
  }

  /// The locations from flags, the environment and the XDG defaults.
  public static func resolve(
    banks: String?, dataDir: String?, environment: [String: String], executable: URL?
  ) -> FileLocations {
    let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
    func xdg(_ name: String, _ fallback: String) -> URL {
      if let value = environment[name], value.hasPrefix("/") {
        return URL(fileURLWithPath: value)
      }
      return home.appendingPathComponent(fallback)
    }
    let data =
      dataDir.map(expand)
      ?? xdg("XDG_DATA_HOME", ".local/share").appendingPathComponent("skillquiz")
    let history = xdg("XDG_STATE_HOME", ".local/state").appendingPathComponent(
      "skillquiz/history")
    let banksURL =
      banks.map(expand) ?? environment["SKILLQUIZ_BANKS"].map(expand)
      ?? bundledBanks(executable: executable) ?? URL(fileURLWithPath: "QuestionBanks")
    let cache = xdg("XDG_CACHE_HOME", ".cache").appendingPathComponent("skillquiz/banks")
    return FileLocations(
      banks: banksURL, data: data, history: history, cache: cache, home: home.standardizedFileURL)
  }

  private static func expand(_ path: String) -> URL {
    URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL
  }

  /// The banks that ship with skillquiz: beside an installed binary
  /// (`PREFIX/share/skillquiz/QuestionBanks`), or in the package a build came from.
  public static func bundledBanks(executable: URL?) -> URL? {
    var candidates: [URL] = []
    if let executable {
      let binFolder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
      candidates.append(binFolder.appendingPathComponent("QuestionBanks"))
      candidates.append(
        binFolder.deletingLastPathComponent().appendingPathComponent(
          "share/skillquiz/QuestionBanks"))
      var folder = binFolder
      for _ in 0..<6 {
        folder = folder.deletingLastPathComponent()
        candidates.append(folder.appendingPathComponent("QuestionBanks"))
      }
    }
    let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(sourceRoot.appendingPathComponent("QuestionBanks"))
    return candidates.first {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent("skills.yaml").path)
    }
  }

  /// The running executable's path.
  public static var currentExecutable: URL? {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: path)
    }
    return CommandLine.arguments.first.map { URL(fileURLWithPath: $0) }
  }
}
