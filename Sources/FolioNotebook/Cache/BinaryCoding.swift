import FolioData

/// A compact, versioned binary encoding of `Value` and `Frame` for the block
/// cache: column arrays are copied as raw bytes, so a warm cache loads
/// datasets of millions of cells in milliseconds (JSON would take seconds).
///
/// Little-endian, as every platform Folio runs on; the cache is a local
/// accelerator, never an interchange format.
public struct BinaryWriter {
  private(set) var bytes: [UInt8] = []

  public mutating func u8(_ v: UInt8) { bytes.append(v) }
  public mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
  public mutating func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { bytes.append(contentsOf: $0) } }
  public mutating func double(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
  public mutating func string(_ s: String) {
    let utf8 = Array(s.utf8)
    int(utf8.count)
    bytes.append(contentsOf: utf8)
  }
  public mutating func raw<T>(_ array: [T]) {
    int(array.count)
    array.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }
  public mutating func blob(_ b: [UInt8]) { raw(b) }
  /// Appends bytes as they are (no count).
  public mutating func append(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b) }
  public mutating func strings(_ list: [String]) {
    int(list.count)
    for s in list { string(s) }
  }
  /// A presence byte, then the value when there is one.
  public mutating func optional<T>(_ v: T?, _ write: (inout BinaryWriter, T) -> Void) {
    guard let v else { return u8(0) }
    u8(1)
    write(&self, v)
  }

  public mutating func value(_ v: Value) {
    switch v {
    case .null: u8(0)
    case .bool(let b): u8(1); u8(b ? 1 : 0)
    case .integer(let i): u8(2); int(i)
    case .number(let d): u8(3); double(d)
    case .string(let s): u8(4); string(s)
    case .array(let items): u8(5); int(items.count); for i in items { value(i) }
    case .object(let fields): u8(6); int(fields.count); for (k, x) in fields { string(k); value(x) }
    case .table(let f): u8(7); frame(f)
    }
  }

  public mutating func frame(_ f: Frame) {
    int(f.columnNames.count)
    int(f.rowCount)
    for (name, column) in zip(f.columnNames, f.columns) {
      string(name)
      switch column {
      case .number(let v): u8(0); raw(v)
      case .integer(let c): u8(1); raw(c.values); raw(c.missing)
      case .string(let c): u8(2); raw(c.codes); int(c.levels.count); for l in c.levels { string(l) }
      case .date(let c): u8(3); raw(c.days); raw(c.missing)
      }
    }
  }
}

/// Reads what `BinaryWriter` wrote; any inconsistency throws, never traps.
///
/// It reads borrowed memory (a cache entry mapped from disk) and copies out
/// everything it returns, so no result points into the buffer; the buffer
/// only has to outlive the reader.
public struct BinaryReader {
  public struct Corrupt: Error { public init() {} }
  private let bytes: UnsafeRawBufferPointer
  private var at: Int

