import FolioData
import Foundation

/// The compact columnar encoding of a `Frame` in the cache's object store.
///
/// Column by column (little-endian throughout):
///
/// - **number**: decimals that survive a round trip through a scaled
///   integer (`434.5` = 4345 / 10¹, up to 10⁶) are stored as that integer,
///   offset from the column's minimum and packed in the narrowest of
///   1/2/4/8 bytes; other columns as raw Float64. Missing (NaN) rows are a
///   bitmap. Decoding divides by the same power of ten the encoder checked,
///   so every value comes back bit for bit.
/// - **integer** and **date**: offset from the minimum, packed narrowest,
///   plus a missing bitmap.
/// - **string**: the distinct strings once, then codes + 1 (0 = missing)
///   packed narrowest (a 100-level column costs one byte a row).
///
/// A CSV of decimals with few digits shrinks to about a third of its text;
/// decoding is one tight loop per column, never per-cell parsing.
enum ColumnarFrameCoding {
  private enum Tag: UInt8 {
    case rawNumber = 0, scaledNumber = 1, integer = 2, string = 3, date = 4
  }

  /// Powers of ten the number encoder tries, exact in Float64.
  private static let scales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

  // MARK: Encoding

  /// A whole frame inline: column count, row count, then each column's name and `encode(column)`.
  static func encode(_ frame: Frame, into w: inout some ByteSink) {
    w.int(frame.columnNames.count)
    w.int(frame.rowCount)
    for (name, column) in zip(frame.columnNames, frame.columns) {
      w.string(name)
      encode(column, into: &w)
    }
  }

  /// One column: its row count, a type tag and its packed values.
  static func encode(_ column: Column, into w: inout some ByteSink) {
    w.int(column.count)
    switch column {
    case .number(let v): encodeNumbers(v, into: &w)
    case .integer(let c):
      w.u8(Tag.integer.rawValue)
      packOffsets(c.values, missing: c.missing, into: &w)
      bitmap(c.missing, into: &w)
    case .string(let c):
      w.u8(Tag.string.rawValue)
      w.int(c.levels.count)
      for l in c.levels { w.string(l) }
      let codes = c.codes
      pack(count: codes.count, into: &w) { UInt64(bitPattern: Int64(codes[$0]) + 1) }
    case .date(let c):
      w.u8(Tag.date.rawValue)
      packOffsets(c.days, missing: c.missing, into: &w)
      bitmap(c.missing, into: &w)
    }
  }

  /// Scaled integers when every non-missing value round-trips at one scale, else raw.
  ///
  /// A scale that fails is usually told by the first few values (a derived
  /// column with full-precision doubles), so each attempt checks a sample
  /// before it builds anything: encoding such a column costs no pass per
  /// scale over millions of rows.
  private static func encodeNumbers(_ v: [Double], into w: inout some ByteSink) {
    v.withUnsafeBufferPointer { x in
      for (k, scale) in scales.enumerated() {
        guard let s = scaled(x, scale: scale) else { continue }
        w.u8(Tag.scaledNumber.rawValue)
        w.u8(UInt8(k))
        // As packOffsets: the minimum over present rows, missing rows packed as 0.
        w.int(Int(s.lo))
        let lo = s.lo
        s.ints.withUnsafeBufferPointer { ints in
          pack(count: x.count, max: s.present ? UInt64(bitPattern: s.hi &- lo) : 0, into: &w) {
            x[$0].isNaN ? 0 : UInt64(bitPattern: ints[$0] &- lo)
          }
        }
        numberBitmap(x, into: &w)
        return
      }
      w.u8(Tag.rawNumber.rawValue)
      w.append(UnsafeRawBufferPointer(x))
    }
  }

