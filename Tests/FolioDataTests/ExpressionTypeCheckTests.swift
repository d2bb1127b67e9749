import FolioData
import XCTest

/// Static types and type errors against a schema, before any data is read.
final class ExpressionTypeCheckTests: XCTestCase {
  private let schema: [String: ColumnType] = [
    "SALES": .integer, "PRICE": .number, "REGION": .string, "WEEK": .date, "BOH": .integer,
  ]

  private func type(_ text: String) throws -> ExpressionType {
    try Expression.parse(text).resultType(schema: schema)
  }

  private func typeError(_ text: String) -> ExpressionError? {
    do {
      _ = try type(text)
      return nil
    } catch {
      return error as? ExpressionError
    }
  }

  func testIntegerArithmeticStaysIntegerExceptDivisionAndPower() throws {
    XCTAssertEqual(try type("SALES + BOH * 2 - 1"), .integer)
    XCTAssertEqual(try type("SALES % 7"), .integer)
    XCTAssertEqual(try type("SALES / 2"), .number)
    XCTAssertEqual(try type("SALES ^ 2"), .number)
    XCTAssertEqual(try type("SALES + PRICE"), .number)
    XCTAssertEqual(try type("-SALES"), .integer)
  }

  func testDateArithmeticGivesDaysAndShiftedDates() throws {
    XCTAssertEqual(try type("WEEK - date('2024-01-01')"), .integer)
    XCTAssertEqual(try type("WEEK + 7"), .date)
    XCTAssertEqual(try type("7 + WEEK"), .date)
    XCTAssertEqual(try type("WEEK - 7"), .date)
    XCTAssertEqual(try type("month(WEEK) <= 3"), .bool)
  }

  func testFunctionResultTypes() throws {
    XCTAssertEqual(try type("log(SALES + 1)"), .number)
    XCTAssertEqual(try type("abs(SALES)"), .integer)
    XCTAssertEqual(try type("round(PRICE, 2)"), .number)
    XCTAssertEqual(try type("if(BOH > 0, SALES, PRICE)"), .number)
    XCTAssertEqual(try type("coalesce(REGION, 'NONE')"), .string)
    XCTAssertEqual(try type("max(WEEK, date('2024-06-01'))"), .date)
    XCTAssertEqual(try type("min(SALES, BOH, 3)"), .integer)
    XCTAssertEqual(try type("is_missing(REGION) or REGION == 'N'"), .bool)
  }

  func testUnknownColumnListsNearMatches() {
    let e = typeError("log(SALE + 1)")
    XCTAssertEqual(e?.message, "unknown column 'SALE'; did you mean 'SALES'?")
    XCTAssertEqual(e?.range, 4..<8)
  }

  func testUnknownColumnWithoutNearMatchListsColumns() {
    XCTAssertEqual(
      typeError("QTY > 1")?.message, "unknown column 'QTY'; columns are: BOH, PRICE, REGION, SALES, WEEK")
  }

  func testComparingStringWithNumberNamesBothSides() {
    let e = typeError("REGION > 3")
    XCTAssertEqual(e?.message, "cannot compare string column 'REGION' with integer 3")
    XCTAssertEqual(e?.range, 0..<10)
  }

  func testComparingDateWithStringSuggestsDateLiteral() {
    XCTAssertEqual(
      typeError("WEEK >= '2024-01-01'")?.message,
      "cannot compare date column 'WEEK' with string '2024-01-01'; write a date as date('YYYY-MM-DD')")
  }

  func testArithmeticOnStringsIsRejected() {
    XCTAssertEqual(typeError("REGION + 1")?.message, "cannot add string column 'REGION' and integer 1")
    XCTAssertEqual(typeError("1 - REGION")?.message, "cannot subtract string column 'REGION' from integer 1")
    XCTAssertEqual(typeError("-REGION")?.message, "cannot negate string column 'REGION'; '-' needs a number")
  }

  func testWrongArgumentCountQuotesSignature() {
    let e = typeError("round(PRICE, 2, 3)")
    XCTAssertEqual(e?.message, "round takes 1 to 2 arguments, got 3: round(x, digits)")
    XCTAssertEqual(e?.range, 0..<18)
    XCTAssertEqual(typeError("if(BOH > 0, 1)")?.message, "if takes 3 arguments, got 2: if(condition, then, else)")
    XCTAssertEqual(typeError("max(SALES)")?.message, "max takes at least 2 arguments, got 1: max(a, b, …)")
  }

  func testUnknownFunctionSuggestsNearName() {
    let e = typeError("sqr(PRICE)")
    XCTAssertEqual(e?.message, "unknown function 'sqr'; did you mean 'sqrt'?")
    XCTAssertEqual(e?.range, 0..<3)
  }

  func testConditionsMustBeBoolOrInteger() {
    XCTAssertEqual(
      typeError("REGION and BOH > 0")?.message, "'and' needs a true/false condition, got string column 'REGION'")
    XCTAssertEqual(typeError("if(PRICE, 1, 2)")?.message, "if needs a true/false condition, got number column 'PRICE'")
  }

  func testMismatchedBranchesAndArgumentsAreRejected() {
    XCTAssertEqual(
      typeError("if(BOH > 0, REGION, 0)")?.message,
      "if branches must have the same type, got string column 'REGION' and integer 0")
    XCTAssertEqual(
      typeError("coalesce(SALES, 'none')")?.message,
      "coalesce arguments must have the same type; expected integer, got string 'none'")
    XCTAssertEqual(typeError("year(SALES)")?.message, "year needs a date, got integer column 'SALES'")
    XCTAssertEqual(typeError("log(REGION)")?.message, "log needs a number, got string column 'REGION'")
  }

  func testDateLiteralMustBeValidIsoString() {
    XCTAssertEqual(typeError("date('2024-02-30')")?.message, "'2024-02-30' is not a valid date; expected 'YYYY-MM-DD'")
    XCTAssertEqual(typeError("date(REGION)")?.message, "date needs a quoted 'YYYY-MM-DD' literal")
  }
}
