/// A place in a YAML file: line and column from 1, columns counted in Unicode scalars.
struct YAMLMark: Sendable, Hashable {
  /// The line, from 1.
  var line: Int
  /// The column, from 1.
  var column: Int
}

/// A composed YAML document in three flat arrays: one entry per value, in document order, the
/// children of every list and mapping, and the bytes of every scalar.
///
/// `YAMLComposer` fills it from libyaml's events without allocating per value; `YAMLNode`s are
/// views into it, and a scalar's `String` is only made when a reader asks for it.
final class YAMLDocument: Sendable {
  /// One value.
  struct Entry: Sendable {
    /// `kindScalar`, `kindSequence` or `kindMapping`.
    var kind: UInt8
    /// A scalar's `YAMLScalar.Style`.
    var style: UInt8
    /// The index of the explicit tag in `tags`, or -1.
    var tag: Int32
    var line: Int32
    var column: Int32
    /// A scalar's first byte in `bytes`; a list's or mapping's first child in `children`.
    var start: Int32
    /// A scalar's byte count; a list's or mapping's children (a mapping's: key, value, …).
    var count: Int32
  }

  static let kindScalar: UInt8 = 0
  static let kindSequence: UInt8 = 1
  static let kindMapping: UInt8 = 2
  /// The tag of every quoted scalar, always `tags[0]`.
  static let stringTag = "tag:yaml.org,2002:str"

  let entries: [Entry]
  let children: [Int32]
  let bytes: [UInt8]
  let tags: [String]

  init(entries: [Entry], children: [Int32], bytes: [UInt8], tags: [String]) {
    self.entries = entries
    self.children = children
    self.bytes = bytes
    self.tags = tags
  }

  /// The value at `index`.
  func node(_ index: Int32) -> YAMLNode {
    let reference = YAMLReference(document: self, index: index)
    switch entries[Int(index)].kind {
    case Self.kindScalar: return .scalar(YAMLScalar(reference))
    case Self.kindSequence: return .sequence(YAMLSequence(reference))
    default: return .mapping(YAMLMapping(reference))
    }
  }

  /// The text of the scalar at `index`.
  func string(_ index: Int32) -> String {
    let entry = entries[Int(index)]
    guard entry.count > 0 else { return "" }
    return bytes.withUnsafeBufferPointer {
      String(
        decoding: UnsafeBufferPointer(
          rebasing: $0[Int(entry.start)..<Int(entry.start) + Int(entry.count)]), as: UTF8.self)
    }
  }

  /// Calls `body` with the bytes of the scalar at `index`.
  func withBytes<Result>(
    _ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    let entry = entries[Int(index)]
    return bytes.withUnsafeBufferPointer {
      body(
        UnsafeBufferPointer(
          rebasing: $0[Int(entry.start)..<Int(entry.start) + Int(entry.count)]))
    }
  }
}

/// One value of a document, by its place in the entries.
struct YAMLReference: Sendable {
  let document: YAMLDocument
  let index: Int32

  var entry: YAMLDocument.Entry { document.entries[Int(index)] }

  var mark: YAMLMark {
    let entry = entry
    return YAMLMark(line: Int(entry.line), column: Int(entry.column))
  }

  var tag: String? {
    let tag = entry.tag
    return tag < 0 ? nil : document.tags[Int(tag)]
  }

  /// The child at `offset` among this list's or mapping's children.
  func child(_ offset: Int) -> YAMLNode {
    document.node(document.children[Int(entry.start) + offset])
  }
}

/// One value of a composed YAML document: text, a list or a mapping, with where it starts.
///
/// This is what `YAMLComposer` builds from libyaml's events, and all that bank, skills and
/// openings parsing needs: no tags are resolved and no alias can occur (banks refuse them).
enum YAMLNode: Sendable {
  case scalar(YAMLScalar)
  case sequence(YAMLSequence)
  case mapping(YAMLMapping)

  /// Where the value starts.
  var mark: YAMLMark {
    switch self {
    case .scalar(let scalar): scalar.mark
    case .sequence(let sequence): sequence.mark
    case .mapping(let mapping): mapping.mark
    }
  }

  /// The scalar, when the value is one.
  var scalar: YAMLScalar? {
    if case .scalar(let scalar) = self { scalar } else { nil }
  }

  /// The text of a scalar; nil for a list or a mapping.
  var string: String? { scalar?.string }
}

/// A scalar as written: its text, libyaml's style and explicit tag, and its place.
struct YAMLScalar: Sendable {
  /// libyaml's scalar styles (`yaml_scalar_style_t`), as Yams numbers them too.
  enum Style: UInt8, Sendable {
    case any = 0
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
  }

  private let reference: YAMLReference

  init(_ reference: YAMLReference) {
    self.reference = reference
  }

  /// The text, after YAML's folding and escapes.
  var string: String { reference.document.string(reference.index) }
  /// How many bytes of UTF-8 the text has.
  var byteCount: Int { Int(reference.entry.count) }
  /// How it was written.
  var style: Style { Style(rawValue: reference.entry.style) ?? .any }
  /// The tag written on it, `tag:yaml.org,2002:str` when quoted, nil when plain and untagged.
  ///
  /// Only the duplicate-key check looks at it.
  var tag: String? { reference.tag }
  /// Where it starts.
  var mark: YAMLMark { reference.mark }

  /// Calls `body` with the text's UTF-8 bytes, without making a `String`.
  func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    reference.document.withBytes(reference.index, body)
  }
}

/// A list of values.
struct YAMLSequence: Sendable, RandomAccessCollection {
  private let reference: YAMLReference

  init(_ reference: YAMLReference) {
    self.reference = reference
  }

  /// The items, in order.
  var nodes: [YAMLNode] { Array(self) }
  /// The tag written on the list, if any.
  var tag: String? { reference.tag }
  /// Where the list starts.
  var mark: YAMLMark { reference.mark }

  var startIndex: Int { 0 }
  var endIndex: Int { Int(reference.entry.count) }
  subscript(position: Int) -> YAMLNode { reference.child(position) }
}

/// A mapping's pairs, in the order written.
struct YAMLMapping: Sendable, RandomAccessCollection {
  private let reference: YAMLReference

  init(_ reference: YAMLReference) {
    self.reference = reference
  }

  /// The pairs, in order.
  var pairs: [(key: YAMLNode, value: YAMLNode)] { Array(self) }
  /// The tag written on the mapping, if any.
  var tag: String? { reference.tag }
  /// Where the mapping starts.
  var mark: YAMLMark { reference.mark }

  var startIndex: Int { 0 }
  var endIndex: Int { Int(reference.entry.count) / 2 }
  subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
    (reference.child(2 * position), reference.child(2 * position + 1))
  }
}
