import Foundation

@testable import SkillQuizKit

/// `HTMLText` as it was before its fast paths over bytes, kept as the reference in tests.
///
/// Turns posting HTML into plain lines: block tags become line breaks, list items `• ` bullets,
/// headings their own lines, entities decoded.
enum ReferenceHTMLText {
  /// Decodes named and numeric character references.
  static func decodeEntities(_ text: String) -> String {
    // Without an `&` byte there is nothing to decode (a plain byte test: Foundation's
    // `contains` copied each text to UTF-16 first).
    guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
    let named: [String: String] = [
      "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–",
      "mdash": "—", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "hellip": "…",
      "bull": "•", "middot": "·", "copy": "©", "reg": "®", "trade": "™", "laquo": "«",
      "raquo": "»", "deg": "°", "times": "×", "divide": "÷", "plusmn": "±", "euro": "€",
      "shy": "",
    ]
    var result = ""
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") {
        let name = String(text[text.index(after: index)..<semicolon])
        var replacement: String?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
            String($0)
          }
        } else if name.hasPrefix("#") {
          replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        } else {
          replacement = named[name]
        }
        if let replacement {
          result += replacement
          index = text.index(after: semicolon)
          continue
        }
      }
      result.append(text[index])
      index = text.index(after: index)
    }
    return result
  }

  /// Plain lines from HTML (entity-escaped HTML, as Greenhouse sends, is decoded first).
  static func lines(_ html: String) -> [String] {
    var source = html
    if !source.contains("<"), source.contains("&lt;") { source = decodeEntities(source) }
    var output = ""
    var index = source.startIndex
    // What is known to be missing from here to the end: a `>`, or the end tag of a script or
    // style. Looking again at each of a million `<` would take quadratic time.
    var closesLeft = true
    var endTagsMissing: Set<Substring> = []
    while index < source.endIndex {
      let character = source[index]
      guard character == "<", closesLeft,
        let close = source[index...].firstIndex(of: ">")
      else {
        if character == "<" { closesLeft = false }
        output.append(character)
        index = source.index(after: index)
        continue
      }
      let tag = source[source.index(after: index)..<close].lowercased()
      let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
      switch name {
      case "li": output += tag.hasPrefix("/") ? "\n" : "\n• "
      case "br", "p", "div", "ul", "ol", "tr", "section": output += "\n"
      case "h1", "h2", "h3", "h4", "h5", "h6": output += "\n"
      case "script", "style":
        if !tag.hasPrefix("/"), !endTagsMissing.contains(name) {
          guard let end = source.range(of: "</\(name)", range: close..<source.endIndex) else {
            endTagsMissing.insert(name)
            index = source.index(after: close)
            continue
          }
          index =
            source[end.upperBound...].firstIndex(of: ">").map { source.index(after: $0) }
            ?? source.endIndex
          continue
        }
      default: break
      }
      index = source.index(after: close)
    }
    return decodeEntities(output).split(separator: "\n").map {
      $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }.filter { !$0.isEmpty && $0 != "•" }
  }

  /// The JSON inside every `<script type="application/ld+json">` block of a page.
  static func jsonLDBlocks(_ html: String) -> [String] {
    var blocks: [String] = []
    var search = html.startIndex..<html.endIndex
    while let open = html.range(of: "<script", options: .caseInsensitive, range: search) {
      guard let tagEnd = html[open.upperBound...].firstIndex(of: ">") else { break }
      let attributes = html[open.upperBound..<tagEnd].lowercased()
      guard
        let close = html.range(
          of: "</script>", options: .caseInsensitive, range: tagEnd..<html.endIndex)
      else { break }
      if attributes.contains("application/ld+json") {
        blocks.append(String(html[html.index(after: tagEnd)..<close.lowerBound]))
      }
      search = close.upperBound..<html.endIndex
    }
    return blocks
  }
}
