#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the records of a record-aligned range of CSV bytes without
/// splitting fields, so the streaming reader knows each segment's first row
/// before any segment is decoded (and can write every value straight to its
/// final place).
///
/// A record ends at an LF, a CRLF or a lone CR outside quotes; the last
/// record of the file may lack one. Quote state is tracked by parity (a
/// `""` escape toggles twice), as `CSVRecordScanner.chunkRanges` does. For
/// valid CSV the count equals the number of records the scanner finds; for
/// invalid CSV it may differ, and the decoder then finds the error itself.
enum CSVRecordCounter {
  /// Records in `range` of `bytes`; `endsFile` says whether the range is
  /// the last one (an unterminated final record then counts).
  ///
  /// Fast path, for ranges without quotes or CRs (most files): LFs are
  /// counted 8 bytes at a time with a zero-byte bit trick. Otherwise a
  /// byte-at-a-time quote-aware loop.
  static func count(_ bytes: UnsafePointer<UInt8>, _ range: Range<Int>, endsFile: Bool) -> Int {
    let lo = range.lowerBound, hi = range.upperBound
    if lo >= hi { return 0 }
    let n = hi - lo
    let plain = memchr(bytes + lo, Int32(CSVRecordScanner.quote), n) == nil
      && memchr(bytes + lo, Int32(CSVRecordScanner.cr), n) == nil
    var records: Int
    var openAtEnd: Bool
    if plain {
      records = countLineFeeds(bytes + lo, n)
      openAtEnd = bytes[hi - 1] != CSVRecordScanner.lf
    } else {
      (records, openAtEnd) = countQuoted(bytes, lo, hi)
    }
    if endsFile && openAtEnd { records += 1 }
    return records
  }

  /// LF bytes in `p[0..<n]`.
  @inline(__always)
  static func countLineFeeds(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let pattern = ones &* UInt64(CSVRecordScanner.lf)
    let raw = UnsafeRawPointer(p)
    var total = 0
    var i = 0
    while i + 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
      // Bit 7 of each byte of `t` is set exactly when that byte of `x` is zero (no carries between bytes).
      let t = ~(((x & low7) &+ low7) | x | low7)
      total &+= t.nonzeroBitCount
      i += 8
    }
    while i < n {
      if p[i] == CSVRecordScanner.lf { total += 1 }
      i += 1
    }
    return total
  }

  /// Quote-aware count: line ends outside quotes, and whether the range
  /// ends inside a record (no line end after its last byte, or in a quote).
  private static func countQuoted(_ b: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Bool) {
    var inside = false
    var records = 0
    var i = lo
    var lastWasEnd = false
    while i < hi {
      let c = b[i]
      lastWasEnd = false
      if c == CSVRecordScanner.quote {
        inside.toggle()
      } else if !inside {
        if c == CSVRecordScanner.lf {
          records += 1
          lastWasEnd = true
        } else if c == CSVRecordScanner.cr {
          records += 1
          lastWasEnd = true
          if i + 1 < hi && b[i + 1] == CSVRecordScanner.lf { i += 1 }
        }
      }
      i += 1
    }
    return (records, !lastWasEnd)
  }
}
