import FolioStats
import FolioTestSupport
import XCTest

@testable import FolioModels

/// The Bayesian MMM log-density: analytic gradient against central finite
/// differences, and its ROI parameterization against the simulation's known
/// true ROI.
final class BayesianMMMDensityTests: XCTestCase {
  static let sim = try! MMMSimulation.generate(weeks: 156, channels: 8, seed: 101)

  /// The simulation's truth mapped to this model's parameters:
  /// κ = (1 − θ) γ / s̄ (normalized adstock), β̃ = β / ȳ.
  private func truth(_ d: BayesianMMMDensity, effect: (Int) -> Double) -> [Double] {
    let sim = Self.sim
    return d.unconstrained(
      intercept: 0.9, controls: [0.02, 0.04, -0.01], noise: 0.03,
      channels: sim.parameters.enumerated().map { c, p in
        (p.theta, (1 - p.theta) * p.gamma / d.spendScale[c], p.alpha, effect(c))
      })
  }

  private func checkGradient(_ d: BayesianMMMDensity, at q: [Double], file: StaticString = #filePath, line: UInt = #line) {
    assertGradientMatchesCentralDifferences(d, at: q, file: file, line: line)
  }

  func testGradientMatchesCentralDifferencesWithROIPriors() throws {
    let d = try BayesianMMMDensity(input: Self.sim.input)
    checkGradient(d, at: truth(d) { Self.sim.roi[$0] })
    var rng = SplitMix64(seed: 3)
    for _ in 0..<3 { checkGradient(d, at: (0..<d.dimension).map { _ in 0.5 * rng.normal() }) }
  }

  func testGradientMatchesCentralDifferencesWithCoefficientPriors() throws {
    var priors = BayesianMMMPriors()
    priors.media = .coefficient(halfNormalScale: 0.3)
    priors.mediaByChannel[2] = .roi(.init(mean: 1, sd: 0.3))
    let d = try BayesianMMMDensity(input: Self.sim.input, priors: priors)
    var rng = SplitMix64(seed: 4)
    for _ in 0..<3 { checkGradient(d, at: (0..<d.dimension).map { _ in 0.5 * rng.normal() }) }
  }

  func testCoefficientParameterizationReproducesTheSimulatedROI() throws {
    var priors = BayesianMMMPriors()
    priors.media = .coefficient(halfNormalScale: 1)
    let d = try BayesianMMMDensity(input: Self.sim.input, priors: priors)
    let q = truth(d) { Self.sim.coefficients[$0] / d.revenueScale }
    for c in 0..<8 {
      let v = d.channelQuantities(c, at: q[...])
      assertApproximatelyEqual(v.roi, Self.sim.roi[c], relative: 1e-10, "channel \(c)")
      assertApproximatelyEqual(v.halfSaturation, Self.sim.parameters[c].gamma * (1 - v.theta), relative: 1e-10)
    }
  }

  func testROIParameterizationImpliesTheSimulatedCoefficient() throws {
    let d = try BayesianMMMDensity(input: Self.sim.input)
    let q = truth(d) { Self.sim.roi[$0] }
    for c in 0..<8 {
      let state = d.channelState(c, at: q)
      assertApproximatelyEqual(state.beta, Self.sim.coefficients[c] / d.revenueScale, relative: 1e-10, "channel \(c)")
    }
  }

  func testConstantControlIsRejected() throws {
    let s = Self.sim.input
    let input = try MMMInput(
      weekStarts: s.weekStarts, channels: s.channels, spend: s.spend, revenue: s.revenue, controlNames: ["flat"],
      controls: [[Double](repeating: 1, count: s.weekCount)])
    XCTAssertThrowsError(try BayesianMMMDensity(input: input)) {
      guard case MMMError.invalidParameter = $0 else { return XCTFail("\($0)") }
    }
  }
}
