// Yams keeps libyaml internal; its event parser is the one way to look at a document without
// building (and hashing) its nodes.
import CYaml

/// The bounds a YAML file must keep before it is composed into nodes.
///
/// Composing is where a hostile file hurts: an alias used as a mapping key is hashed in full, so
/// a few hundred bytes of nested aliases take exponential time, and deep nesting overflows the
/// stack. `check` walks libyaml's events instead, which takes linear time and constant stack,
/// and stops at the first anchor or alias, the first value past the depth limit or the first
/// value past the count limit.
public struct YAMLLimits: Sendable, Hashable {
  /// The largest file, in bytes.
  public var maximumBytes: Int
  /// The deepest nesting of lists and mappings.
  public var maximumDepth: Int
  /// The most values (scalars, lists and mappings) in the file.
  public var maximumNodes: Int

  /// Creates limits.
  public init(maximumBytes: Int, maximumDepth: Int, maximumNodes: Int) {
    self.maximumBytes = maximumBytes
    self.maximumDepth = maximumDepth
    self.maximumNodes = maximumNodes
  }

  /// The limits for bank files, `skills.yaml` and `openings.yaml`.
  ///
  /// 32 MB, 64 levels and 1,000,000 values leave room for 10,000 questions in one file: the
  /// bundled banks take about 1.8 KB, 52 values and at most 7 levels per question.
  public static let banks = YAMLLimits(
    maximumBytes: 32 << 20, maximumDepth: 64, maximumNodes: 1_000_000)

  /// A limit the text breaks: where, what is wrong, and how to fix it.
  public struct Violation: Sendable, Hashable {
    /// The line, from 1 (1 when the whole file is at fault).
    public let line: Int
    /// The column, from 1.
    public let column: Int
    /// What is wrong, as a lowercase fragment.
    public let message: String
    /// How to fix it.
    public let fix: String
  }

  /// The first limit `text` breaks, or nil when it keeps them all.
  ///
  /// A YAML syntax error ends the check with nil: composing reports it, and stops there too.
  public func check(_ text: String) -> Violation? {
    if let oversize = oversize(text.utf8.count) { return oversize }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else { return nil }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      return walk(&parser)
    }
  }

  /// The violation of a file of `size` bytes, when it is too large.
  func oversize(_ size: Int) -> Violation? {
    guard size > maximumBytes else { return nil }
    return Violation(
      line: 1, column: 1,
      message: "the file is \(Self.megabytes(size)); a YAML file may be at most "
        + Self.megabytes(maximumBytes),
      fix: "split it into several bank files of the same area")
  }

  /// The violation of an anchor or alias at `mark` (libyaml's, from 0).
  func anchorViolation(at mark: yaml_mark_t) -> Violation {
    violation(
      at: mark, "YAML anchors and aliases (&name / *name) are not allowed in question banks",
      fix: "write the text out in full where the alias stood")
  }

  /// The violation of a value at `mark` nested deeper than `maximumDepth`.
  func depthViolation(at mark: yaml_mark_t) -> Violation {
    violation(at: mark, tooDeep.message, fix: tooDeep.fix)
  }

  /// The violation of a value at `mark` past `maximumNodes`.
  func countViolation(at mark: yaml_mark_t) -> Violation {
    violation(
      at: mark, "the file holds more than \(maximumNodes) values",
      fix: "split it into several bank files of the same area")
  }

  private func violation(at mark: yaml_mark_t, _ message: String, fix: String) -> Violation {
    Violation(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message, fix: fix)
  }

  private func walk(_ parser: inout yaml_parser_t) -> Violation? {
    var depth = 0
    var nodes = 0
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else { return nestingFailure(parser) }
      defer { yaml_event_delete(&event) }
      let mark = event.start_mark
      let anchored: Bool
      switch event.type {
      case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
        return nil
      case YAML_ALIAS_EVENT:
        anchored = true
      case YAML_SCALAR_EVENT:
        anchored = event.data.scalar.anchor != nil
        nodes += 1
      case YAML_SEQUENCE_START_EVENT:
        anchored = event.data.sequence_start.anchor != nil
        nodes += 1
        depth += 1
      case YAML_MAPPING_START_EVENT:
        anchored = event.data.mapping_start.anchor != nil
        nodes += 1
        depth += 1
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        anchored = false
        depth -= 1
      default:
        anchored = false
      }
      if anchored { return anchorViolation(at: mark) }
      if depth > maximumDepth { return depthViolation(at: mark) }
      if nodes > maximumNodes { return countViolation(at: mark) }
    }
  }

  /// libyaml's own nesting limit (1,000 levels, met while it looks ahead through flow
  /// brackets) in the words of ours; any other syntax error is left for composing to report.
  func nestingFailure(_ parser: yaml_parser_t) -> Violation? {
    guard let problem = parser.problem, String(cString: problem).contains("nesting level") else {
      return nil
    }
    let mark = parser.problem_mark
    return Violation(
      line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: tooDeep.message,
      fix: tooDeep.fix)
  }

  /// What is said when the nesting is too deep.
  private var tooDeep: (message: String, fix: String) {
    (
      "lists and mappings are nested more than \(maximumDepth) deep",
      "a bank needs only a few levels; check the brackets and the indentation here"
    )
  }

  /// A byte count in megabytes, rounded up to a tenth: "16 MB", "16.1 MB".
  static func megabytes(_ bytes: Int) -> String {
    let tenths = (bytes * 10 + (1 << 20) - 1) >> 20
    return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
  }
}
