import Foundation

/// Turns posting HTML into plain lines: block tags become line breaks, list items `• ` bullets,
/// headings their own lines, entities decoded.
public enum HTMLText {
  /// Decodes named and numeric character references.
  public static func decodeEntities(_ text: String) -> String {
    // Without an `&` byte there is nothing to decode (a plain byte test: Foundation's
    // `contains` copied each text to UTF-16 first).
    guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
    if PlainText.isSimple(text) { return decodeSimpleEntities(text) }
    var result = ""
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") {
        if let replacement = replacement(
          forEntity: String(text[text.index(after: index)..<semicolon]))
        {
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

  private static let namedEntities: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–",
    "mdash": "—", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "hellip": "…",
    "bull": "•", "middot": "·", "copy": "©", "reg": "®", "trade": "™", "laquo": "«",
    "raquo": "»", "deg": "°", "times": "×", "divide": "÷", "plusmn": "±", "euro": "€",
    "shy": "",
  ]

  /// What `&name;` stands for, or nil when it is no reference this reader knows.
  private static func replacement(forEntity name: String) -> String? {
    if name.hasPrefix("#x") || name.hasPrefix("#X") {
      return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
    } else if name.hasPrefix("#") {
      return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
    }
    return namedEntities[name]
  }

  /// `decodeEntities` over the bytes of simple text (`PlainText.isSimple`), where a scalar is
  /// a character: the `;` is looked for among the 11 scalars after the `&`, as among the 11
  /// characters there.
  private static func decodeSimpleEntities(_ text: String) -> String {
    let bytes = Array(text.utf8)
    let count = bytes.count
    var output: [UInt8] = []
    output.reserveCapacity(count)
    var index = 0
    while index < count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "&") {
        var end = index + 1
        var scalars = 0
        while end < count, scalars < 11, bytes[end] != UInt8(ascii: ";") {
          end += scalarLength(bytes[end])
          scalars += 1
        }
        if end < count, scalars < 11, bytes[end] == UInt8(ascii: ";"),
          let replacement = replacement(
            forEntity: String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
        {
          output += replacement.utf8
          index = end + 1
          continue
        }
      }
      output.append(byte)
      index += 1
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// The length in bytes of the UTF-8 sequence a lead byte starts.
  private static func scalarLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0..<0xC0: 1
    case 0xC0..<0xE0: 2
    case 0xE0..<0xF0: 3
    default: 4
    }
  }

  /// Plain lines from HTML (entity-escaped HTML, as Greenhouse sends, is decoded first).
  public static func lines(_ html: String) -> [String] {
    var source = html
    if PlainText.isSimple(source) {
      if !source.utf8.contains(UInt8(ascii: "<")),
        PlainText.firstIndex(of: Array("&lt;".utf8), in: Array(source.utf8)) != nil
      {
        source = decodeEntities(source)
      }
    } else if !source.contains("<"), source.contains("&lt;") {
      source = decodeEntities(source)
    }
    let output =
      PlainText.isSimple(source) ? simpleTagsRemoved(source) : tagsRemoved(source)
    let decoded = decodeEntities(output)
    if PlainText.isSimple(decoded) { return simpleLines(decoded) }
    return decoded.split(separator: "\n").map {
      $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }.filter { !$0.isEmpty && $0 != "•" }
  }

  /// The text with tags dropped: block tags become line breaks, list items `• ` bullets, and
  /// scripts and styles go with their contents.
  private static func tagsRemoved(_ source: String) -> String {
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
    return output
  }

  /// `tagsRemoved` over the bytes of simple text (`PlainText.isSimple`), where `<`, `>` and
  /// the end tags are found byte by byte and a tag's name is read as before.
  private static func simpleTagsRemoved(_ source: String) -> String {
    let bytes = Array(source.utf8)
    let count = bytes.count
    var output: [UInt8] = []
    output.reserveCapacity(count)
    var index = 0
    var closesLeft = true
    var endTagsMissing: Set<String> = []
    // The first `>` at or after where it was last looked for from (`count` when none): the
    // places looked from only grow, so each byte is looked at once.
    var nextClose = -1
    while index < count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "<"), closesLeft, nextClose <= index {
        nextClose = index + 1
        while nextClose < count, bytes[nextClose] != UInt8(ascii: ">") { nextClose += 1 }
      }
      guard byte == UInt8(ascii: "<"), closesLeft, nextClose < count else {
        if byte == UInt8(ascii: "<") { closesLeft = false }
        output.append(byte)
        index += 1
        continue
      }
      let close = nextClose
      let tag = String(decoding: bytes[(index + 1)..<close], as: UTF8.self).lowercased()
      let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
      switch name {
      case "li": output += (tag.hasPrefix("/") ? "\n" : "\n• ").utf8
      case "br", "p", "div", "ul", "ol", "tr", "section": output.append(UInt8(ascii: "\n"))
      case "h1", "h2", "h3", "h4", "h5", "h6": output.append(UInt8(ascii: "\n"))
      case "script", "style":
        if !tag.hasPrefix("/"), !endTagsMissing.contains(String(name)) {
          guard
            let end = PlainText.firstIndex(of: Array("</\(name)".utf8), in: bytes, from: close)
          else {
            endTagsMissing.insert(String(name))
            index = close + 1
            continue
          }
          var after = end + 2 + name.utf8.count
          while after < count, bytes[after] != UInt8(ascii: ">") { after += 1 }
          index = min(after + 1, count)
          continue
        }
      default: break
      }
      index = close + 1
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// The lines of simple text (`PlainText.isSimple`), each with its runs of white space made
  /// one space and trimmed, leaving out empty lines and lone bullets.
  private static func simpleLines(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    let count = bytes.count
    var lines: [String] = []
    var line: [UInt8] = []
    var space = false
    func finish() {
      if !line.isEmpty, line != bulletBytes {
        lines.append(String(decoding: line, as: UTF8.self))
      }
      line.removeAll(keepingCapacity: true)
      space = false
    }
    var index = 0
    while index < count {
      let byte = bytes[index]
      let length = scalarLength(byte)
      if byte == UInt8(ascii: "\n") {
        finish()
      } else if byte < 0x80
        ? PlainText.asciiWhitespace[Int(byte)]
        : String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars
          .first.map(PlainText.isWhitespace) ?? false
      {
        space = !line.isEmpty
      } else {
        if space { line.append(UInt8(ascii: " ")) }
        space = false
        line += bytes[index..<(index + length)]
      }
      index += length
    }
    finish()
    return lines
  }

  private static let bulletBytes = Array("•".utf8)

  /// The JSON inside every `<script type="application/ld+json">` block of a page.
  public static func jsonLDBlocks(_ html: String) -> [String] {
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
