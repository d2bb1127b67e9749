@testable import FolioModels
import FolioTestSupport
import Foundation
import XCTest

/// The forecast on a future spend plan against independent references: a
/// hand-computed Hill sum (no carry-over), a hand-unrolled geometric carry-over
/// from the last observed weeks, the simulator's noise-free revenue under its
/// true parameters, and percentile intervals of hand-built draws.
final class MMMForecastTests: XCTestCase {
  /// A 3-channel simulation, fitted with its true transforms but θ set to `theta`.
  private func model(theta: Double, weeks: Int = 104) throws -> MMMModel {
    let sim = try MMMSimulation.generate(weeks: weeks, channels: 3, seed: 11)
    let params = sim.parameters.map { ChannelParameters(theta: theta, alpha: $0.alpha, gamma: $0.gamma) }
    return try MMMModel.fit(sim.input, parameters: params)
  }

  private let plan: [[Double]] = [[20_000, 0, 35_000, 12_500], [8_000, 8_000, 8_000, 8_000], [0, 50_000, 1_000, 60_000]]
  private let futureControls: [[Double]] = [[2.0, 2.02, 2.04, 2.06], [0.1, 0.2, 0.3, 0.4], [0.9, 0.8, 0.7, 0.6]]

  func testWithoutCarryOverEachWeekIsInterceptPlusControlsPlusTheHillSum() throws {
    let m = try model(theta: 0)
    let f = try MMMForecast.predict(m, spend: plan, controls: futureControls)
    let coef = m.ridge.coefficients
    for t in 0..<4 {
      var expected = m.ridge.intercept
      for k in 0..<3 { expected += coef[3 + k] * futureControls[k][t] }
      for c in 0..<3 {
        let x = plan[c][t], a = m.parameters[c].alpha, g = m.parameters[c].gamma
        let hill = x > 0 ? pow(x, a) / (pow(x, a) + pow(g, a)) : 0
        expected += coef[c] * hill
        assertApproximatelyEqual(f.contributions[c][t], coef[c] * hill, relative: 1e-12)
      }
      assertApproximatelyEqual(f.predicted[t], expected, relative: 1e-12)
    }
    assertApproximatelyEqual(f.total, f.predicted.reduce(0, +), relative: 1e-12)
    XCTAssertEqual(f.draws, 0)
    XCTAssertTrue(f.low.allSatisfy(\.isNaN) && f.totalLow.isNaN, "no bootstrap: no interval")
  }

  func testTheFirstPlannedWeeksCarryTheDecayedHistory() throws {
    let theta = 0.6
    let m = try model(theta: theta)
    let f = try MMMForecast.predict(m, spend: plan, controls: futureControls)
    let n = m.input.weekCount
    for c in 0..<3 {
      // Adstock of the whole history, unrolled by hand: Σ_k θ^k x[n−1−k].
      var carry = 0.0
      for k in 0..<n { carry += pow(theta, Double(k)) * m.input.spend[c][n - 1 - k] }
      XCTAssertGreaterThan(carry, 0)
      for t in 0..<4 {
        carry = plan[c][t] + theta * carry
        let hill = m.parameters[c].saturation.apply(carry)
        assertApproximatelyEqual(f.contributions[c][t], m.mediaCoefficients[c] * hill, relative: 1e-9)
      }
    }
    // A zero plan still earns revenue from carry-over in its first week.
    let zero = try MMMForecast.predict(m, spend: plan.map { $0.map { _ in 0 } }, controls: futureControls)
    XCTAssertGreaterThan(zero.channelTotals.reduce(0, +), 0)
  }

  func testOnTheSimulatorsTrueModelTheForecastIsItsNoiseFreeRevenue() throws {
    // Noise-free simulation; an unpenalized fit on the first 150 weeks with the
    // true transforms recovers the true coefficients, so the forecast of weeks
    // 150…159 from their spend and controls must equal the simulated revenue.
    let sim = try MMMSimulation.generate(weeks: 160, channels: 4, noise: 0, seed: 5)
    let history = sim.input.selecting(weeks: Array(0..<150))
    let m = try MMMModel.fit(history, parameters: sim.parameters, ridgeAlpha: 0)
    for c in 0..<4 { assertApproximatelyEqual(m.mediaCoefficients[c], sim.coefficients[c], relative: 1e-6) }
    let future = Array(150..<160)
    let f = try MMMForecast.predict(
      m, spend: sim.input.spend.map { s in future.map { s[$0] } }, controls: sim.input.controls.map { s in future.map { s[$0] } })
    for (t, week) in future.enumerated() {
      assertApproximatelyEqual(f.predicted[t], sim.input.revenue[week], relative: 1e-8)
      for c in 0..<4 { assertApproximatelyEqual(f.contributions[c][t], sim.contributions[c][week], relative: 1e-6) }
    }
  }

