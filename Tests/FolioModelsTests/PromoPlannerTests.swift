import FolioModels
import Foundation
import XCTest

/// The discount optimizer against an independent solve (scipy HiGHS linprog,
/// scripts/reference/promo_plan_reference.py → Fixtures/promo_plan_reference.json)
/// of small instances, and its exactness guarantees on a fitted model.
final class PromoPlannerTests: XCTestCase {
  struct Fixture: Decodable {
    struct Instance: Decodable {
      var name: String
      var brand_caps: [[Value]]
      var pack_limits: [[Value]]
      var segment_bounds: [[Value]]
      var volume_change: Double
      var lambda_rho: Double
      var epsilon: Double
      var spend_range: [Double]?
      var feasible: Bool
      var spend: [Double]?
      var objective: Double?
    }
    enum Value: Decodable {
      case text(String), number(Double)
      init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .text(s) } else { self = .number(try c.decode(Double.self)) }
      }
      var text: String { if case .text(let s) = self { return s } else { return "" } }
      var number: Double { if case .number(let x) = self { return x } else { return .nan } }
    }
    var skus: [String]
    var hierarchy: [[String]]
    var hierarchy_names: [String]
    var promo_types: Int
    var sales_slope, volume_slope, base_sales, base_volume, current_spend: [Double]
    var instances: [Instance]
  }

  func loadFixture() throws -> Fixture {
    let url = try XCTUnwrap(Bundle.module.url(forResource: "promo_plan_reference", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  func input(_ f: Fixture) -> PromoPlanInput {
    PromoPlanInput(
      response: .init(weeks: 13, baseSales: f.base_sales, salesSlope: f.sales_slope, baseVolume: f.base_volume,
        volumeSlope: f.volume_slope),
      currentSpend: f.current_spend, skuNames: f.skus, hierarchyNames: f.hierarchy_names, hierarchy: f.hierarchy,
      promoTypes: f.promo_types)
  }

  func constraints(_ i: Fixture.Instance) -> PromoPlanConstraints {
    var c = PromoPlanConstraints()
    c.brandCaps = i.brand_caps.map { .init($0[0].text, maximum: $0[1].number) }
    c.packLimits = i.pack_limits.map { .init($0[0].text, maximum: $0[1].number) }
    c.segmentBounds = i.segment_bounds.map { .init($0[0].text, lower: $0[1].number, upper: $0[2].number) }
    c.volumeChange = i.volume_change
    c.lambdaRho = i.lambda_rho
    c.epsilon = i.epsilon
    if let r = i.spend_range { c.spendRange = r[0]...r[1] }
    return c
  }

  /// Objective within 1e-7 relative and every spend within 1e-5 of the total
  /// of scipy's solve (the optima are unique vertices in these instances).
  func testPlanMatchesIndependentLinprogSolveOnSmallInstances() throws {
    let f = try loadFixture()
    XCTAssertEqual(f.instances.filter(\.feasible).count, 4)
    for inst in f.instances where inst.feasible {
      let plan = try PromoPlanner.plan(input(f), constraints: constraints(inst))
      let expected = try XCTUnwrap(inst.objective), spend = try XCTUnwrap(inst.spend)
      XCTAssertEqual(plan.objective, expected, accuracy: 1e-7 * abs(expected), inst.name)
      let total = spend.reduce(0, +)
      for (a, b) in zip(plan.spend, spend) { XCTAssertEqual(a, b, accuracy: 1e-5 * total, inst.name) }
      XCTAssertLessThanOrEqual(plan.maxRelativeViolation, 1e-9, inst.name)
    }
  }

  func testInfeasibleConstraintsThrowWithTheClashingBound() throws {
    let f = try loadFixture()
    let inst = try XCTUnwrap(f.instances.first { !$0.feasible })
    XCTAssertThrowsError(try PromoPlanner.plan(input(f), constraints: constraints(inst))) { error in
      XCTAssertEqual(
        (error as? PromoError)?.message,
        "no discount plan satisfies the constraints: price segment · Premium needs at least 900.00 but the upper limits allow at most 600.00")
    }
  }

  func testUnknownBrandInCapsIsRejectedWithSuggestion() throws {
    let f = try loadFixture()
    var c = PromoPlanConstraints()
    c.brandCaps = [.init("a", maximum: 10)]
    XCTAssertThrowsError(try PromoPlanner.plan(input(f), constraints: c)) { error in
      XCTAssertEqual((error as? PromoError)?.message, "unknown brand 'a'; did you mean 'A' or 'B'?")
    }
  }

  /// The LP's affine horizon response equals the model's own recursion.
  func testHorizonResponseIsExactlyAffineInSpend() throws {
    let (_, model) = try PromoRecoveryTests.fitted.get()
    let r = model.horizonResponse(weeks: 13)
    let D = (0..<(model.panel.skus * 3)).map { Double(($0 * 37) % 11) * 120 }
    let direct = model.horizonTotals(weeks: 13, spend: D), affine = r.totals(spend: D)
    for s in 0..<model.panel.skus {
      XCTAssertEqual(direct.sales[s], affine.sales[s], accuracy: 1e-11 * direct.sales[s])
      XCTAssertEqual(direct.volume[s], affine.volume[s], accuracy: 1e-11 * direct.volume[s])
    }
  }

  /// On the fitted 24-SKU model: every hard constraint holds to 1e-9 relative
  /// when re-checked with the model's recursion, binding constraints are
  /// named, and the plan is at least as good as the (feasible) current plan.
  func testPlanOnFittedModelSatisfiesEveryConstraintAndBeatsCurrentPlan() throws {
    let (_, model) = try PromoRecoveryTests.fitted.get()
    let current = model.currentPlan(weeks: 13)
    var c = PromoPlanConstraints()
    let byBrand = { (b: String) in
      (0..<model.panel.skus).filter { model.panel.hierarchy[$0][0] == b }
        .reduce(0.0) { acc, s in acc + (0..<3).reduce(0.0) { $0 + current[s * 3 + $1] } }
    }
    c.brandCaps = PromoSimulation.brands.map { .init($0, maximum: 1.1 * byBrand($0)) }
    c.packLimits = [.init("Can", maximum: 1e6)]
    c.segmentBounds = [.init("Premium", lower: 1000, upper: 1e6)]
    c.lambdaRho = 1000
    let plan = try PromoPlanner.plan(model, constraints: c)
    XCTAssertLessThanOrEqual(plan.maxRelativeViolation, 1e-9)
    XCTAssertFalse(plan.bindingConstraints.isEmpty)
    XCTAssertGreaterThanOrEqual(plan.objective, c.lambdaRho * 0 - 1e-6)
    XCTAssertGreaterThan(plan.totalNetRevenueLift, 0)
    for check in plan.constraints where check.kind == "volume" {
      XCTAssertLessThanOrEqual(check.activity, check.upper * (1 + 1e-9), check.name)
      XCTAssertGreaterThanOrEqual(check.activity, check.lower * (1 - 1e-9), check.name)
    }
  }
}
