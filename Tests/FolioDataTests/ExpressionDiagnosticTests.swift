import FolioData
import XCTest

/// Compiler-style rendering and file locations of expression errors.
final class ExpressionDiagnosticTests: XCTestCase {
  private let base = SourceLocation(file: "report.md", line: 12, column: 9)

  private func error(_ text: String, schema: [String: ColumnType] = ["SALES": .integer]) -> ExpressionError? {
    do {
      _ = try Expression.parse(text).resultType(schema: schema)
      return nil
    } catch {
      return error
    }
  }

  func testLocationAddsRangeStartToBaseColumn() {
    let e = error("log(SALE + 1)")
    XCTAssertEqual(e?.location(base: base), SourceLocation(file: "report.md", line: 12, column: 13))
  }

  func testLocationAfterNewlineMovesToNextLine() {
    let e = error("SALES +\n  SALE")
    XCTAssertEqual(e?.location(base: base), SourceLocation(file: "report.md", line: 13, column: 3))
  }

  func testRenderedDiagnosticShowsLineAndCarets() {
    let e = error("log(SALE + 1)")
    XCTAssertEqual(
      e?.rendered(base: base),
      """
      error: unknown column 'SALE'; did you mean 'SALES'?
        --> report.md:12:13
         |
      12 | log(SALE + 1)
         |     ^^^^
      """)
  }

  func testRenderedDiagnosticAtEndOfInputShowsOneCaret() {
    let e = error("log(SALES + 1")
    XCTAssertEqual(
      e?.rendered(base: SourceLocation(file: "a.md", line: 3, column: 1)),
      """
      error: expected ')' after arguments of log, found end of expression
       --> a.md:3:14
        |
      3 | log(SALES + 1
        |              ^
      """)
  }

  func testLocatedErrorDescriptionHasFileLineColumnPrefix() {
    let e = error("SALES > 'x'")?.located(at: base)
    XCTAssertEqual(e?.location, SourceLocation(file: "report.md", line: 12, column: 9))
    XCTAssertEqual(e?.description, "report.md:12:9: error: cannot compare integer column 'SALES' with string 'x'")
  }

  func testRowErrorMessageNamesRowAndValue() throws {
    let frame = try Frame([("SALES", .integer(IntegerColumn(values: [3, -1, 0])))])
    XCTAssertThrowsError(try Expression.parse("log(SALES + 1)").evaluate(on: frame)) { e in
      let e = e as? ExpressionError
      XCTAssertEqual(e?.row, 2)
      XCTAssertEqual(e?.range, 0..<14)
      XCTAssertEqual(e?.message, "row 2: log of 0 is undefined; log needs a positive number")
    }
  }
}
