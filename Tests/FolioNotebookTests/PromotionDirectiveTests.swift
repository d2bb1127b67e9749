import FolioData
import FolioModels
import Foundation
import XCTest

@testable import FolioNotebook

/// `{promo_model}` and `{promo_plan}` end to end on a small simulated panel
/// (24 SKUs × 40 weeks), including their error messages and locations.
final class PromotionDirectiveTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-promo-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let sim = try PromoSimulation(seed: 5, weeks: 40, holdout: 8)
    try CSVWriter.write(try sim.frame(), to: dir + "/promo.csv")
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func run(_ body: String) throws -> ExecutedDocument {
    Executor().run(try NotebookParser.parse(body, path: "nb.md"), baseDirectory: dir)
  }

  static let header = """
    ```{data} sales
    csv: promo.csv
    ```

    ```{promo_model} fit
    data: sales
    discounts: [DISC_TPR, DISC_DISPLAY, DISC_FEATURE]
    promo_types: [TPR, DISPLAY, FEATURE]
    macro: [CONSUMER_CONFIDENCE, FUEL_PRICE]
    holdout_weeks: 8
    epochs: 300
    seed: 3
    tables: {marginal_effects: ME}
    ```

    """

  func value(_ doc: ExecutedDocument, _ label: String) -> Value? {
    doc.results.first(where: { $0.label == label })?.value
  }

  func testModelAndPlanRunAndPlanSatisfiesConstraintsExactly() throws {
    let doc = try run(Self.header + """
      ```{promo_plan} plan
      model: fit
      horizon: 13
      brand_caps: {Aurora: 40000, Borealis: 40000, Cirrus: 40000}
      segment_bounds: {Premium: {min: 5000}}
      lambda_rho: 500
      tables: true
      ```

      Gain {{ plan.net_revenue_lift | fixed: 0 }}.
      """)
    XCTAssertEqual(doc.diagnostics, [])
    let fit = try XCTUnwrap(value(doc, "fit"))
    XCTAssertGreaterThan(try XCTUnwrap(fit["holdout_r2"]?.doubleValue), 0.8)
    guard case .array(let params)? = fit["parameters"] else { return XCTFail("parameters recorded") }
    XCTAssertEqual(params.count, 17 * 25)
    let plan = try XCTUnwrap(value(doc, "plan"))
    XCTAssertLessThanOrEqual(try XCTUnwrap(plan["max_violation"]?.doubleValue), 1e-9)
    guard case .table(let constraints)? = plan["constraints"] else { return XCTFail("constraints table") }
    XCTAssertEqual(constraints.rowCount, 3 + 1 + 24)
    // ΔNR in the value equals Σ NR lift of the per-SKU×type table.
    guard case .table(let rows)? = plan["plan"] else { return XCTFail("plan table") }
    let total = try XCTUnwrap(rows["NR_LIFT"]?.doubles).reduce(0, +)
    XCTAssertEqual(try XCTUnwrap(plan["net_revenue_lift"]?.doubleValue), total, accuracy: 1e-6 * abs(total))
    let tableNames = doc.blocks.flatMap { block -> [String] in
      if case .directive(let d) = block { return d.tables.map(\.name) } else { return [] }
    }
    XCTAssertEqual(tableNames, ["ME", "PROMO_PLAN", "PROMO_PLAN_SKUS", "PROMO_CONSTRAINTS"])
  }

  func testUnknownBrandInCapsIsReportedAtTheOptionWithSuggestion() throws {
    let doc = try run(Self.header + """
      ```{promo_plan} plan
      model: fit
      brand_caps: {Auroa: 1000}
      ```
      """)
    let d = try XCTUnwrap(doc.diagnostics.first)
    XCTAssertEqual(d.error.message, "unknown brand 'Auroa'; did you mean 'Aurora'?")
    XCTAssertEqual(d.error.location?.line, 17, "the brand_caps line")
  }

  func testInfeasibleBoundsAreReportedWithTheClashingConstraint() throws {
    let doc = try run(Self.header + """
      ```{promo_plan} plan
      model: fit
      brand_caps: {Aurora: 100, Borealis: 100, Cirrus: 100}
      segment_bounds: {Premium: {min: 1000}}
      ```
      """)
    let d = try XCTUnwrap(doc.diagnostics.first)
    XCTAssertTrue(
      d.error.message.hasPrefix(
        "no discount plan satisfies the constraints: price segment · Premium needs at least 1000.00 but the upper limits allow at most 300.00"),
      d.error.message)
  }

  func testMisspeltDiscountColumnNamesTheColumnAndSuggestsTheRightOne() throws {
    let doc = try run("""
      ```{data} sales
      csv: promo.csv
      ```

      ```{promo_model} fit
      data: sales
      discounts: [DISC_TPR, DISC_DISPLAI]
      ```
      """)
    let d = try XCTUnwrap(doc.diagnostics.first)
    XCTAssertEqual(d.error.message, "unknown discount column 'DISC_DISPLAI'; did you mean 'DISC_DISPLAY'?")
    XCTAssertEqual(d.error.location?.line, 6)
  }

  func testNegativeSpendNamesTheRowAndColumn() throws {
    var csv = try String(contentsOfFile: dir + "/promo.csv", encoding: .utf8).split(separator: "\n").map(String.init)
    var cells = csv[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    cells[8] = "-5"
    csv[3] = cells.joined(separator: ",")
    try (csv.joined(separator: "\n") + "\n").write(toFile: dir + "/promo.csv", atomically: true, encoding: .utf8)
    let doc = try run(Self.header)
    let d = try XCTUnwrap(doc.diagnostics.first)
    XCTAssertEqual(d.error.message, "column 'DISC_TPR' row 3: -5.0 is negative; expected a value ≥ 0")
  }
}
