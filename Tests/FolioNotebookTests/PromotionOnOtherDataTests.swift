import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// notebooks/promotion-optimizer.md on variants of its simulated data made by
/// scripts/data/make_promotion_variant.py (commands in Fixtures/README.md):
/// other and upper-case brand names, renamed sales/brand/discount columns
/// (promo types named after them) and ISO-week labels without zero padding
/// (text order ≠ week order); and 9 SKUs of three brands with integer week
/// numbers, two promo types and only the columns the question needs (no
/// size, no macro indices). Every constraint the notebook states is
/// recomputed from the plan's per-SKU × type lines and the current plan.
final class PromotionOnOtherDataTests: XCTestCase {
  typealias R = ShippedNotebookRunner

  /// Brand caps, pack limits and segment bounds as multiples of current spend (the notebook's defaults).
  private func assertConstraintsHold(_ doc: ExecutedDocument, file: StaticString = #filePath, line: UInt = #line) throws {
    guard case .table(let lines)? = R.value(doc, "plan", "plan") else { return XCTFail("plan table", file: file, line: line) }
    let spend = try XCTUnwrap(lines["RECOMMENDED_SPEND"]?.doubles), current = try XCTUnwrap(lines["CURRENT_SPEND"]?.doubles)
    func totals(_ column: String) throws -> [String: (plan: Double, now: Double)] {
      let c = try XCTUnwrap(lines[column])
      var out: [String: (plan: Double, now: Double)] = [:]
      for i in 0..<lines.rowCount { out[c[i].text, default: (0, 0)].plan += spend[i]; out[c[i].text, default: (0, 0)].now += current[i] }
      return out
    }
    let tol = 1e-9
    for (brand, t) in try totals("BRAND") { XCTAssertLessThanOrEqual(t.plan, 1.05 * t.now * (1 + tol), brand, file: file, line: line) }
    for (pack, t) in try totals("PACK_TYPE") { XCTAssertLessThanOrEqual(t.plan, 1.05 * t.now * (1 + tol), pack, file: file, line: line) }
    for (segment, t) in try totals("PRICE_SEGMENT") {
      XCTAssertGreaterThanOrEqual(t.plan, 0.8 * t.now * (1 - tol), segment, file: file, line: line)
      XCTAssertLessThanOrEqual(t.plan, 1.2 * t.now * (1 + tol), segment, file: file, line: line)
    }
    for i in 0..<spend.count {
      XCTAssertGreaterThanOrEqual(spend[i], 0.25 * current[i] * (1 - tol), file: file, line: line)
      XCTAssertLessThanOrEqual(spend[i], 3 * current[i] * (1 + tol), file: file, line: line)
    }
    XCTAssertLessThanOrEqual(try XCTUnwrap(R.number(doc, "plan", "max_violation")), 1e-9, file: file, line: line)
  }

  func testRenamedColumnsUpperCaseBrandsAndUnpaddedISOWeeks() throws {
    let doc = try R.run("promotion-optimizer.md", params: [
      ("data", R.fixtures + "/promotion-renamed-isoweek.csv"), ("sales", "NET_SALES"), ("brand", "MAKER"),
      ("discounts", "SPEND_PRICE_OFF, SPEND_ENDCAP, SPEND_FLYER"), ("promo_types", ""),
    ])
    R.assertClean(doc)
    XCTAssertEqual(R.number(doc, "fit", "skus"), 8)
    XCTAssertEqual(R.number(doc, "fit", "weeks"), 104)
    // 2024-W1 … 2025-W52 in week order: the first is Monday 2024-01-01, the last 2025-12-22.
    guard case .table(let sales)? = R.value(doc, "sales"), let week = sales["WEEK"] else { return XCTFail("sales") }
    XCTAssertEqual(week.type, .date)
    XCTAssertEqual((0..<week.count).map { week[$0].text }.max(), "2025-12-22")
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(R.number(doc, "fit", "holdout_r2")), 0.9, "simulated from the model itself")
    try assertConstraintsHold(doc)
    let text = R.text(doc)
    for name in ["NORTHWIND", "SOUTHGATE", "SPEND\\_PRICE\\_OFF", "SPEND\\_ENDCAP", "SPEND\\_FLYER"] {
      XCTAssertTrue(text.contains(name), "report names \(name)")
    }
    for sample in ["Aurora", "Borealis", "Cirrus", "24 SKUs"] { XCTAssertFalse(text.contains(sample), "no sample name \(sample)") }
  }

  func testWeekNumbersTwoPromoTypesAndMinimalColumns() throws {
    let doc = try R.run("promotion-optimizer.md", params: [
      ("data", R.fixtures + "/promotion-minimal-weeknumber.csv"), ("other_levels", ""), ("macro", ""),
      ("discounts", "DISC_TPR, DISC_DISPLAY"), ("promo_types", "TPR, DISPLAY"),
    ])
    R.assertClean(doc)
    XCTAssertEqual(R.number(doc, "fit", "skus"), 9)
    XCTAssertEqual(R.number(doc, "fit", "weeks"), 78)
    guard case .object(let effects)? = R.value(doc, "fit", "marginal_effect") else { return XCTFail("effects") }
    XCTAssertEqual(effects.map(\.0), ["TPR", "DISPLAY"])
    try assertConstraintsHold(doc)
    let text = R.text(doc)
    XCTAssertTrue(text.contains("Zephyr"), "report names the renamed brand")
    XCTAssertFalse(text.contains("FEATURE"), "no third promo type")
  }
}
