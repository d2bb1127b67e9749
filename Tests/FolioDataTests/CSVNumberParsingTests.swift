import XCTest

@testable import FolioData

/// `CSVScalarParser` against the standard library's `Double(String)` /
/// `Int(String)` (strtod / strtol semantics) as the independent reference:
/// bit-identical results on edge cases and on seeded random inputs.
final class CSVNumberParsingTests: XCTestCase {
  private func number(_ s: String) -> Double? {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBufferPointer { CSVScalarParser.number($0.baseAddress!, $0.count) }
  }

  private func integer(_ s: String) -> Int? {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBufferPointer { CSVScalarParser.integer($0.baseAddress!, $0.count) }
  }

  private func assertMatchesStrtod(_ s: String, file: StaticString = #filePath, line: UInt = #line) {
    guard let expected = Double(s) else { return XCTFail("reference rejects \(s)", file: file, line: line) }
    guard let got = number(s) else { return XCTFail("rejected \(s)", file: file, line: line) }
    XCTAssertEqual(got.bitPattern, expected.bitPattern, "\(s): \(got) vs \(expected)", file: file, line: line)
  }

  func testEdgeValuesRoundExactlyLikeStrtod() {
    let cases = [
      "0", "-0", "0.0", "-0.0", "+1", "1.", ".5", "-.5", "0.1", "0.2", "0.3", "1e22", "1e23", "-1e-22",
      "9007199254740992", "9007199254740993", "9007199254740995", "18014398509481985",
      "123456789012345678", "1234567890123456789", "12345678901234567890123", "0.000000000000000000001",
      "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324", "5e-324", "2e-324", "1e-400",
      "1.7976931348623157e308", "1.7976931348623158e308", "1.8e308", "1e400", "-1e400",
      "3.14159265358979323846264338327950288", "0.30000000000000004", "100000000000000000000000",
      "7.038531e-26", "2.47032822920623272e-324", "1E5", "1e+05", "1.5E-3", "00012.500", "12.34",
      "4.35", "1234.567", "-0.123456", "9999.99", "0.0001",
    ]
    for s in cases { assertMatchesStrtod(s) }
  }

  func testInfinityWordsAreNumbers() {
    XCTAssertEqual(number("inf"), .infinity)
    XCTAssertEqual(number("-Infinity"), -.infinity)
    XCTAssertEqual(number("+INF"), .infinity)
    XCTAssertNil(number(".inf"))
    XCTAssertNil(number("infin"))
  }

  func testTextThatIsNotADecimalNumberIsRejected() {
    for s in ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x1p3", "nan", "12a", "--1", "1e5.0"] {
      XCTAssertNil(number(s), s)
    }
  }

  func testRandomDecimalTextsRoundExactlyLikeStrtod() {
    var rng = SeededGenerator(seed: 42)
    for _ in 0..<200_000 {
      var s = rng.next() % 2 == 0 ? "" : "-"
      let digitCount = Int(rng.next() % 24) + 1
      let point = Int(rng.next() % UInt64(digitCount + 1))
      for i in 0..<digitCount {
        if i == point && i > 0 { s += "." }
        s += String(rng.next() % 10)
      }
      switch rng.next() % 3 {
      case 0: break
      case 1: s += "e\(Int(rng.next() % 60) - 30)"
      default: s += "e\(Int(rng.next() % 700) - 350)"
      }
      assertMatchesStrtod(s)
    }
  }

  func testShortestTextOfRandomDoublesReadsBackToTheSameBits() {
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<100_000 {
      let d = Double(bitPattern: rng.next())
      guard d.isFinite else { continue }
      assertMatchesStrtod(d.description)
      let fixed = Double(Int64(bitPattern: rng.next() % 2_000_000_000_000) - 1_000_000_000_000) / 1e6
      assertMatchesStrtod(fixed.description)
    }
  }

  func testIntegersMatchIntInitAndRejectOverflow() {
    for s in ["0", "-0", "+7", "42", "-9223372036854775808", "9223372036854775807", "007"] {
      XCTAssertEqual(integer(s), Int(s), s)
    }
    for s in ["9223372036854775808", "-9223372036854775809", "99999999999999999999", "", "-", "1.0", "1e3", "1_000"] {
      XCTAssertNil(integer(s), s)
    }
    var rng = SeededGenerator(seed: 3)
    for _ in 0..<50_000 {
      let v = Int(bitPattern: UInt(rng.next())) >> Int(rng.next() % 64)
      XCTAssertEqual(integer(String(v)), v)
    }
  }

  func testDatesMustBeRealCalendarDays() {
    func date(_ s: String) -> Int32? {
      Array(s.utf8).withUnsafeBufferPointer { CSVScalarParser.date($0.baseAddress!, $0.count) }
    }
    XCTAssertEqual(date("1970-01-01"), 0)
    XCTAssertEqual(date("2024-02-29"), 19_782)  // 54 years: 13 leap days → 54·365 + 13 + 31 + 28
    XCTAssertEqual(date("1969-12-31"), -1)
    for s in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024/01/01", "20240101", "2024-01-01 "] {
      XCTAssertNil(date(s), s)
    }
  }
}

/// SplitMix64, so random tests are reproducible.
struct SeededGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The number parser against Python's `float` (David Gay's correctly
/// rounded conversion), an implementation independent of Swift's: texts and
/// bit patterns from `scripts/reference/csv_number_reference.py`, read with
/// `CSVReader` itself (the text column declared as string).
final class CSVNumberReferenceTests: XCTestCase {
  func testNumbersMatchPythonFloatBitForBit() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/reference/csv_number_reference.csv").path
    let fixture = try CSVReader.read(path: path, options: CSVOptions(types: ["text": .string, "bits": .string]))
    guard case .string(let texts)? = fixture["text"], case .string(let bits)? = fixture["bits"] else {
      return XCTFail("fixture columns")
    }
    XCTAssertGreaterThan(fixture.rowCount, 5_000)
    for i in 0..<fixture.rowCount {
      let text = texts.levels[Int(texts.codes[i])]
      let expected = UInt64(bits.levels[Int(bits.codes[i])], radix: 16)
      let got = Array(text.utf8).withUnsafeBufferPointer { CSVScalarParser.number($0.baseAddress!, $0.count) }
      XCTAssertEqual(got?.bitPattern, expected, text)
    }
  }
}
