import Foundation
import Yams

@testable import SkillQuizKit

/// The node reader as it was before `YAMLComposer`, over Yams' nodes; the reference in tests.
///
/// Walks a composed YAML document and records every problem with its file, line and column.
struct YamsNodeReader {
  let file: String
  private let lines: [Substring]
  private(set) var diagnostics: [BankDiagnostic] = []
  /// How many of the diagnostics are errors, kept so that counting them stays cheap.
  private(set) var errorCount = 0
  /// Per line, the column (in scalars, from 0) of the last ` #` or tab-`#`, or -1: a plain
  /// scalar starting at or before it was cut short by a comment.
  private var lastCommentStart: [Int: Int] = [:]

  init(file: String, text: String) {
    self.file = file
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  /// Composes the text, turning a YAML error or a broken limit into a diagnostic.
  ///
  /// The limits are checked first, on libyaml's events, because composing a hostile file is
  /// itself what hangs (see `YAMLLimits`).
  mutating func compose(_ text: String, limits: YAMLLimits = .banks) -> Node? {
    if let violation = limits.check(text) {
      append(
        BankDiagnostic(
          .error, at: SourceLocation(file: file, line: violation.line, column: violation.column),
          violation.message, fix: violation.fix))
      return nil
    }
    do {
      guard let node = try Yams.compose(yaml: text) else {
        error(at: nil, "the file is empty", fix: "start it with `schema: 1`")
        return nil
      }
      return node
    } catch let yamlError as YamlError {
      record(yamlError)
      return nil
    } catch {
      self.error(at: nil, "cannot read YAML: \(error)")
      return nil
    }
  }

  // MARK: Locations and messages

  func location(of node: Node?) -> SourceLocation {
    guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  mutating func error(at node: Node?, _ message: String, fix: String? = nil) {
    append(BankDiagnostic(.error, at: location(of: node), message, fix: fix))
  }

  mutating func warning(at node: Node?, _ message: String, fix: String? = nil) {
    append(BankDiagnostic(.warning, at: location(of: node), message, fix: fix))
  }

  private mutating func append(_ diagnostic: BankDiagnostic) {
    diagnostics.append(diagnostic)
    if diagnostic.severity == .error { errorCount += 1 }
  }

  private mutating func record(_ yamlError: YamlError) {
    let fix =
      "check the indentation and quoting near this place; quote text that contains `: ` or ` #`"
    switch yamlError {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
      append(
        BankDiagnostic(
          .error, at: SourceLocation(file: file, line: mark.line, column: mark.column),
          "YAML syntax error: " + detail.joined(separator: ", "), fix: fix))
    case .duplicatedKeysInMapping(let duplicates, let context):
      append(
        BankDiagnostic(
          .error,
          at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
          "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
          fix: "keep one of them; YAML would silently use only one value"))
    case .reader(let problem, _, _, _):
      error(at: nil, "cannot read the file as YAML: \(problem)", fix: "save the file as UTF-8")
    default:
      error(at: nil, "cannot read YAML: \(yamlError)")
    }
  }

  // MARK: Shapes

  /// The pairs of a mapping with string keys, checking the keys against the allowed ones.
  mutating func fields(
    of node: Node, in context: String, allowed: [String], required: [String] = []
  ) -> [String: Node]? {
    guard case .mapping(let mapping) = node else {
      error(
        at: node, "\(context) must be a mapping of `key: value` lines, not \(describe(node))")
      return nil
    }
    var result: [String: Node] = [:]
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string else {
        error(at: keyNode, "\(context) has a key that is not plain text")
        continue
      }
      guard allowed.contains(key) else {
        let close = closestMatches(to: key, among: allowed, limit: 1)
        let hint =
          close.first.map { "did you mean `\($0)`?" }
          ?? "allowed: \(allowed.joined(separator: ", "))"
        error(at: keyNode, "unknown field `\(key)` in \(context)", fix: hint)
        continue
      }
      result[key] = value
    }
    for key in required where result[key] == nil {
      error(at: node, "\(context) is missing `\(key)`", fix: "add `\(key):`")
    }
    return result
  }

  /// A scalar's text, or an error when the node is a list or mapping.
  mutating func text(_ node: Node?, _ field: String, in context: String) -> String? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node else {
      error(
        at: node, "`\(field)` in \(context) must be text, not \(describe(node))",
        fix: "quote the value: \(field): \"…\"")
      return nil
    }
    return scalar.string
  }

