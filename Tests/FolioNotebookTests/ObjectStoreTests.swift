import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// The cache stores each dataset once, in a compact columnar encoding that
/// reads back bit for bit, and never trusts a damaged object.
final class ObjectStoreTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-objects-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  /// Encodes and decodes through the columnar coding in memory.
  func roundTrip(_ f: Frame) throws -> Frame {
    var w = BinaryWriter()
    ColumnarFrameCoding.encode(f, into: &w)
    return try BinaryReader.reading(w.bytes) { r in
      let g = try ColumnarFrameCoding.decode(&r)
      XCTAssertTrue(r.isAtEnd)
      return g
    }
  }

  /// Bit-level equality (Frame's == treats NaN as missing; here every bit counts).
  func assertIdentical(_ a: Frame, _ b: Frame, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.columnNames, b.columnNames, file: file, line: line)
    XCTAssertEqual(a.rowCount, b.rowCount, file: file, line: line)
    for (x, y) in zip(a.columns, b.columns) {
      switch (x, y) {
      case (.number(let u), .number(let v)): XCTAssertEqual(u.map(\.bitPattern), v.map(\.bitPattern), file: file, line: line)
      case (.integer(let u), .integer(let v)):
        XCTAssertEqual(u.missing, v.missing, file: file, line: line)
        XCTAssertEqual(zip(u.values, u.missing).map { $1 ? 0 : $0 }, zip(v.values, v.missing).map { $1 ? 0 : $0 }, file: file, line: line)
      case (.string(let u), .string(let v)): XCTAssertEqual(u, v, file: file, line: line)
      case (.date(let u), .date(let v)):
        XCTAssertEqual(u.missing, v.missing, file: file, line: line)
        XCTAssertEqual(zip(u.days, u.missing).map { $1 ? 0 : $0 }, zip(v.days, v.missing).map { $1 ? 0 : $0 }, file: file, line: line)
      default: XCTFail("column types differ", file: file, line: line)
      }
    }
  }

  func testEveryColumnTypeWithMissingValuesRoundTripsBitForBit() throws {
    let f = try Frame([
      ("price", .number([434.5, .nan, 182.95, -0.01, 25.46, 1e-7])),  // scaled (10^…) but 1e-7 is not: raw
      ("cost", .number([25.46, 0.5, .nan, 3, -12.25, 0])),  // scaled by 100
      ("ratio", .number([1.0 / 3.0, .pi, -0.0, .infinity, .nan, 1e300])),  // raw
      ("units", .integer(IntegerColumn(values: [7625, 0, -3, Int.max, Int.min, 9], missing: [false, false, false, false, false, true]))),
      ("small", .integer(IntegerColumn(values: [1, 2, 3, 4, 5, 6]))),
      ("sku", .string(StringColumn(["100100", nil, "100100", "é€", "", "x"]))),
      ("week", .date(DateColumn(days: [19_786, 19_793, 0, -719_162, 19_800, 2_932_896], missing: [false, false, true, false, false, false]))),
    ])
    assertIdentical(try roundTrip(f), f)
    assertIdentical(try roundTrip(Frame()), Frame())
    assertIdentical(try roundTrip(try Frame([("empty", .number([]))])), try Frame([("empty", .number([]))]))
  }

  func testRandomFramesRoundTripBitForBit() throws {
    var rng = CacheTestRandom(seed: 42)
    for trial in 0..<200 {
      let rows = Int(rng.next() % 40)
      let decimals = Int(rng.next() % 8)
      let scale = pow(10.0, Double(decimals))
      let numbers: [Double] = (0..<rows).map { _ in
        switch rng.next() % 5 {
        case 0: return .nan
        case 1: return Double(bitPattern: rng.next())  // any bits, NaN payloads included
        default: return (Double(Int64(bitPattern: rng.next()) % 10_000_000)) / scale
        }
      }
      let ints = (0..<rows).map { _ in Int(Int64(bitPattern: rng.next()) >> (rng.next() % 64)) }
      let codes = (0..<rows).map { _ in Int32(rng.next() % 300) - 1 }
      let levels = (0..<300).map { "L\($0)" }
      let days = (0..<rows).map { _ in Int32(truncatingIfNeeded: Int64(bitPattern: rng.next()) >> 40) }
      let f = try Frame([
        ("n", .number(numbers)),
        ("i", .integer(IntegerColumn(values: ints, missing: ints.map { $0 % 7 == 0 }))),
        ("s", .string(StringColumn(codes: codes, levels: levels))),
        ("d", .date(DateColumn(days: days, missing: days.map { $0 % 5 == 0 }))),
      ])
      let g = try roundTrip(f)
      assertIdentical(g, f)
      if g.rowCount != f.rowCount { return XCTFail("trial \(trial)") }
    }
  }

  /// The encoder rejects a scale from the first 64 values before it builds
  /// anything; a value further down must still decide the scale (or force
  /// raw Float64), so long columns whose exception comes late round-trip.
  func testLongColumnsWhoseExceptionComesAfterTheSampleRoundTripBitForBit() throws {
    let n = 5_000
    var quarter = (0..<n).map { Double($0 % 90) }  // integral at first …
    quarter[4_321] = 12.25  // … so scale 100 only from here
    var late = (0..<n).map { Double($0 % 70) / 10 }
    late[3_000] = 1.0 / 3.0  // no scale fits: raw
    var payload = (0..<n).map { $0 % 11 == 0 ? Double.nan : Double($0 % 13) }
    payload[4_999] = Double(bitPattern: Double.nan.bitPattern | 1)  // a NaN that is not the canonical missing: raw
    let f = try Frame([("quarter", .number(quarter)), ("late", .number(late)), ("payload", .number(payload))])
    assertIdentical(try roundTrip(f), f)
    var w = BinaryWriter()
    ColumnarFrameCoding.encode(try Frame([("quarter", .number(quarter))]), into: &w)
    // Scaled by 100, the largest offset is 8,900: two bytes a row, not eight.
    XCTAssertLessThan(w.bytes.count, n * 2 + 100)
  }

  func testDecimalColumnsShrinkToNarrowIntegers() throws {
    // A CSV-like table: two-decimal prices, few stores, a week column.
    let n = 10_000
    let f = try Frame([
      ("price", .number((0..<n).map { Double($0 % 5000) / 100 })),
      ("store", .string(StringColumn((0..<n).map { "S\($0 % 100)" }))),
      ("week", .date(DateColumn(days: (0..<n).map { 19_000 + Int32(($0 % 52) * 7) }))),
    ])
    var w = BinaryWriter()
    ColumnarFrameCoding.encode(f, into: &w)
    // price: 2 bytes a row; store: 1 byte; week: 2 bytes (offsets up to 357). Plus names and levels.
    XCTAssertLessThan(w.bytes.count, n * 5 + 2_000)
    assertIdentical(try roundTrip(f), f)
  }

  func testAnyCorruptionOrTruncationFailsCleanly() throws {
    let f = try Frame([("x", .number([1.5, 2.5])), ("s", .string(StringColumn(["a", nil])))])
    var w = BinaryWriter()
    ColumnarFrameCoding.encode(f, into: &w)
    for cut in 0..<w.bytes.count {
      XCTAssertThrowsError(try BinaryReader.reading(Array(w.bytes[0..<cut])) { r in
        let g = try ColumnarFrameCoding.decode(&r)
        guard r.isAtEnd else { throw BinaryReader.Corrupt() }
        return g
      })
    }
  }

  func testSameDatasetIsStoredOnceAndDamagedObjectsReadAsAbsent() throws {
    let store = ObjectStore(cacheDirectory: dir)
    var memo = ObjectMemo()
    let f = try Frame([("x", .number((0..<1000).map { Double($0) * 0.25 })), ("s", .string(StringColumn((0..<1000).map { "k\($0 % 3)" })))])
    let a = try XCTUnwrap(store.put(f, memo: &memo))
    // Equal content built separately (other storage, so the memo does not know it): same objects.
    var fresh = ObjectMemo()
    let b = try XCTUnwrap(store.put(try Frame([("x", .number((0..<1000).map { Double($0) * 0.25 })), ("s", .string(StringColumn((0..<1000).map { "k\($0 % 3)" })))]), memo: &fresh))
    XCTAssertEqual(a, b, "equal content, one object")
    // A derived frame sharing column x (and adding one) adds one column and one manifest.
    var g = f
    try g.append("y", .number([Double](repeating: 1, count: 1000)))
    _ = try XCTUnwrap(store.put(g, memo: &memo))
    XCTAssertEqual(CacheStorage(directory: dir).summary().objects, 5, "x, s, y and two manifests")
    XCTAssertEqual(store.get(a), f)
    XCTAssertTrue(store.isPresent(a))

    // One flipped byte in a column: the hash no longer matches, so the dataset reads as absent.
    let columns = CacheStorage(directory: dir).list().filter {
      $0.isObject && (FileManager.default.contents(atPath: $0.path)?.starts(with: ObjectStore.columnMagic) ?? false)
    }
    for c in columns {
      var bytes = try XCTUnwrap(FileManager.default.contents(atPath: c.path))
      bytes[bytes.count - 1] ^= 0x40
      try bytes.write(to: URL(fileURLWithPath: c.path))
    }
    XCTAssertNil(store.get(a))
    // Truncated manifest: absent, and not even "present" for a hit.
    let manifest = store.path(a.hash)
    let bytes = try XCTUnwrap(FileManager.default.contents(atPath: manifest))
    try bytes.prefix(20).write(to: URL(fileURLWithPath: manifest))
    XCTAssertFalse(store.isPresent(a))
    XCTAssertNil(store.get(a))
  }
}

