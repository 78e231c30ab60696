/// The candidates within a small edit distance of `word`, closest first.
///
/// A candidate that starts with `word` also counts, so `kube` suggests `kubernetes`.
public func closestMatches(to word: String, among candidates: [String], limit: Int = 3) -> [String]
{
  guard !word.isEmpty else { return [] }
  let length = word.count
  let allowed = max(1, length / 3)
  var scored: [(distance: Int, word: String)] = []
  for candidate in candidates {
    if candidate.hasPrefix(word) {
      scored.append((0, candidate))
      continue
    }
    // The distance is at least the difference in length: a long word needs no table.
    guard abs(length - candidate.count) <= allowed else { continue }
    let distance = editDistance(word, candidate)
    if distance <= allowed { scored.append((distance, candidate)) }
  }
  return scored.sorted { ($0.distance, $0.word) < ($1.distance, $1.word) }.prefix(limit).map(
    \.word)
}

/// The edit distance between two strings in characters, counting a swap of neighbours as one
/// edit (optimal string alignment), so `gti` is one edit from `git`.
public func editDistance(_ lhs: String, _ rhs: String) -> Int {
  let a = Array(lhs)
  let b = Array(rhs)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { table[i][0] = i }
  for j in 0...b.count { table[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
      }
    }
  }
  return table[a.count][b.count]
}
