import Foundation
import Testing

/// What skillquiz creates, and where it refuses to create anything: the real binary, run with
/// hostile environments.
@Suite("File permissions and locations")
struct FilePermissionsTests {
  /// Mode bits of a file or folder.
  static func mode(_ url: URL) -> Int? {
    var status = stat()
    guard stat(url.path, &status) == 0 else { return nil }
    return Int(status.st_mode & 0o7777)
  }

  @Test func aMissingHomeFolderIsReportedAndNeverCreated() throws {
    let folder = try TemporaryFolder()
    let home = folder.url.appendingPathComponent("nonexistent")
    let environment = [
      "HOME": home.path, "XDG_DATA_HOME": "", "XDG_STATE_HOME": "", "XDG_CACHE_HOME": "",
    ]
    let stats = try BuiltBinary.run(["stats"], environment: environment)
    #expect(stats.status == 1)
    #expect(stats.errors.contains("the home folder '\(home.path)' (HOME) does not exist"))
    #expect(stats.errors.contains("fix: set HOME"))
    let validate = try BuiltBinary.run(["validate"], environment: environment)
    #expect(validate.status == 0, "\(validate.errors)")
    let prompt = try BuiltBinary.run([], input: "stats\n", environment: environment)
    #expect(prompt.errors.contains("does not exist"))
    #expect(!FileManager.default.fileExists(atPath: home.path), "created \(home.path)")
    // An explicit data folder still works without a home folder.
    let data = folder.url.appendingPathComponent("data")
    let explicit = try BuiltBinary.run(
      ["--data-dir", data.path, "stats"], environment: environment)
    #expect(explicit.status == 0, "\(explicit.errors)")
    #expect(!FileManager.default.fileExists(atPath: home.path), "created \(home.path)")
  }

  @Test func aDataFolderThatCannotBeCreatedIsSaidInPlainWords() throws {
    let folder = try TemporaryFolder()
    let file = folder.url.appendingPathComponent("file")
    try Data("x".utf8).write(to: file)
    let result = try BuiltBinary.run(["--data-dir", file.path + "/sub", "stats"])
    #expect(result.status == 1)
    #expect(result.errors.contains("a part of the path is a file, not a folder"))
    #expect(!result.errors.contains("NSCocoaErrorDomain"))
  }

  @Test func privateFilesStayPrivateUnderAnOpenUmask() throws {
    let folder = try TemporaryFolder()
    let data = folder.url.appendingPathComponent("data")
    let script = """
      umask 000
      printf 'quiz git 2\\nskip\\nskip\\n' | "$0" --seed 3 --data-dir "$1" >/dev/null
      "$0" --data-dir "$1" export answers --out "$2/answers.csv" >/dev/null
      "$0" --data-dir "$1" export anki --out "$2/anki.txt" >/dev/null
      "$0" --data-dir "$1" report --out "$2/report.html" >/dev/null
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script, BuiltBinary.url.path, data.path, folder.url.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(Self.mode(data) == 0o700)
    #expect(Self.mode(data.appendingPathComponent("skillquiz.sqlite")) == 0o600)
    for name in ["answers.csv", "anki.txt", "report.html"] {
      #expect(Self.mode(folder.url.appendingPathComponent(name)) == 0o600, "\(name)")
    }
  }
}
