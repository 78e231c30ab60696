import Foundation
import SkillQuizKit

#if canImport(Glibc)
import Glibc
#endif

/// What the program asks a sandbox worker: one query on one dataset, under limits.
struct SandboxRequest: Codable {
  let query: String
  let dataset: SQLDataset
  let limits: SQLSandboxLimits
}

/// The worker side of `IsolatedSQLSandbox`.
///
/// The program started with `argument` reads one request on standard input, limits its own
/// process (CPU time, address space, no files written, no core dump), runs the query with the
/// in-process limits of `SQLiteSandbox`, writes the outcome as JSON on standard output, and
/// exits.
public enum SQLSandboxWorker {
  /// The only argument of a worker process.
  public static let argument = "--sql-sandbox-worker"

  /// Serves the one request and exits when this program was started as a sandbox worker.
  ///
  /// Otherwise returns at once. Call it first thing in `main`.
  public static func serveIfAsked(arguments: [String] = CommandLine.arguments) {
    guard arguments.count == 2, arguments[1] == argument else { return }
    exit(serve())
  }

  /// Serves one request; returns the exit status (65: unreadable request, 74: output failed).
  static func serve() -> Int32 {
    guard let input = readAll(from: 0, limit: 64 << 20),
      let request = try? JSONDecoder().decode(SandboxRequest.self, from: input)
    else { return 65 }
    restrictThisProcess(request.limits)
    let outcome = SQLiteSandbox(limits: request.limits).run(request.query, on: request.dataset)
    guard let output = try? JSONEncoder().encode(outcome) else { return 74 }
    return writeAll(output, to: 1) ? 0 : 74
  }

  /// Operating-system limits on the worker, behind the in-process ones: they hold even in a
  /// step SQLite cannot interrupt.
  static func restrictThisProcess(_ limits: SQLSandboxLimits) {
    let cpuSeconds = UInt64(limits.seconds.rounded(.up)) + 1
    setLimit(RLIMIT_CPU, soft: cpuSeconds, hard: cpuSeconds + 1)
    setLimit(RLIMIT_FSIZE, soft: 0, hard: 0)
    setLimit(RLIMIT_CORE, soft: 0, hard: 0)
    #if os(Linux)
    // The address space now (the runtime maps much it never touches), plus room for the
    // in-process memory limit twice over and for the result's JSON. macOS does not enforce it.
    if let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
      let pages = text.split(separator: " ").first.flatMap({ UInt64($0) })
    {
      let current = pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
      let room = UInt64(limits.memoryBytes) * 2 + (64 << 20)
      setLimit(RLIMIT_AS, soft: current + room, hard: current + room)
    }
    #endif
  }

  #if os(Linux)
  private static func setLimit(_ resource: __rlimit_resource, soft: UInt64, hard: UInt64) {
    var bounds = rlimit(rlim_cur: rlim_t(soft), rlim_max: rlim_t(hard))
    _ = setrlimit(__rlimit_resource_t(resource.rawValue), &bounds)
  }
  #else
  private static func setLimit(_ resource: Int32, soft: UInt64, hard: UInt64) {
    var bounds = rlimit(rlim_cur: rlim_t(soft), rlim_max: rlim_t(hard))
    _ = setrlimit(resource, &bounds)
  }
  #endif

  /// Everything readable on `descriptor` until end of file, or nil past `limit` bytes or on an
  /// error.
  static func readAll(from descriptor: Int32, limit: Int) -> Data? {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return data }
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      data.append(contentsOf: buffer[0..<count])
      if data.count > limit { return nil }
    }
  }

  /// Writes all of `data` to `descriptor`; false when it cannot.
  static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
    data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let count = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += count
      }
      return true
    }
  }
}
