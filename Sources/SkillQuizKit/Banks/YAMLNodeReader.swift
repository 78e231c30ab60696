/// Walks a composed YAML document and records every problem with its file, line and column.
struct YAMLNodeReader {
  let file: String
  /// The text, for finding comments that cut a plain scalar short.
  private let text: String
  /// Where each line starts, in UTF-8 bytes, found the first time a comment check needs it.
  private var lineStarts: [Int]?
  private(set) var diagnostics: [BankDiagnostic] = []
  /// How many of the diagnostics are errors, kept so that counting them stays cheap.
  private(set) var errorCount = 0
  /// Per line, the column (in scalars, from 0) of the last ` #` or tab-`#`, or -1: a plain
  /// scalar starting at or before it was cut short by a comment.
  private var lastCommentStart: [Int: Int] = [:]

  init(file: String, text: String) {
    self.file = file
    self.text = text
  }

  /// Composes the text, turning a YAML error or a broken limit into a diagnostic.
  ///
  /// The limits are checked in the same pass over libyaml's events, before anything hostile
  /// can grow (see `YAMLComposer` and `YAMLLimits`).
  mutating func compose(_ text: String, limits: YAMLLimits = .banks) -> YAMLNode? {
    switch YAMLComposer(limits: limits).compose(text) {
    case .document(let node):
      return node
    case .empty:
      error(at: nil, "the file is empty", fix: "start it with `schema: 1`")
      return nil
    case .failure(let line, let column, let message, let fix):
      append(
        BankDiagnostic(
          .error, at: SourceLocation(file: file, line: line, column: column), message, fix: fix))
      return nil
    }
  }

  // MARK: Locations and messages

  func location(of node: YAMLNode?) -> SourceLocation {
    guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  mutating func error(at node: YAMLNode?, _ message: String, fix: String? = nil) {
    append(BankDiagnostic(.error, at: location(of: node), message, fix: fix))
  }

  mutating func warning(at node: YAMLNode?, _ message: String, fix: String? = nil) {
    append(BankDiagnostic(.warning, at: location(of: node), message, fix: fix))
  }

  private mutating func append(_ diagnostic: BankDiagnostic) {
    diagnostics.append(diagnostic)
    if diagnostic.severity == .error { errorCount += 1 }
  }

  // MARK: Shapes

  /// The pairs of a mapping with string keys, checking the keys against the allowed ones.
  mutating func fields(
    of node: YAMLNode, in context: @autoclosure () -> String, allowed: [String],
    required: [String] = []
  ) -> YAMLFields? {
    guard case .mapping(let mapping) = node else {
      error(
        at: node, "\(context()) must be a mapping of `key: value` lines, not \(describe(node))")
      return nil
    }
    var result = YAMLFields(allowed: allowed)
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string else {
        error(at: keyNode, "\(context()) has a key that is not plain text")
        continue
      }
      guard let place = allowed.firstIndex(of: key) else {
        let close = closestMatches(to: key, among: allowed, limit: 1)
        let hint =
          close.first.map { "did you mean `\($0)`?" }
          ?? "allowed: \(allowed.joined(separator: ", "))"
        error(at: keyNode, "unknown field `\(key)` in \(context())", fix: hint)
        continue
      }
      result.set(value, at: place)
    }
    for key in required where result[key] == nil {
      error(at: node, "\(context()) is missing `\(key)`", fix: "add `\(key):`")
    }
    return result
  }

  /// A scalar's text, or an error when the node is a list or mapping.
  mutating func text(_ node: YAMLNode?, _ field: String, in context: @autoclosure () -> String)
    -> String?
  {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node else {
      error(
        at: node, "`\(field)` in \(context()) must be text, not \(describe(node))",
        fix: "quote the value: \(field): \"…\"")
      return nil
    }
    return scalar.string
  }

  /// A text field that must not be empty, checked for a ` #` comment that cut it short.
  mutating func prose(_ node: YAMLNode?, _ field: String, in context: @autoclosure () -> String)
    -> String?
  {
    guard case .scalar(let scalar) = node else {
      _ = text(node, field, in: context())
      return nil
    }
    let trimmed = Self.trimmed(scalar)
    if trimmed.isEmpty || isNull(node) {
      error(at: node, "`\(field)` in \(context()) is empty", fix: "write the \(field) text")
      return nil
    }
    checkCutByComment(node, field)
    checkFences(trimmed, node: node, field: field)
    return trimmed
  }

