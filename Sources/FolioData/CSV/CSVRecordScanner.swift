#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The record structure of one chunk of a CSV file: where each field ends.
///
/// `fieldEnds[k]` is the offset (from `base`) of the byte just past field
/// `k` (its delimiter, CR, LF, or the end of the file). The next field
/// starts 1 byte later after a delimiter, LF or lone CR, 2 after a CRLF, so
/// starts are never stored: 4 bytes a field.
struct CSVScannedChunk: @unchecked Sendable {
  var base: Int
  var fieldEnds: UnsafeMutablePointer<UInt32>
  var rowCount: Int

  func deallocate() { fieldEnds.deallocate() }
}

/// Splits CSV bytes into fields (RFC 4180) without copying or decoding them.
///
/// Records end with LF, CRLF or a lone CR (old Mac files), so one file reads
/// the same whatever its line-ending convention.
struct CSVRecordScanner {
  static let quote = UInt8(ascii: "\"")
  static let lf = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")

  let bytes: UnsafePointer<UInt8>
  let count: Int
  let delimiter: UInt8
  /// Bytes above this are never special (delimiter, quote, CR, LF), so the
  /// unquoted-field loop tests most bytes with one comparison.
  private let specialCeiling: UInt8

  init(bytes: UnsafePointer<UInt8>, count: Int, delimiter: UInt8) {
    self.bytes = bytes
    self.count = count
    self.delimiter = delimiter
    specialCeiling = max(delimiter, Self.quote)
  }

  /// One scanned field: `end` is just past its text, `next` is where the
  /// following field starts, `endsRecord` whether a line end (or EOF) followed.
  struct Field {
    var end: Int
    var next: Int
    var endsRecord: Bool
  }

  /// Scans the field starting at `start` in `start..<limit`.
  /// - Throws: unterminated quote (at the opening quote), stray quote,
  ///   text after a closing quote; `field` is the 1-based field number.
  @inline(__always)
  func scanField(at start: Int, limit: Int, field: Int) throws(CSVPendingError) -> Field {
    let b = bytes
    var p = start
    if p < limit && b[p] == Self.quote {
      p += 1
      while true {
        guard let q = memchr(b + p, Int32(Self.quote), limit - p) else {
          throw CSVPendingError(offset: start, field: field, reason: .unterminatedQuote(column: nil))
        }
        p = UnsafePointer<UInt8>(q.assumingMemoryBound(to: UInt8.self)) - b + 1
        if p < limit && b[p] == Self.quote { p += 1; continue }
        break
      }
      if p >= limit { return Field(end: p, next: p, endsRecord: true) }
      let c = b[p]
      if c == delimiter { return Field(end: p, next: p + 1, endsRecord: false) }
      if c == Self.lf { return Field(end: p, next: p + 1, endsRecord: true) }
      if c == Self.cr { return Field(end: p, next: afterCR(p, limit: limit), endsRecord: true) }
      throw CSVPendingError(offset: p, field: field, reason: .textAfterClosingQuote(column: nil))
    }
    let ceiling = specialCeiling
    let below = 0x0101_0101_0101_0101 &* UInt64(ceiling + 1)
    while p < limit {
      let c = b[p]
      if c > ceiling {
        // Skip 8 bytes at a time to the first byte ≤ ceiling: the high bit of
        // byte i of `t` is set for the lowest byte below `ceiling + 1` (≤ 128;
        // bytes ≥ 0x80 are masked out, and no borrow reaches below it).
        p += 1
        while p + 8 <= limit {
          let w = UnsafeRawPointer(b + p).loadUnaligned(as: UInt64.self)
          let t = (w &- below) & ~w & 0x8080_8080_8080_8080
          if t != 0 {
            p += t.trailingZeroBitCount >> 3
            break
          }
          p += 8
        }
        continue
      }
      if c == delimiter { return Field(end: p, next: p + 1, endsRecord: false) }
      if c == Self.lf { return Field(end: p, next: p + 1, endsRecord: true) }
      if c == Self.quote { throw CSVPendingError(offset: p, field: field, reason: .strayQuote(column: nil)) }
      if c == Self.cr { return Field(end: p, next: afterCR(p, limit: limit), endsRecord: true) }
      p += 1
    }
    return Field(end: p, next: p, endsRecord: true)
  }