  func testIntervalsArePercentilesOfTheDrawsEvaluatedOnThePlan() throws {
    let m = try model(theta: 0.3)
    let point = try MMMForecast.predict(m, spend: plan, controls: futureControls)
    // Three draws scaling every coefficient by 0.5, 1 and 1.5: at level 0.5 the
    // 25th and 75th percentiles (linear interpolation) are the scales 0.75 and 1.25.
    let boot = (0..<3).map { c in
      ChannelBootstrap(
        channel: m.input.channels[c], roi: 0, roiLow: 0, roiHigh: 0, roiSD: 0, coef: m.mediaCoefficients[c], coefLow: 0,
        coefHigh: 0, coefSD: 0, isSignificant: true, roiDraws: [0, 0, 0], coefDraws: [0.5, 1, 1.5].map { $0 * m.mediaCoefficients[c] })
    }
    let f = try MMMForecast.predict(m, spend: plan, controls: futureControls, bootstrap: boot, level: 0.5)
    XCTAssertEqual(f.draws, 3)
    for t in 0..<4 {
      let media = point.predicted[t] - point.baseline[t]
      assertApproximatelyEqual(f.low[t], point.baseline[t] + 0.75 * media, relative: 1e-12)
      assertApproximatelyEqual(f.high[t], point.baseline[t] + 1.25 * media, relative: 1e-12)
    }
    let media = point.channelTotals.reduce(0, +)
    assertApproximatelyEqual(f.totalLow, point.total - 0.25 * media, relative: 1e-12)
    assertApproximatelyEqual(f.totalHigh, point.total + 0.25 * media, relative: 1e-12)
    for c in 0..<3 {
      assertApproximatelyEqual(f.channelTotalLow[c], 0.75 * point.channelTotals[c], relative: 1e-12)
      assertApproximatelyEqual(f.channelTotalHigh[c], 1.25 * point.channelTotals[c], relative: 1e-12)
    }
  }

  func testRefittedDrawsUseTheirOwnTransforms() throws {
    let m = try model(theta: 0.3)
    // Draw 0 keeps the model's transforms, draw 1 has no carry-over and a
    // doubled half-saturation; both with the point coefficient.
    let boot = (0..<3).map { c in
      let p = m.parameters[c]
      return ChannelBootstrap(
        channel: m.input.channels[c], roi: 0, roiLow: 0, roiHigh: 0, roiSD: 0, coef: m.mediaCoefficients[c], coefLow: 0,
        coefHigh: 0, coefSD: 0, isSignificant: true, roiDraws: [0, 0], coefDraws: [m.mediaCoefficients[c], m.mediaCoefficients[c]],
        parameterDraws: [p, ChannelParameters(theta: 0, alpha: p.alpha, gamma: 2 * p.gamma)])
    }
    let f = try MMMForecast.predict(m, spend: plan, controls: futureControls, bootstrap: boot, level: 0.98)
    let point = try MMMForecast.predict(m, spend: plan, controls: futureControls)
    for t in 0..<4 {
      var other = point.baseline[t]
      for c in 0..<3 {
        other += m.mediaCoefficients[c] * HillSaturation(alpha: m.parameters[c].alpha, gamma: 2 * m.parameters[c].gamma).apply(plan[c][t])
      }
      // With two draws the 1st and 99th percentiles are 1% and 99% of the way between them.
      let lo = min(other, point.predicted[t]), hi = max(other, point.predicted[t])
      assertApproximatelyEqual(f.low[t], lo + 0.01 * (hi - lo), relative: 1e-12)
      assertApproximatelyEqual(f.high[t], lo + 0.99 * (hi - lo), relative: 1e-12)
    }
  }

  func testBadPlansAreRejectedWithWhatWasExpected() throws {
    let m = try model(theta: 0.3)
    var negative = plan
    negative[1][2] = -5
    XCTAssertThrowsError(try MMMForecast.predict(m, spend: negative, controls: futureControls)) {
      XCTAssertEqual($0 as? MMMError, .negativeSpend(channel: m.input.channels[1], week: 3, value: -5))
    }
    XCTAssertThrowsError(try MMMForecast.predict(m, spend: Array(plan.prefix(2)), controls: futureControls)) {
      XCTAssertEqual($0 as? MMMError, .lengthMismatch(what: "plan channel list", expected: 3, got: 2))
    }
    XCTAssertThrowsError(try MMMForecast.predict(m, spend: plan, controls: Array(futureControls.prefix(2)))) {
      XCTAssertEqual($0 as? MMMError, .lengthMismatch(what: "plan control list", expected: 3, got: 2))
    }
    XCTAssertThrowsError(try MMMForecast.predict(m, spend: plan.map { _ in [] }, controls: futureControls.map { _ in [] }))
  }
}
