import FolioModels
import FolioStats
import XCTest

/// The analytic gradient of the promotion model's loss against central
/// finite differences, at random parameters on a small simulated panel.
final class PromoGradientTests: XCTestCase {
  /// Relative error |analytic − numeric| / max(|analytic|, |numeric|, 1e-3·scale)
  /// must stay below 1e-6 for every coordinate (central differences with
  /// h = 1e-5 are accurate to ~1e-10 relative here).
  func testAnalyticGradientMatchesCentralFiniteDifferencesAtRandomParameters() throws {
    let sim = try PromoSimulation(seed: 7, weeks: 30, holdout: 5)
    let panel = sim.panel
    let objective = PromoObjective(panel: panel, skuPenalty: 0.03, globalPenalty: 0.01, volumeWeight: 0.7)
    var rng = SplitMix64(seed: 99)
    for trial in 0..<3 {
      let theta = (0..<panel.layout.count).map { _ in 0.6 * rng.normal() }
      var grad: [Double]? = []
      _ = objective.evaluate(theta, weeks: 0..<panel.trainingWeeks, gradient: &grad)
      let g = try XCTUnwrap(grad)
      let scale = g.map(abs).max() ?? 1
      var worst = 0.0
      for i in 0..<theta.count {
        let h = 1e-5
        var plus = theta, minus = theta
        plus[i] += h
        minus[i] -= h
        var none: [Double]? = nil
        let fp = objective.evaluate(plus, weeks: 0..<panel.trainingWeeks, gradient: &none)
        let fm = objective.evaluate(minus, weeks: 0..<panel.trainingWeeks, gradient: &none)
        let numeric = (fp - fm) / (2 * h)
        let rel = abs(g[i] - numeric) / max(abs(g[i]), abs(numeric), 1e-3 * scale)
        worst = max(worst, rel)
      }
      XCTAssertLessThan(worst, 1e-6, "trial \(trial): worst relative gradient error \(worst)")
    }
  }

  /// The penalty part alone: with no rows, the gradient is 2λθ exactly.
  func testPenaltyGradientIsTwiceLambdaTimesParameter() throws {
    let sim = try PromoSimulation(seed: 3, weeks: 20, holdout: 4)
    let objective = PromoObjective(panel: sim.panel, skuPenalty: 0.5, globalPenalty: 0.25)
    let L = sim.panel.layout
    let theta = (0..<L.count).map { Double($0 % 7) - 3 }
    var grad: [Double]? = []
    let loss = objective.evaluate(theta, weeks: 0..<0, gradient: &grad)
    let g = try XCTUnwrap(grad)
    var expectedLoss = 0.0
    for i in 0..<L.count {
      let lam = i < L.blockSize ? 0.25 : 0.5
      expectedLoss += lam * theta[i] * theta[i]
      XCTAssertEqual(g[i], 2 * lam * theta[i], accuracy: 1e-15)
    }
    XCTAssertEqual(loss, expectedLoss, accuracy: 1e-12)
  }
}