  /// A scalar's text without white space and line breaks at either end, as
  /// `WhiteSpace.trimmed` gives it, made into a `String` once.
  ///
  /// Text that starts and ends with ASCII (nearly all) is trimmed byte by byte; text whose
  /// first or last kept byte is not ASCII goes through `WhiteSpace.trimmed`.
  static func trimmed(_ scalar: YAMLScalar) -> String {
    let range: Range<Int>? = scalar.withBytes { bytes in
      func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
      guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return 0..<0 }
      let last = bytes.lastIndex(where: { !isSpace($0) }) ?? first
      guard bytes[first] < 0x80, bytes[last] < 0x80 else { return nil }
      return first..<last + 1
    }
    guard let range else { return WhiteSpace.trimmed(scalar.string) }
    guard range.count < scalar.byteCount else { return scalar.string }
    return scalar.withBytes {
      String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
    }
  }

  /// An id-like scalar: lowercase letters, digits and `.`, `_`, `-`.
  mutating func slug(_ node: YAMLNode?, _ field: String, in context: @autoclosure () -> String)
    -> String?
  {
    guard let value = text(node, field, in: context()) else { return nil }
    if value.isEmpty || value.utf8.contains(where: { !Self.isSlugByte($0) }) {
      error(
        at: node, "`\(field)` '\(value)' in \(context()) is not a valid id",
        fix: "use lowercase letters, digits, `.`, `_` and `-` only")
      return nil
    }
    return value
  }

  /// Whether a byte is one of `a`–`z`, `0`–`9`, `.`, `_` and `-`; any byte of a non-ASCII
  /// scalar is not.
  private static func isSlugByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
      true
    default: false
    }
  }

  /// A boolean written `true` or `false`.
  mutating func bool(_ node: YAMLNode?, _ field: String, in context: @autoclosure () -> String)
    -> Bool?
  {
    guard let value = text(node, field, in: context()) else { return nil }
    switch value.lowercased() {
    case "true": return true
    case "false": return false
    default:
      error(at: node, "`\(field)` in \(context()) must be true or false, not '\(value)'")
      return nil
    }
  }

  /// The items of a sequence, or an error.
  mutating func list(_ node: YAMLNode?, _ field: String, in context: @autoclosure () -> String)
    -> [YAMLNode]?
  {
    guard let node else { return nil }
    guard case .sequence(let sequence) = node else {
      error(
        at: node, "`\(field)` in \(context()) must be a list, not \(describe(node))",
        fix: "write it as a list: \(field): [\"…\"] or one `- item` per line")
      return nil
    }
    return Array(sequence)
  }

  /// A list of short strings.
  mutating func words(_ node: YAMLNode?, _ field: String, in context: @autoclosure () -> String)
    -> [String]?
  {
    guard let items = list(node, field, in: context()) else { return nil }
    return items.compactMap { text($0, field, in: context()) }
  }

  func isNull(_ node: YAMLNode?) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.style == .plain && scalar.byteCount <= 4
      && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  func describe(_ node: YAMLNode) -> String {
    switch node {
    case .scalar: "text"
    case .mapping: "a mapping"
    case .sequence: "a list"
    }
  }

  // MARK: Content checks

  /// Flags a plain scalar that a ` #` on its line turned into a comment.
  ///
  /// Each line is scanned once, however many scalars it holds (a flow list on one long line
  /// holds many).
  private mutating func checkCutByComment(_ node: YAMLNode?, _ field: String) {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return }
    let mark = scalar.mark
    let last: Int
    if let known = lastCommentStart[mark.line] {
      last = known
    } else {
      guard let found = lastCommentStart(onLine: mark.line) else { return }
      last = found
      lastCommentStart[mark.line] = last
    }
    if last >= mark.column - 1 {
      error(
        at: node, "the `\(field)` text is cut short at ` #`: YAML reads the rest as a comment",
        fix: "put the text in double quotes, or move the comment to a line of its own")
    }
  }

  /// The offset in scalars of the last space or tab followed by `#` on line `number` (from 1),
  /// or -1; nil when the text has no such line.
  ///
  /// Lines end at a line feed that does not follow a carriage return: the lines a `Character`
  /// split on `"\n"` gives, since CR LF is one character.
  private mutating func lastCommentStart(onLine number: Int) -> Int? {
    let bytes = text.utf8
    if lineStarts == nil {
      func starts(_ buffer: some Collection<UInt8>) -> [Int] {
        var starts = [0]
        var previous: UInt8 = 0
        var offset = 0
        for byte in buffer {
          offset += 1
          if byte == 0x0A, previous != 0x0D { starts.append(offset) }
          previous = byte
        }
        return starts
      }
      lineStarts = bytes.withContiguousStorageIfAvailable { starts($0) } ?? starts(bytes)
    }
    guard let starts = lineStarts, number >= 1, number <= starts.count else { return nil }
    let start = starts[number - 1]
    let end = number < starts.count ? starts[number] - 1 : bytes.count
    var last = -1
    var previousWasBlank = false
    var offset = 0
    for byte in bytes[
      bytes.index(
        bytes.startIndex, offsetBy: start)..<bytes.index(
          bytes.startIndex, offsetBy: end)]
    where byte & 0xC0 != 0x80 {
      if byte == UInt8(ascii: "#"), previousWasBlank { last = offset - 1 }
      previousWasBlank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
      offset += 1
    }
    return last
  }

  /// Flags a fenced code block that is never closed.
  private mutating func checkFences(_ text: String, node: YAMLNode?, field: String) {
    // Most text has no fence at all: then no line can start one.
    guard MarkdownLite.mayHoldCode(text) else { return }
    var open = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false)
    where WhiteSpace.trimmedBlanks(line).hasPrefix("```") {
      open.toggle()
    }
    if open {
      error(
        at: node, "a fenced code block in `\(field)` is never closed",
        fix: "end the code block with a line of three backticks")
    }
  }
}
