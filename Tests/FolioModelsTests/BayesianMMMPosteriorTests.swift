import FolioStats
import FolioTestSupport
import Foundation
import XCTest

@testable import FolioModels

/// The Bayesian MMM's posterior in the DE model's currency units: each draw
/// converted to θ, α, γ, β, intercept and control coefficients reproduces
/// the density's own weekly mean (written out here from the model's closed
/// form, not from the density's code) through the DE model's transforms;
/// the posterior's summaries equal `BayesianMMM.fit`'s; the diagnostics and
/// the prior-vs-posterior flag react to known causes.
final class BayesianMMMPosteriorTests: XCTestCase {
  static let sim = try! MMMSimulation.generate(weeks: 104, channels: 4, seed: 211)

  /// The density's weekly mean in currency at `q`, from the model's
  /// formulas: Ã = (1 − θ)·Σₖ θᵏ xₜ₋ₖ (x = spend / mean spend), h = Hill(Ã; κ, α),
  /// β̃ = ROI·n·s̄/(ȳ·Σh), μ = ȳ·(b + Σ δⱼ zⱼ + Σ β̃ (h − h̄)), z standardized
  /// controls (sd with divisor n − 1). Returns μ and each channel's
  /// uncentred contribution ȳ·β̃·h.
  private func closedForm(_ d: BayesianMMMDensity, _ q: [Double]) -> (mean: [Double], contribution: [[Double]]) {
    let input = Self.sim.input, n = input.weekCount, L = d.layout
    let ybar = input.revenue.reduce(0, +) / Double(n)
    let b = 1 + d.baselineScale * q[L.intercept]
    var mu = [Double](repeating: ybar * b, count: n)
    for (j, c) in input.controls.enumerated() {
      let m = c.reduce(0, +) / Double(n)
      let sd = (c.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
      for t in 0..<n { mu[t] += ybar * d.baselineScale * q[L.control(j)] * (c[t] - m) / sd }
    }
    var contributions: [[Double]] = []
    for c in 0..<input.channelCount {
      let spend = input.spend[c], sbar = spend.reduce(0, +) / Double(n)
      let theta = 1 / (1 + exp(-q[L.adstockLogit(c)])), kappa = exp(q[L.logHalfSaturation(c)])
      let alpha = exp(q[L.logHillShape(c)]), roi = exp(q[L.logMediaEffect(c)])
      var a = 0.0
      let h = spend.map { s -> Double in
        a = s / sbar + theta * a
        let an = (1 - theta) * a
        return an > 0 ? 1 / (1 + pow(kappa / an, alpha)) : 0
      }
      let sumH = h.reduce(0, +), betaTilde = roi * Double(n) * sbar / (ybar * sumH)
      for t in 0..<n { mu[t] += ybar * betaTilde * (h[t] - sumH / Double(n)) }
      contributions.append(h.map { ybar * betaTilde * $0 })
    }
    return (mu, contributions)
  }

  func testConvertedDrawReproducesTheDensityContributionsAndMeanThroughTheDETransforms() throws {
    let input = Self.sim.input
    let d = try BayesianMMMDensity(input: input)
    var rng = SplitMix64(seed: 5)
    for _ in 0..<5 {
      let q = (0..<d.dimension).map { _ in 0.7 * rng.normal() }
      let draw = try d.currencyDraw(at: q[...], input: input)
      let reference = closedForm(d, q)
      var fitted = [Double](repeating: draw.intercept, count: input.weekCount)
      for (j, c) in input.controls.enumerated() { for t in c.indices { fitted[t] += draw.controlCoefficients[j] * c[t] } }
      for c in 0..<input.channelCount {
        let h = MMMTransform.transformed(input.spend[c], kind: .geometric, draw.parameters[c])
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

  /// 2 chains × 300/300 on the 4-channel set, channel 0 with a tight ROI
  /// prior (log ROI sd 0.02 at its true ROI): the posterior's ROI summaries
  /// are the fit's, thinning keeps `maxDraws` evenly, the point model is the
  /// posterior means; the tight prior leaves nothing for the data to move
  /// (sd ratio near 1, flagged), while the default prior (sd 0.9) on
  /// channels whose contribution is 4–16× the noise sd shrinks far (< 0.7).
  func testPosteriorSummariesEqualTheFitThinEvenlyAndFlagAPriorTheDataCannotMove() throws {
    let options = NUTSSampler.Options(chains: 2, warmup: 300, draws: 300, seed: 9, targetAcceptance: 0.9, metric: .dense)
    var priors = BayesianMMMPriors()
    priors.mediaByChannel[0] = .roi(.init(mean: log(Self.sim.roi[0]), sd: 0.02))
    let fit = try BayesianMMM.fit(Self.sim.input, priors: priors, options: options)
    let comparison = BayesianMMMPriorComparison.compare(fit)
    // Measured (seed 9): ratios 0.94, 0.10, 0.11, 0.30.
    XCTAssertTrue(comparison[0].isUninformed)
    XCTAssertGreaterThan(comparison[0].roiRatio ?? 0, 0.7)
    for c in 1..<4 {
      XCTAssertFalse(comparison[c].isUninformed, "channel \(c)")
      XCTAssertEqual(comparison[c].priorROIInterval?.low ?? 0, exp(0.2 - 1.6448536269514722 * 0.9), accuracy: 1e-12)
    }
    let posterior = try BayesianMMMPosterior(fit: fit, input: Self.sim.input, maxDraws: 250)
    XCTAssertEqual(posterior.draws.count, 250)
    XCTAssertEqual(posterior.roiDraws[0].count, 600)
    // Thinned draw k is draw ⌊k·600/250⌋ of the concatenated chains.
    let q = fit.draws.chains[1].draws[(7 * fit.density.dimension)..<(8 * fit.density.dimension)]  // draw 307 = ⌊128·600/250⌋
    XCTAssertEqual(posterior.draws[128], try fit.density.currencyDraw(at: q, input: Self.sim.input))
    let boot = posterior.channelBootstraps(level: 0.9)
    for c in 0..<4 {
      XCTAssertEqual(boot[c].roiLow, fit.channels[c].roiLow, accuracy: 1e-12 * fit.channels[c].roiLow)
      XCTAssertEqual(boot[c].roiHigh, fit.channels[c].roiHigh, accuracy: 1e-12 * fit.channels[c].roiHigh)
      XCTAssertEqual(boot[c].roi, fit.channels[c].roiMedian, accuracy: 1e-12 * fit.channels[c].roiMedian)
      XCTAssertEqual(boot[c].coefDraws.count, 250)
      XCTAssertEqual(boot[c].parameterDraws.count, 250)
      let meanCoefficient = posterior.coefficientDraws[c].reduce(0, +) / 600
      assertApproximatelyEqual(posterior.pointModel.mediaCoefficients[c], meanCoefficient, relative: 1e-12)
    }
    // The simulation's noise sd is 10,000 on revenue near 400k: a model at
    // the posterior means explains most of the weekly variation.
    XCTAssertGreaterThan(posterior.pointModel.r2, 0.8)
  }

  /// One chain of 20 draws after 20 warm-up iterations cannot reach an
  /// effective sample size of 400: the verdict says so in words.
  func testTooShortARunIsReportedAsNotConverged() throws {
    let options = NUTSSampler.Options(chains: 1, warmup: 20, draws: 20, seed: 2, targetAcceptance: 0.9, metric: .dense)
    let fit = try BayesianMMM.fit(Self.sim.input, options: options)
    let diagnostics = BayesianMMMDiagnostics(fit)
    XCTAssertFalse(diagnostics.converged)
    XCTAssertLessThanOrEqual(diagnostics.minBulkESS, 400)
    XCTAssertTrue(diagnostics.problems.contains { $0.hasPrefix("The effective sample size falls to") && $0.contains("run more draws") })
    XCTAssertEqual(diagnostics.chains, 1)
    XCTAssertEqual(diagnostics.drawsPerChain, 20)
  }
}
