/// A mapping's values by key, for the keys a reader allows: what `YAMLNodeReader.fields`
/// gives.
///
/// A bank mapping has a handful of keys, so the values sit in an array beside the allowed
/// keys and a lookup compares a few short strings, with no hashing and no dictionary.
struct YAMLFields {
  /// The keys allowed, in the reader's order.
  let allowed: [String]
  /// The value of each allowed key, when the mapping has it.
  private var values: [YAMLNode?]

  init(allowed: [String]) {
    self.allowed = allowed
    values = Array(repeating: nil, count: allowed.count)
  }

  /// The value of `key`, or nil when the mapping has none (or `key` is not allowed).
  subscript(key: String) -> YAMLNode? {
    get {
      guard let place = allowed.firstIndex(of: key) else { return nil }
      return values[place]
    }
  }

  /// Sets the value of the allowed key at `place`; a later value replaces an earlier one.
  mutating func set(_ value: YAMLNode, at place: Int) {
    values[place] = value
  }
}
