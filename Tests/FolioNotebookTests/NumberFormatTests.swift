import FolioData
import XCTest

@testable import FolioNotebook

final class NumberFormatTests: XCTestCase {
  func f(_ spec: String, _ v: Double) throws -> String { try NumberFormat(parsing: spec).format(v) }

  func testBriefExamplesFormatAsDocumented() throws {
    XCTAssertEqual(try f("thousands:0", 12345), "12,345")
    XCTAssertEqual(try f("percent:1", 0.1234), "12.3%")
    XCTAssertEqual(try f("currency:0", 12345), "$12,345")
    XCTAssertEqual(try f("currency:0", -1234), "-$1,234")
    XCTAssertEqual(try f("currency:2:€", 12345), "€12,345.00")
    XCTAssertEqual(try f("compact:1", 1_234_567), "1.2M")
    XCTAssertEqual(try f("compact:1", 350_000), "350k")
    XCTAssertEqual(try f("compact:1", 3.4e9), "3.4B")
    XCTAssertEqual(try f("sci:3", 12345), "1.235e+04")
    XCTAssertEqual(try f("number", 1234.56789), "1234.57")
  }

  func testHalfwayRoundsAwayFromZeroOnlyWhenBinaryValueIsExactlyHalf() throws {
    XCTAssertEqual(try f("fixed:2", 0.125), "0.13")  // 0.125 is exact in binary
    XCTAssertEqual(try f("fixed:2", -0.125), "-0.13")
    XCTAssertEqual(try f("fixed:2", 2.675), "2.67")  // stored as 2.67499999999999982…
    XCTAssertEqual(try f("fixed:0", 2.5), "3")
    XCTAssertEqual(try f("fixed:0", -2.5), "-3")
  }

  func testLargeValuesPrintAllIntegerDigits() throws {
    XCTAssertEqual(try f("fixed:2", 1e21), "1000000000000000000000.00")
    XCTAssertEqual(try f("thousands:0", 1e21), "1,000,000,000,000,000,000,000")
    XCTAssertEqual(try f("number", 1e21), "1e+21")
  }

  func testNegativeZeroAndValuesRoundingToZeroHaveNoMinusSign() throws {
    XCTAssertEqual(try f("fixed:2", -0.0), "0.00")
    XCTAssertEqual(try f("fixed:2", -0.001), "0.00")
    XCTAssertEqual(try f("currency:0", -0.4), "$0")
    XCTAssertEqual(try f("percent:1", -0.0001), "0.0%")
  }

  func testNaNIsEnDashAndInfinitiesAreSymbols() throws {
    for spec in ["number", "fixed:2", "percent:1", "currency:0", "compact:1", "sci:3"] {
      XCTAssertEqual(try f(spec, .nan), "\u{2013}", spec)
      XCTAssertEqual(try f(spec, .infinity), "∞", spec)
      XCTAssertEqual(try f(spec, -.infinity), "-∞", spec)
    }
    XCTAssertEqual(NumberFormat.automatic.format(Optional<Double>.none), "–")
  }

  func testCompactMovesUpATierWhenRoundingReachesAThousand() throws {
    XCTAssertEqual(try f("compact:1", 999_950), "1M")
    XCTAssertEqual(try f("compact:1", 999.96), "1k")
    XCTAssertEqual(try f("compact:1", -2_500), "-2.5k")
  }

  func testSciCarriesIntoExponentWhenMantissaRoundsToTen() throws {
    XCTAssertEqual(try f("sci:3", 9.9996), "1.000e+01")
    XCTAssertEqual(try f("sci:2", 0.000123), "1.23e-04")
  }

  func testParsingAcceptsSpacesAndDefaultsDigits() throws {
    XCTAssertEqual(try NumberFormat(parsing: "percent: 1"), NumberFormat(.percent, digits: 1))
    XCTAssertEqual(try NumberFormat(parsing: " currency : 2 : € "), NumberFormat(.currency, digits: 2, symbol: "€"))
    XCTAssertEqual(try NumberFormat(parsing: "fixed"), NumberFormat(.fixed, digits: 2))
    XCTAssertEqual(try NumberFormat(parsing: "Compact:0").description, "compact:0")
  }

  func testUnknownFormatErrorListsFormatsAndLocation() {
    let at = SourceLocation(file: "report.md", line: 12, column: 7)
    XCTAssertThrowsError(try NumberFormat(parsing: "percentage:1", at: at)) { error in
      XCTAssertEqual(
        "\(error)",
        "report.md:12:7: error: unknown number format 'percentage:1'; expected one of: "
          + "number, fixed:2, thousands:0, percent:1, currency:0, currency:2:€, compact:1, sci:3")
    }
  }

  func testBadDigitsAndExtraPartsAreRejectedWithReason() {
    XCTAssertThrowsError(try NumberFormat(parsing: "fixed:x")) { error in
      XCTAssertEqual(
        (error as? NumberFormatError)?.message,
        "number format 'fixed:x': digits must be a whole number from 0 to 20, got 'x'")
    }
    XCTAssertThrowsError(try NumberFormat(parsing: "fixed:21"))
    XCTAssertThrowsError(try NumberFormat(parsing: "fixed:2:€")) { error in
      XCTAssertTrue((error as? NumberFormatError)?.message.hasPrefix("number format 'fixed:2:€': only currency") ?? false)
    }
  }
}
