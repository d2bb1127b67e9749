import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// The shipped promo-inventory notebook on its simulated data (true fraction
/// 0.30): recovery of the truth, and agreement with statsmodels on the same
/// method (PromoInventoryReference, from scripts/reference/promo_inventory_reference.py).
final class PromoInventoryNotebookTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func runNotebook() throws -> ExecutedDocument {
    let path = root.appendingPathComponent("notebooks/promo-inventory.md").path
    let nb = try NotebookParser.parse(String(contentsOfFile: path, encoding: .utf8), path: "promo-inventory.md")
    return Executor().run(nb, baseDirectory: root.appendingPathComponent("notebooks").path)
  }

  func number(_ doc: ExecutedDocument, _ path: String...) -> Double? {
    var v = doc.results.first(where: { $0.label == path[0] })?.value
    for p in path.dropFirst() { v = v?[p] }
    return v?.doubleValue
  }

  func testNotebookRecoversTheTrueFractionAndMatchesStatsmodels() throws {
    let doc = try Self.runNotebook()
    XCTAssertEqual(doc.diagnostics, [])
    let full = try XCTUnwrap(number(doc, "full", "params", "boost"))
    XCTAssertEqual(full, 0.30, accuracy: 0.01, "simulated truth is 0.30; the SE is about 0.0015")
    assertRel(full, PromoInventoryReference.fullBoost)
    assertRel(try XCTUnwrap(number(doc, "full", "bse", "boost")), PromoInventoryReference.fullBoostSE)
    assertRel(try XCTUnwrap(number(doc, "full", "llf")), PromoInventoryReference.fullLLF)
    assertRel(try XCTUnwrap(number(doc, "full", "r2")), PromoInventoryReference.fullR2)
    assertRel(try XCTUnwrap(number(doc, "simple", "params", "boost")), PromoInventoryReference.simpleBoost)
    assertRel(try XCTUnwrap(number(doc, "simple", "r2")), PromoInventoryReference.simpleR2)
    assertRel(try XCTUnwrap(number(doc, "fixed_effects", "params", "boost")), PromoInventoryReference.fixedEffectsBoost)
    assertRel(try XCTUnwrap(number(doc, "fixed_effects", "bse", "boost")), PromoInventoryReference.fixedEffectsBoostSE)
    assertRel(try XCTUnwrap(number(doc, "fixed_effects", "llf")), PromoInventoryReference.fixedEffectsLLF)
    XCTAssertGreaterThan(try XCTUnwrap(number(doc, "simple", "params", "boost")), 0.35, "without velocity controls the share is overstated")
  }

  func testPairsWithoutARegularWeekAreReportedAndCostsAddUp() throws {
    let doc = try Self.runNotebook()
    guard case .table(let noBaseline)? = doc.results.first(where: { $0.label == "no_baseline" })?.value,
          case .table(let promo)? = doc.results.first(where: { $0.label == "promo" })?.value,
          case .table(let total)? = doc.results.first(where: { $0.label == "cost_total" })?.value
    else { return XCTFail("missing results") }
    XCTAssertEqual(noBaseline.rowCount, PromoInventoryReference.pairsWithoutBaseline)
    XCTAssertEqual(promo.rowCount, PromoInventoryReference.promoRows)
    assertRel(try XCTUnwrap(total["COST_INCREASE"]?.doubles?.first), PromoInventoryReference.costIncrease)
    assertRel(try XCTUnwrap(total["ATTRIBUTED_COST"]?.doubles?.first), PromoInventoryReference.attributedCost)
  }

  private func assertRel(_ a: Double, _ b: Double, _ tol: Double = 1e-6, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertLessThanOrEqual(abs(a - b), tol * max(abs(a), abs(b)), "\(a) vs \(b)", file: file, line: line)
  }
}
