import Foundation
import Testing

@testable import SkillQuizKit

/// The MinHash lint finds exactly the pairs the all-pairs check found.
@Suite("Near-duplicate prompts")
struct NearDuplicatesTests {
  /// The all-pairs check as `BankLint.duplicatePrompts` made it before MinHash: each prompt
  /// against every earlier one, the first with Jaccard ≥ 0.85 reported.
  ///
  /// The sets are numbered and sorted first, and a pair whose sizes alone keep it below the
  /// threshold (the similarity is at most the smaller size over the larger) is not counted:
  /// the same answers, fast enough for a debug build.
  static func reference(_ sets: [Set<String>], threshold: Double = 0.85) -> [NearDuplicates.Match] {
    var numbers: [String: Int] = [:]
    let sorted = sets.map { set in
      set.map { word in
        if let number = numbers[word] { return number }
        numbers[word] = numbers.count
        return numbers.count - 1
      }.sorted()
    }
    func shared(_ first: [Int], _ second: [Int]) -> Int {
      var (left, right, count) = (0, 0, 0)
      while left < first.count, right < second.count {
        if first[left] == second[right] {
          count += 1
          left += 1
          right += 1
        } else if first[left] < second[right] {
          left += 1
        } else {
          right += 1
        }
      }
      return count
    }
    var matches: [NearDuplicates.Match] = []
    for index in sets.indices {
      for earlier in 0..<index where sets[earlier].count >= 4 && sets[index].count >= 4 {
        let (small, large) = (
          min(sorted[earlier].count, sorted[index].count),
          max(sorted[earlier].count, sorted[index].count)
        )
        guard Double(small) / Double(large) >= threshold else { continue }
        let common = shared(sorted[earlier], sorted[index])
        let similarity = Double(common) / Double(large + small - common)
        guard similarity >= threshold else { continue }
        matches.append(NearDuplicates.Match(index: index, earlier: earlier, similarity: similarity))
        break
      }
    }
    return matches
  }

  static let finder = NearDuplicates(threshold: 0.85, minimumWords: 4)

  /// The matches as `BankLint` finds them: from texts, hashed without making their words.
  static func matchesOfTexts(_ texts: [String]) -> [NearDuplicates.Match] {
    finder.matches(texts: texts, words: BankLint.words, wordHashes: BankLint.wordHashes)
  }

  @Test func theBandsKeepTheMissProbabilityBelowOneInAMillion() {
    let bands = NearDuplicates.bands(for: 0.85)
    #expect(bands == 24)
    let miss = pow(1 - pow(0.85, Double(NearDuplicates.rows)), Double(bands))
    #expect(miss < 1e-6)
    #expect(pow(1 - pow(0.85, Double(NearDuplicates.rows)), Double(bands - 1)) >= 1e-6)
  }

  @Test func theBundledBanksGiveTheSamePairs() throws {
    let banks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "QuestionBanks")
    let library = try BankLoader().load(from: DirectoryBankSource(root: banks))
    #expect(library.allQuestions().count > 400)
    // Twice over, so that every prompt has an exact twin as well as its near ones.
    let prompts = (library.allQuestions() + library.allQuestions()).map(\.prompt)
    let sets = prompts.map(BankLint.words)
    let found = Self.finder.matches(sets)
    #expect(found == Self.reference(sets))
    #expect(found.count >= library.allQuestions().count)
    #expect(Self.matchesOfTexts(prompts) == found)
  }

  @Test(arguments: [1, 2])
  func aSyntheticBankWithPlantedNearDuplicatesGivesTheSamePairs(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    let vocabulary = (0..<3000).map { "w\($0)" }
    var prompts: [[String]] = []
    var planted = 0
    for _ in 0..<2000 {
      if prompts.count > 20, Int.random(in: 0..<10, using: &random) == 0 {
        // A near-duplicate of an earlier prompt: a few words changed, added or dropped, so the
        // similarity lands on both sides of 0.85.
        var words = prompts[Int.random(in: 0..<prompts.count, using: &random)]
        for _ in 0..<Int.random(in: 0...3, using: &random) {
          let position = Int.random(in: 0..<words.count, using: &random)
          switch Int.random(in: 0..<3, using: &random) {
          case 0: words[position] = vocabulary.randomElement(using: &random) ?? "x"
          case 1: words.insert(vocabulary.randomElement(using: &random) ?? "x", at: position)
          default: if words.count > 3 { words.remove(at: position) }
          }
        }
        prompts.append(words)
        planted += 1
      } else {
        let count = Int.random(in: 3...40, using: &random)
        prompts.append((0..<count).map { _ in vocabulary.randomElement(using: &random) ?? "x" })
      }
    }
    let sets = prompts.map { BankLint.words($0.joined(separator: " ")) }
    let found = Self.finder.matches(sets)
    let expected = Self.reference(sets)
    #expect(found == expected)
    #expect(Self.matchesOfTexts(prompts.map { $0.joined(separator: " ") }) == expected)
    #expect(planted > 150)
    #expect(expected.count > 100, "the planted pairs must reach the threshold")
    #expect(expected.contains { $0.similarity < 1 }, "and some only nearly")
  }

  @Test func asciiPromptsSplitIntoTheSameWordsAsCharacters() throws {
    let banks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "QuestionBanks")
    let library = try BankLoader().load(from: DirectoryBankSource(root: banks))
    let samples =
      library.allQuestions().flatMap { [$0.prompt, $0.explanation] + $0.options.map(\.text) } + [
        "", "A-B_c\r\nD9 e\t\u{7F}x", "Straße ÉCOLE 1½ ٣ words", "x\u{301}y Ä", "\r\n\r\n",
      ]
    for text in samples {
      let characters = Set(
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
      #expect(BankLint.words(text) == characters, "\(text)")
    }
  }

  @Test func wordHashesAreTheHashesOfTheDistinctWords() throws {
    let banks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "QuestionBanks")
    let library = try BankLoader().load(from: DirectoryBankSource(root: banks))
    let samples =
      library.allQuestions().flatMap { [$0.prompt, $0.explanation] + $0.options.map(\.text) } + [
        "", "a a A", "Tab\tand CR\r\nLF 42 42x", "Straße ÉCOLE 1½ words", "ends with ü",
        "--", "x",
      ]
    for text in samples {
      let expected = Set(BankLint.words(text).map(NearDuplicates.wordHash)).sorted()
      #expect(BankLint.wordHashes(text) == expected, "\(text)")
    }
  }

  @Test func aLowThresholdComparesEveryPair() {
    let sets = [
      Set(["a", "b", "c", "d"]), Set(["a", "b", "c", "e"]), Set(["a", "b", "x", "y"]),
    ]
    let finder = NearDuplicates(threshold: 0.3, minimumWords: 4)
    #expect(finder.matches(sets) == Self.reference(sets, threshold: 0.3))
    #expect(finder.matches(sets).map(\.earlier) == [0, 0])
  }
}