/// Large datasets that were quicker to compute than to read back are not kept.
final class BlockCacheKeepPolicyTests: XCTestCase {
  func testALargeResultIsKeptOnlyWhenComputingItTookLongerThanReadingItBack() throws {
    let dir = NSTemporaryDirectory() + "folio-keep-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let cache = BlockCache(directory: dir)
    // 200,000 numbers: 1.6 MB in memory, read back at 500 MB/s in 3.2 ms.
    let frame = try Frame([("x", .number((0..<200_000).map { Double($0) / 3 }))])
    let result = DirectiveResult(value: .table(frame), outputs: [.note("n")])
    cache.store(result, inputs: [], valueJSON: [], seconds: 0.0005, key: "quick")
    cache.store(result, inputs: [], valueJSON: [], seconds: 0.010, key: "slow")
    cache.waitForWrites()
    let quick = try XCTUnwrap(cache.load("quick"), "the view is always stored")
    XCTAssertEqual(quick.entry.outputs.count, 1)
    XCTAssertEqual(quick.entry.resultObjects, [])
    XCTAssertThrowsError(try cache.loadResult(quick.entry), "no result kept: the caller recomputes")
    let slow = try XCTUnwrap(cache.load("slow"))
    guard case .table(let back) = try cache.loadResult(slow.entry).0 else { return XCTFail("not a table") }
    XCTAssertEqual(back, frame)
  }
}

/// A small deterministic generator (CacheTestRandom64) for the property tests.
struct CacheTestRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
