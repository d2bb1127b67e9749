@testable import FolioModels
import FolioTestSupport
import Foundation
import XCTest

/// Marginal ROI and the plan's lift under each bootstrap resample: without
/// refit only the coefficient varies, so each draw is the point value scaled
/// by β_b/β (a closed form); with refit every draw uses its own transforms.
final class MMMBootstrapResponseTests: XCTestCase {
  func testWithoutRefitEachDrawIsThePointValueScaledByItsCoefficient() throws {
    let sim = try MMMSimulation.generate(weeks: 104, channels: 3, seed: 7)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    let boot = try BootstrapROI.run(model, options: .init(resamples: 60, seed: 3))
    let current = model.input.meanWeeklySpend
    let recommended = current.enumerated().map { $0.offset == 0 ? $0.element * 1.3 : $0.element * 0.85 }
    let lift = BootstrapResponse.liftDraws(model, boot, current: current, recommended: recommended)
    XCTAssertEqual(lift.count, 60)
    for c in 0..<3 {
      let ratio = boot[c].coefDraws.map { $0 / model.mediaCoefficients[c] }
      let mroi = BootstrapResponse.marginalROIDraws(model, boot[c], channel: c, weeklySpend: current[c])
      for b in 0..<60 {
        assertApproximatelyEqual(mroi[b], ratio[b] * model.marginalROI(channel: c, weeklySpend: current[c]), relative: 1e-12)
      }
    }
    for b in 0..<60 {
      var expected = 0.0
      for c in 0..<3 {
        let r = boot[c].coefDraws[b] / model.mediaCoefficients[c]
        expected += r * (model.response(channel: c, weeklySpend: recommended[c]) - model.response(channel: c, weeklySpend: current[c]))
      }
      assertApproximatelyEqual(lift[b], expected, relative: 1e-10)
    }
  }

  func testTheLiftIntervalBracketsThePointLiftAndProbabilityCountsPositiveDraws() throws {
    let sim = try MMMSimulation.generate(weeks: 104, channels: 2, seed: 9)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    let boot = try BootstrapROI.run(model, options: .init(resamples: 200, seed: 4))
    let current = model.input.meanWeeklySpend
    let plan = try BudgetAllocator.optimize(model, currentSpend: current, options: .init())
    let draws = BootstrapResponse.liftDraws(model, boot, current: plan.current, recommended: plan.recommended)
    let i = BootstrapResponse.interval(draws, level: 0.9)
    XCTAssertLessThanOrEqual(i.low, i.high)
    XCTAssertEqual(BootstrapResponse.probabilityPositive([1, -1, 2, .nan, 0]), 0.5)
    XCTAssertEqual(i.low, BootstrapROI.quantile(draws, (1 - 0.9) / 2))
    XCTAssertEqual(i.high, BootstrapROI.quantile(draws, 1 - (1 - 0.9) / 2))
  }

  func testWithRefitEachDrawUsesItsOwnTransformParameters() throws {
    let sim = try MMMSimulation.generate(weeks: 60, channels: 2, seed: 2)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters)
    var options = BootstrapROI.Options(resamples: 4, seed: 1)
    options.refit = true
    options.search.budget = 30
    let boot = try BootstrapROI.run(model, options: options)
    XCTAssertEqual(boot[0].parameterDraws.count, 4)
    let s = model.input.meanWeeklySpend[0]
    let draws = BootstrapResponse.responseDraws(model, boot[0], channel: 0, weeklySpend: s)
    for b in 0..<4 {
      let p = boot[0].parameterDraws[b]
      let m = 1 / (1 - p.theta)  // geometric steady state Σ θ^k
      assertApproximatelyEqual(draws[b], boot[0].coefDraws[b] * HillSaturation(alpha: p.alpha, gamma: p.gamma).apply(s * m), relative: 1e-12)
    }
  }
}
