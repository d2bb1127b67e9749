import FolioData
import XCTest

/// Parsing, precedence and syntax errors, checked by evaluating literals
/// against hand-computed values and by asserting error text and ranges.
final class ExpressionParserTests: XCTestCase {
  private let oneRow = try! Frame([("x", .number([2]))])

  private func value(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Cell {
    try Expression.parse(text).evaluate(on: oneRow)[0]
  }

  private func parseError(_ text: String) -> ExpressionError? {
    do {
      _ = try Expression.parse(text)
      return nil
    } catch {
      return error
    }
  }

  func testArithmeticPrecedenceMatchesConventionalOrder() throws {
    XCTAssertEqual(try value("1 + 2 * 3"), .integer(7))
    XCTAssertEqual(try value("(1 + 2) * 3"), .integer(9))
    XCTAssertEqual(try value("7 - 3 - 2"), .integer(2))
    XCTAssertEqual(try value("8 / 4 / 2"), .number(1))
    XCTAssertEqual(try value("2 ^ 3 ^ 2"), .number(512))
    XCTAssertEqual(try value("-2 ^ 2"), .number(-4))
    XCTAssertEqual(try value("2 ^ -1"), .number(0.5))
    XCTAssertEqual(try value("-x * 3"), .number(-6))
    XCTAssertEqual(try value("10 % 4 * 2"), .integer(4))
  }

  func testLogicalPrecedenceBindsNotTighterThanAndTighterThanOr() throws {
    XCTAssertEqual(try value("true or false and false"), .integer(1))
    XCTAssertEqual(try value("not false and false"), .integer(0))
    XCTAssertEqual(try value("not x == 3"), .integer(1))
    XCTAssertEqual(try value("!(x > 1) || x >= 2 && x != 2"), .integer(0))
    XCTAssertEqual(try value("x + 1 > 2 and x * 2 <= 4"), .integer(1))
  }

  func testLiteralsOfEveryKind() throws {
    XCTAssertEqual(try value("1e3"), .number(1000))
    XCTAssertEqual(try value(".5 + 1.25"), .number(1.75))
    XCTAssertEqual(try value("'it''s'"), .string("it's"))
    XCTAssertEqual(try value("\"say \\\"hi\\\"\""), .string("say \"hi\""))
    XCTAssertEqual(try value("date('2024-01-31')"), .date(CivilDate.days(year: 2024, month: 1, day: 31)))
    XCTAssertEqual(try value("true"), .integer(1))
  }

  func testBacktickQuotedNamesAndKeywordsAsColumns() throws {
    let frame = try Frame([("Unit Price", .number([2.5])), ("and", .integer(IntegerColumn(values: [4])))])
    let e = try Expression.parse("`Unit Price` * `and`")
    XCTAssertEqual(e.referencedColumns, ["Unit Price", "and"])
    XCTAssertEqual(try e.evaluate(on: frame)[0], .number(10))
  }

  func testReferencedColumnsListsEachNameOnceInOrderOfUse() throws {
    let e = try Expression.parse("if(B > 0, A / B, A) + log(C) - A")
    XCTAssertEqual(e.referencedColumns, ["B", "A", "C"])
  }

  func testMissingClosingParenthesisAfterArgumentsIsReported() {
    let e = parseError("log(SALES + 1")
    XCTAssertEqual(e?.message, "expected ')' after arguments of log, found end of expression")
    XCTAssertEqual(e?.range, 13..<13)
  }

  func testUnclosedGroupingParenthesisIsReported() {
    let e = parseError("(A + B * 2")
    XCTAssertEqual(e?.message, "expected ')' to close '(', found end of expression")
  }

  func testTrailingTokenAfterCompleteExpressionIsReported() {
    let e = parseError("A B")
    XCTAssertEqual(e?.message, "unexpected name 'B' after expression; expected an operator")
    XCTAssertEqual(e?.range, 2..<3)
  }

  func testSingleEqualsSignSuggestsDoubleEquals() {
    let e = parseError("PROMO = 'REG'")
    XCTAssertEqual(e?.message, "unexpected '='; expected '==' for comparison")
    XCTAssertEqual(e?.range, 6..<7)
  }

  func testChainedComparisonIsRejectedWithHint() {
    let e = parseError("0 < x < 3")
    XCTAssertEqual(e?.message, "comparisons cannot be chained ('<' then '<'); combine them with 'and'")
    XCTAssertEqual(e?.range, 6..<7)
  }

  func testUnterminatedStringAndUnknownCharacterAreReported() {
    XCTAssertEqual(parseError("A == 'REG")?.message, "unterminated string; expected a closing '")
    XCTAssertEqual(parseError("A == 'REG")?.range, 5..<9)
    XCTAssertEqual(parseError("A # 2")?.message, "unexpected character '#'")
    XCTAssertEqual(parseError("")?.message, "empty expression; expected a value, a column or a function call")
    XCTAssertEqual(parseError("A + ")?.message, "unexpected end of expression; expected a value, a column or a function call")
    XCTAssertEqual(parseError("A and or B")?.message, "expected a value before 'or'")
  }

  func testDeepNestingIsAnErrorNotACrash() {
    let text = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
    XCTAssertEqual(parseError(text)?.message, "expression is nested more than 200 levels deep")
    XCTAssertEqual(parseError(String(repeating: "-", count: 300) + "1")?.message, "expression is nested more than 200 levels deep")
  }

  func testOverlongExpressionIsRejected() {
    let text = Array(repeating: "1", count: 600).joined(separator: "+")
    XCTAssertEqual(
      parseError(text)?.message, "expression is longer than 1000 tokens; split it into several derive steps")
  }

  func testWrongArityOfEmptyCall() throws {
    XCTAssertThrowsError(try Expression.parse("log()").resultType(schema: [:])) { e in
      XCTAssertEqual((e as? ExpressionError)?.message, "log takes 1 argument, got 0: log(x)")
    }
  }

  func testRangesCountUnicodeScalarsNotBytes() {
    // "é" is 2 UTF-8 bytes but one scalar: the '#' is scalar 7.
    let e = parseError("'café' # 1")
    XCTAssertEqual(e?.range, 7..<8)
  }
}
