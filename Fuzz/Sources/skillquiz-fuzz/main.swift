import Foundation
import FuzzTargets

// libFuzzer's driver, started from an ordinary `main`: SwiftPM links executables with their
// own entry point, so this calls LLVMFuzzerRunDriver instead of relying on libFuzzer's `main`.
// The target comes from SKILLQUIZ_FUZZ_TARGET (scripts/fuzz sets it).

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// What one run needs, set once before the driver starts.
struct Run: Sendable {
  let target: FuzzTarget
  let context: FuzzContext

  nonisolated(unsafe) static var current: Run?
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(2)
}

let name = ProcessInfo.processInfo.environment["SKILLQUIZ_FUZZ_TARGET"] ?? ""
guard let target = FuzzTarget(rawValue: name) else {
  let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
  fail("set SKILLQUIZ_FUZZ_TARGET to one of: \(names)")
}
do {
  Run.current = Run(
    target: target, context: try FuzzContext(questionBanks: FuzzContext.bundledBanks))
} catch {
  fail("cannot load the bundled banks: \(error)")
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
  runDriver(&argc, &argv) { start, count in
    guard let run = Run.current else { return 0 }
    run.target.run(start.map { Data(bytes: $0, count: count) } ?? Data(), context: run.context)
    return 0
  })