  /// `v` times `scale` as integers when `Double(i) / scale` gives back every
  /// value bit for bit (missing rows become 0), with the smallest and largest
  /// over present rows; `nil` otherwise.
  private static func scaled(
    _ v: UnsafeBufferPointer<Double>, scale: Double
  ) -> (ints: [Int64], lo: Int64, hi: Int64, present: Bool)? {
    @inline(__always) func exact(_ x: Double) -> Int64? {
      if x.isNaN {
        // Missing decodes as the canonical NaN: any other NaN bits stay raw.
        return x.bitPattern == Double.nan.bitPattern ? 0 : nil
      }
      let s = (x * scale).rounded()
      guard abs(s) < 4.0e15 else { return nil }
      let n = Int64(s)
      return (Double(n) / scale).bitPattern == x.bitPattern ? n : nil
    }
    for i in 0..<min(v.count, 64) where exact(v[i]) == nil { return nil }
    var lo = Int64.max, hi = Int64.min
    var ok = true
    let ints = [Int64](unsafeUninitializedCapacity: v.count) { out, count in
      for i in 0..<v.count {
        guard let n = exact(v[i]) else {
          ok = false
          break
        }
        out[i] = n
        if !v[i].isNaN {
          lo = min(lo, n)
          hi = max(hi, n)
        }
      }
      count = ok ? v.count : 0
    }
    guard ok else { return nil }
    let present = lo <= hi
    return (ints, present ? lo : 0, present ? hi : 0, present)
  }

  /// The values minus their minimum (over present rows), packed narrowest.
  private static func packOffsets<I: FixedWidthInteger>(_ values: [I], missing: [Bool], into w: inout some ByteSink) {
    values.withUnsafeBufferPointer { v in
      missing.withUnsafeBufferPointer { m in
        var lo = Int64.max
        for i in 0..<v.count where !m[i] { lo = min(lo, Int64(v[i])) }
        if lo == .max { lo = 0 }
        w.int(Int(lo))
        var hi: UInt64 = 0
        for i in 0..<v.count where !m[i] { hi = max(hi, UInt64(bitPattern: Int64(v[i]) &- lo)) }
        pack(count: v.count, max: hi, into: &w) { m[$0] ? 0 : UInt64(bitPattern: Int64(v[$0]) &- lo) }
      }
    }
  }

  /// A width byte (1, 2, 4 or 8) and the `count` values in that width, the
  /// largest being `max` (known to the caller, so the values are made once).
  private static func pack(count: Int, max hi: UInt64, into w: inout some ByteSink, _ value: (Int) -> UInt64) {
    switch hi {
    case ...0xFF: w.u8(1); write(count, UInt8.self, into: &w, value)
    case ...0xFFFF: w.u8(2); write(count, UInt16.self, into: &w, value)
    case ...0xFFFF_FFFF: w.u8(4); write(count, UInt32.self, into: &w, value)
    default: w.u8(8); write(count, UInt64.self, into: &w, value)
    }
  }

  /// `pack(count:max:…)` with the largest value found by one pass.
  private static func pack(count: Int, into w: inout some ByteSink, _ value: (Int) -> UInt64) {
    var hi: UInt64 = 0
    for i in 0..<count { hi = max(hi, value(i)) }
    pack(count: count, max: hi, into: &w, value)
  }

  private static func write<T: FixedWidthInteger & UnsignedInteger>(
    _ count: Int, _: T.Type, into w: inout some ByteSink, _ value: (Int) -> UInt64
  ) {
    let out = [T](unsafeUninitializedCapacity: count) { buffer, n in
      for i in 0..<count { buffer[i] = T(truncatingIfNeeded: value(i)).littleEndian }
      n = count
    }
    out.withUnsafeBytes { w.append($0) }
  }

  /// `bitmap` of the NaN rows of a number column, without a `[Bool]` of them.
  private static func numberBitmap(_ v: UnsafeBufferPointer<Double>, into w: inout some ByteSink) {
    guard v.contains(where: \.isNaN) else { return w.u8(0) }
    w.u8(1)
    var bits = [UInt8](repeating: 0, count: (v.count + 7) / 8)
    for i in 0..<v.count where v[i].isNaN { bits[i >> 3] |= 1 << UInt8(i & 7) }
    bits.withUnsafeBytes { w.append($0) }
  }

  /// A presence byte, then one bit per row (bit `i % 8` of byte `i / 8`) when any row is missing.
  private static func bitmap(_ missing: [Bool], into w: inout some ByteSink) {
    guard missing.contains(true) else { return w.u8(0) }
    w.u8(1)
    var bits = [UInt8](repeating: 0, count: (missing.count + 7) / 8)
    for i in missing.indices where missing[i] { bits[i >> 3] |= 1 << UInt8(i & 7) }
    bits.withUnsafeBytes { w.append($0) }
  }

