import FolioData
import XCTest

@testable import FolioNotebook

/// The `unique` filter: first-appearance order, texts compared as texts
/// (repeats far apart as well as back to back, as in panel data), other
/// values by type and display text; answers read off by hand.
final class InlineUniqueFilterTests: XCTestCase {
  let scope: TemplateScope = {
    // SKU repeats back to back (B B), far apart (A … A, B … B) and has missing cells.
    let frame = try! Frame([
      ("SKU", .string(StringColumn(["B", "B", "A", "B", "C", "A", nil, nil, "C"]))),
      ("STORE", .integer(IntegerColumn(values: [7, 7, 12_000, 7, 3, 12_000, 3, 3, 7]))),
    ])
    return TemplateScope(
      params: .object([]),
      results: [
        "panel": .table(frame),
        // The text "1", the integer 1 and the number 1.0 (same display text as the
        // integer, same type name "number"), nulls twice, the text "1" again.
        "mixed": .array([.string("1"), .integer(1), .number(1.0), .null, .string("1"), .null, .string("NA")]),
      ])
  }()

  private func render(_ text: String) throws -> String { try InlineTemplate.parse(text).render(in: scope) }

  func testTextColumnKeepsFirstAppearanceOrderAcrossNearAndFarRepeats() throws {
    XCTAssertEqual(try render("{{ panel.SKU | unique | count }}"), "4")  // B, A, C, missing
    XCTAssertEqual(try render("{{ panel.SKU | unique | take: 3 | join: '/' }}"), "B/A/C")
  }

  func testIntegerColumnDeduplicatesByValue() throws {
    XCTAssertEqual(try render("{{ panel.STORE | unique | count }}"), "3")  // 7, 12000, 3
  }

  func testTextIsNeverMergedWithANumberOrNullOfTheSameDisplayText() throws {
    // "1" (text), 1 (number; 1.0 merges with it), null, "NA" (text, not the null) → 4.
    XCTAssertEqual(try render("{{ mixed | unique | count }}"), "4")
  }
}
