@testable import FolioModels
import FolioTestSupport
import Foundation
import XCTest

/// The forecast on a Bayesian posterior: every draw carries its own baseline
/// (intercept and control coefficients) as well as its own media coefficients
/// and transforms. References are computed here from the `BayesianMMMDraw`
/// fields alone: the geometric carry-over unrolled by hand over history ++
/// plan, the Hill curve from its formula, and type-7 quantiles by hand.
final class MMMForecastPosteriorBaselineTests: XCTestCase {
  private let plan: [[Double]] = [[20_000, 0, 35_000, 12_500], [8_000, 8_000, 8_000, 8_000], [0, 50_000, 1_000, 60_000]]
  private let futureControls: [[Double]] = [[2.0, 2.02, 2.04, 2.06], [0.1, 0.2, 0.3, 0.4], [0.9, 0.8, 0.7, 0.6]]

  /// A 3-channel simulation fitted with its true transforms but θ = 0.3 (the
  /// point model), and five hand-made posterior draws that differ from it and
  /// from each other in intercept, control coefficients, β and transforms.
  private func setUp() throws -> (MMMModel, [BayesianMMMDraw]) {
    let sim = try MMMSimulation.generate(weeks: 104, channels: 3, seed: 11)
    let model = try MMMModel.fit(sim.input, parameters: sim.parameters.map { ChannelParameters(theta: 0.3, alpha: $0.alpha, gamma: $0.gamma) })
    let delta = Array(model.ridge.coefficients.dropFirst(3))
    let draws = (0..<5).map { d -> BayesianMMMDraw in
      let s = Double(d) - 2
      return BayesianMMMDraw(
        intercept: model.ridge.intercept * (1 + 0.04 * s) + 500 * s * s,
        controlCoefficients: delta.enumerated().map { k, v in v * (1 - 0.1 * s) + Double(k + 1) * 300 * s },
        parameters: model.parameters.map { p in
          ChannelParameters(theta: min(0.9, 0.1 + 0.15 * Double(d)), alpha: p.alpha * (1 + 0.05 * s), gamma: p.gamma * (1 - 0.08 * s))
        },
        coefficients: model.mediaCoefficients.map { $0 * (1 + 0.2 * s * (s > 0 ? 1 : 0.5)) },
        roi: [0, 0, 0])
    }
    return (model, draws)
  }

  /// Draw d's predicted revenue per planned week, from its fields only.
  private func prediction(_ model: MMMModel, _ d: BayesianMMMDraw) -> (weekly: [Double], channels: [Double]) {
    var weekly = (0..<4).map { t in
      d.intercept + (0..<3).reduce(0.0) { $0 + d.controlCoefficients[$1] * futureControls[$1][t] }
    }
    var channels = [Double](repeating: 0, count: 3)
    for c in 0..<3 {
      let p = d.parameters[c]
      var carry = 0.0
      for x in model.input.spend[c] { carry = x + p.theta * carry }
      for t in 0..<4 {
        carry = plan[c][t] + p.theta * carry
        let y = d.coefficients[c] * (carry > 0 ? 1 / (1 + pow(p.gamma / carry, p.alpha)) : 0)
        weekly[t] += y
        channels[c] += y
      }
    }
    return (weekly, channels)
  }

  /// Type-7 quantile (linear interpolation between order statistics).
  private func quantile(_ x: [Double], _ p: Double) -> Double {
    let s = x.sorted(), h = Double(s.count - 1) * p, i = Int(h.rounded(.down))
    return i + 1 < s.count ? s[i] + (h - Double(i)) * (s[i + 1] - s[i]) : s[i]
  }

  private func boot(_ model: MMMModel, _ draws: [BayesianMMMDraw]) -> [ChannelBootstrap] {
    let coef = (0..<3).map { c in draws.map { $0.coefficients[c] } }
    return BayesianMMMPosterior(draws: draws, roiDraws: coef, coefficientDraws: coef, pointModel: model).channelBootstraps(level: 0.8)
  }

  func testPosteriorIntervalsAndMeansCarryEachDrawsBaseline() throws {
    let (model, draws) = try setUp()
    let f = try MMMForecast.predict(
      model, spend: plan, controls: futureControls, bootstrap: boot(model, draws), baselineDraws: draws, level: 0.8)
    let per = draws.map { prediction(model, $0) }
    XCTAssertEqual(f.draws, 5)
    let totals = per.map { $0.weekly.reduce(0, +) }
    assertApproximatelyEqual(f.totalLow, quantile(totals, 0.1), relative: 1e-9)
    assertApproximatelyEqual(f.totalHigh, quantile(totals, 0.9), relative: 1e-9)
    assertApproximatelyEqual(f.total, totals.reduce(0, +) / 5, relative: 1e-9)
    for t in 0..<4 {
      let weekly = per.map { $0.weekly[t] }
      assertApproximatelyEqual(f.low[t], quantile(weekly, 0.1), relative: 1e-9)
      assertApproximatelyEqual(f.high[t], quantile(weekly, 0.9), relative: 1e-9)
      assertApproximatelyEqual(f.predicted[t], weekly.reduce(0, +) / 5, relative: 1e-9)
      let baselines = draws.map { d in d.intercept + (0..<3).reduce(0.0) { $0 + d.controlCoefficients[$1] * futureControls[$1][t] } }
      assertApproximatelyEqual(f.baseline[t], baselines.reduce(0, +) / 5, relative: 1e-9)
    }
    for c in 0..<3 {
      let channel = per.map { $0.channels[c] }
      assertApproximatelyEqual(f.channelTotals[c], channel.reduce(0, +) / 5, relative: 1e-9)
      assertApproximatelyEqual(f.channelTotalLow[c], quantile(channel, 0.1), relative: 1e-9)
      assertApproximatelyEqual(f.channelTotalHigh[c], quantile(channel, 0.9), relative: 1e-9)
      assertApproximatelyEqual(f.contributions[c].reduce(0, +), f.channelTotals[c], relative: 1e-12)
    }
    // The baseline's spread widens the interval beyond the media-only one.
    let mediaOnly = try MMMForecast.predict(model, spend: plan, controls: futureControls, bootstrap: boot(model, draws), level: 0.8)
    XCTAssertGreaterThan(f.totalHigh - f.totalLow, mediaOnly.totalHigh - mediaOnly.totalLow)
  }

  func testBaselineDrawsMustBeTheMediaDrawsPosteriorDraws() throws {
    let (model, draws) = try setUp()
    for wrong in [Array(draws.reversed()), Array(draws.dropLast())] {
      XCTAssertThrowsError(
        try MMMForecast.predict(model, spend: plan, controls: futureControls, bootstrap: boot(model, draws), baselineDraws: wrong)
      ) { error in
        XCTAssertEqual((error as? MMMError)?.message, "invalid option: the forecast's baseline draws are not the posterior draws of its media draws")
      }
    }
  }
}
