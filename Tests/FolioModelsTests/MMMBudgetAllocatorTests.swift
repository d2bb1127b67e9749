import FolioModels
import FolioStats
import FolioTestSupport
import Foundation
import XCTest

/// The allocator against scipy optima (scripts/reference/mmm_allocator_reference.py
/// → Fixtures/mmm_allocator.json: brute-force grid + SLSQP polish for 2–3
/// channels, SLSQP from 300 starts for 6).
final class MMMBudgetAllocatorTests: XCTestCase {
  struct Case: Decodable {
    var name: String
    var beta, multiplier, alpha, gamma, current: [Double]
    var maxChange, budgetChange: Double
    var floors, caps: [Double]?
    var unique: Bool
    var optimum: [Double]
    var optimumValue, currentValue: Double

    var responses: [ChannelResponse] {
      beta.indices.map {
        ChannelResponse(beta: beta[$0], multiplier: multiplier[$0], saturation: HillSaturation(alpha: alpha[$0], gamma: gamma[$0]))
      }
    }
    var options: BudgetAllocator.Options {
      .init(maxChange: maxChange, budgetChange: budgetChange, floors: floors, caps: caps)
    }
  }
  struct File: Decodable { var cases: [Case] }

  private func cases() throws -> [Case] {
    let url = try XCTUnwrap(Bundle.module.url(forResource: "mmm_allocator", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
  }

  private func plan(_ c: Case) throws -> BudgetPlan {
    try BudgetAllocator.optimize(
      responses: c.responses, channels: c.beta.indices.map { "C\($0)" }, currentSpend: c.current, options: c.options)
  }

  func testAllocatorReachesTheScipyOptimumOnEveryReferenceCase() throws {
    for c in try cases() {
      let p = try plan(c)
      XCTAssertGreaterThanOrEqual(p.predictedRecommended, c.optimumValue * (1 - 1e-9), c.name)
      assertApproximatelyEqual(p.predictedRecommended, c.optimumValue, relative: 1e-7, c.name)
      assertApproximatelyEqual(p.predictedCurrent, c.currentValue, relative: 1e-12, c.name)
      assertApproximatelyEqual(p.recommended.reduce(0, +), c.current.reduce(0, +) * (1 + c.budgetChange), relative: 1e-12, c.name)
      if c.unique { assertApproximatelyEqual(p.recommended, c.optimum, relative: 1e-4, c.name) }
      // The envelope bound is valid (≥ the true optimum) and not loose by more than 1%.
      XCTAssertGreaterThanOrEqual(p.upperBound, c.optimumValue * (1 - 1e-9), c.name)
      XCTAssertGreaterThanOrEqual(p.optimalityGap, 0, c.name)
      XCTAssertLessThan(p.optimalityGap, 0.01 * c.optimumValue, c.name)
      for k in p.recommended.indices {
        XCTAssert(p.recommended[k] >= p.lowerBounds[k] - 1e-9 && p.recommended[k] <= p.upperBounds[k] + 1e-9, c.name)
      }
    }
  }

  func testSShapedCaseWhereEqualMarginalROIIsWrongMovesBudgetToOneChannel() throws {
    // Two identical S-curves at the same spend: the current split has equal
    // marginal ROI (a stationary point a local solver stops at) but sits on
    // the convex stretch, so it is a minimum along the budget line.
    let c = try XCTUnwrap(cases().first { $0.name == "s_shaped_symmetric" })
    let r = c.responses
    let equalMarginal = c.current
    XCTAssertEqual(r[0].value(equalMarginal[0]) + r[1].value(equalMarginal[1]), c.currentValue)
    let p = try plan(c)
    XCTAssertGreaterThan(p.liftPercent, 15)
    assertApproximatelyEqual(p.recommended.sorted(), [7000, 13000], relative: 1e-9)
    XCTAssertEqual(Set(p.binding.map(\.rawValue)), ["lower", "upper"])
    XCTAssertTrue(p.kkt.complementarySlacknessHolds)
  }

  func testKKTHoldsAtTheOptimumWithEqualMarginalROIAmongInteriorChannels() throws {
    let c = try XCTUnwrap(cases().first { $0.name == "concave_two" })
    let p = try plan(c)
    XCTAssertEqual(p.binding, [.interior, .interior])
    assertApproximatelyEqual(p.marginalROI[0], p.marginalROI[1], relative: 1e-8)
    XCTAssertLessThan(p.kkt.maxInteriorDeviation, 1e-8 * p.kkt.multiplier)
    XCTAssertTrue(p.kkt.complementarySlacknessHolds)
  }

  func testPlanIsDeterministicAndNeverWorseThanCurrent() throws {
    for c in try cases() {
      let a = try plan(c), b = try plan(c)
      XCTAssertEqual(a, b)
      if c.budgetChange == 0 { XCTAssertGreaterThanOrEqual(a.lift, 0, c.name) }
    }
  }

  func testFloorAboveTheBoxIsAnInfeasibleBudgetError() {
    let r = [ChannelResponse(beta: 1, multiplier: 1, saturation: HillSaturation(alpha: 1, gamma: 1))]
    XCTAssertThrowsError(
      try BudgetAllocator.optimize(responses: r, channels: ["TV"], currentSpend: [100], options: .init(floors: [200]))
    ) {
      XCTAssertEqual(
        "\($0)", "error: infeasible budget: TV: lower bound 200.0 is above upper bound 130.0 (floor, cap and ±30.0% box do not overlap)")
    }
  }

  func testTotalOutsideTheSumOfBoundsIsAnInfeasibleBudgetError() {
    let r = [1, 2].map { _ in ChannelResponse(beta: 1, multiplier: 1, saturation: HillSaturation(alpha: 1, gamma: 1)) }
    XCTAssertThrowsError(
      try BudgetAllocator.optimize(responses: r, channels: ["A", "B"], currentSpend: [100, 100], options: .init(budgetChange: 0.5))
    ) {
      XCTAssertEqual("\($0)", "error: infeasible budget: total 300.0 is outside the feasible range [140.0, 260.0] of the channel bounds")
    }
  }

  func testNegativeCoefficientChannelIsPushedToItsLowerBound() throws {
    let r = [
      ChannelResponse(beta: -500, multiplier: 1, saturation: HillSaturation(alpha: 2, gamma: 100)),
      ChannelResponse(beta: 1000, multiplier: 1, saturation: HillSaturation(alpha: 0.8, gamma: 300)),
    ]
    let p = try BudgetAllocator.optimize(responses: r, channels: ["A", "B"], currentSpend: [100, 100])
    assertApproximatelyEqual(p.recommended, [70, 130], relative: 1e-12)
    XCTAssertEqual(p.binding, [.lower, .upper])
  }

  func testRandomTwoChannelSCurvesMatchABruteForceGrid() throws {
    var rng = SplitMix64(seed: 2026)
    for trial in 0..<40 {
      let r = (0..<2).map { _ in
        ChannelResponse(
          beta: 1000 + 9000 * rng.uniform(), multiplier: 1 + 2 * rng.uniform(),
          saturation: HillSaturation(alpha: 0.6 + 2.6 * rng.uniform(), gamma: 50 + 300 * rng.uniform()))
      }
      let current = [20 + 150 * rng.uniform(), 20 + 150 * rng.uniform()]
      let p = try BudgetAllocator.optimize(responses: r, channels: ["A", "B"], currentSpend: current)
      let total = current[0] + current[1]
      let lo = max(0.7 * current[0], total - 1.3 * current[1]), hi = min(1.3 * current[0], total - 0.7 * current[1])
      var best = -Double.infinity
      for k in 0...20000 {
        let s = lo + (hi - lo) * Double(k) / 20000
        best = max(best, r[0].value(s) + r[1].value(total - s))
      }
      XCTAssertGreaterThanOrEqual(p.predictedRecommended, best - 1e-9 * abs(best), "trial \(trial)")
      XCTAssertLessThanOrEqual(p.predictedRecommended, best + 1e-6 * abs(best), "trial \(trial)")
    }
  }

  func testModelPlanIsBudgetNeutralAndNeverLosesRevenue() throws {
    let sim = try MMMSimulation.generate(weeks: 100, channels: 4, seed: 8)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    let current = sim.input.meanWeeklySpend
    let p = try BudgetAllocator.optimize(model, currentSpend: current)
    assertApproximatelyEqual(p.recommended.reduce(0, +), current.reduce(0, +), relative: 1e-12)
    XCTAssertGreaterThanOrEqual(p.lift, 0)
    let predicted = (0..<4).reduce(0) { $0 + model.response(channel: $1, weeklySpend: p.recommended[$1]) }
    assertApproximatelyEqual(p.predictedRecommended, predicted, relative: 1e-12)
  }
}
