#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dictionary-encodes byte strings without making a `String` per cell: a
/// slice is hashed and compared as bytes, and only a new distinct value is
/// validated as UTF-8 and turned into a `String` level.
///
/// Levels keep their order of first appearance, so codes are deterministic.
/// - Complexity: expected O(length) per `code(for:)`; open addressing with
///   linear probing at load factor ≤ 1/2.
struct CSVByteInterner {
  private(set) var levels: [String] = []
  /// Bytes of every level, back to back; level `i` is `arena[starts[i]..<starts[i+1]]`.
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Slot → level code + 1 (0 = empty).
  private var slots: [Int32] = [Int32](repeating: 0, count: 64)

  /// The code of the byte string `p[0..<n]`, interning it if new; `nil`
  /// when a new value is not valid UTF-8.
  @inline(__always)
  mutating func code(for p: UnsafePointer<UInt8>, count n: Int) -> Int32? {
    let h = Self.hash(p, n)
    let mask = slots.count - 1
    var s = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = slots[s]
      if entry == 0 { break }
      let c = Int(entry - 1)
      if hashes[c] == h {
        let a = starts[c]
        let len = starts[c + 1] - a
        if len == n && arena.withUnsafeBufferPointer({ b in b.baseAddress.map { memcmp($0 + a, p, n) == 0 } ?? (n == 0) }) {
          return Int32(c)
        }
      }
      s = (s + 1) & mask
    }
    guard let text = Self.validatedString(UnsafeBufferPointer(start: p, count: n)) else { return nil }
    let c = Int32(levels.count)
    levels.append(text)
    arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    starts.append(arena.count)
    hashes.append(h)
    slots[s] = c + 1
    if levels.count * 2 > slots.count { grow() }
    return c
  }

  /// The code of a CSV field `p[0..<n]` as read between its quotes: a
  /// quoted field with doubled quotes (`""`) is unescaped into `scratch`
  /// first; any other field is interned as is. `nil` for invalid UTF-8.
  @inline(__always)
  mutating func code(forField p: UnsafePointer<UInt8>, count n: Int, quoted: Bool, scratch: inout [UInt8]) -> Int32? {
    guard quoted, memchr(p, Int32(CSVRecordScanner.quote), n) != nil else { return code(for: p, count: n) }
    scratch.removeAll(keepingCapacity: true)
    var i = 0
    while i < n {
      scratch.append(p[i])
      i += p[i] == CSVRecordScanner.quote ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { b in b.baseAddress.flatMap { code(for: $0, count: b.count) } }
  }

  /// The bytes as a `String`, or `nil` if they are not valid UTF-8.
  static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let invalid = transcode(bytes.makeIterator(), from: UTF8.self, to: UTF8.self, stoppingOnError: true) { _ in }
    return invalid ? nil : String(decoding: bytes, as: UTF8.self)
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: 0, count: slots.count * 2)
    let mask = bigger.count - 1
    for (c, h) in hashes.enumerated() {
      var s = Int(truncatingIfNeeded: h) & mask
      while bigger[s] != 0 { s = (s + 1) & mask }
      bigger[s] = Int32(c + 1)
    }
    slots = bigger
  }

  /// 64-bit hash reading 8 bytes at a time (multiply–xorshift mixing).
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
    var i = 0
    let raw = UnsafeRawPointer(p)
    while i + 8 <= n {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
      tail |= UInt64(p[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 29
    h = h &* 0xBF58_476D_1CE4_E5B9
    return h ^ (h >> 32)
  }
}
