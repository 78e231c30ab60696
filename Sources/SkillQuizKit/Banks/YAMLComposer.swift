// libyaml, as Yams vendors it: its event parser, without Yams' node tree.
import CYaml
// Only to compare keys exactly the way Yams did, in the rare mapping where two keys share text.
import Yams

/// What composing a YAML text gave: its one document, nothing, or the first problem.
enum YAMLComposition {
  /// The document's root value.
  case document(YAMLNode)
  /// The text holds no document (it is empty, or only comments).
  case empty
  /// The first problem, with its place (from 1) and a fix.
  case failure(line: Int, column: Int, message: String, fix: String?)
}

/// Composes YAML into `YAMLNode`s in one pass over libyaml's events, checking the limits on the
/// way.
///
/// This replaces `YAMLLimits.check` followed by `Yams.compose`, and reports exactly what they
/// reported, in the same order: a broken limit anywhere in the file first (so an anchor after a
/// duplicate key still reads as an anchor), then the first of a syntax error, a duplicate key
/// (checked when its mapping ends, as Yams did) or a second document. Duplicate keys are found
/// by comparing the keys' text, in linear time; only keys with the same text are compared with
/// Yams' own rule (text and resolved tag), so `1` and `"1"` stay different keys.
struct YAMLComposer {
  /// The limits the text must keep.
  var limits: YAMLLimits = .banks

  private static let syntaxFix =
    "check the indentation and quoting near this place; quote text that contains `: ` or ` #`"

  /// Composes `text`.
  func compose(_ text: String) -> YAMLComposition {
    if let oversize = limits.oversize(text.utf8.count) { return .failure(oversize) }
    if text.utf8.isEmpty { return .empty }
    var text = text
    return text.withUTF8 { buffer in
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else { return Self.memoryFailure }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var walk = Walk(limits: limits)
      return walk.run(&parser)
    }
  }

  fileprivate static let memoryFailure = YAMLComposition.failure(
    line: 1, column: 1, message: "cannot read YAML: Memory error", fix: nil)

  /// One pass: the limits over every event, the tree until the first composing problem.
  private struct Walk {
    let limits: YAMLLimits
    var depth = 0
    var count = 0
    var documents = 0
    /// Values finished and not yet in their list or mapping; a mapping's are key, value, ….
    var values: [YAMLNode] = []
    /// The lists and mappings open around the current event.
    var frames: [Frame] = []
    /// The first problem composing met; events after it are only checked against the limits.
    var pending: YAMLComposition?

    struct Frame {
      var isMapping: Bool
      var start: Int
      var tag: String?
      var mark: YAMLMark
    }

    init(limits: YAMLLimits) {
      self.limits = limits
      values.reserveCapacity(64)
      frames.reserveCapacity(16)
    }

    // swift-format-ignore: FunctionLength
    mutating func run(_ parser: inout yaml_parser_t) -> YAMLComposition {
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return failure(parser) }
        defer { yaml_event_delete(&event) }
        let mark = event.start_mark
        switch event.type {
        case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
          if let pending { return pending }
          return values.first.map { .document($0) } ?? .empty
        case YAML_DOCUMENT_START_EVENT:
          documents += 1
          if documents == 2, pending == nil {
            pending = .failure(
              line: Int(mark.line) + 1, column: Int(mark.column) + 1,
              message: "YAML syntax error: expected a single document in the stream, "
                + "but found another document", fix: YAMLComposer.syntaxFix)
          }
        case YAML_ALIAS_EVENT:
          return .failure(limits.anchorViolation(at: mark))
        case YAML_SCALAR_EVENT:
          let scalar = event.data.scalar
          if scalar.anchor != nil { return .failure(limits.anchorViolation(at: mark)) }
          if depth > limits.maximumDepth { return .failure(limits.depthViolation(at: mark)) }
          count += 1
          if count > limits.maximumNodes { return .failure(limits.countViolation(at: mark)) }
          guard pending == nil else { continue }
          let tag: String? =
            scalar.quoted_implicit == 1
            ? "tag:yaml.org,2002:str" : scalar.tag.map { String(cString: $0) }
          values.append(
            .scalar(
              YAMLScalar(
                string: Self.text(scalar.value, scalar.length),
                style: YAMLScalar.Style(rawValue: UInt8(truncatingIfNeeded: scalar.style.rawValue))
                  ?? .any, tag: tag, mark: Self.mark(mark))))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
          let isMapping = event.type == YAML_MAPPING_START_EVENT
          let start = event.data.sequence_start
          let anchor = isMapping ? event.data.mapping_start.anchor : start.anchor
          if anchor != nil { return .failure(limits.anchorViolation(at: mark)) }
          depth += 1
          count += 1
          if depth > limits.maximumDepth { return .failure(limits.depthViolation(at: mark)) }
          if count > limits.maximumNodes { return .failure(limits.countViolation(at: mark)) }
          guard pending == nil else { continue }
          // Yams read a mapping's tag through the `sequence_start` member of the union too.
          let tag = start.implicit != 0 ? nil : start.tag.map { String(cString: $0) }
          frames.append(
            Frame(isMapping: isMapping, start: values.count, tag: tag, mark: Self.mark(mark)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          depth -= 1
          guard pending == nil, let frame = frames.popLast() else { continue }
          if frame.isMapping {
            closeMapping(frame)
          } else {
            let nodes = Array(values[frame.start...])
            values.removeSubrange(frame.start...)
            values.append(.sequence(YAMLSequence(nodes: nodes, tag: frame.tag, mark: frame.mark)))
          }
        default:
          continue
        }
      }
    }

