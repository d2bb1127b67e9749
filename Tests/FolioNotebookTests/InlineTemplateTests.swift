import FolioData
import XCTest

@testable import FolioNotebook

final class InlineTemplateTests: XCTestCase {
  let scope = TemplateScope(
    params: .object([("data", .string("sales.csv"))]),
    results: [
      "full": .object([("params", .object([("boost", .number(0.30127))])), ("r2", .number(0.8123))]),
      "plan": .object([("lift", .number(0.0234))]),
    ])

  func testPathsAndFiltersRenderToText() throws {
    let t = try InlineTemplate.parse("b={{ full.params.boost | round: 3 }}, lift {{ plan.lift | percent: 1 }}, {{ params.data }}")
    XCTAssertEqual(try t.render(in: scope), "b=0.301, lift 2.3%, sales.csv")
  }

  func testUnknownNameIsAnErrorAtThePathOffset() throws {
    let t = try InlineTemplate.parse("x {{ fulll.params.boost }}")
    XCTAssertThrowsError(try t.render(in: scope)) { error in
      let e = error as? InlineTemplateError
      XCTAssertEqual(e?.offset, 5)
      XCTAssertTrue(e?.message.hasPrefix("unknown name 'fulll'; did you mean 'full'?") ?? false, e?.message ?? "")
    }
  }

  func testUnknownFieldListsTheFields() throws {
    let t = try InlineTemplate.parse("{{ full.param }}")
    XCTAssertThrowsError(try t.render(in: scope)) { error in
      XCTAssertEqual((error as? InlineTemplateError)?.message, "'full' has no field 'param'; did you mean 'params'?")
    }
  }

  func testUnclosedPlaceholderIsAnError() {
    XCTAssertThrowsError(try InlineTemplate.parse("a {{ b")) { error in
      XCTAssertEqual((error as? InlineTemplateError)?.offset, 2)
    }
  }

  func testDatasetColumnsAggregateWithFilters() throws {
    let frame = try Frame([("SALES", .number([1.5, 2.5, 6]))])
    let s = TemplateScope(params: .object([]), results: ["d": .table(frame)])
    XCTAssertEqual(try InlineTemplate.parse("{{ d.rows }} rows, total {{ d.SALES | sum | fixed: 1 }}, mean {{ d.SALES | mean }}").render(in: s),
                   "3 rows, total 10.0, mean 3.33333")
  }

  func testLocationOfAnOffsetCountsLinesAndColumns() throws {
    let t = try InlineTemplate.parse("ab\ncd {{ x }}")
    XCTAssertEqual(t.location(of: 6, base: SourceLocation(file: "f", line: 10, column: 4)), SourceLocation(file: "f", line: 11, column: 4))
  }
}