  /// Reads `bytes` from offset `start` on (an entry's header is skipped, not copied).
  init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0) {
    self.bytes = bytes
    at = min(max(0, start), bytes.count)
  }

  /// Runs `body` with a reader over `bytes`.
  public static func reading<R>(_ bytes: [UInt8], _ body: (inout BinaryReader) throws -> R) rethrows -> R {
    try bytes.withUnsafeBytes { buffer in
      var reader = BinaryReader(buffer)
      return try body(&reader)
    }
  }

  var isAtEnd: Bool { at == bytes.count }

  private mutating func take(_ n: Int) throws -> UnsafeRawBufferPointer {
    guard n >= 0, n <= bytes.count - at else { throw Corrupt() }
    defer { at += n }
    return UnsafeRawBufferPointer(rebasing: bytes[at..<(at + n)])
  }

  public mutating func u8() throws -> UInt8 { try take(1)[0] }
  public mutating func bool() throws -> Bool {
    switch try u8() {
    case 0: return false
    case 1: return true
    default: throw Corrupt()
    }
  }
  private mutating func word() throws -> UInt64 {
    let s = try take(8)
    return UInt64(littleEndian: s.loadUnaligned(as: UInt64.self))
  }
  public mutating func int() throws -> Int { Int(Int64(bitPattern: try word())) }
  public mutating func double() throws -> Double { Double(bitPattern: try word()) }
  /// A count of items that each take at least one byte, so a corrupt count
  /// fails here instead of allocating without bound.
  public mutating func count() throws -> Int {
    let n = try int()
    guard n >= 0, n <= bytes.count - at else { throw Corrupt() }
    return n
  }
  public mutating func string() throws -> String {
    let n = try int()
    guard let s = String(validating: try take(n).assumingMemoryBound(to: UInt8.self), as: UTF8.self) else { throw Corrupt() }
    return s
  }
  public mutating func raw<T>(_: T.Type) throws -> [T] {
    let n = try int()
    guard n >= 0, n <= bytes.count else { throw Corrupt() }
    let slice = try take(n * MemoryLayout<T>.stride)
    return [T](unsafeUninitializedCapacity: n) { buffer, count in
      UnsafeMutableRawBufferPointer(buffer).copyMemory(from: slice)
      count = n
    }
  }
  public mutating func blob() throws -> [UInt8] { try raw(UInt8.self) }
  /// `count` values of `T` copied out as they are (no count prefix).
  mutating func array<T>(_: T.Type, count n: Int) throws -> [T] {
    guard n >= 0, n <= (bytes.count - at) / max(1, MemoryLayout<T>.stride) else { throw Corrupt() }
    let slice = try take(n * MemoryLayout<T>.stride)
    return [T](unsafeUninitializedCapacity: n) { buffer, count in
      UnsafeMutableRawBufferPointer(buffer).copyMemory(from: slice)
      count = n
    }
  }
  public mutating func strings() throws -> [String] {
    let n = try count()
    var list: [String] = []
    list.reserveCapacity(n)
    for _ in 0..<n { list.append(try string()) }
    return list
  }
  public mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
    try bool() ? read(&self) : nil
  }

  public mutating func value(depth: Int = 0) throws -> Value {
    guard depth < 64 else { throw Corrupt() }
    switch try u8() {
    case 0: return .null
    case 1: return .bool(try u8() == 1)
    case 2: return .integer(try int())
    case 3: return .number(try double())
    case 4: return .string(try string())
    case 5:
      let n = try int()
      guard n >= 0, n <= bytes.count else { throw Corrupt() }
      var items: [Value] = []
      for _ in 0..<n { items.append(try value(depth: depth + 1)) }
      return .array(items)
    case 6:
      let n = try int()
      guard n >= 0, n <= bytes.count else { throw Corrupt() }
      var fields: [(String, Value)] = []
      for _ in 0..<n { fields.append((try string(), try value(depth: depth + 1))) }
      return .object(fields)
    case 7: return .table(try frame())
    default: throw Corrupt()
    }
  }

  public mutating func frame() throws -> Frame {
    let n = try int()
    let rows = try int()
    guard n >= 0, n <= bytes.count, rows >= 0 else { throw Corrupt() }
    var f = Frame()
    for _ in 0..<n {
      let name = try string()
      let column: Column
      switch try u8() {
      case 0: column = .number(try raw(Double.self))
      case 1: column = .integer(IntegerColumn(values: try raw(Int.self), missing: try raw(UInt8.self).map { $0 != 0 }))
      case 2:
        let codes = try raw(Int32.self)
        let m = try int()
        guard m >= 0, m <= bytes.count else { throw Corrupt() }
        var levels: [String] = []
        for _ in 0..<m { levels.append(try string()) }
        guard codes.allSatisfy({ $0 < Int32(levels.count) }) else { throw Corrupt() }
        column = .string(StringColumn(codes: codes, levels: levels))
      case 3: column = .date(DateColumn(days: try raw(Int32.self), missing: try raw(UInt8.self).map { $0 != 0 }))
      default: throw Corrupt()
      }
      guard column.count == rows else { throw Corrupt() }
      if case .integer(let c) = column, c.missing.count != rows { throw Corrupt() }
      if case .date(let c) = column, c.missing.count != rows { throw Corrupt() }
      do { try f.append(name, column) } catch { throw Corrupt() }
    }
    return f
  }
}
