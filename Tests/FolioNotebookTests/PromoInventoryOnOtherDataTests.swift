import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// notebooks/promo-inventory.md on data made by scripts/data/make_promo_inventory.py
/// with other seeds and options (the commands are in Fixtures/README.md): other
/// column names and regular-week label, ISO-week and integer WEEK columns,
/// other panel sizes, and the minimal column set the question names (no WEEK
/// at all). The GLMs must match statsmodels on the same data
/// (PromoInventoryFixtureReference, from
/// scripts/reference/promo_inventory_fixture_reference.py) to 1e-6 relative.
final class PromoInventoryOnOtherDataTests: XCTestCase {
  typealias R = ShippedNotebookRunner

  private func check(_ doc: ExecutedDocument, _ ref: PromoInventoryFixtureReference.Fit, file: StaticString = #filePath, line: UInt = #line) throws {
    R.assertClean(doc, file: file, line: line)
    func rel(_ a: Double?, _ b: Double, _ what: String) {
      guard let a else { return XCTFail("\(what) missing", file: file, line: line) }
      XCTAssertLessThanOrEqual(abs(a - b), 1e-6 * max(abs(a), abs(b)), "\(what): \(a) vs \(b)", file: file, line: line)
    }
    rel(R.number(doc, "full", "params", "boost"), ref.fullBoost, "full boost")
    rel(R.number(doc, "full", "bse", "boost"), ref.fullBoostSE, "full boost SE")
    rel(R.number(doc, "full", "r2"), ref.fullR2, "full R²")
    rel(R.number(doc, "simple", "params", "boost"), ref.simpleBoost, "simple boost")
    rel(R.number(doc, "fixed_effects", "params", "boost"), ref.fixedEffectsBoost, "fixed-effects boost")
    rel(R.number(doc, "fixed_effects", "bse", "boost"), ref.fixedEffectsBoostSE, "fixed-effects cluster SE")
    guard case .table(let promo)? = R.value(doc, "promo"), case .table(let total)? = R.value(doc, "cost_total"),
      case .table(let noBaseline)? = R.value(doc, "no_baseline")
    else { return XCTFail("missing results", file: file, line: line) }
    XCTAssertEqual(promo.rowCount, ref.promoRows, file: file, line: line)
    XCTAssertEqual(noBaseline.rowCount, ref.pairsWithoutBaseline, file: file, line: line)
    rel(total["COST_INCREASE"]?.doubles?.first, ref.costIncrease, "cost increase")
    rel(total["ATTRIBUTED_COST"]?.doubles?.first, ref.attributedCost, "attributed cost")
    XCTAssertTrue(R.text(doc).contains("It costs most\nfor SKU \(ref.topSKU)"), "prose names the top SKU \(ref.topSKU)", file: file, line: line)
  }

  func testRenamedColumnsOtherPromoTypesAndISOWeeks() throws {
    let doc = try R.run("promo-inventory.md", params: [
      ("data", R.fixtures + "/inventory-renamed-isoweek.csv"), ("sku", "ITEM"), ("store", "SITE"), ("boh", "ON_HAND"),
      ("regular", "BASE"),
    ])
    try check(doc, PromoInventoryFixtureReference.renamedISOWeek)
    let text = R.text(doc)
    XCTAssertTrue(text.contains("10 SKUs in\n3 stores"), text)
    XCTAssertTrue(text.contains("PRICE\\_CUT") && text.contains("ENDCAP"), "names the file's promo types")
    XCTAssertFalse(text.contains("simulated by `scripts/data/make_promo_inventory.py` with\na true fraction"), "sample appendix hidden")
  }

  func testIntegerWeekNumbers() throws {
    let doc = try R.run("promo-inventory.md", params: [("data", R.fixtures + "/inventory-weeknumber.csv")])
    try check(doc, PromoInventoryFixtureReference.weekNumber)
    XCTAssertTrue(R.text(doc).contains("12 SKUs in\n3 stores"))
  }

  func testMinimalColumnsWithoutAWeekColumn() throws {
    let doc = try R.run("promo-inventory.md", params: [("data", R.fixtures + "/inventory-minimal.csv")])
    try check(doc, PromoInventoryFixtureReference.minimal)
    XCTAssertTrue(R.text(doc).contains("8 SKUs in\n4 stores"))
  }

  func testShippedSampleStillShowsItsAppendixAndNoBaselineTable() throws {
    let doc = try R.run("promo-inventory.md", params: [])
    R.assertClean(doc)
    let text = R.text(doc)
    XCTAssertTrue(text.contains("a true fraction of 30%"), "sample appendix shown for the sample")
    XCTAssertTrue(text.contains("pairs have promo weeks but no regular week"))
  }
}