    /// Ends a mapping: its pairs become one value, unless two keys are the same.
    mutating func closeMapping(_ frame: Frame) {
      var pairs: [(key: YAMLNode, value: YAMLNode)] = []
      pairs.reserveCapacity((values.count - frame.start) / 2)
      var index = frame.start
      while index + 1 < values.count {
        pairs.append((values[index], values[index + 1]))
        index += 2
      }
      values.removeSubrange(frame.start...)
      if Self.mayRepeatKeys(pairs), let duplicate = Self.duplicateKeys(pairs) {
        pending = duplicate
        return
      }
      values.append(.mapping(YAMLMapping(pairs: pairs, tag: frame.tag, mark: frame.mark)))
    }

    /// Whether two keys could be the same: two scalars with the same text, or two non-scalars.
    ///
    /// Linear: small mappings compare the text directly, larger ones use a set.
    static func mayRepeatKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) -> Bool {
      var others = 0
      if pairs.count <= 8 {
        for (index, pair) in pairs.enumerated() {
          guard case .scalar(let key) = pair.key else {
            others += 1
            continue
          }
          for earlier in pairs[..<index] where earlier.key.string == key.string { return true }
        }
        return others > 1
      }
      var seen = Set<String>(minimumCapacity: pairs.count)
      for pair in pairs {
        guard case .scalar(let key) = pair.key else {
          others += 1
          continue
        }
        if !seen.insert(key.string).inserted { return true }
      }
      return others > 1
    }

    /// Yams' duplicate-key check, word for word: keys equal as Yams nodes (text and resolved
    /// tag), reported sorted, at the first place of the first of them.
    static func duplicateKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) -> YAMLComposition? {
      let keys = pairs.map { Self.yamsNode($0.key) }
      let groups = Dictionary(grouping: keys.indices) { keys[$0] }.filter { $1.count > 1 }
      guard !groups.isEmpty else { return nil }
      let sorted = groups.keys.sorted()
      guard let first = sorted.first, let place = groups[first]?.first else { return nil }
      let mark = pairs[place].key.mark
      let names = sorted.map { "'\($0.string ?? "<uncovertable>")'" }
      return .failure(
        line: mark.line, column: mark.column,
        message: "duplicate key \(names.joined(separator: ", ")) in one mapping",
        fix: "keep one of them; YAML would silently use only one value")
    }

    /// The Yams node Yams would have composed for `node`, for comparing keys.
    static func yamsNode(_ node: YAMLNode) -> Yams.Node {
      func tag(_ name: String?) -> Tag { Tag(name.map(Tag.Name.init(rawValue:)) ?? .implicit) }
      switch node {
      case .scalar(let scalar):
        return .scalar(
          Node.Scalar(
            scalar.string, tag(scalar.tag),
            Node.Scalar.Style(rawValue: UInt32(scalar.style.rawValue)) ?? .any))
      case .sequence(let sequence):
        return .sequence(Node.Sequence(sequence.nodes.map(yamsNode), tag(sequence.tag)))
      case .mapping(let mapping):
        return .mapping(
          Node.Mapping(
            mapping.pairs.map { (yamsNode($0.key), yamsNode($0.value)) }, tag(mapping.tag))
        )
      }
    }

    /// A libyaml failure: our nesting limit when that is what libyaml hit, else the first
    /// composing problem before it, else the syntax error in Yams' words.
    func failure(_ parser: yaml_parser_t) -> YAMLComposition {
      if let nesting = limits.nestingFailure(parser) { return .failure(nesting) }
      if let pending { return pending }
      let problem = parser.problem.map { String(cString: $0) } ?? ""
      switch parser.error {
      case YAML_READER_ERROR:
        return .failure(
          line: 1, column: 1, message: "cannot read the file as YAML: \(problem)",
          fix: "save the file as UTF-8")
      case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
        let context = parser.context.map { String(cString: $0) }
        let detail = [context, problem].compactMap { $0 }.filter { !$0.isEmpty }
        return .failure(
          line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
          message: "YAML syntax error: " + detail.joined(separator: ", "),
          fix: YAMLComposer.syntaxFix)
      default:
        return YAMLComposer.memoryFailure
      }
    }

    /// A scalar's bytes as text; a leading byte order mark is dropped, as Foundation's
    /// `String(bytes:encoding:)` (which Yams used) drops it.
    static func text(_ bytes: UnsafeMutablePointer<UInt8>?, _ length: Int) -> String {
      guard let bytes, length > 0 else { return "" }
      var buffer = UnsafeBufferPointer(start: bytes, count: length)
      if length >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
        buffer = UnsafeBufferPointer(rebasing: buffer[3...])
      }
      return String(decoding: buffer, as: UTF8.self)
    }

    static func mark(_ mark: yaml_mark_t) -> YAMLMark {
      YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
  }
}

extension YAMLComposition {
  fileprivate static func failure(_ violation: YAMLLimits.Violation) -> YAMLComposition {
    .failure(
      line: violation.line, column: violation.column, message: violation.message,
      fix: violation.fix)
  }
}
