/// The candidates within a small edit distance of `word`, closest first.
///
/// A candidate that starts with `word` also counts, so `kube` suggests `kubernetes`.
public func closestMatches(to word: String, among candidates: [String], limit: Int = 3) -> [String]
{
  guard !word.isEmpty else { return [] }
  let allowed = max(1, word.count / 3)
  var scored: [(distance: Int, word: String)] = []
  for candidate in candidates {
    if candidate.hasPrefix(word) {
      scored.append((0, candidate))
      continue
    }
    let distance = editDistance(word, candidate)
    if distance <= allowed { scored.append((distance, candidate)) }
  }
  return scored.sorted { ($0.distance, $0.word) < ($1.distance, $1.word) }.prefix(limit).map(
    \.word)
}

/// The Levenshtein distance between two strings, counted in characters.
public func editDistance(_ lhs: String, _ rhs: String) -> Int {
  let a = Array(lhs)
  let b = Array(rhs)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
