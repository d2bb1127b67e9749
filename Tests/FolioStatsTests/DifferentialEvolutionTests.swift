import FolioStats
import FolioTestSupport
import XCTest

final class DifferentialEvolutionTests: XCTestCase {
  private func sphere(_ x: [Double]) -> Double { x.reduce(0) { $0 + ($1 - 1) * ($1 - 1) } }

  private func rosenbrock(_ x: [Double]) -> Double {
    var s = 0.0
    for i in 0..<(x.count - 1) {
      let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
      s += 100 * a * a + b * b
    }
    return s
  }

  func testSphereInFourDimensionsReachesItsMinimumAtOnes() {
    let r = DifferentialEvolution.minimize(dimension: 4, options: .init(budget: 4000, seed: 1)) { sphere($0) }
    XCTAssertLessThan(r.bestLoss, 1e-8)
    assertApproximatelyEqual(r.best, [1, 1, 1, 1], relative: 0, absolute: 1e-4)
  }

  func testSphereInTwoDimensionsUsesVariablewiseCrossoverAndConverges() {
    let r = DifferentialEvolution.minimize(dimension: 2, options: .init(budget: 2000, seed: 5)) { sphere($0) }
    XCTAssertLessThan(r.bestLoss, 1e-10)
  }

  func testRosenbrockTwoDimensionsFindsTheValleyMinimum() {
    let r = DifferentialEvolution.minimize(dimension: 2, options: .init(budget: 6000, seed: 3)) { rosenbrock($0) }
    XCTAssertLessThan(r.bestLoss, 1e-6)
    assertApproximatelyEqual(r.best, [1, 1], relative: 0, absolute: 1e-2)
  }

  func testRosenbrockFourDimensionsGetsCloseToTheMinimum() {
    let r = DifferentialEvolution.minimize(dimension: 4, options: .init(budget: 30000, seed: 3)) { rosenbrock($0) }
    XCTAssertLessThan(r.bestLoss, 1e-2)
    assertApproximatelyEqual(r.best, [1, 1, 1, 1], relative: 0, absolute: 0.15)
  }

  func testSameSeedGivesIdenticalSearchAndOtherSeedDiffers() {
    let o = DifferentialEvolution.Options(budget: 300, seed: 42)
    let a = DifferentialEvolution.minimize(dimension: 5, options: o) { rosenbrock($0) }
    let b = DifferentialEvolution.minimize(dimension: 5, options: o) { rosenbrock($0) }
    XCTAssertEqual(a, b)
    var o2 = o
    o2.seed = 43
    let c = DifferentialEvolution.minimize(dimension: 5, options: o2) { rosenbrock($0) }
    XCTAssertNotEqual(a.history, c.history)
  }

  func testHistoryIsBestSoFarAndHasOneEntryPerEvaluation() {
    var calls = 0, progressCalls = 0, lastDone = 0
    var evaluated: [Double] = []
    let r = DifferentialEvolution.minimize(
      dimension: 3, options: .init(budget: 250, seed: 9),
      progress: { done, total, _ in progressCalls += 1; lastDone = done; XCTAssertEqual(total, 250) }
    ) { x in calls += 1; let v = sphere(x); evaluated.append(v); return v }
    XCTAssertEqual(calls, 250)
    XCTAssertEqual(progressCalls, 250)
    XCTAssertEqual(lastDone, 250)
    XCTAssertEqual(r.evaluations, 250)
    XCTAssertEqual(r.history.count, 250)
    var best = Double.infinity
    for (i, v) in evaluated.enumerated() {
      best = min(best, v)
      XCTAssertEqual(r.history[i], best)
    }
    XCTAssertEqual(r.bestLoss, best)
  }

  func testEveryEvaluatedPointStaysInsideTheBoxAndBoundaryOptimumIsFound() {
    let lower = [-5.0, 0, 2], upper = [5.0, 1, 3]
    let r = DifferentialEvolution.minimize(
      dimension: 3, options: .init(budget: 1500, lower: lower, upper: upper, seed: 11)
    ) { x in
      for k in 0..<3 { XCTAssert(x[k] >= lower[k] && x[k] <= upper[k], "\(x) outside the box") }
      return (x[0] - 10) * (x[0] - 10) + (x[1] - 0.5) * (x[1] - 0.5) + (x[2] + 4) * (x[2] + 4)
    }
    assertApproximatelyEqual(r.best, [5, 0.5, 2], relative: 0, absolute: 1e-3)
  }

  func testNaNLossCountsAsInfinityAndIsNeverChosen() {
    let r = DifferentialEvolution.minimize(dimension: 2, options: .init(budget: 2000, seed: 2)) { x in
      x[0] < 0 ? .nan : x[0] * x[0] + x[1] * x[1]
    }
    XCTAssertFalse(r.bestLoss.isNaN)
    XCTAssertGreaterThanOrEqual(r.best[0], 0)
    XCTAssertLessThan(r.bestLoss, 1e-4)
  }

  func testZeroBudgetReturnsTheBoxCentreWithInfiniteLoss() {
    let r = DifferentialEvolution.minimize(dimension: 2, options: .init(budget: 0, lower: [0], upper: [2])) { _ in 0 }
    XCTAssertEqual(r.best, [1, 1])
    XCTAssertEqual(r.bestLoss, .infinity)
    XCTAssertEqual(r.evaluations, 0)
  }
}
