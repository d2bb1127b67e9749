import FolioData
import Foundation
import PropertyBased
import XCTest

/// Fuzzing the expression language (`filter`, `derive`): any text parses and
/// evaluates or fails with an error whose range lies inside the expression.
final class ExpressionFuzzTests: XCTestCase {
  static let fragments = FuzzCorpus.common + [
    "SALES", "PRICE", "PROMO", "WEEK", " + ", "-", "*", "/", "%", "^", "(", ")", " and ", " or ", "not ", "if(", ",",
    "log(", "sqrt(", "year(", "date('2024-01-31')", "'x'", "'", "1", "0", "1e308", "==", "<", ">=", "!=",
    "is_missing(", "coalesce(", "round(", "nosuch(", String(repeating: "(", count: 500), String(repeating: "-", count: 500),
    String(repeating: "not ", count: 300), String(repeating: "1+", count: 2_000) + "1",
  ]

  let frame = try! Frame([
    ("SALES", .integer(IntegerColumn(values: [10, 0, 7], missing: [false, true, false]))),
    ("PRICE", .number([2.5, .nan, -1])),
    ("PROMO", .string(StringColumn(["REG", nil, "BOGO"]))),
    ("WEEK", .date(DateColumn(days: [19723, 0, 19800], missing: [false, true, false]))),
  ])

  func testArbitraryExpressionsEvaluateOrFailInsideTheirText() {
    FuzzCorpus.run(suite: 7, generator: FuzzCorpus.text(Self.fragments, pieces: 0...12)) { text, label in
      let length = text.unicodeScalars.count
      do throws(ExpressionError) {
        let column = try Expression.parse(text).evaluate(on: frame)
        XCTAssertEqual(column.count, frame.rowCount, label)
      } catch {
        XCTAssertEqual(error.expression, text, label)
        XCTAssertTrue(error.range.lowerBound >= 0 && error.range.upperBound <= max(length, 1), "\(label): \(error.range) of \(length)")
        XCTAssertEqual(error.location(base: SourceLocation(file: "f.md", line: 3, column: 9)).file, "f.md", label)
      }
    }
  }
}
