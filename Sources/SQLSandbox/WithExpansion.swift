/// How big a query grows when SQLite copies each WITH table into every place that names it.
///
/// SQLite 3.40 makes those copies while it compiles a query, before any step runs, so neither
/// the progress handler nor an interrupt can stop it: ten lines of WITH tables that each name the
/// one before twice make 2¹⁶ copies, a second of work and 90 MB for every two more lines. This
/// estimate is an upper bound counted on tokens, so such a query is refused before it is compiled.
enum WithExpansion {
  /// A token of SQL: a name (bare or quoted, lowercased), a parenthesis, a comma, or anything
  /// else.
  enum Token: Equatable {
    case name(String, quoted: Bool)
    case open
    case close
    case comma
    case other
  }

  /// The number of tokens `sql` grows to once each WITH table is copied where it is named.
  ///
  /// Counting stops once past `limit`; linear in the query's length.
  static func expandedTokens(of sql: String, limit: Int) -> Int {
    let tokens = tokenize(sql)
    let closes = matchingCloses(tokens)
    let definitions = withTables(in: tokens, closes: closes)
    guard !definitions.isEmpty else { return tokens.count }
    // Each name token belongs to the innermost WITH body around it (nil: the main query).
    var owner = [Int?](repeating: nil, count: tokens.count)
    var isDefinitionName = [Bool](repeating: false, count: tokens.count)
    var open: [Int] = []
    var next = 0
    for index in tokens.indices {
      while let last = open.last, definitions[last].body.upperBound <= index { open.removeLast() }
      while next < definitions.count, definitions[next].body.lowerBound <= index {
        if definitions[next].body.contains(index) { open.append(next) }
        next += 1
      }
      owner[index] = open.last
    }
    for definition in definitions { isDefinitionName[definition.nameIndex] = true }
    var references = [[String]](repeating: [], count: definitions.count)
    var mainReferences: [String] = []
    let names = Set(definitions.map(\.name))
    for index in tokens.indices where !isDefinitionName[index] {
      guard case .name(let word, _) = tokens[index], names.contains(word) else { continue }
      if let definition = owner[index] {
        if word != definitions[definition].name { references[definition].append(word) }
      } else {
        mainReferences.append(word)
      }
    }
    // Sizes in passes rather than by recursion (a 100 KB query can chain thousands of WITH
    // tables): each pass counts every body with the sizes so far, so a chain in writing order
    // settles in one pass and a table named before its definition in a few more.
    var sizes: [String: Int] = [:]
    for _ in 0..<min(definitions.count, 64) {
      var changed = false
      for (position, definition) in definitions.enumerated() {
        var total = definition.body.count
        for word in references[position] {
          total = min(limit + 1, total + (sizes[word] ?? 1))
        }
        if total > sizes[definition.name, default: 0] {
          sizes[definition.name] = total
          changed = true
        }
      }
      if !changed { break }
    }
    return mainReferences.reduce(tokens.count) { min(limit + 1, $0 + (sizes[$1] ?? 1)) }
  }

  /// A WITH table: its name, where the name is, and the tokens of its body.
  struct Definition {
    let name: String
    let nameIndex: Int
    let body: Range<Int>
  }

  /// Every `name [(columns)] AS [NOT] [MATERIALIZED] (body)` after a WITH, nested ones too, in
  /// the order of their bodies.
  static func withTables(in tokens: [Token], closes: [Int: Int]) -> [Definition] {
    var definitions: [Definition] = []
    for start in tokens.indices where tokens[start] == .name("with", quoted: false) {
      var index = start + 1
      if index < tokens.count, tokens[index] == .name("recursive", quoted: false) { index += 1 }
      while index < tokens.count, case .name(let name, _) = tokens[index] {
        let nameIndex = index
        index += 1
        if index < tokens.count, tokens[index] == .open {
          guard let close = closes[index] else { break }
          index = close + 1
        }
        guard index < tokens.count, tokens[index] == .name("as", quoted: false) else { break }
        index += 1
        for word in ["not", "materialized"]
        where index < tokens.count && tokens[index] == .name(word, quoted: false) {
          index += 1
        }
        guard index < tokens.count, tokens[index] == .open, let close = closes[index] else {
          break
        }
        definitions.append(
          Definition(name: name, nameIndex: nameIndex, body: (index + 1)..<close))
        index = close + 1
        guard index < tokens.count, tokens[index] == .comma else { break }
        index += 1
      }
    }
    return definitions.sorted { $0.body.lowerBound < $1.body.lowerBound }
  }

  /// For each opening parenthesis, the index of the one closing it.
  static func matchingCloses(_ tokens: [Token]) -> [Int: Int] {
    var closes: [Int: Int] = [:]
    var opens: [Int] = []
    for (index, token) in tokens.enumerated() {
      if token == .open { opens.append(index) }
      if token == .close, let open = opens.popLast() { closes[open] = index }
    }
    return closes
  }

  /// Splits SQL into tokens, skipping spaces, comments and string literals' insides.
  static func tokenize(_ sql: String) -> [Token] {
    let bytes = Array(sql.utf8)
    var tokens: [Token] = []
    var index = 0
    func isNameByte(_ byte: UInt8) -> Bool {
      byte >= 0x80 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
    /// The index just past the quoted run starting at `start`, closed by `close`, where a
    /// doubled closing quote stands for itself.
    func endOfQuoted(from start: Int, close: UInt8) -> Int {
      var end = start + 1
      while end < bytes.count {
        if bytes[end] == close {
          if close != UInt8(ascii: "]"), end + 1 < bytes.count, bytes[end + 1] == close {
            end += 2
            continue
          }
          return end + 1
        }
        end += 1
      }
      return end
    }
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C:
        index += 1
      case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == byte:
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
      case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
        index += 2
        while index < bytes.count,
          !(bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count
            && bytes[index + 1] == UInt8(ascii: "/"))
        {
          index += 1
        }
        index += 2
      case UInt8(ascii: "'"):
        index = endOfQuoted(from: index, close: byte)
        tokens.append(.other)
      case UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "["):
        let end = endOfQuoted(
          from: index, close: byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : byte)
        let inner = bytes[(index + 1)..<max(index + 1, end - 1)]
        tokens.append(.name(String(decoding: inner, as: UTF8.self).lowercased(), quoted: true))
        index = end
      case UInt8(ascii: "("):
        tokens.append(.open)
        index += 1
      case UInt8(ascii: ")"):
        tokens.append(.close)
        index += 1
      case UInt8(ascii: ","):
        tokens.append(.comma)
        index += 1
      case _ where isNameByte(byte):
        var end = index
        while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
        tokens.append(
          .name(String(decoding: bytes[index..<end], as: UTF8.self).lowercased(), quoted: false))
        index = end
      default:
        tokens.append(.other)
        index += 1
      }
    }
    return tokens
  }
}
