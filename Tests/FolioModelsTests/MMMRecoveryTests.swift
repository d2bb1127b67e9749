import FolioModels
import FolioTestSupport
import Foundation
import XCTest

/// The DE search on simulated data with known θ, α, γ, β (MMMSimulation).
final class MMMRecoveryTests: XCTestCase {
  /// 150 weeks, 3 channels, noise sd 5 000 (≈ 1% of revenue), 4 000 evaluations.
  static let recovered: (MMMSimulation, MMMSearchResult)? = {
    guard let sim = try? MMMSimulation.generate(weeks: 150, channels: 3, noise: 5_000, seed: 1),
      let r = try? MMMSearch.run(sim.input, options: .init(budget: 4000, seed: 7))
    else { return nil }
    return (sim, r)
  }()

  func testSearchRecoversEachChannelsROIAndContributionsWithinFifteenPercent() throws {
    let (sim, r) = try XCTUnwrap(Self.recovered)
    XCTAssertGreaterThan(r.model.r2, 0.97)
    for c in 0..<3 {
      assertApproximatelyEqual(r.model.roi[c], sim.roi[c], relative: 0.15, "ROI of \(sim.input.channels[c])")
      let fitted = r.model.contributions[c], truth = sim.contributions[c]
      let l1 = zip(fitted, truth).reduce(0) { $0 + abs($1.0 - $1.1) } / truth.reduce(0, +)
      XCTAssertLessThan(l1, 0.15, "contributions of \(sim.input.channels[c])")
    }
  }

  func testSearchFitsAtLeastAsWellAsTheTrueParameters() throws {
    let (sim, r) = try XCTUnwrap(Self.recovered)
    let atTruth = try MMMModel.fit(sim.input, parameters: sim.parameters)
    XCTAssertLessThanOrEqual(r.loss, 1 - atTruth.r2 + 1e-4)
    assertApproximatelyEqual(r.loss, 1 - r.model.r2, relative: 1e-9)  // no negative coefficients → no penalty
  }

  func testSearchLossEqualsTheRefittedModelsLossAndHistoryEndsAtIt() throws {
    let (_, r) = try XCTUnwrap(Self.recovered)
    XCTAssertEqual(r.history.count, 4000)
    XCTAssertEqual(r.history.last, r.loss)
    XCTAssertEqual(r.evaluations, 4000)
  }

  func testSearchIsDeterministicForASeed() throws {
    let sim = try MMMSimulation.generate(weeks: 80, channels: 2, seed: 4)
    let a = try MMMSearch.run(sim.input, options: .init(budget: 200, seed: 99))
    let b = try MMMSearch.run(sim.input, options: .init(budget: 200, seed: 99))
    XCTAssertEqual(a, b)
  }

  func testDecodeMapsTheSearchBoxOntoTheDocumentedRanges() {
    let p = MMMSearch.decode([0, 0, 0, -50, 50, 50], adstock: .geometric, maxSpend: [1000, 400])
    assertApproximatelyEqual(p[0].theta, 0.475, relative: 1e-15)
    assertApproximatelyEqual(p[0].alpha, 1.75, relative: 1e-15)
    assertApproximatelyEqual(p[0].gamma, 500, relative: 1e-15)
    assertApproximatelyEqual(p[1].theta, 0, relative: 0, absolute: 1e-20)
    assertApproximatelyEqual(p[1].alpha, 3, relative: 1e-15)
    assertApproximatelyEqual(p[1].gamma, 400, relative: 1e-15)
  }

  func testWeibullSearchRunsAndReportsFourParametersPerChannel() throws {
    let sim = try MMMSimulation.generate(weeks: 80, channels: 2, seed: 4)
    let r = try MMMSearch.run(sim.input, options: .init(budget: 150, seed: 1, adstock: .weibull))
    XCTAssertEqual(r.searchVector.count, 8)
    XCTAssertEqual(r.model.adstockKind, .weibull)
    XCTAssertGreaterThan(r.model.r2, 0.5)
  }

  func testModelROIAndResponseFollowTheirDefinitions() throws {
    let sim = try MMMSimulation.generate(weeks: 60, channels: 2, seed: 2)
    let m = try MMMModel.fit(sim.input, parameters: sim.parameters)
    for c in 0..<2 {
      assertApproximatelyEqual(m.roi[c], m.contributions[c].reduce(0, +) / sim.input.spend[c].reduce(0, +), relative: 1e-12)
      let p = sim.parameters[c], s = 1234.0
      let expected = m.mediaCoefficients[c] * p.saturation.apply(s / (1 - p.theta))
      assertApproximatelyEqual(m.response(channel: c, weeklySpend: s), expected, relative: 1e-14)
      let fd = (m.response(channel: c, weeklySpend: s + 0.01) - m.response(channel: c, weeklySpend: s - 0.01)) / 0.02
      assertApproximatelyEqual(m.marginalROI(channel: c, weeklySpend: s), fd, relative: 1e-6)
    }
    for t in 0..<60 {
      let sum = m.baseline[t] + m.contributions[0][t] + m.contributions[1][t]
      assertApproximatelyEqual(sum, m.fitted[t], relative: 1e-12)
    }
  }

  func testWrongParameterCountIsAClearError() throws {
    let sim = try MMMSimulation.generate(weeks: 30, channels: 2, seed: 2)
    XCTAssertThrowsError(try MMMModel.fit(sim.input, parameters: [sim.parameters[0]])) {
      XCTAssertEqual("\($0)", "error: invalid model parameter: 1 parameter sets for 2 channels")
    }
  }
}
