/// FNV-1a over UTF-8, 64 bits: stable across runs and platforms, unlike `Hasher`.
///
/// For change detection (bank ids, the question index's file keys), not for security.
public struct StableHasher: Sendable {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325

  /// Creates a hasher in its initial state.
  public init() {}

  /// Mixes in the UTF-8 bytes of `text`.
  public mutating func combine(_ text: String) {
    var text = text
    text.withUTF8 { combine(bytes: $0) }
  }

  /// Mixes in raw bytes.
  public mutating func combine(bytes: UnsafeBufferPointer<UInt8>) {
    var value = state
    for byte in bytes {
      value ^= UInt64(byte)
      value &*= 0x0000_0100_0000_01B3
    }
    state = value
  }

  /// The 64-bit state as 16 hexadecimal digits.
  public var hexDigest: String {
    let digits = String(state, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
