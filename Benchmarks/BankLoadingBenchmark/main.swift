// Measures bank loading: YAML parsing (serial and parallel) and the parse cache.
// Run: swift run -c release BankLoadingBenchmark [BANKS_DIR] [--copies N]
import Foundation
import SkillQuizKit

let arguments = Array(CommandLine.arguments.dropFirst())
let banks = URL(fileURLWithPath: arguments.first { !$0.hasPrefix("--") } ?? "QuestionBanks")
let copies = arguments.firstIndex(of: "--copies").flatMap { Int(arguments[$0 + 1]) } ?? 1
let rounds = 7

/// The source, optionally with each bank file repeated under new ids to simulate a large bank.
func makeSource() throws -> any BankSource {
  let directory = DirectoryBankSource(root: banks)
  guard copies > 1 else { return directory }
  let (files, _) = directory.bankFiles()
  var many: [BankFile] = []
  for copy in 0..<copies {
    for file in files {
      let renamed = file.contents.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasPrefix("  - id: ") ? "  - id: c\(copy)." + $0.dropFirst(8) : String($0)
      }.joined(separator: "\n")
      many.append(BankFile(path: "\(copy)/\(file.path)", contents: renamed))
    }
  }
  return InMemoryBankSource(skills: try directory.skillsFile(), banks: many)
}

func measure(_ name: String, bytes: Int, _ body: () throws -> QuestionLibrary) rethrows {
  var times: [Double] = []
  var count = 0
  for _ in 0..<rounds {
    let start = ContinuousClock.now
    count = try body().questions.count
    let elapsed = ContinuousClock.now - start
    times.append(
      Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
  }
  times.sort()
  let median = times[times.count / 2]
  let rate = Double(bytes) / 1_000_000 / (median / 1000)
  print(
    String(
      format: "%-28@ %6d questions  median %8.2f ms  min %8.2f ms  %6.1f MB/s", name as NSString,
      count, median, times[0], rate))
}

let source = try makeSource()
let bytes = source.bankFiles().files.reduce(0) { $0 + $1.contents.utf8.count }
print("banks: \(banks.path) × \(copies), \(bytes / 1024) KiB of YAML, \(rounds) rounds")
try measure("yaml, one file at a time", bytes: bytes) {
  try BankLoader(parser: YAMLBankParser(), parallel: false).load(from: source)
}
try measure("yaml, files in parallel", bytes: bytes) {
  try BankLoader(parser: YAMLBankParser(), parallel: true).load(from: source)
}
let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
  "skillquiz-bench-cache-\(getpid())")
defer { try? FileManager.default.removeItem(at: cacheFolder) }
let cached = CachingBankParser(base: YAMLBankParser(), directory: cacheFolder)
_ = try BankLoader(parser: cached).load(from: source)
try measure("parse cache, warm", bytes: bytes) {
  try BankLoader(parser: cached).load(from: source)
}
