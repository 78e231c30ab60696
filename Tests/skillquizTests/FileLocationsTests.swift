import Foundation
import SkillQuizUseCases
import Testing

@testable import skillquiz

struct FileLocationsTests {
  @Test func anInstalledBinaryFindsTheBanksUnderShare() throws {
    let prefix = try TemporaryFolder()
    let banks = prefix.url.appendingPathComponent("share/skillquiz/QuestionBanks")
    try FileManager.default.createDirectory(at: banks, withIntermediateDirectories: true)
    try Data("schema: 1\n".utf8).write(to: banks.appendingPathComponent("skills.yaml"))
    let executable = prefix.url.appendingPathComponent("bin/skillquiz")
    #expect(FileLocations.bundledBanks(executable: executable)?.path == banks.path)
  }

  @Test func aBuildFindsTheBanksOfItsSourceTree() {
    let executable = URL(fileURLWithPath: "/nonexistent/.build/debug/skillquiz")
    let found = FileLocations.bundledBanks(executable: executable)
    #expect(found?.lastPathComponent == "QuestionBanks")
    #expect(
      FileManager.default.fileExists(
        atPath: found?.appendingPathComponent("skills.yaml").path ?? ""))
  }

  @Test func flagsBeatTheEnvironmentWhichBeatsTheDefaults() {
    let environment = [
      "HOME": "/home/ada", "XDG_DATA_HOME": "/data", "SKILLQUIZ_BANKS": "/env/banks",
      "XDG_STATE_HOME": "relative/ignored",
    ]
    let defaults = FileLocations.resolve(
      banks: nil, dataDir: nil, environment: environment, executable: nil)
    #expect(defaults.banks.path == "/env/banks")
    #expect(defaults.data.path == "/data/skillquiz")
    #expect(defaults.history.path == "/home/ada/.local/state/skillquiz/history")
    #expect(defaults.cache.path == "/home/ada/.cache/skillquiz/banks")
    let flags = FileLocations.resolve(
      banks: "/flag/banks", dataDir: "/flag/data", environment: environment, executable: nil)
    #expect(flags.banks.path == "/flag/banks")
    #expect(flags.data.path == "/flag/data")
  }
}
