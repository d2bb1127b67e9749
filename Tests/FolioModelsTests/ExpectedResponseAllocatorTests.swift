import FolioModels
import FolioStats
import FolioTestSupport
import Foundation
import XCTest

/// The expected-revenue allocator against two independent references: the
/// single-curve allocator (itself pinned to scipy optima) when every draw is
/// the same, and a brute-force dense grid search over all feasible
/// allocations of 2–3 channels whose draws mix concave and S-shaped curves.
final class ExpectedResponseAllocatorTests: XCTestCase {
  private struct Case: Decodable {
    var name: String
    var beta, multiplier, alpha, gamma, current: [Double]
    var maxChange, budgetChange: Double
    var floors, caps: [Double]?
  }
  private struct File: Decodable { var cases: [Case] }

  private func referenceCases() throws -> [Case] {
    let url = try XCTUnwrap(Bundle.module.url(forResource: "mmm_allocator", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
  }

  private func response(_ beta: Double, _ m: Double, _ alpha: Double, _ gamma: Double) -> ChannelResponse {
    ChannelResponse(beta: beta, multiplier: m, saturation: HillSaturation(alpha: alpha, gamma: gamma))
  }

  /// The mean response of a channel's draws, evaluated directly with `HillSaturation.apply`.
  private func meanValue(_ draws: [ChannelResponse], _ s: Double) -> Double {
    draws.reduce(0) { $0 + $1.beta * $1.saturation.apply($1.multiplier * s) } / Double(draws.count)
  }

  func testIdenticalDrawsGiveTheSingleCurvePlan() throws {
    for c in try referenceCases() {
      let names = c.beta.indices.map { "C\($0)" }
      let curves = c.beta.indices.map { response(c.beta[$0], c.multiplier[$0], c.alpha[$0], c.gamma[$0]) }
      let options = BudgetAllocator.Options(maxChange: c.maxChange, budgetChange: c.budgetChange, floors: c.floors, caps: c.caps)
      let single = try BudgetAllocator.optimize(responses: curves, channels: names, currentSpend: c.current, options: options)
      let expected = try ExpectedResponseAllocator.optimize(
        responseDraws: curves.map { [ChannelResponse](repeating: $0, count: 50) }, channels: names,
        currentSpend: c.current, options: options)
      assertApproximatelyEqual(expected.predictedRecommended, single.predictedRecommended, relative: 1e-9, c.name)
      assertApproximatelyEqual(expected.predictedCurrent, single.predictedCurrent, relative: 1e-12, c.name)
      assertApproximatelyEqual(expected.recommended, single.recommended, relative: 1e-9, absolute: 1e-9 * c.current.reduce(0, +), c.name)
      assertApproximatelyEqual(expected.upperBound, single.upperBound, relative: 1e-9, c.name)
    }
  }

  /// Channel draws whose mean curve has two inflections (two S-curves far
  /// apart), a concave channel with a spread of shapes, and a third channel
  /// mixing S-shaped and concave draws.
  private var mixed: [[ChannelResponse]] {
    [
      [response(900, 1.5, 4, 2_000), response(1_100, 1.5, 6, 9_000), response(1_000, 1.2, 3, 5_000)],
      [response(600, 1, 0.7, 3_000), response(500, 1.3, 1, 4_000), response(800, 1, 0.9, 6_000), response(700, 1.1, 1.2, 2_500)],
      [response(1_200, 2, 2.5, 7_000), response(400, 1, 0.8, 1_500), response(1_500, 1.4, 5, 12_000)],
    ]
  }

  /// Best expected value over every allocation on a grid of `n` steps per
  /// free channel (the last channel takes the remainder), and the grid step.
  private func bruteForce(_ draws: [[ChannelResponse]], lower: [Double], upper: [Double], total: Double, n: Int) -> (value: Double, step: Double) {
    var best = -Double.infinity
    let step0 = (upper[0] - lower[0]) / Double(n)
    let tabulated = draws.indices.dropLast().map { c in
      (0...n).map { i -> (s: Double, v: Double) in
        let s = lower[c] + (upper[c] - lower[c]) * Double(i) / Double(n)
        return (s, meanValue(draws[c], s))
      }
    }
    let last = draws.count - 1
    func visit(_ c: Int, _ spent: Double, _ value: Double) {
      if c == last {
        let s = total - spent
        guard s >= lower[last] - 1e-9, s <= upper[last] + 1e-9 else { return }
        best = max(best, value + meanValue(draws[last], min(max(s, lower[last]), upper[last])))
        return
      }
      for p in tabulated[c] { visit(c + 1, spent + p.s, value + p.v) }
    }
    visit(0, 0, 0)
    return (best, step0)
  }

  func testMixedShapeDrawsMatchABruteForceGridSearch() throws {
    // Twins: two channels with the same two-S-curve draws at the same spend, deep in
    // the convex part, where the optimum moves budget to one of them (a fractional channel).
    let twin = [response(40_000, 1, 4, 10_000), response(60_000, 1, 5, 14_000)]
    // With a concave third channel and ±30% boxes the relaxation ends with a twin
    // inside its envelope's linear stretch (gap > 0), so the 1-D resolution runs.
    let concave = [response(20_000, 1, 0.8, 5_000), response(30_000, 1, 1, 9_000)]
    let scenarios: [(draws: [[ChannelResponse]], current: [Double], change: Double)] = [
      (Array(mixed.prefix(2)), [8_000, 5_000], 0.8), (mixed, [8_000, 5_000, 9_000], 0.8), ([twin, twin], [6_000, 6_000], 0.8),
      ([twin, twin, concave], [9_000, 3_000, 5_000], 0.3), ([twin, twin, concave], [4_000, 4_000, 5_000], 0.3),
    ]
    for (draws, spend, change) in scenarios {
      let channels = draws.count
      let names = (0..<channels).map { "C\($0)" }
      let options = BudgetAllocator.Options(maxChange: change)
      let plan = try ExpectedResponseAllocator.optimize(responseDraws: draws, channels: names, currentSpend: spend, options: options)
      let n = channels == 2 ? 200_000 : 1_500
      let brute = bruteForce(draws, lower: plan.lowerBounds, upper: plan.upperBounds, total: plan.total, n: n)
      let planValue = zip(draws, plan.recommended).reduce(0) { $0 + meanValue($1.0, $1.1) }
      assertApproximatelyEqual(planValue, plan.predictedRecommended, relative: 1e-12, "\(channels) channels")
      // Never worse than the grid, and better by at most what one grid step can buy.
      XCTAssertGreaterThanOrEqual(planValue, brute.value * (1 - 1e-12), "\(channels) channels")
      let maxSlope = 10.0  // every mean curve here has slope < 10 currency per currency on its box
      XCTAssertLessThanOrEqual(planValue - brute.value, Double(channels) * maxSlope * brute.step, "\(channels) channels")
      // The envelope bound certifies the plan.
      XCTAssertGreaterThanOrEqual(plan.upperBound, planValue * (1 - 1e-12))
      XCTAssertLessThan(plan.optimalityGap, 0.05 * planValue)
    }
  }

  func testPlanIsBudgetNeutralWithinBoundsAndDeterministic() throws {
    let names = ["A", "B", "C"], current = [8_000.0, 5_000, 9_000]
    let options = BudgetAllocator.Options(maxChange: 0.3, floors: [0, 4_500, 0], caps: [.infinity, .infinity, 10_000])
    let a = try ExpectedResponseAllocator.optimize(responseDraws: mixed, channels: names, currentSpend: current, options: options)
    let b = try ExpectedResponseAllocator.optimize(responseDraws: mixed, channels: names, currentSpend: current, options: options)
    XCTAssertEqual(a, b)
    assertApproximatelyEqual(a.recommended.reduce(0, +), current.reduce(0, +), relative: 1e-12)
    for c in 0..<3 {
      XCTAssert(a.recommended[c] >= a.lowerBounds[c] && a.recommended[c] <= a.upperBounds[c], names[c])
    }
    XCTAssertEqual(a.lowerBounds, [5_600, 4_500, 6_300])
    XCTAssertEqual(a.upperBounds, [10_400, 6_500, 10_000])
    XCTAssertGreaterThanOrEqual(a.lift, 0)
    XCTAssertTrue(a.kkt.complementarySlacknessHolds)
  }

  func testBootstrapDrawsAreReadAsResponseCurves() throws {
    // One channel: draws carried as coefficient + transform parameters (what {plan} passes on).
    let sim = try MMMSimulation.generate(weeks: 60, channels: 2, seed: 3)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    let params = [ChannelParameters(theta: 0.2, alpha: 2, gamma: 3_000), ChannelParameters(theta: 0.5, alpha: 1, gamma: 8_000)]
    let boot = (0..<2).map { c in
      ChannelBootstrap(
        channel: sim.input.channels[c], roi: 1, roiLow: 0, roiHigh: 2, roiSD: 1, coef: 1, coefLow: 0, coefHigh: 2, coefSD: 1,
        isSignificant: true, roiDraws: [1, 1], coefDraws: [5_000, 9_000], parameterDraws: params)
    }
    let current = sim.input.meanWeeklySpend
    let viaModel = try ExpectedResponseAllocator.optimize(model, draws: boot, currentSpend: current)
    let explicit = (0..<2).map { _ in
      zip([5_000.0, 9_000], params).map { beta, p in response(beta, 1 / (1 - p.theta), p.alpha, p.gamma) }
    }
    let direct = try ExpectedResponseAllocator.optimize(
      responseDraws: explicit, channels: sim.input.channels, currentSpend: current)
    XCTAssertEqual(viaModel.recommended, direct.recommended)
    assertApproximatelyEqual(viaModel.predictedCurrent, current.indices.reduce(0) { $0 + meanValue(explicit[$1], current[$1]) }, relative: 1e-12)
  }
}
