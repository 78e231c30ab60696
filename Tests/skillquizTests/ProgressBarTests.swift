import Testing

@testable import SkillQuizKit
@testable import skillquiz

@Suite struct ProgressBarTests {
  @Test func lineShowsBarPercentAndCountsWithinTheWidth() {
    let line = ProgressBar.line(title: "Indexing banks", completed: 5_210, total: 10_000, width: 80)
    #expect(line.hasPrefix("Indexing banks  ["))
    #expect(line.hasSuffix("]  52%  5,210 / 10,000"))
    #expect(line.count <= 80)
    let hashes = line.filter { $0 == "#" }.count
    let dots = line.filter { $0 == "." }.count
    #expect(hashes == Int(Double(hashes + dots) * 0.521))
  }

  @Test func unknownTotalShowsTheCountOnly() {
    #expect(
      ProgressBar.line(title: "Exporting", completed: 1_234_567, total: 0, width: 80)
        == "Exporting  1,234,567")
  }

  @Test func narrowTerminalDropsTheBarNotTheNumbers() {
    let line = ProgressBar.line(title: "Indexing banks", completed: 1, total: 3, width: 30)
    #expect(line == "Indexing banks  33%  1 / 3")
  }

  @Test func bytesShowAsMegabytes() {
    let line = ProgressBar.line(
      title: "Indexing banks", completed: 8_346_158, total: 66_886_453, unit: .bytes, width: 80)
    #expect(line.hasSuffix("]  12%  8.3 / 66.9 MB"), "\(line)")
    #expect(
      ProgressBar.line(title: "Reading", completed: 1_500_000, total: 0, unit: .bytes, width: 80)
        == "Reading  1.5 MB")
  }

  @Test func groupedCounts() {
    #expect(TextFormat.grouped(0) == "0")
    #expect(TextFormat.grouped(999) == "999")
    #expect(TextFormat.grouped(1_000) == "1,000")
    #expect(TextFormat.grouped(-1_234_567) == "-1,234,567")
  }
}
