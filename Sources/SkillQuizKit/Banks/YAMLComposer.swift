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
      var walk = Walk(limits: limits, size: buffer.count)
      return walk.run(&parser)
    }
  }

  fileprivate static let memoryFailure = YAMLComposition.failure(
    line: 1, column: 1, message: "cannot read YAML: Memory error", fix: nil)

  /// One pass: the limits over every event, the document until the first composing problem.
  private struct Walk {
    let limits: YAMLLimits
    var depth = 0
    var count = 0
    var documents = 0
    /// Every value so far, in document order.
    var entries: [YAMLDocument.Entry] = []
    /// The children of the lists and mappings closed so far.
    var children: [Int32] = []
    /// The bytes of every scalar so far.
    var bytes: [UInt8] = []
    /// Explicit tags; the first is the tag of every quoted scalar.
    var tags: [String] = [YAMLDocument.stringTag]
    /// Values finished and not yet in their closed list or mapping (a mapping's are key,
    /// value, …), by their entry.
    var values: [Int32] = []
    /// The lists and mappings open around the current event.
    var frames: [Frame] = []
    /// The first problem composing met; events after it are only checked against the limits.
    var pending: YAMLComposition?

    struct Frame {
      /// The list's or mapping's entry.
      var entry: Int32
      /// Its first value in `values`.
      var start: Int
    }

    init(limits: YAMLLimits, size: Int) {
      self.limits = limits
      values.reserveCapacity(64)
      frames.reserveCapacity(16)
      bytes.reserveCapacity(size)
      entries.reserveCapacity(size / 16)
      children.reserveCapacity(size / 16)
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
          guard let root = values.first else { return .empty }
          let document = YAMLDocument(
            entries: entries, children: children, bytes: bytes, tags: tags)
          return .document(document.node(root))
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
          let tag: Int32 =
            scalar.quoted_implicit == 1 ? 0 : scalar.tag.map { addTag(String(cString: $0)) } ?? -1
          let start = bytes.count
          appendText(scalar.value, scalar.length)
          values.append(Int32(entries.count))
          entries.append(
            YAMLDocument.Entry(
              kind: YAMLDocument.kindScalar,
              style: UInt8(truncatingIfNeeded: scalar.style.rawValue), tag: tag,
              line: Int32(truncatingIfNeeded: mark.line + 1),
              column: Int32(truncatingIfNeeded: mark.column + 1),
              start: Int32(start), count: Int32(bytes.count - start)))
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
          let tag = start.implicit != 0 ? -1 : start.tag.map { addTag(String(cString: $0)) } ?? -1
          frames.append(Frame(entry: Int32(entries.count), start: values.count))
          entries.append(
            YAMLDocument.Entry(
              kind: isMapping ? YAMLDocument.kindMapping : YAMLDocument.kindSequence, style: 0,
              tag: tag, line: Int32(truncatingIfNeeded: mark.line + 1),
              column: Int32(truncatingIfNeeded: mark.column + 1), start: 0, count: 0))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          depth -= 1
          guard pending == nil, let frame = frames.popLast() else { continue }
          let isMapping = entries[Int(frame.entry)].kind == YAMLDocument.kindMapping
          if isMapping, mayRepeatKeys(frame), let duplicate = duplicateKeys(frame) {
            pending = duplicate
            continue
          }
          entries[Int(frame.entry)].start = Int32(children.count)
          entries[Int(frame.entry)].count = Int32(values.count - frame.start)
          children.append(contentsOf: values[frame.start...])
          values.removeSubrange(frame.start...)
          values.append(frame.entry)
        default:
          continue
        }
      }
    }

    mutating func addTag(_ tag: String) -> Int32 {
      tags.append(tag)
      return Int32(tags.count - 1)
    }

    /// Appends a scalar's bytes; a leading byte order mark is dropped, as Foundation's
    /// `String(bytes:encoding:)` (which Yams used) drops it.
    mutating func appendText(_ text: UnsafeMutablePointer<UInt8>?, _ length: Int) {
      guard let text, length > 0 else { return }
      var buffer = UnsafeBufferPointer(start: text, count: length)
      if length >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF {
        buffer = UnsafeBufferPointer(rebasing: buffer[3...])
      }
      bytes.append(contentsOf: buffer)
    }

    /// Whether the scalar entries `first` and `second` have the same text.
    func sameText(_ first: Int32, _ second: Int32) -> Bool {
      let one = entries[Int(first)]
      let other = entries[Int(second)]
      guard one.count == other.count else { return false }
      return bytes.withUnsafeBufferPointer { buffer in
        buffer[Int(one.start)..<Int(one.start + one.count)]
          .elementsEqual(buffer[Int(other.start)..<Int(other.start + other.count)])
      }
    }

    /// Whether two keys of the mapping could be the same: two scalars with the same text, or
    /// two non-scalars.
    ///
    /// Linear: small mappings compare the bytes directly, larger ones use a set.
    func mayRepeatKeys(_ frame: Frame) -> Bool {
      let keys = stride(from: frame.start, to: values.count - 1, by: 2)
      let keyCount = (values.count - frame.start) / 2
      var others = 0
      if keyCount <= 16 {
        for place in keys {
          let key = values[place]
          guard entries[Int(key)].kind == YAMLDocument.kindScalar else {
            others += 1
            continue
          }
          for earlier in stride(from: frame.start, to: place, by: 2)
          where entries[Int(values[earlier])].kind == YAMLDocument.kindScalar
            && sameText(values[earlier], key)
          {
            return true
          }
        }
        return others > 1
      }
      var seen = Set<[UInt8]>(minimumCapacity: keyCount)
      for place in keys {
        let entry = entries[Int(values[place])]
        guard entry.kind == YAMLDocument.kindScalar else {
          others += 1
          continue
        }
        let start = Int(entry.start)
        if !seen.insert(Array(bytes[start..<start + Int(entry.count)])).inserted { return true }
      }
      return others > 1
    }

    /// The mapping's pairs as nodes, for the rare mapping where two keys may be the same.
    func pairs(_ frame: Frame) -> [(key: YAMLNode, value: YAMLNode)] {
      // The values in the mapping are not yet children: a document of what is done so far
      // (with the mapping's values as its last children) reads them.
      let children = self.children + values[frame.start...]
      let document = YAMLDocument(
        entries: entries, children: children, bytes: bytes, tags: tags)
      let first = self.children.count
      return stride(from: 0, to: values.count - frame.start - 1, by: 2).map { offset in
        (
          document.node(children[first + offset]),
          document.node(children[first + offset + 1])
        )
      }
    }

    /// Yams' duplicate-key check over the mapping's pairs.
    func duplicateKeys(_ frame: Frame) -> YAMLComposition? {
      Self.duplicateKeys(pairs(frame))
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
  }
}

extension YAMLComposition {
  fileprivate static func failure(_ violation: YAMLLimits.Violation) -> YAMLComposition {
    .failure(
      line: violation.line, column: violation.column, message: violation.message,
      fix: violation.fix)
  }
}