  /// A text field that must not be empty, checked for a ` #` comment that cut it short.
  mutating func prose(_ node: Node?, _ field: String, in context: String) -> String? {
    guard let value = text(node, field, in: context) else { return nil }
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty || isNull(node) {
      error(at: node, "`\(field)` in \(context) is empty", fix: "write the \(field) text")
      return nil
    }
    checkCutByComment(node, field)
    checkFences(trimmed, node: node, field: field)
    return trimmed
  }

  /// An id-like scalar: lowercase letters, digits and `.`, `_`, `-`.
  mutating func slug(_ node: Node?, _ field: String, in context: String) -> String? {
    guard let value = text(node, field, in: context) else { return nil }
    let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-")
    if value.isEmpty || value.unicodeScalars.contains(where: { !allowed.contains($0) }) {
      error(
        at: node, "`\(field)` '\(value)' in \(context) is not a valid id",
        fix: "use lowercase letters, digits, `.`, `_` and `-` only")
      return nil
    }
    return value
  }

  /// A boolean written `true` or `false`.
  mutating func bool(_ node: Node?, _ field: String, in context: String) -> Bool? {
    guard let value = text(node, field, in: context) else { return nil }
    switch value.lowercased() {
    case "true": return true
    case "false": return false
    default:
      error(at: node, "`\(field)` in \(context) must be true or false, not '\(value)'")
      return nil
    }
  }

  /// The items of a sequence, or an error.
  mutating func list(_ node: Node?, _ field: String, in context: String) -> [Node]? {
    guard let node else { return nil }
    guard case .sequence(let sequence) = node else {
      error(
        at: node, "`\(field)` in \(context) must be a list, not \(describe(node))",
        fix: "write it as a list: \(field): [\"…\"] or one `- item` per line")
      return nil
    }
    return Array(sequence)
  }

  /// A list of short strings.
  mutating func words(_ node: Node?, _ field: String, in context: String) -> [String]? {
    guard let items = list(node, field, in: context) else { return nil }
    return items.compactMap { text($0, field, in: context) }
  }

  func isNull(_ node: Node?) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  func describe(_ node: Node) -> String {
    switch node {
    case .scalar: "text"
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  // MARK: Content checks

  /// Flags a plain scalar that a ` #` on its line turned into a comment.
  ///
  /// Each line is scanned once, however many scalars it holds (a flow list on one long line
  /// holds many).
  private mutating func checkCutByComment(_ node: Node?, _ field: String) {
    guard case .scalar(let scalar) = node, scalar.style == .plain, let mark = scalar.mark,
      mark.line >= 1, mark.line <= lines.count
    else { return }
    let last: Int
    if let known = lastCommentStart[mark.line] {
      last = known
    } else {
      last = Self.lastCommentStart(in: lines[mark.line - 1])
      lastCommentStart[mark.line] = last
    }
    if last >= mark.column - 1 {
      error(
        at: node, "the `\(field)` text is cut short at ` #`: YAML reads the rest as a comment",
        fix: "put the text in double quotes, or move the comment to a line of its own")
    }
  }

  /// The offset in scalars of the last space or tab followed by `#` in a line, or -1.
  private static func lastCommentStart(in line: Substring) -> Int {
    var last = -1
    var previousWasBlank = false
    var offset = 0
    for scalar in line.unicodeScalars {
      if scalar == "#", previousWasBlank { last = offset - 1 }
      previousWasBlank = scalar == " " || scalar == "\t"
      offset += 1
    }
    return last
  }

  /// Flags a fenced code block that is never closed.
  private mutating func checkFences(_ text: String, node: Node?, field: String) {
    var open = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false)
    where line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
      open.toggle()
    }
    if open {
      error(
        at: node, "a fenced code block in `\(field)` is never closed",
        fix: "end the code block with a line of three backticks")
    }
  }
}
