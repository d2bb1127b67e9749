import FolioStats
import FolioTestSupport
import Foundation
import XCTest

@testable import FolioModels

/// The Bayesian model's Weibull kernel as an `MMMModel` adstock
/// (`AdstockKind.weibullPDF`): its weights are the Weibull-pdf formula
/// (written out in `WeibullMMMSimulation.weights`), its steady state is 1 by
/// the normalization, and a Weibull posterior draw converted to currency
/// units reproduces the density's contributions, written out here from the
/// model's closed form, through `MMMTransform`.
final class BayesianMMMWeibullPosteriorTests: XCTestCase {
  static let sim = try! MMMSimulation.generate(weeks: 104, channels: 4, seed: 211)

  func testPDFAdstockWeightsAreTheNormalizedWeibullDensityAndItsSteadyStateIsOne() {
    for (k, lambda) in [(0.7, 0.2), (2.5, 0.5), (1.3, 1.4)] {
      let adstock = WeibullPDFAdstock(shape: k, scale: lambda, maxLag: 13)
      let formula = WeibullMMMSimulation.weights(shape: k, scale: lambda, maxLag: 13)
      for l in 0..<13 { assertApproximatelyEqual(adstock.weights[l], formula[l], relative: 1e-12, absolute: 1e-300) }
      // Σ wₗ = 1: a constant weekly spend s settles at s once the window is full.
      assertApproximatelyEqual(adstock.steadyStateMultiplier, 1, relative: 1e-14)
      let constant = adstock.apply([Double](repeating: 2500, count: 20))
      for t in 12..<20 { assertApproximatelyEqual(constant[t], 2500, relative: 1e-13) }
      // Before the window is full only the first t + 1 weights act.
      assertApproximatelyEqual(constant[3], 2500 * formula[0...3].reduce(0, +), relative: 1e-13)
    }
  }

  func testPDFAdstockModelResponseIsHillOfSpendAndDecayIsTheKernel() throws {
    let input = Self.sim.input
    let p = (0..<input.channelCount).map { c in
      ChannelParameters(theta: 0, alpha: 1.4, gamma: 0.8 * input.meanWeeklySpend[c], shape: 1.8, scale: 0.3)
    }
    let model = try MMMModel.fit(input, parameters: p, adstock: .weibullPDF)
    let formula = WeibullMMMSimulation.weights(shape: 1.8, scale: 0.3, maxLag: 13)
    for c in 0..<input.channelCount {
      assertApproximatelyEqual(model.steadyStateMultiplier(channel: c), 1, relative: 1e-14)
      let s = 1.3 * input.meanWeeklySpend[c], g = p[c].gamma
      let hill = 1 / (1 + pow(g / s, 1.4))
      assertApproximatelyEqual(model.response(channel: c, weeklySpend: s), model.mediaCoefficients[c] * hill, relative: 1e-12)
      // d/ds β/(1 + (γ/s)^α) = β α (γ/s)^α / (s (1 + (γ/s)^α)²).
      let r = pow(g / s, 1.4)
      assertApproximatelyEqual(
        model.marginalROI(channel: c, weeklySpend: s), model.mediaCoefficients[c] * 1.4 * r / (s * (1 + r) * (1 + r)),
        relative: 1e-10)
      let decay = model.decayWeights(channel: c, lags: 15)
      for l in 0..<13 { assertApproximatelyEqual(decay[l], formula[l], relative: 1e-12) }
      XCTAssertEqual(decay[13], 0)
    }
  }

