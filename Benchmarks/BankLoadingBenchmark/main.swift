// Measures bank loading: YAML parsing (serial and parallel) and the question index.
// Run: swift run -c release BankLoadingBenchmark [BANKS_DIR] [--copies N]
import Foundation
import QuestionIndex
import SkillQuizKit

let arguments = Array(CommandLine.arguments.dropFirst())
let banks = URL(fileURLWithPath: arguments.first { !$0.hasPrefix("--") } ?? "QuestionBanks")
let copies = arguments.firstIndex(of: "--copies").flatMap { Int(arguments[$0 + 1]) } ?? 1
let rounds = 7

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
  "skillquiz-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: scratch) }

/// The banks folder, optionally with each bank file repeated under new ids (written to a
/// scratch folder) to simulate a large bank.
func makeSource() throws -> DirectoryBankSource {
  let directory = DirectoryBankSource(root: banks)
  guard copies > 1 else { return directory }
  let (files, _) = directory.bankFiles()
  let root = scratch.appendingPathComponent("banks")
  try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  try directory.skillsFile().contents.write(
    to: root.appendingPathComponent("skills.yaml"), atomically: true, encoding: .utf8)
  for copy in 0..<copies {
    for (number, file) in files.enumerated() {
      let renamed = file.contents.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasPrefix("  - id: ") ? "  - id: c\(copy)." + $0.dropFirst(8) : String($0)
      }.joined(separator: "\n")
      try renamed.write(
        to: root.appendingPathComponent("c\(copy)-\(number).yaml"), atomically: true,
        encoding: .utf8)
    }
  }
  return DirectoryBankSource(root: root)
}

func measure(_ name: String, bytes: Int, _ body: () throws -> QuestionLibrary) rethrows {
  var times: [Double] = []
  var count = 0
  for _ in 0..<rounds {
    let start = ContinuousClock.now
    count = try body().count
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
let index = QuestionIndex(
  banks: source.root, folder: scratch.appendingPathComponent("cache"), buildIdentity: "bench")
try measure("index, cold (built anew)", bytes: bytes) {
  index.removeIndexFiles()
  return try index.load().library
}
try measure("index, warm (start-up reads)", bytes: bytes) {
  try index.load().library
}

// Decoding: every question read back from the warm index (compact bodies), against the same
// questions through JSONDecoder (the index's first stored form).
let every = try index.load().library
var decodeTimes: [Double] = []
var decoded = 0
for _ in 0..<rounds {
  let start = ContinuousClock.now
  decoded = every.allQuestions().count
  decodeTimes.append(Double((ContinuousClock.now - start).components.attoseconds) / 1e12)
}
decodeTimes.sort()
let json = try every.allQuestions().map { try JSONEncoder().encode($0) }
var jsonTimes: [Double] = []
for _ in 0..<rounds {
  let decoder = JSONDecoder()
  let start = ContinuousClock.now
  for body in json { _ = try decoder.decode(Question.self, from: body) }
  jsonTimes.append(Double((ContinuousClock.now - start).components.attoseconds) / 1e12)
}
jsonTimes.sort()
let jsonBytes = json.reduce(0) { $0 + $1.count }
print(
  String(
    format: "%-28@ %6d questions  %6.2f µs each (read and decoded); JSON decode alone %6.2f µs, "
      + "%d bytes each", "index, every question" as NSString, decoded,
    decodeTimes[rounds / 2] / Double(max(decoded, 1)),
    jsonTimes[rounds / 2] / Double(max(json.count, 1)), jsonBytes / max(json.count, 1)))
