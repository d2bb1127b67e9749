import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Runs the shipped notebooks/promotion-optimizer.md on its shipped simulated
/// data and checks the report's numbers against the known truth and against
/// the constraints written in the notebook, recomputed from the plan's own
/// per-SKU × type table (not from the planner's self-report).
final class PromotionNotebookTests: XCTestCase {
  static var notebooksDirectory: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("notebooks").path
  }

  func testShippedNotebookRecoversTruthAndItsPlanKeepsEveryWrittenConstraint() throws {
    let path = Self.notebooksDirectory + "/promotion-optimizer.md"
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let doc = Executor().run(
      try NotebookParser.parse(source, path: "promotion-optimizer.md"), baseDirectory: Self.notebooksDirectory)
    XCTAssertEqual(doc.diagnostics.map(\.description), [])
    XCTAssertEqual(
      doc.resultTables.map(\.name),
      ["PROMO_MARGINAL_EFFECTS", "PROMO_GLOBAL_PARAMETERS", "PROMO_SKU_DEVIATIONS", "PROMO_PLAN", "PROMO_PLAN_SKUS",
        "PROMO_CONSTRAINTS"])
    let fit = try XCTUnwrap(doc.results.first { $0.label == "fit" }?.value)
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(fit["holdout_r2"]?.doubleValue), 0.95)
    // True mean marginal effects over SKUs (PromoSimulation, stated in the appendix).
    for (type, truth) in [("TPR", 2.04), ("DISPLAY", 2.70), ("FEATURE", 1.18)] {
      let est = try XCTUnwrap(fit["marginal_effect"]?[type]?.doubleValue)
      XCTAssertEqual(est / truth, 1, accuracy: 0.05, type)
    }
    let plan = try XCTUnwrap(doc.results.first { $0.label == "plan" }?.value)
    XCTAssertLessThanOrEqual(try XCTUnwrap(plan["max_violation"]?.doubleValue), 1e-9)
    guard case .table(let lines)? = plan["plan"], case .table(let skus)? = plan["skus"] else {
      return XCTFail("plan tables")
    }
    // Caps and bounds written in the notebook (multiples of each group's
    // current spend), recomputed from the lines.
    let spend = try XCTUnwrap(lines["RECOMMENDED_SPEND"]?.doubles), current = try XCTUnwrap(lines["CURRENT_SPEND"]?.doubles)
    func totals(_ column: String) throws -> [String: (plan: Double, now: Double)] {
      let c = try XCTUnwrap(lines[column])
      var out: [String: (plan: Double, now: Double)] = [:]
      for i in 0..<lines.rowCount { out[c[i].text, default: (0, 0)].plan += spend[i]; out[c[i].text, default: (0, 0)].now += current[i] }
      return out
    }
    let tolerance = 1e-9
    XCTAssertEqual(try totals("BRAND").keys.sorted(), ["Aurora", "Borealis", "Cirrus"])
    for (brand, t) in try totals("BRAND") { XCTAssertLessThanOrEqual(t.plan, 1.05 * t.now * (1 + tolerance), brand) }
    for (pack, t) in try totals("PACK_TYPE") { XCTAssertLessThanOrEqual(t.plan, 1.05 * t.now * (1 + tolerance), pack) }
    for (segment, t) in try totals("PRICE_SEGMENT") {
      XCTAssertGreaterThanOrEqual(t.plan, 0.8 * t.now * (1 - tolerance), segment)
      XCTAssertLessThanOrEqual(t.plan, 1.2 * t.now * (1 + tolerance), segment)
    }
    for i in 0..<spend.count {
      XCTAssertGreaterThanOrEqual(spend[i], 0.25 * current[i] * (1 - tolerance))
      XCTAssertLessThanOrEqual(spend[i], 3 * current[i] * (1 + tolerance))
    }
    for change in try XCTUnwrap(skus["VOLUME_CHANGE"]?.doubles) {
      XCTAssertLessThanOrEqual(abs(change), 0.2 + 1e-9)
    }
    // ΔNR = ΔSales − ΔSpend, from the per-SKU table.
    let sales = try XCTUnwrap(skus["PREDICTED_SALES"]?.doubles), sales0 = try XCTUnwrap(skus["CURRENT_SALES"]?.doubles)
    let expected = sales.reduce(0, +) - sales0.reduce(0, +) - (spend.reduce(0, +) - current.reduce(0, +))
    XCTAssertEqual(try XCTUnwrap(plan["net_revenue_lift"]?.doubleValue), expected, accuracy: 1e-6 * abs(expected))
    XCTAssertGreaterThan(expected, 0)
  }
}
