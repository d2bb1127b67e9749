import FolioData
import XCTest

/// Built-in functions against hand-computed values, including calendar
/// facts (ISO weeks at year boundaries) checked against Python's
/// `date.isocalendar()` by hand.
final class ExpressionFunctionTests: XCTestCase {
  private func days(_ y: Int, _ m: Int, _ d: Int) -> Int32 { Int32(CivilDate.days(year: y, month: m, day: d)) }

  private func column(_ text: String, _ frame: Frame) throws -> [Cell] {
    let c = try Expression.parse(text).evaluate(on: frame)
    return (0..<c.count).map { c[$0] }
  }

  func testDatePartsIncludingIsoWeekAtYearBoundaries() throws {
    // 2024-12-30 is Monday of ISO week 1 of 2025; 2021-01-03 is Sunday of week 53 of 2020;
    // 2024-02-29 is a Thursday, day 60, week 9.
    let f = try Frame([("D", .date(DateColumn(days: [days(2024, 12, 30), days(2021, 1, 3), days(2024, 2, 29)])))])
    XCTAssertEqual(try column("year(D)", f), [.integer(2024), .integer(2021), .integer(2024)])
    XCTAssertEqual(try column("month(D)", f), [.integer(12), .integer(1), .integer(2)])
    XCTAssertEqual(try column("day(D)", f), [.integer(30), .integer(3), .integer(29)])
    XCTAssertEqual(try column("quarter(D)", f), [.integer(4), .integer(1), .integer(1)])
    XCTAssertEqual(try column("weekday(D)", f), [.integer(1), .integer(7), .integer(4)])
    XCTAssertEqual(try column("week(D)", f), [.integer(1), .integer(53), .integer(9)])
    XCTAssertEqual(try column("dayofyear(D)", f), [.integer(365), .integer(3), .integer(60)])
  }

  func testRoundHalfAwayFromZeroWithDigits() throws {
    let f = try Frame([("x", .number([2.5, -2.5, 1.2345, 1234.5])), ("n", .integer(IntegerColumn(values: [1250, -1250, 7, 0])))])
    XCTAssertEqual(try column("round(x)", f), [.number(3), .number(-3), .number(1), .number(1235)])
    XCTAssertEqual(try column("round(x, 2)", f), [.number(2.5), .number(-2.5), .number(1.23), .number(1234.5)])
    XCTAssertEqual(try column("round(x, -2)", f), [.number(0), .number(0), .number(0), .number(1200)])
    XCTAssertEqual(try column("round(n, -2)", f), [.integer(1300), .integer(-1300), .integer(0), .integer(0)])
  }

  func testMathFunctionsKeepIntegersWhereExact() throws {
    let f = try Frame([("x", .number([-1.5, 4])), ("n", .integer(IntegerColumn(values: [-3, 4])))])
    XCTAssertEqual(try column("abs(n)", f), [.integer(3), .integer(4)])
    XCTAssertEqual(try column("abs(x)", f), [.number(1.5), .number(4)])
    XCTAssertEqual(try column("floor(x)", f), [.number(-2), .number(4)])
    XCTAssertEqual(try column("ceil(x)", f), [.number(-1), .number(4)])
    XCTAssertEqual(try column("floor(n)", f), [.integer(-3), .integer(4)])
    XCTAssertEqual(try column("sqrt(n * n)", f), [.number(3), .number(4)])
    XCTAssertEqual(try column("exp(0 * x)", f), [.number(1), .number(1)])
  }

  func testRowWiseMinMaxPropagateMissing() throws {
    let f = try Frame([
      ("a", .integer(IntegerColumn(values: [1, 5, 0], missing: [false, false, true]))),
      ("b", .number([3, 2, 1])),
    ])
    XCTAssertEqual(try column("min(a, b)", f), [.number(1), .number(2), .missing])
    XCTAssertEqual(try column("max(a, b, 4)", f), [.number(4), .number(5), .missing])
    XCTAssertEqual(try column("max(a, 2)", f), [.integer(2), .integer(5), .missing])
  }

  func testCoalesceAndIsMissing() throws {
    let f = try Frame([
      ("a", .number([.nan, 2, .nan])), ("b", .number([1, 9, .nan])),
      ("s", .string(StringColumn([nil, "x", nil]))),
    ])
    XCTAssertEqual(try column("coalesce(a, b)", f), [.number(1), .number(2), .missing])
    XCTAssertEqual(try column("coalesce(a, b, 0)", f), [.number(1), .number(2), .number(0)])
    XCTAssertEqual(try column("coalesce(s, 'none')", f), [.string("none"), .string("x"), .string("none")])
    XCTAssertEqual(try column("is_missing(a)", f), [.integer(1), .integer(0), .integer(1)])
  }

  func testCoalesceEvaluatesLaterArgumentsOnlyWhereNeeded() throws {
    // log(b) fails on row 2 (b = 0) but a is present there.
    let f = try Frame([("a", .number([.nan, 5])), ("b", .number([1, 0]))])
    XCTAssertEqual(try column("coalesce(a, log(b))", f), [.number(0), .number(5)])
  }
}
