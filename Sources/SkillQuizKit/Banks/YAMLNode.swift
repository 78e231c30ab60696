/// A place in a YAML file: line and column from 1, columns counted in Unicode scalars.
struct YAMLMark: Sendable, Hashable {
  /// The line, from 1.
  var line: Int
  /// The column, from 1.
  var column: Int
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

  /// The text, after YAML's folding and escapes.
  var string: String
  /// How it was written.
  var style: Style
  /// The tag written on it, `tag:yaml.org,2002:str` when quoted, nil when plain and untagged.
  ///
  /// Only the duplicate-key check looks at it.
  var tag: String?
  /// Where it starts.
  var mark: YAMLMark
}

/// A list of values.
struct YAMLSequence: Sendable, RandomAccessCollection {
  /// The items, in order.
  var nodes: [YAMLNode]
  /// The tag written on the list, if any.
  var tag: String?
  /// Where the list starts.
  var mark: YAMLMark

  var startIndex: Int { nodes.startIndex }
  var endIndex: Int { nodes.endIndex }
  subscript(position: Int) -> YAMLNode { nodes[position] }
}

/// A mapping's pairs, in the order written.
struct YAMLMapping: Sendable, RandomAccessCollection {
  /// The pairs, in order.
  var pairs: [(key: YAMLNode, value: YAMLNode)]
  /// The tag written on the mapping, if any.
  var tag: String?
  /// Where the mapping starts.
  var mark: YAMLMark

  var startIndex: Int { pairs.startIndex }
  var endIndex: Int { pairs.endIndex }
  subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
}
