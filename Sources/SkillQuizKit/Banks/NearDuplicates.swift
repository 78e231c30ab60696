import Dispatch
import Foundation
import Synchronization

/// Finds, for each word set, the first earlier one it nearly repeats, in about linear time.
///
/// Two sets nearly repeat each other when their Jaccard similarity |A ∩ B| / |A ∪ B| is at
/// least `threshold`. Comparing every pair is quadratic (165 s for 10,000 prompts), so
/// candidates come from MinHash with locality-sensitive hashing: each set gets `rows × bands`
/// MinHash values, and two sets are candidates when all `rows` values of some band agree. Every
/// candidate is then checked with the exact Jaccard similarity, so nothing is reported that the
/// all-pairs check would not report.
///
/// The chance that one band agrees is J^rows for sets of similarity J, so a pair at the
/// threshold is missed with probability (1 − threshold^rows)^bands. With 5 rows, `bands` is the
/// least that makes this below one in a million: 24 bands (120 values) at 0.85, where the miss
/// probability is (1 − 0.85⁵)²⁴ ≈ 7.6 × 10⁻⁷, and less for more similar pairs (identical sets
/// always agree). That assumes the ideal random permutations MinHash stands on; the hashes here
/// are SplitMix64 finalizers of a 64-bit FNV-1a word hash, deterministic from run to run. Below a
/// threshold of 0.5 the bands needed grow past 400 and every pair is compared instead.
struct NearDuplicates {
  /// The least Jaccard similarity that counts.
  let threshold: Double
  /// Sets with fewer words are never compared.
  let minimumWords: Int

  /// MinHash values per band.
  static let rows = 5
  /// The largest miss probability allowed for a pair at the threshold.
  static let missProbability = 1e-6

  /// How many bands keep the miss probability at `threshold` below `missProbability`.
  static func bands(for threshold: Double) -> Int {
    let bandAgrees = pow(threshold, Double(rows))
    guard bandAgrees < 1 else { return 1 }
    return Int((log(missProbability) / log(1 - bandAgrees)).rounded(.up))
  }

  /// A match: `index` nearly repeats `earlier`, the first earlier set that it does.
  struct Match: Hashable, Sendable {
    /// The later set.
    let index: Int
    /// The first earlier set it nearly repeats.
    let earlier: Int
    /// Their Jaccard similarity.
    let similarity: Double
  }

  /// For each set, in order, the first earlier set it nearly repeats, when there is one.
  func matches(_ sets: [Set<String>]) -> [Match] {
    guard threshold >= 0.5 else { return allPairs(sets) }
    let keys = Self.parallelMap(sets.count) { [self] index in
      bandKeys(words: sets[index].map(Self.wordHash))
    }
    return matches(keys: keys, sizes: sets.map(\.count)) { Self.jaccard(sets[$0], sets[$1]) }
  }

  /// For each text, in order, the first earlier text whose words it nearly repeats, the words
  /// of a text being what `words` gives.
  ///
  /// `wordHashes` gives the distinct word hashes (`wordHash`) of a text without making its
  /// words; word sets are only made for the texts a candidate pair needs.
  func matches(
    texts: [String], words: (String) -> Set<String>,
    wordHashes: @escaping @Sendable (String) -> [UInt64]
  ) -> [Match] {
    guard threshold >= 0.5 else { return allPairs(texts.map(words)) }
    let hashed = Self.parallelMap(texts.count) { [self] index in
      let hashes = wordHashes(texts[index])
      return (size: hashes.count, keys: bandKeys(words: hashes))
    }
    var sets = [Set<String>?](repeating: nil, count: texts.count)
    func set(_ index: Int) -> Set<String> {
      if let known = sets[index] { return known }
      let made = words(texts[index])
      sets[index] = made
      return made
    }
    return matches(keys: hashed.map(\.keys), sizes: hashed.map(\.size)) {
      Self.jaccard(set($0), set($1))
    }
  }

  /// The key of each band of a set with these word hashes: its MinHash values, `rows` to a
  /// band, mixed into one value; empty for a set too small to compare.
  private func bandKeys(words: [UInt64]) -> [UInt64] {
    guard words.count >= minimumWords else { return [] }
    let bandCount = Self.bands(for: threshold)
    var keys = [UInt64](repeating: 0, count: bandCount)
    var minima = [UInt64](repeating: .max, count: Self.rows)
    for band in 0..<bandCount {
      for row in 0..<Self.rows {
        let seed = Self.seed(band * Self.rows + row)
        var least = UInt64.max
        for word in words { least = min(least, Self.mix(word ^ seed)) }
        minima[row] = least
      }
      var key = UInt64(band)
      for row in 0..<Self.rows { key = Self.mix(key ^ minima[row]) }
      keys[band] = key
    }
    return keys
  }

  /// The seed of MinHash value `slot`.
  private static func seed(_ slot: Int) -> UInt64 {
    mix(UInt64(slot) &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D)
  }

