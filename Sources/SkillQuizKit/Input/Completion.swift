/// What pressing Tab should do.
public enum CompletionAction: Sendable, Equatable {
  /// Insert this text at the cursor.
  case insert(String)
  /// Show these candidates; nothing to insert.
  case list([String])
  /// Nothing matches.
  case beep
}

/// Decides what Tab does for the word before the cursor.
///
/// - Parameters:
///   - textBeforeCursor: The line up to the cursor.
///   - candidates: The words that may follow, given the words already typed, in tiers: the
///     first tier with a match wins, so ids can be preferred over aliases.
/// - Returns: The completed rest of a unique match (plus a space), the longest common
///   prefix, a list to show, or a beep.
public func completionAction(
  forTextBeforeCursor textBeforeCursor: String,
  candidates: (_ previousWords: [String]) -> [[String]]
) -> CompletionAction {
  let endsWithSpace = textBeforeCursor.last?.isWhitespace ?? true
  var words = textBeforeCursor.split(whereSeparator: \.isWhitespace).map(String.init)
  let partial = endsWithSpace ? "" : (words.popLast() ?? "")
  let tiers = candidates(words).map { tier in
    Array(Set(tier.filter { $0.hasPrefix(partial.lowercased()) })).sorted()
  }
  let matches = tiers.first { !$0.isEmpty } ?? []
  guard let first = matches.first else { return .beep }
  if matches.count == 1 {
    return .insert(String(first.dropFirst(partial.count)) + " ")
  }
  var common = first
  for match in matches.dropFirst() {
    while !match.hasPrefix(common) { common.removeLast() }
  }
  if common.count > partial.count {
    return .insert(String(common.dropFirst(partial.count)))
  }
  return .list(matches)
}