  /// The density's weekly mean in currency at `q` under the 13-week Weibull
  /// kernel: Ã = Σₗ wₗ xₜ₋ₗ (x = spend / mean spend, w the normalized pdf),
  /// h = Hill(Ã; κ, α), β̃ = ROI·n·s̄/(ȳ·Σh), μ = ȳ·(b + Σ δⱼ zⱼ + Σ β̃ (h − h̄)).
  private func closedForm(_ d: BayesianMMMDensity, _ q: [Double]) -> (mean: [Double], contribution: [[Double]]) {
    let input = Self.sim.input, n = input.weekCount, L = d.layout
    let ybar = input.revenue.reduce(0, +) / Double(n)
    var mu = [Double](repeating: ybar * (1 + d.baselineScale * q[L.intercept]), count: n)
    for (j, c) in input.controls.enumerated() {
      let m = c.reduce(0, +) / Double(n)
      let sd = (c.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
      for t in 0..<n { mu[t] += ybar * d.baselineScale * q[L.control(j)] * (c[t] - m) / sd }
    }
    var contributions: [[Double]] = []
    for c in 0..<input.channelCount {
      let spend = input.spend[c], sbar = spend.reduce(0, +) / Double(n)
      let w = WeibullMMMSimulation.weights(shape: exp(q[L.weibullLogShape(c)]), scale: exp(q[L.weibullLogScale(c)]), maxLag: 13)
      let kappa = exp(q[L.logHalfSaturation(c)]), alpha = exp(q[L.logHillShape(c)]), roi = exp(q[L.logMediaEffect(c)])
      let h = spend.indices.map { t -> Double in
        var a = 0.0
        for l in 0..<min(13, t + 1) { a += w[l] * spend[t - l] / sbar }
        return a > 0 ? 1 / (1 + pow(kappa / a, alpha)) : 0
      }
      let sumH = h.reduce(0, +), betaTilde = roi * Double(n) * sbar / (ybar * sumH)
      for t in 0..<n { mu[t] += ybar * betaTilde * (h[t] - sumH / Double(n)) }
      contributions.append(h.map { ybar * betaTilde * $0 })
    }
    return (mu, contributions)
  }

  func testConvertedWeibullDrawReproducesTheDensityContributionsAndMeanThroughTheModelTransforms() throws {
    let input = Self.sim.input
    let d = try BayesianMMMDensity(input: input, adstock: .weibullQuarter)
    var rng = SplitMix64(seed: 5)
    for _ in 0..<5 {
      let q = (0..<d.dimension).map { _ in 0.7 * rng.normal() }
      let draw = try d.currencyDraw(at: q[...], input: input)
      let reference = closedForm(d, q)
      var fitted = [Double](repeating: draw.intercept, count: input.weekCount)
      for (j, c) in input.controls.enumerated() { for t in c.indices { fitted[t] += draw.controlCoefficients[j] * c[t] } }
      for c in 0..<input.channelCount {
        assertApproximatelyEqual(draw.parameters[c].shape, exp(q[d.layout.weibullLogShape(c)]), relative: 1e-15)
        assertApproximatelyEqual(draw.parameters[c].scale, exp(q[d.layout.weibullLogScale(c)]), relative: 1e-15)
        let h = MMMTransform.transformed(input.spend[c], kind: .weibullPDF, draw.parameters[c])
        let contribution = h.map { draw.coefficients[c] * $0 }
        for t in h.indices {
          assertApproximatelyEqual(contribution[t], reference.contribution[c][t], relative: 1e-9, "channel \(c) week \(t)")
          fitted[t] += contribution[t]
        }
        let roi = contribution.reduce(0, +) / input.spend[c].reduce(0, +)
        assertApproximatelyEqual(roi, draw.roi[c], relative: 1e-9)
        assertApproximatelyEqual(roi, exp(q[d.layout.logMediaEffect(c)]), relative: 1e-9)
      }
      for t in fitted.indices { assertApproximatelyEqual(fitted[t], reference.mean[t], relative: 1e-9, "week \(t)") }
    }
  }

  func testWeibullWindowOtherThanTheModelsThirteenWeeksIsNotConverted() throws {
    let d = try BayesianMMMDensity(input: Self.sim.input, adstock: .weibull(maxLag: 8))
    XCTAssertThrowsError(try d.currencyDraw(at: [Double](repeating: 0, count: d.dimension)[...], input: Self.sim.input)) {
      guard case MMMError.invalidOption(let message) = $0 else { return XCTFail("\($0)") }
      XCTAssertTrue(message.contains("a Weibull window of 8 weeks"), message)
    }
    XCTAssertEqual(try BayesianMMMAdstock.weibullQuarter.modelAdstock(), .weibullPDF)
    XCTAssertEqual(try BayesianMMMAdstock.geometric.modelAdstock(), .geometric)
  }

  /// 2 chains × 100/100 with Weibull adstock on the 4-channel set (seed 13):
  /// the posterior's intervals are the fit's, its point model runs the pdf
  /// kernel at the posterior means of k, λ and γ that `BayesianMMM.fit`
  /// reports from the unconstrained draws by its own path.
  func testWeibullPosteriorSummariesAndPointModelMatchTheFit() throws {
    let options = NUTSSampler.Options(chains: 2, warmup: 100, draws: 100, seed: 13, targetAcceptance: 0.9, metric: .dense)
    let fit = try BayesianMMM.fit(Self.sim.input, adstock: .weibullQuarter, options: options)
    let posterior = try BayesianMMMPosterior(fit: fit, input: Self.sim.input)
    XCTAssertEqual(posterior.pointModel.adstockKind, .weibullPDF)
    XCTAssertEqual(posterior.draws.count, 200)
    let boot = posterior.channelBootstraps(level: 0.9)
    for c in 0..<4 {
      let expected = fit.channels[c]
      XCTAssertEqual(boot[c].roiLow, expected.roiLow, accuracy: 1e-12 * expected.roiLow)
      XCTAssertEqual(boot[c].roiHigh, expected.roiHigh, accuracy: 1e-12 * expected.roiHigh)
      let p = posterior.pointModel.parameters[c]
      assertApproximatelyEqual(p.shape, expected.weibullShape ?? .nan, relative: 1e-12)
      assertApproximatelyEqual(p.scale, expected.weibullScale ?? .nan, relative: 1e-12)
      assertApproximatelyEqual(p.gamma, expected.halfSaturation, relative: 1e-12)
      assertApproximatelyEqual(p.alpha, expected.alpha, relative: 1e-12)
    }
  }
}