  /// The matches, from each set's band keys (none when it is too small), its size and the
  /// exact similarity of two sets.
  private func matches(
    keys: [[UInt64]], sizes: [Int], similarity: (Int, Int) -> Double
  ) -> [Match] {
    let bandCount = Self.bands(for: threshold)
    // Each band's buckets are chains through `next`, one entry per set and band (entry
    // `set × bandCount + band`), kept in one open-addressing table keyed by band key and band.
    var buckets = Buckets(capacity: keys.reduce(0) { $0 + $1.count }, bandCount: bandCount)
    var next = [Int32](repeating: -1, count: keys.count * bandCount)
    var checkedFor = [Int](repeating: -1, count: keys.count)
    var matches: [Match] = []
    for index in keys.indices where !keys[index].isEmpty && sizes[index] >= minimumWords {
      let setKeys = keys[index]
      var best: Match?
      for band in 0..<bandCount {
        let slot = buckets.slot(key: setKeys[band], band: band)
        // Earlier sets sit in each bucket in order, so the first that passes is this band's
        // best, and anything at or past the best so far can be skipped.
        var entry = buckets.first[slot]
        while entry >= 0 {
          let earlier = Int(entry) / bandCount
          entry = next[Int(entry)]
          if let best, earlier >= best.earlier { break }
          guard checkedFor[earlier] != index else { continue }
          checkedFor[earlier] = index
          let found = similarity(earlier, index)
          if found >= threshold {
            best = Match(index: index, earlier: earlier, similarity: found)
            break
          }
        }
      }
      if let best { matches.append(best) }
      for band in 0..<bandCount {
        let entry = Int32(index * bandCount + band)
        // Found again: an earlier band of this set may have taken the free slot.
        let slot = buckets.slot(key: setKeys[band], band: band)
        if buckets.first[slot] >= 0 {
          next[Int(buckets.last[slot])] = entry
        } else {
          buckets.keys[slot] = setKeys[band]
          buckets.first[slot] = entry
        }
        buckets.last[slot] = entry
      }
    }
    return matches
  }

  /// Buckets by band key and band: linear probing over keys that are already mixed.
  private struct Buckets {
    let bandCount: Int
    let mask: Int
    var keys: [UInt64]
    /// Each bucket's first and last entries in `next`; -1 for a free slot.
    var first: [Int32]
    var last: [Int32]

    init(capacity: Int, bandCount: Int) {
      var size = 16
      while size < capacity * 2 { size <<= 1 }
      self.bandCount = bandCount
      mask = size - 1
      keys = [UInt64](repeating: 0, count: size)
      first = [Int32](repeating: -1, count: size)
      last = [Int32](repeating: -1, count: size)
    }

    /// The slot of this band's bucket for `key`: the bucket's, or the free slot it would take.
    func slot(key: UInt64, band: Int) -> Int {
      var slot = Int(truncatingIfNeeded: key ^ (key >> 32)) & mask
      while first[slot] >= 0 {
        if keys[slot] == key, Int(first[slot]) % bandCount == band { return slot }
        slot = (slot + 1) & mask
      }
      return slot
    }
  }

  /// `transform` of every index from 0 to `count`, in order, worked out on every core.
  static func parallelMap<Element: Sendable>(
    _ count: Int, _ transform: @Sendable (Int) -> Element
  ) -> [Element] {
    let chunkCount = min(count, 64)
    guard chunkCount > 1 else { return (0..<count).map(transform) }
    let chunkSize = (count + chunkCount - 1) / chunkCount
    let chunks = Mutex([[Element]](repeating: [], count: chunkCount))
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      let start = min(count, chunk * chunkSize)
      let part = (start..<min(count, start + chunkSize)).map(transform)
      chunks.withLock { $0[chunk] = part }
    }
    return chunks.withLock { $0.flatMap(\.self) }
  }

  /// Every pair compared: the rule itself, for thresholds below what the bands are tuned for.
  func allPairs(_ sets: [Set<String>]) -> [Match] {
    var matches: [Match] = []
    for index in sets.indices where sets[index].count >= minimumWords {
      for earlier in 0..<index where sets[earlier].count >= minimumWords {
        let similarity = Self.jaccard(sets[earlier], sets[index])
        if similarity >= threshold {
          matches.append(Match(index: index, earlier: earlier, similarity: similarity))
          break
        }
      }
    }
    return matches
  }

  /// |A ∩ B| / |A ∪ B|, the same division the all-pairs check made.
  static func jaccard(_ first: Set<String>, _ second: Set<String>) -> Double {
    let (small, large) = first.count <= second.count ? (first, second) : (second, first)
    let shared = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
    return Double(shared) / Double(first.count + second.count - shared)
  }

  /// A word's 64-bit FNV-1a hash: the same in every run, unlike `Hasher`.
  static func wordHash(_ word: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return hash
  }

  /// SplitMix64's finalizer: a bijection of 64-bit values that mixes every bit.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