  /// Where the next record starts after the CR at `p`: past its LF for a CRLF.
  @inline(__always)
  private func afterCR(_ p: Int, limit: Int) -> Int {
    p + 1 < limit && bytes[p + 1] == Self.lf ? p + 2 : p + 1
  }

  /// The header record starting at `start`: each field's text range
  /// (quotes still on) and the offset where data starts.
  func scanHeader(at start: Int) throws(CSVPendingError) -> (fields: [Range<Int>], dataStart: Int) {
    var fields: [Range<Int>] = []
    var p = start
    while true {
      let f = try scanField(at: p, limit: count, field: fields.count + 1)
      fields.append(p..<f.end)
      p = f.next
      if f.endsRecord { return (fields, p) }
    }
  }

  /// Up to `chunkCount` record-aligned ranges covering `dataStart..<count`.
  ///
  /// A boundary is the first LF outside quotes after an evenly spaced
  /// target (a file whose records end with lone CRs has none, and is read as
  /// one chunk); "outside" is known by counting quotes from the previous
  /// boundary (a `""` escape counts twice, so parity is exact). Empty
  /// ranges are dropped.
  func chunkRanges(dataStart: Int, chunkCount: Int) -> [Range<Int>] {
    let length = count - dataStart
    var bounds = [dataStart]
    var from = dataStart
    for i in 1..<max(chunkCount, 1) {
      // Evenly spaced, also when there are more chunks than bytes.
      let target = dataStart + length / chunkCount * i + length % chunkCount * i / chunkCount
      if target <= from { continue }
      var inside = false
      var p = from
      while p < target, let q = memchr(bytes + p, Int32(Self.quote), target - p) {
        inside.toggle()
        p = UnsafePointer<UInt8>(q.assumingMemoryBound(to: UInt8.self)) - bytes + 1
      }
      p = target
      while p < count {
        let c = bytes[p]
        p += 1
        if c == Self.quote { inside.toggle() } else if c == Self.lf && !inside { break }
      }
      if p >= count { break }
      bounds.append(p)
      from = p
    }
    bounds.append(count)
    var ranges: [Range<Int>] = []
    for i in 0..<(bounds.count - 1) where bounds[i] < bounds[i + 1] { ranges.append(bounds[i]..<bounds[i + 1]) }
    return ranges
  }

  /// Scans the records of `range` (record-aligned), checking each has
  /// `columnCount` fields.
  /// - Throws: the first structural error in the range (ragged row,
  ///   quoting); the caller frees nothing on throw (this frees its buffer).
  func scanChunk(_ range: Range<Int>, columnCount: Int) throws(CSVPendingError) -> CSVScannedChunk {
    let base = range.lowerBound
    let limit = range.upperBound
    if range.count >= Int(UInt32.max) {
      throw CSVPendingError(offset: base, field: 1, reason: .cannotRead("a single run of records without a line break exceeds 4 GiB"))
    }
    // At most one field per byte plus one: reserved once, touched only as used.
    let ends = UnsafeMutablePointer<UInt32>.allocate(capacity: range.count + 1)
    var k = 0
    var p = base
    do throws(CSVPendingError) {
      while p < limit {
        var fieldsInRecord = 0
        var extraFieldStart = 0
        var lastEnd = p
        while true {
          fieldsInRecord += 1
          let f = try scanField(at: p, limit: limit, field: fieldsInRecord)
          if fieldsInRecord <= columnCount {
            ends[k] = UInt32(truncatingIfNeeded: f.end - base)
            k += 1
          } else if fieldsInRecord == columnCount + 1 {
            extraFieldStart = p
          }
          lastEnd = f.end
          p = f.next
          if f.endsRecord { break }
        }
        if fieldsInRecord != columnCount {
          let tooMany = fieldsInRecord > columnCount
          throw CSVPendingError(
            offset: tooMany ? extraFieldStart : lastEnd,
            field: tooMany ? columnCount + 1 : fieldsInRecord + 1,
            reason: .raggedRow(found: fieldsInRecord, expected: columnCount))
        }
      }
    } catch {
      ends.deallocate()
      throw error
    }
    return CSVScannedChunk(base: base, fieldEnds: ends, rowCount: columnCount == 0 ? 0 : k / columnCount)
  }
}
