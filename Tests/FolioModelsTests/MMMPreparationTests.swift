import FolioData
import FolioModels
import FolioTestSupport
import XCTest

/// Long weekly rows → channel keys, weekly spend per key, weekly revenue and
/// controls, checked against hand-computed values; bad input names the
/// column and row.
final class MMMPreparationTests: XCTestCase {
  /// 2024-01-01, a Monday, in days since 1970.
  let monday = CivilDate.days(year: 2024, month: 1, day: 1)

  /// Four weeks × rows of (week index, country, segment, channel, spend, revenue, pmi).
  private func sample() throws -> Frame {
    let rows: [(Int, String?, String?, String, Double, Double, Double)] = [
      (0, "US", "SMB", "Google", 100, 1000, 50),
      (0, "US", "ENT", "Google", 50, 500, 52),
      (0, "DE", "SMB", "Google", 30, 300, .nan),
      (0, "US", "SMB", "TV", 2000, 4000, 54),
      (1, "US", "SMB", "Google", 200, 2000, 48),
      (1, nil, "SMB", "Google", 10, .nan, 49),
      (1, "US", "SMB", "TV", .nan, 3000, .nan),
      (1, "US", "SMB", "Radio", 5, 0, 50),
      (2, "US", "SMB", "Google", 1, 1, 50),
      (3, "US", "SMB", "Google", 1, 1, 50),
    ]
    return try Frame([
      ("WEEK_START", .date(DateColumn(days: rows.map { Int32(monday + 7 * $0.0) }))),
      ("COUNTRY", .string(StringColumn(rows.map(\.1)))),
      ("SEGMENT", .string(StringColumn(rows.map(\.2)))),
      ("CHANNEL", .string(StringColumn(rows.map { Optional($0.3) }))),
      ("SPEND", .number(rows.map(\.4))),
      ("REVENUE", .number(rows.map(\.5))),
      ("PMI_INDEX", .number(rows.map(\.6))),
    ])
  }

  private func preparation(geo: GeoLevel = .global, product: ProductLevel = .all, minimumSpend: Double = 0) -> MMMPreparation {
    var p = MMMPreparation()
    p.geoLevel = geo
    p.productLevel = product
    p.minimumSpend = minimumSpend
    p.minimumWeeks = 2
    return p
  }

  private func preparationError(_ p: MMMPreparation, _ frame: Frame) -> MMMPreparationError? {
    do {
      _ = try p.prepare(frame)
      return nil
    } catch { return error }
  }

  func testGlobalKeysSumSpendOverGeographiesAndProductsPerWeek() throws {
    let prepared = try preparation().prepare(try sample())
    let input = prepared.input
    XCTAssertEqual(input.channels, ["Google_GLOBAL_ALL", "TV_GLOBAL_ALL", "Radio_GLOBAL_ALL"])
    XCTAssertEqual(input.spend[0], [180, 210, 1, 1])  // 100 + 50 + 30; 200 + 10
    XCTAssertEqual(input.spend[1], [2000, 0, 0, 0])  // missing spend is 0
    XCTAssertEqual(input.spend[2], [0, 5, 0, 0])
    XCTAssertEqual(input.revenue, [5800, 5000, 1, 1])  // missing revenue is 0
    XCTAssertEqual(input.weekStarts, [monday, monday + 7, monday + 14, monday + 21])
    XCTAssertEqual(prepared.keyParts[1], ChannelKeyParts(channel: "TV", geography: "GLOBAL", product: "ALL"))
  }

  func testCountryAndSegmentKeysWithMissingCountryAsUnknown() throws {
    let input = try preparation(geo: .country, product: .segment).prepare(try sample()).input
    XCTAssertEqual(input.channels, [
      "Google_US_SMB", "Google_US_ENT", "Google_DE_SMB", "TV_US_SMB", "Google_UNKNOWN_SMB", "Radio_US_SMB",
    ])
    XCTAssertEqual(input.spend[0], [100, 200, 1, 1])
    XCTAssertEqual(input.spend[4], [0, 10, 0, 0])
  }

  func testAbsentDimensionColumnReadsAsAll() throws {
    let input = try preparation(geo: .region, product: .category).prepare(try sample()).input
    XCTAssertEqual(input.channels, ["Google_ALL_ALL", "TV_ALL_ALL", "Radio_ALL_ALL"])
  }

  func testKeysBelowMinimumTotalSpendAreDroppedAndReported() throws {
    let prepared = try preparation(minimumSpend: 1000).prepare(try sample())
    XCTAssertEqual(prepared.input.channels, ["TV_GLOBAL_ALL"])
    XCTAssertEqual(prepared.dropped, [
      DroppedChannel(key: "Google_GLOBAL_ALL", totalSpend: 392), DroppedChannel(key: "Radio_GLOBAL_ALL", totalSpend: 5),
    ])
  }

