import FolioData
import XCTest

@testable import FolioNotebook

/// `{{ data.COLUMN | unique }}`, `| count` and `| sum` read the column
/// directly; each answer must equal the general filter applied to the
/// column's values as a list, and the values read off by hand.
final class InlineColumnFilterTests: XCTestCase {
  // Levels "A" twice (as a concatenation can leave them), a missing cell, an unused level.
  let texts = StringColumn(codes: [0, 1, 2, 1, -1, 0, 2, -1], levels: ["A", "B", "A", "unused"])
  lazy var scope = TemplateScope(
    params: .object([]),
    results: [
      "d": .table(
        try! Frame([
          ("T", .string(texts)),
          ("X", .number([0.1, 0.2, .nan, 0.3, 1e16, 1, -1e16, 0.7])),
          ("N", .integer(IntegerColumn(values: [5, 0, 7, 0, 1, 2, 3, 4], missing: [false, true, false, true, false, false, false, false]))),
        ]))
    ])

  private func value(_ text: String) throws -> Value {
    guard case .placeholder(let p)? = try InlineTemplate.parse(text).segments.first else {
      throw XCTSkip("not a placeholder")
    }
    return try p.evaluate(in: scope)
  }

  /// The same filters applied the general way, to the column as a list of values.
  private func general(_ column: String, _ filters: String) throws -> Value {
    guard case .table(let f)? = scope.results["d"], let c = f[column] else { throw XCTSkip("no column") }
    scope.results["list"] = .array((0..<c.count).map { Value(c[$0]) })
    defer { scope.results["list"] = nil }
    return try value("{{ list | \(filters) }}")
  }

  func testUniqueOfATextColumnIsFirstAppearanceOrderWithRepeatedLevelsMerged() throws {
    XCTAssertEqual(try value("{{ d.T | unique }}"), .array([.string("A"), .string("B"), .null]))
    XCTAssertEqual(try value("{{ d.T | unique }}"), try general("T", "unique"))
    XCTAssertEqual(try value("{{ d.T | unique | count }}"), .integer(3))
  }

  func testCountIsTheNumberOfRowsMissingIncluded() throws {
    XCTAssertEqual(try value("{{ d.T | count }}"), .integer(8))
    XCTAssertEqual(try value("{{ d.X | count }}"), try general("X", "count"))
  }

  func testSumAddsInRowOrderSkippingMissing() throws {
    // Row order matters in floating point: the 1 vanishes against 1e16.
    let byHand = 0.1 + 0.2 + 0.3 + 1e16 + 1 - 1e16 + 0.7
    XCTAssertEqual(try value("{{ d.X | sum }}"), .number(byHand))
    XCTAssertEqual(try value("{{ d.X | sum }}"), try general("X", "sum"))
    XCTAssertEqual(try value("{{ d.N | sum }}"), .number(22))
    XCTAssertEqual(try value("{{ d.N | sum }}"), try general("N", "sum"))
  }

  func testLaterFiltersApplyToTheShortcutResult() throws {
    XCTAssertEqual(try value("{{ d.T | unique | join: '+' }}"), .string("A+B+NA"))
    XCTAssertEqual(try value("{{ d.X | sum | fixed: 1 }}"), try general("X", "sum | fixed: 1"))
  }
}
