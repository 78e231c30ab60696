import Foundation

/// The `skillquiz` executable that `swift test` built next to the test bundle.
enum BuiltBinary {
  static var url: URL {
    let exe =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      .map { URL(fileURLWithPath: $0) } ?? Bundle.main.bundleURL
    var folder = exe.deletingLastPathComponent()
    if folder.pathExtension == "xctest" { folder = folder.deletingLastPathComponent() }
    return folder.appendingPathComponent("skillquiz")
  }

  /// What one run printed, and how it ended.
  struct Result {
    let status: Int32
    let output: String
    let errors: String
  }

  /// Runs the binary with `arguments`, piping `input` into standard input.
  static func run(
    _ arguments: [String], input: String = "", environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    env["XDG_CACHE_HOME"] =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "skillquiz-test-cache-\(getpid())"
      ).path
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
      errors: String(decoding: errors, as: UTF8.self))
  }
}