  func testControlsAreCalendarTermsThenWeeklyMeanOfPMIOverPresentRows() throws {
    let input = try preparation().prepare(try sample()).input
    XCTAssertEqual(input.controlNames, ["TREND", "SIN_1", "COS_1", "SIN_2", "COS_2", "Q1", "Q3", "PMI_INDEX"])
    XCTAssertEqual(input.controls[0], [0, 7 / 365.25, 14 / 365.25, 21 / 365.25])
    assertApproximatelyEqual(input.controls[1][1], sin(2 * Double.pi / 52), relative: 1e-15)
    assertApproximatelyEqual(input.controls[4][1], cos(4 * Double.pi / 52), relative: 1e-15)
    XCTAssertEqual(input.controls[5], [1, 1, 1, 1])  // January
    XCTAssertEqual(input.controls[6], [0, 0, 0, 0])
    XCTAssertEqual(input.controls[7], [52, 49, 50, 50])  // (50 + 52 + 54) / 3; (48 + 49 + 50) / 3
  }

  func testFourierTermsAndQuarterFlagsOverAYear() {
    let weeks = (0..<40).map { monday + 7 * $0 }
    let c = MMMCalendarControls.values(weekStarts: weeks)
    assertApproximatelyEqual(c[1][13], 1, relative: 1e-15)  // sin(2π·13/52) = sin(π/2)
    assertApproximatelyEqual(c[3][13], 0, absolute: 1e-15)  // sin(π)
    assertApproximatelyEqual(c[4][13], -1, relative: 1e-15)  // cos(π)
    XCTAssertEqual(c[5][12], 1)  // 2024-03-25
    XCTAssertEqual(c[5][13], 0)  // 2024-04-01
    XCTAssertEqual(c[6][25], 0)  // 2024-06-24
    XCTAssertEqual(c[6][26], 1)  // 2024-07-01
    XCTAssertEqual(c[6][39], 1)  // 2024-09-30
  }

  func testTextWeeksAreParsedAndNonDatesNameTheRow() throws {
    let good = try Frame([
      ("WEEK_START", .string(StringColumn(["2024-01-08", "2024-01-01", "2024-01-15", "2024-01-22"]))),
      ("CHANNEL", .string(StringColumn(["A", "A", "A", "A"]))), ("SPEND", .number([1, 2, 3, 4])),
      ("REVENUE", .number([3, 4, 5, 6])),
    ])
    let input = try preparation().prepare(good).input
    XCTAssertEqual(input.weekStarts, [monday, monday + 7, monday + 14, monday + 21])
    XCTAssertEqual(input.spend, [[2, 1, 3, 4]])
    let bad = try Frame([
      ("WEEK_START", .string(StringColumn(["2024-01-01", "week 2"]))),
      ("CHANNEL", .string(StringColumn(["A", "A"]))), ("SPEND", .number([1, 2])), ("REVENUE", .number([3, 4])),
    ])
    XCTAssertEqual(preparationError(preparation(), bad)?.message,
      "column 'WEEK_START', row 2: expected a week start date YYYY-MM-DD, found 'week 2'")
  }

  func testMissingRequiredColumnIsNamed() throws {
    var f = try sample()
    f.remove("SPEND")
    XCTAssertEqual(preparationError(preparation(), f)?.message,
      "missing column 'SPEND' (spend); the data has: WEEK_START, COUNTRY, SEGMENT, CHANNEL, REVENUE, PMI_INDEX")
  }

  func testNegativeSpendNamesTheRow() throws {
    var f = try sample()
    try f.set("SPEND", .number([1, 2, 3, -4, 5, 6, 7, 8, 9, 10]))
    XCTAssertEqual(preparationError(preparation(), f)?.message, "column 'SPEND', row 4: expected spend of 0 or more, found -4.0")
  }

  func testTextInSpendNamesTheRow() throws {
    var f = try sample()
    try f.set("SPEND", .string(StringColumn(["1", "2", "", "x1", "5", "6", "7", "8", "9", "10"])))
    XCTAssertEqual(preparationError(preparation(), f)?.message, "column 'SPEND', row 4: expected a number, found 'x1'")
  }

  func testGapBetweenWeeksIsAnError() throws {
    let f = try Frame([
      ("WEEK_START", .date(DateColumn(days: [Int32(monday), Int32(monday + 14)]))),
      ("CHANNEL", .string(StringColumn(["A", "A"]))), ("SPEND", .number([1, 2])), ("REVENUE", .number([3, 4])),
    ])
    XCTAssertEqual(preparationError(preparation(), f)?.message,
      "weeks must be consecutive and 7 days apart: 2024-01-15 follows 2024-01-01 (14 days)")
  }

  func testEveryKeyBelowMinimumIsAnError() throws {
    XCTAssertEqual(preparationError(preparation(minimumSpend: 1e9), try sample())?.message,
      "no channel has a total spend of at least 1000000000.0; dropped: Google_GLOBAL_ALL, TV_GLOBAL_ALL, Radio_GLOBAL_ALL")
  }
}
