/// A byte buffer that values are appended to in the index's compact binary form: unsigned
/// LEB128 varints, zigzag varints for signed integers, 8-byte little-endian doubles, and
/// strings as a varint byte count followed by their UTF-8.
struct CompactWriter {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 256) {
    bytes.reserveCapacity(capacity)
  }

  mutating func unsigned(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  mutating func count(_ value: Int) { unsigned(UInt64(value)) }

  mutating func signed(_ value: Int64) {
    unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  mutating func byte(_ value: UInt8) { bytes.append(value) }

  mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  mutating func double(_ value: Double) {
    var bits = value.bitPattern
    for _ in 0..<8 {
      bytes.append(UInt8(truncatingIfNeeded: bits))
      bits >>= 8
    }
  }

  mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      count(utf8.count)
      bytes.append(contentsOf: utf8)
    }
  }

  mutating func optionalString(_ value: String?) {
    guard let value else { return byte(0) }
    byte(1)
    string(value)
  }

  mutating func optionalDouble(_ value: Double?) {
    guard let value else { return byte(0) }
    byte(1)
    double(value)
  }
}

/// Stored bytes that do not decode: the index is damaged or from another format.
struct CompactDecodingError: Error {}

/// Reads values written by `CompactWriter` from memory it does not own (an SQLite column,
/// valid until the statement steps); every read is bounds-checked and throws on bad data.
struct CompactReader {
  private let bytes: UnsafeRawBufferPointer
  private var offset = 0

  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  var isAtEnd: Bool { offset == bytes.count }

  mutating func byte() throws(CompactDecodingError) -> UInt8 {
    guard offset < bytes.count else { throw CompactDecodingError() }
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func unsigned() throws(CompactDecodingError) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let next = try byte()
      guard shift < 64 else { throw CompactDecodingError() }
      value |= UInt64(next & 0x7F) << shift
      if next < 0x80 { return value }
      shift += 7
    }
  }

  /// A count of bytes or elements, no larger than what is left to read.
  mutating func count() throws(CompactDecodingError) -> Int {
    let value = try unsigned()
    guard value <= UInt64(bytes.count - offset) else { throw CompactDecodingError() }
    return Int(value)
  }

  mutating func signed() throws(CompactDecodingError) -> Int64 {
    let value = try unsigned()
    return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
  }

  mutating func bool() throws(CompactDecodingError) -> Bool {
    switch try byte() {
    case 0: false
    case 1: true
    default: throw CompactDecodingError()
    }
  }

  mutating func double() throws(CompactDecodingError) -> Double {
    guard bytes.count - offset >= 8 else { throw CompactDecodingError() }
    var bits: UInt64 = 0
    for index in (0..<8).reversed() {
      bits = bits << 8 | UInt64(bytes[offset + index])
    }
    offset += 8
    return Double(bitPattern: bits)
  }

  mutating func string() throws(CompactDecodingError) -> String {
    let length = try count()
    defer { offset += length }
    return String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
  }

  mutating func optionalString() throws(CompactDecodingError) -> String? {
    try bool() ? try string() : nil
  }

  mutating func optionalDouble() throws(CompactDecodingError) -> Double? {
    try bool() ? try double() : nil
  }
}