  // MARK: Decoding

  /// Reads what `encode(frame)` wrote; anything inconsistent throws `BinaryReader.Corrupt`.
  static func decode(_ r: inout BinaryReader) throws -> Frame {
    let n = try r.count()
    let rows = try r.int()
    guard rows >= 0 else { throw BinaryReader.Corrupt() }
    var frame = Frame()
    for _ in 0..<n {
      let name = try r.string()
      let column = try decodeColumn(&r)
      guard column.count == rows else { throw BinaryReader.Corrupt() }
      do { try frame.append(name, column) } catch { throw BinaryReader.Corrupt() }
    }
    return frame
  }

  /// Reads what `encode(column)` wrote.
  static func decodeColumn(_ r: inout BinaryReader) throws -> Column {
    let rows = try r.int()
    guard rows >= 0 else { throw BinaryReader.Corrupt() }
    guard let tag = Tag(rawValue: try r.u8()) else { throw BinaryReader.Corrupt() }
    let column: Column
    switch tag {
    case .rawNumber:
      column = .number(try r.array(Double.self, count: rows))
    case .scaledNumber:
      let k = Int(try r.u8())
      guard k < scales.count else { throw BinaryReader.Corrupt() }
      let scale = scales[k]
      let ints = try unpackOffsets(&r, rows: rows)
      let missing = try readBitmap(&r, rows: rows)
      var v = [Double](repeating: .nan, count: rows)
      for i in 0..<rows where !missing[i] { v[i] = Double(ints[i]) / scale }
      column = .number(v)
    case .integer:
      let ints = try unpackOffsets(&r, rows: rows)
      column = .integer(IntegerColumn(values: ints.map { Int($0) }, missing: try readBitmap(&r, rows: rows)))
    case .string:
      let m = try r.count()
      var levels: [String] = []
      levels.reserveCapacity(m)
      for _ in 0..<m { levels.append(try r.string()) }
      let packed = try unpack(&r, rows: rows)
      var codes = [Int32](repeating: -1, count: rows)
      for i in 0..<rows {
        guard packed[i] <= UInt64(m) else { throw BinaryReader.Corrupt() }
        codes[i] = Int32(packed[i]) - 1
      }
      column = .string(StringColumn(codes: codes, levels: levels))
    case .date:
      let ints = try unpackOffsets(&r, rows: rows)
      var days = [Int32](repeating: 0, count: rows)
      for i in 0..<rows {
        guard let d = Int32(exactly: ints[i]) else { throw BinaryReader.Corrupt() }
        days[i] = d
      }
      column = .date(DateColumn(days: days, missing: try readBitmap(&r, rows: rows)))
    }
    guard column.count == rows else { throw BinaryReader.Corrupt() }
    return column
  }

  private static func unpackOffsets(_ r: inout BinaryReader, rows: Int) throws -> [Int64] {
    let lo = Int64(try r.int())
    return try unpack(&r, rows: rows).map { lo &+ Int64(bitPattern: $0) }
  }

  private static func unpack(_ r: inout BinaryReader, rows: Int) throws -> [UInt64] {
    switch try r.u8() {
    case 1: return try r.array(UInt8.self, count: rows).map { UInt64($0) }
    case 2: return try r.array(UInt16.self, count: rows).map { UInt64(UInt16(littleEndian: $0)) }
    case 4: return try r.array(UInt32.self, count: rows).map { UInt64(UInt32(littleEndian: $0)) }
    case 8: return try r.array(UInt64.self, count: rows).map { UInt64(littleEndian: $0) }
    default: throw BinaryReader.Corrupt()
    }
  }

  private static func readBitmap(_ r: inout BinaryReader, rows: Int) throws -> [Bool] {
    switch try r.u8() {
    case 0: return [Bool](repeating: false, count: rows)
    case 1:
      let bits = try r.array(UInt8.self, count: (rows + 7) / 8)
      return (0..<rows).map { bits[$0 >> 3] & (1 << UInt8($0 & 7)) != 0 }
    default: throw BinaryReader.Corrupt()
    }
  }
}
