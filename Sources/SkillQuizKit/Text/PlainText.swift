import Foundation

/// Fast paths for text that is plain ASCII, where a byte is a character: searching and
/// trimming without bridging to `NSString`.
///
/// Each answers exactly what the Foundation call it replaces answers; text that is not plain
/// ASCII is left to Foundation by the callers.
enum PlainText {
  /// The text's bytes when every one is ASCII and no `\r\n` pair joins two bytes into one
  /// character; nil otherwise.
  static func asciiBytes(_ text: String) -> [UInt8]? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte >= 0x80 || (previous == 13 && byte == 10) { return nil }
      bytes.append(byte)
      previous = byte
    }
    return bytes
  }

  /// Whether each Unicode scalar of the text is a character of its own that no other scalar is
  /// canonically equivalent to, with no case to change: ASCII (but no `\r\n` pair, one
  /// character of two scalars, unless `crlf` allows it) and the punctuation and symbols
  /// postings and quizzes use beside it, none with a canonical decomposition: U+00A0–U+00BF
  /// (no-break space, `©`, `°`, `·`, `«`, `»`…), `×`, `÷`, U+2010–U+2027 and U+2030–U+205E
  /// (dashes, quotes, `•`, `…`), `€` and `™`.
  ///
  /// In such text a scalar is a character, comparing or searching scalars answers what
  /// comparing characters or Foundation's search answers, and lowercasing changes ASCII letters
  /// only. Letters with accents are left out on purpose: whether Foundation's search matches
  /// `e` inside `é` is not a question worth answering here.
  static func isSimple(_ text: some StringProtocol, allowingCRLF crlf: Bool = false) -> Bool {
    var previous: UInt8 = 0
    var ascii = true
    for byte in text.utf8 {
      guard byte < 0x80 else {
        ascii = false
        break
      }
      if !crlf, previous == 13, byte == 10 { return false }
      previous = byte
    }
    if ascii { return true }
    var last: UInt32 = 0
    for scalar in text.unicodeScalars {
      let value = scalar.value
      guard value < 0x80 || isSimpleSymbol(value) else { return false }
      if !crlf, last == 13, value == 10 { return false }
      last = value
    }
    return true
  }

  /// The non-ASCII scalars `isSimple` allows.
  static func isSimpleSymbol(_ value: UInt32) -> Bool {
    switch value {
    case 0xA0...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x205E, 0x20AC, 0x2122: true
    default: false
    }
  }

  /// One byte per character of simple text (`isSimple`), so offsets are character offsets.
  ///
  /// ASCII stays as it is (lowercased with `lowercase`); every other scalar becomes 0x80,
  /// which no ASCII search matches.
  static func narrowBytes(_ text: some StringProtocol, lowercase: Bool = false) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      if byte < 0x80 {
        bytes.append(lowercase && (65...90).contains(byte) ? byte + 32 : byte)
      } else if byte >= 0xC0 {
        // A lead byte: one scalar.
        bytes.append(0x80)
      }
    }
    return bytes
  }

  /// Tables of `Character` properties for ASCII, each read from `Character` itself.
  static let asciiWhitespace: [Bool] = (0..<128).map {
    Character(Unicode.Scalar(UInt8($0))).isWhitespace
  }
  /// `isNewline` for each ASCII character.
  static let asciiNewline: [Bool] = (0..<128).map {
    Character(Unicode.Scalar(UInt8($0))).isNewline
  }
  /// `isLetter || isNumber` for each ASCII character.
  static let asciiAlphanumeric: [Bool] = (0..<128).map {
    let character = Character(Unicode.Scalar(UInt8($0)))
    return character.isLetter || character.isNumber
  }

  /// `Character(scalar).isWhitespace`, by table for ASCII.
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x80 ? asciiWhitespace[Int(scalar.value)] : Character(scalar).isWhitespace
  }

  /// `isLetter || isNumber` of `Character(scalar)`, by table for ASCII.
  static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return asciiAlphanumeric[Int(scalar.value)] }
    let character = Character(scalar)
    return character.isLetter || character.isNumber
  }

  /// ASCII letters lowercased, other bytes kept.
  static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
    bytes.map { (65...90).contains($0) ? $0 + 32 : $0 }
  }

  /// Where `needle` occurs in `haystack` from `start` on, or nil.
  static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
    guard let first = needle.first, needle.count <= haystack.count - start else { return nil }
    var index = start
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first {
        var offset = 1
        while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
        if offset == needle.count { return index }
      }
      index += 1
    }
    return nil
  }

  /// Whether `needle` occurs in `haystack`.
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    firstIndex(of: needle, in: haystack) != nil
  }

  /// `text.trimmingCharacters(in: set)`, one Unicode scalar at a time (Foundation's own rule),
  /// without bridging.
  static func trimmed(_ text: some StringProtocol, _ set: CharacterSet) -> String {
    let text = Substring(text)
    let scalars = text.unicodeScalars
    guard let start = scalars.firstIndex(where: { !set.contains($0) }),
      let end = scalars.lastIndex(where: { !set.contains($0) })
    else { return "" }
    // Slicing the scalar view keeps the bytes; building a view scalar by scalar took 11% of a
    // posting import.
    return String(Substring(scalars[start...end]))
  }
}

extension StringProtocol {
  /// `trimmingCharacters(in:)` without bridging to `NSString`: the same scalars trimmed, many
  /// times faster on Linux, where each call copied the text into UTF-16.
  func trimmed(in set: CharacterSet) -> String { PlainText.trimmed(self, set) }
}
