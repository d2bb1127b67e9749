import FolioData
import FolioTestSupport
import XCTest

/// Vectorized evaluation: values, missing propagation, three-valued logic,
/// guarded branches and row-numbered domain errors, against hand computation.
final class ExpressionEvaluationTests: XCTestCase {
  private func ints(_ v: [Int?]) -> Column {
    .integer(IntegerColumn(values: v.map { $0 ?? 0 }, missing: v.map { $0 == nil }))
  }
  private func dates(_ v: [String?]) -> Column {
    .date(
      DateColumn(
        days: v.map { s in
          s.map { s -> Int32 in
            let p = s.split(separator: "-").compactMap { Int($0) }
            return Int32(CivilDate.days(year: p[0], month: p[1], day: p[2]))
          } ?? 0
        }, missing: v.map { $0 == nil }))
  }

  private lazy var frame: Frame = try! Frame([
    ("SALES", ints([10, nil, 0, 7])),
    ("PRICE", .number([2.5, 4, .nan, -1])),
    ("PROMO", .string(StringColumn(["REG", "TPR", nil, "BOGO"]))),
    ("WEEK", dates(["2024-01-01", "2024-03-31", "2024-12-30", nil])),
  ])

  private func eval(_ text: String) throws -> [Cell] {
    let c = try Expression.parse(text).evaluate(on: frame)
    return (0..<c.count).map { c[$0] }
  }

  private func evalError(_ text: String) -> ExpressionError? {
    do {
      _ = try eval(text)
      return nil
    } catch {
      return error as? ExpressionError
    }
  }

  func testArithmeticPropagatesMissing() throws {
    XCTAssertEqual(try eval("SALES * 2 + 1"), [.integer(21), .missing, .integer(1), .integer(15)])
    XCTAssertEqual(try eval("SALES * PRICE"), [.number(25), .missing, .missing, .number(-7)])
    XCTAssertEqual(try eval("PRICE / 2"), [.number(1.25), .number(2), .missing, .number(-0.5)])
  }

  func testRemainderFollowsSignOfDivisor() throws {
    let f = try Frame([("a", ints([-7, 7, -7])), ("b", ints([3, -3, -3]))])
    let c = try Expression.parse("a % b").evaluate(on: f)
    XCTAssertEqual(c, ints([2, -2, -1]))
    XCTAssertEqual(try Expression.parse("-7.5 % 2").evaluate(on: f)[0], .number(0.5))
  }

  func testComparisonOfStringsNumbersAndDates() throws {
    XCTAssertEqual(try eval("PROMO != 'REG'"), [.integer(0), .integer(1), .missing, .integer(1)])
    XCTAssertEqual(try eval("PROMO < 'C'"), [.integer(0), .integer(0), .missing, .integer(1)])
    XCTAssertEqual(try eval("SALES >= PRICE"), [.integer(1), .missing, .missing, .integer(1)])
    XCTAssertEqual(try eval("WEEK < date('2024-03-31')"), [.integer(1), .integer(0), .integer(0), .missing])
  }

  func testStringColumnsWithDifferentDictionariesCompareByText() throws {
    let f = try Frame([
      ("a", .string(StringColumn(["x", "y", "z"]))), ("b", .string(StringColumn(["z", "y", "x"]))),
    ])
    XCTAssertEqual(try Expression.parse("a == b").evaluate(on: f), ints([0, 1, 0]))
    XCTAssertEqual(try Expression.parse("a < b").evaluate(on: f), ints([1, 0, 0]))
  }

  func testAndOrUseThreeValuedLogic() throws {
    // PROMO missing on row 3: missing and false = false; true or missing = true.
    XCTAssertEqual(try eval("PROMO == 'X' and SALES > 100"), [.integer(0), .integer(0), .integer(0), .integer(0)])
    XCTAssertEqual(try eval("SALES >= 0 and PROMO == 'TPR'"), [.integer(0), .missing, .missing, .integer(0)])
    XCTAssertEqual(try eval("SALES == 0 or PROMO == 'REG'"), [.integer(1), .missing, .integer(1), .integer(0)])
    XCTAssertEqual(try eval("not (PROMO == 'REG')"), [.integer(0), .integer(1), .missing, .integer(1)])
  }

  func testDateDifferenceAndShift() throws {
    XCTAssertEqual(
      try eval("WEEK - date('2023-12-25')"), [.integer(7), .integer(97), .integer(371), .missing])
    let shifted = try eval("WEEK + 2")
    XCTAssertEqual(shifted[0], .date(CivilDate.days(year: 2024, month: 1, day: 3)))
    XCTAssertEqual(shifted[3], .missing)
  }

  func testIfEvaluatesOnlyTheChosenBranchPerRow() throws {
    // log(0) on row 3 would be an error; the condition routes it to the else branch.
    XCTAssertEqual(
      try eval("if(SALES > 0, log(SALES), -1)"),
      [.number(Foundation.log(10)), .missing, .number(-1), .number(Foundation.log(7))])
    XCTAssertEqual(try eval("SALES != 0 and 100 / SALES > 5"), [.integer(1), .missing, .integer(0), .integer(1)])
  }

  func testDomainErrorsNameRowAndValue() {
    XCTAssertEqual(evalError("log(SALES)")?.message, "row 3: log of 0 is undefined; log needs a positive number")
    XCTAssertEqual(evalError("sqrt(PRICE)")?.message, "row 4: sqrt of -1 is undefined; sqrt needs a number ≥ 0")
    XCTAssertEqual(evalError("PRICE / SALES"), nil, "0 only where PRICE is missing")
    XCTAssertEqual(evalError("SALES / (SALES - 10)")?.message, "row 1: division by zero (10 / 0)")
    XCTAssertEqual(evalError("SALES % (SALES - 7)")?.message, "row 4: division by zero (7 % 0)")
    XCTAssertEqual(evalError("PRICE ^ 0.5")?.message, "row 4: -1 ^ 0.5 is undefined")
    XCTAssertEqual(evalError("exp(SALES * 100)")?.message, "row 1: exp(1000) is too large to represent")
    XCTAssertEqual(evalError("SALES * 9223372036854775807")?.message, "row 1: integer overflow in 10 * 9223372036854775807")
  }

  func testBoolResultIsStoredAsIntegerZeroOne() throws {
    let c = try Expression.parse("SALES > 5").evaluate(on: frame)
    XCTAssertEqual(c.type, .integer)
    XCTAssertEqual(c, ints([1, nil, 0, 1]))
  }

  func testIntegerColumnServesAsCondition() throws {
    let f = try Frame([("Q1", ints([1, 0, nil])), ("x", ints([1, 2, 3]))])
    XCTAssertEqual(try Expression.parse("if(Q1, x, 0)").evaluate(on: f), ints([1, 0, nil]))
  }

  func testMatchingRowsDropsFalseAndMissing() throws {
    XCTAssertEqual(try Expression.parse("PROMO != 'REG' and SALES >= 0").matchingRows(in: frame), [3])
  }

  func testEmptyFrameEvaluatesToEmptyColumn() throws {
    let empty = try Frame([("x", .number([]))])
    XCTAssertEqual(try Expression.parse("log(x) + 1").evaluate(on: empty), .number([]))
  }
}
