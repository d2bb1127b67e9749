import FolioData
import XCTest

@testable import FolioNotebook

/// The row filters of inline values (sort, top/bottom, max_by/min_by,
/// where/count_where, each, get, or, join with a last separator) on a small
/// ROI table whose answers are read off by hand.
final class InlineRowFilterTests: XCTestCase {
  /// LABEL, ROI, ROI_LOW, ROI_HIGH; ranks by ROI: GOOGLE 3.2 > LINKEDIN 2.9 > TV 1.1 > PRINT 0.4.
  let scope: TemplateScope = {
    let frame = try! Frame([
      ("LABEL", .string(StringColumn(["LINKEDIN", "GOOGLE", "PRINT", "TV"]))),
      ("ROI", .number([2.9, 3.2, 0.4, 1.1])),
      ("ROI_LOW", .number([2.1, 2.95, -0.2, 0.3])),
      ("ROI_HIGH", .number([3.6, 3.5, 0.9, 1.9])),
    ])
    return TemplateScope(
      params: .object([]),
      results: [
        "boot": .object([
          ("results", .table(frame)),
          ("ranked", .array([
            .object([("channel", .string("GOOGLE")), ("roi", .number(3.2))]),
            .object([("channel", .string("TV")), ("roi", .number(1.1))]),
          ])),
          ("none", .array([])),
          ("names", .array([.string("a"), .string("b"), .string("c")])),
        ])
      ])
  }()

  private func render(_ text: String) throws -> String { try InlineTemplate.parse(text).render(in: scope) }

  func testTopAndBottomTakeTheLargestAndSmallestRowsInOrder() throws {
    XCTAssertEqual(try render("{{ boot.results | top: 2, ROI | each: '{LABEL}' | join }}"), "GOOGLE, LINKEDIN")
    XCTAssertEqual(try render("{{ boot.results | bottom: 3, ROI | each: '{LABEL}' | join: ', ', ' and ' }}"), "PRINT, TV and LINKEDIN")
    XCTAssertEqual(try render("{{ boot.results | top: 10, ROI | count }}"), "4")
  }

  func testSortAscendingDescendingAndTake() throws {
    XCTAssertEqual(try render("{{ boot.results | sort: -ROI_HIGH | take: 2 | get: LABEL | join: '/' }}"), "LINKEDIN/GOOGLE")
    XCTAssertEqual(try render("{{ boot.results | sort: LABEL | first | get: LABEL }}"), "GOOGLE")
    XCTAssertEqual(try render("{{ boot.names | take: 2 | join: ' & ' }}"), "a & b")
  }

  func testMaxByAndMinByPickTheRow() throws {
    XCTAssertEqual(try render("{{ boot.results | max_by: ROI | get: LABEL }} {{ boot.results | max_by: ROI | get: ROI | fixed: 2 }}"), "GOOGLE 3.20")
    XCTAssertEqual(try render("{{ boot.results | min_by: ROI_LOW | get: LABEL }}"), "PRINT")
    XCTAssertEqual(try render("{{ boot.ranked | min_by: roi | get: channel }}"), "TV")
  }

  func testCountWhereAndWhereUseTheExpressionLanguage() throws {
    XCTAssertEqual(try render("{{ boot.results | count_where: 'ROI_LOW > 0' }}"), "3")
    XCTAssertEqual(try render("{{ boot.results | where: 'ROI_LOW <= 0 or ROI > 3' | each: '{LABEL}' | join }}"), "GOOGLE, PRINT")
    XCTAssertEqual(try render("{{ boot.results | where: 'ROI > 99' | each: '{LABEL}' | join | or: 'none' }}"), "none")
  }

  func testEachFillsAPatternPerRowWithFilters() throws {
    XCTAssertEqual(
      try render("{{ boot.results | top: 2, ROI | each: \"{LABEL} {ROI | fixed: 2} ({ROI_LOW | fixed: 2}–{ROI_HIGH | fixed: 2})\" | join: ', ' }}"),
      "GOOGLE 3.20 (2.95–3.50), LINKEDIN 2.90 (2.10–3.60)")
    XCTAssertEqual(try render("{{ boot.names | each: '<{. | upper}>' | join: '' }}"), "<A><B><C>")
    XCTAssertEqual(try render("{{ boot.ranked | each: '{channel}={roi}' | join: ';' }}"), "GOOGLE=3.2;TV=1.1")
  }

  func testOrReplacesEmptyValues() throws {
    XCTAssertEqual(try render("{{ boot.none | join | or: 'nothing' }}"), "nothing")
    XCTAssertEqual(try render("{{ boot.none | or: 'nothing' }}"), "nothing")
    XCTAssertEqual(try render("{{ boot.names | count | or: 'x' }}"), "3")
  }

  func testUnknownColumnsAreErrorsWithSuggestions() throws {
    XCTAssertThrowsError(try render("{{ boot.results | top: 2, RIO }}")) { error in
      XCTAssertEqual((error as? InlineTemplateError)?.message, "filter 'top': no column 'RIO'; did you mean 'ROI'?")
    }
    XCTAssertThrowsError(try render("{{ boot.results | each: '{LABLE}' }}")) { error in
      XCTAssertEqual((error as? InlineTemplateError)?.message, "filter 'each': no column 'LABLE' in the rows; did you mean 'LABEL'?")
    }
    XCTAssertThrowsError(try render("{{ boot.results | count_where: 'ROI >' }}"))
    XCTAssertThrowsError(try render("{{ boot.results | top: x, ROI }}")) { error in
      XCTAssertEqual((error as? InlineTemplateError)?.message, "filter 'top': expected a number of rows ≥ 0, found 'x'")
    }
  }

  func testClosingBracesInsideAQuotedArgumentDoNotEndThePlaceholder() throws {
    XCTAssertEqual(try render("[{{ boot.names | each: '({.})' | join: '}}' }}]"), "[(a)}}(b)}}(c)]")
  }

  func testTruthiness() {
    XCTAssertFalse(TemplateRows.isTruthy(.null))
    XCTAssertFalse(TemplateRows.isTruthy(.integer(0)))
    XCTAssertFalse(TemplateRows.isTruthy(.string("")))
    XCTAssertFalse(TemplateRows.isTruthy(.array([])))
    XCTAssertTrue(TemplateRows.isTruthy(.string("data/truth.csv")))
    XCTAssertTrue(TemplateRows.isTruthy(.number(0.5)))
  }
}
