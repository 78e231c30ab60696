import Foundation

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
    let bandCount = Self.bands(for: threshold)
    let seeds = (0..<(bandCount * Self.rows)).map {
      Self.mix(UInt64($0) &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D)
    }
    // Each band's buckets are chains through `next`, one entry per set and band (entry
    // `set × bandCount + band`), so filling a bucket allocates nothing.
    var buckets = [[UInt64: Chain]](repeating: [:], count: bandCount)
    var next = [Int32](repeating: -1, count: sets.count * bandCount)
    var checkedFor = [Int](repeating: -1, count: sets.count)
    var minima = [UInt64](repeating: 0, count: seeds.count)
    var words: [UInt64] = []
    var keys = [UInt64](repeating: 0, count: bandCount)
    var matches: [Match] = []
    for index in sets.indices where sets[index].count >= minimumWords {
      words.removeAll(keepingCapacity: true)
      for word in sets[index] { words.append(Self.wordHash(word)) }
      for slot in seeds.indices {
        let seed = seeds[slot]
        var least = UInt64.max
        for word in words { least = min(least, Self.mix(word ^ seed)) }
        minima[slot] = least
      }
      var best: Match?
      for band in 0..<bandCount {
        var key = UInt64(band)
        for row in 0..<Self.rows { key = Self.mix(key ^ minima[band * Self.rows + row]) }
        keys[band] = key
        // Earlier sets sit in each bucket in order, so the first that passes is this band's
        // best, and anything at or past the best so far can be skipped.
        var entry = buckets[band][key]?.first ?? -1
        while entry >= 0 {
          let earlier = Int(entry) / bandCount
          entry = next[Int(entry)]
          if let best, earlier >= best.earlier { break }
          guard checkedFor[earlier] != index else { continue }
          checkedFor[earlier] = index
          let similarity = Self.jaccard(sets[earlier], sets[index])
          if similarity >= threshold {
            best = Match(index: index, earlier: earlier, similarity: similarity)
            break
          }
        }
      }
      if let best { matches.append(best) }
      for band in 0..<bandCount {
        let entry = Int32(index * bandCount + band)
        if let last = buckets[band][keys[band]]?.last {
          next[Int(last)] = entry
          buckets[band][keys[band]]?.last = entry
        } else {
          buckets[band][keys[band]] = Chain(first: entry, last: entry)
        }
      }
    }
    return matches
  }

  /// A bucket: its first and last entries in `next`.
  private struct Chain {
    var first: Int32
    var last: Int32
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
