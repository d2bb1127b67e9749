import FolioStats
import FolioTestSupport
import XCTest

@testable import FolioModels

/// Weibull adstock in the Bayesian MMM: the kernel against closed forms,
/// the density's gradient against finite differences, and recovery of the
/// true ROI from data simulated with Weibull carry-over.
final class BayesianMMMWeibullTests: XCTestCase {
  static let truthChannels: [WeibullMMMSimulation.Channel] = [
    .init(meanSpend: 1000, shape: 0.8, scale: 0.2, kappa: 0.8, alpha: 1.5, roi: 2.0),
    .init(meanSpend: 2000, shape: 1.6, scale: 0.3, kappa: 1.0, alpha: 2.0, roi: 1.0),
    .init(meanSpend: 1500, shape: 1.0, scale: 0.15, kappa: 0.7, alpha: 1.2, roi: 3.0),
  ]

  func testShapeOneKernelIsGeometricWithRatioExpMinusOneOverLambdaL() {
    // k = 1: the Weibull pdf is exponential, w̃ₗ ∝ exp(−tₗ/λ), so successive
    // weights have the constant ratio exp(−1/(λL)) and sum to one.
    let lambda = 0.3, L = 13
    let kernel = WeibullLagKernel(logShape: 0, logScale: log(lambda), maxLag: L)
    assertApproximatelyEqual(kernel.weights.reduce(0, +), 1, relative: 1e-14)
    let ratio = exp(-1 / (lambda * Double(L)))
    for l in 1..<L { assertApproximatelyEqual(kernel.weights[l] / kernel.weights[l - 1], ratio, relative: 1e-12) }
    // Closed form of the first weight: (1 − r) / (1 − r^L).
    assertApproximatelyEqual(kernel.weights[0], (1 - ratio) / (1 - pow(ratio, Double(L))), relative: 1e-12)
  }

  func testKernelDerivativesSumToZeroAndMatchCentralDifferences() {
    // Weights always sum to one, so their derivatives sum to zero.
    let u = 0.3, v = log(0.4), L = 10, h = 1e-5
    let k = WeibullLagKernel(logShape: u, logScale: v, maxLag: L)
    XCTAssertLessThan(abs(k.dLogShape.reduce(0, +)), 1e-14)
    XCTAssertLessThan(abs(k.dLogScale.reduce(0, +)), 1e-14)
    let kp = WeibullLagKernel(logShape: u + h, logScale: v, maxLag: L)
    let km = WeibullLagKernel(logShape: u - h, logScale: v, maxLag: L)
    let lp = WeibullLagKernel(logShape: u, logScale: v + h, maxLag: L)
    let lm = WeibullLagKernel(logShape: u, logScale: v - h, maxLag: L)
    for l in 0..<L {
      // Central difference error O(h²) ≈ 1e-10 on weights of order 0.1.
      XCTAssertEqual(k.dLogShape[l], (kp.weights[l] - km.weights[l]) / (2 * h), accuracy: 1e-8)
      XCTAssertEqual(k.dLogScale[l], (lp.weights[l] - lm.weights[l]) / (2 * h), accuracy: 1e-8)
    }
  }

  func testKernelMatchesTheWeibullDensityFormula() {
    // The simulator writes the pdf (k/λ)(t/λ)^(k−1) e^{−(t/λ)^k} out directly.
    for (k, lambda) in [(0.7, 0.2), (2.5, 0.5), (1.3, 0.1)] {
      let kernel = WeibullLagKernel(logShape: log(k), logScale: log(lambda), maxLag: 13)
      let formula = WeibullMMMSimulation.weights(shape: k, scale: lambda, maxLag: 13)
      for l in 0..<13 { assertApproximatelyEqual(kernel.weights[l], formula[l], relative: 1e-12, absolute: 1e-300) }
    }
  }

  func testWeibullLayoutHasFiveCoordinatesPerChannel() throws {
    let sim = try WeibullMMMSimulation.generate(
      weeks: 60, channels: Self.truthChannels, baseline: 20000, noise: 600, maxLag: 13, seed: 5)
    let d = try BayesianMMMDensity(input: sim.input, adstock: .weibullQuarter)
    XCTAssertEqual(d.dimension, 2 + 5 * 3)
    XCTAssertEqual(d.layout.logMediaEffect(2), d.dimension - 1)
  }

  func testGradientMatchesCentralDifferencesWithWeibullAdstock() throws {
    let sim = try WeibullMMMSimulation.generate(
      weeks: 80, channels: Self.truthChannels, baseline: 20000, noise: 600, maxLag: 13, seed: 6)
    var priors = BayesianMMMPriors()
    priors.mediaByChannel[1] = .coefficient(halfNormalScale: 0.3)
    let d = try BayesianMMMDensity(input: sim.input, priors: priors, adstock: .weibull(maxLag: 8))
    var rng = SplitMix64(seed: 7)
    for _ in 0..<4 { assertGradientMatchesCentralDifferences(d, at: (0..<d.dimension).map { _ in 0.5 * rng.normal() }) }
  }

  func testZeroWeekWindowIsRejected() throws {
    let sim = try WeibullMMMSimulation.generate(
      weeks: 20, channels: Self.truthChannels, baseline: 20000, noise: 600, maxLag: 13, seed: 5)
    XCTAssertThrowsError(try BayesianMMMDensity(input: sim.input, adstock: .weibull(maxLag: 0))) {
      guard case MMMError.invalidOption = $0 else { return XCTFail("\($0)") }
    }
  }

  /// 104 weeks × 3 channels simulated with Weibull adstock (seed 2026), fit
  /// by NUTS with Weibull adstock, 2 chains × (500 warm-up + 500 draws),
  /// seed 11: every channel's 90% ROI interval covers its true ROI, R-hat
  /// ≤ 1.01 on every coordinate and ROI, no divergences. Measured: intervals
  /// [0.74, 3.80] ∋ 2, [0.73, 2.48] ∋ 1, [1.00, 3.27] ∋ 3; max R-hat 1.008;
  /// about 7 s in a debug build.
  func testPosteriorROIIntervalsCoverTheTruthOnWeibullSimulation() throws {
    let sim = try WeibullMMMSimulation.generate(
      weeks: 104, channels: Self.truthChannels, baseline: 20000, noise: 600, maxLag: 13, seed: 2026)
    let fit = try BayesianMMM.fit(
      sim.input, adstock: .weibullQuarter,
      options: .init(chains: 2, warmup: 500, draws: 500, seed: 11, targetAcceptance: 0.9, metric: .dense))
    XCTAssertEqual(fit.draws.divergences, 0)
    XCTAssertLessThanOrEqual(fit.maxRHat, 1.01)
    for (c, ch) in Self.truthChannels.enumerated() {
      let p = fit.channels[c]
      XCTAssertLessThanOrEqual(p.roiLow, ch.roi, "channel \(c)")
      XCTAssertGreaterThanOrEqual(p.roiHigh, ch.roi, "channel \(c)")
      XCTAssertLessThanOrEqual(p.roiRHat, 1.01, "channel \(c)")
      XCTAssertNotNil(p.weibullShape)
    }
  }
}
