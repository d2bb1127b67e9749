import FolioModels
import FolioTestSupport
import Foundation
import XCTest

final class MMMTransformTests: XCTestCase {
  func testGeometricAdstockOfAnImpulseDecaysAsPowersOfTheta() {
    let x = [100.0, 0, 0, 0, 0]
    assertApproximatelyEqual(GeometricAdstock(theta: 0.6).apply(x), [100, 60, 36, 21.6, 12.96], relative: 1e-14)
  }

  func testGeometricAdstockOfConstantSpendFollowsTheGeometricSum() {
    let theta = 0.8
    let out = GeometricAdstock(theta: theta).apply([Double](repeating: 10, count: 30))
    for t in 0..<30 { assertApproximatelyEqual(out[t], 10 * (1 - pow(theta, Double(t + 1))) / (1 - theta), relative: 1e-13) }
    assertApproximatelyEqual(GeometricAdstock(theta: theta).steadyStateMultiplier, 5, relative: 1e-15)
  }

  func testGeometricAdstockWithZeroThetaIsIdentityAndEmptyStaysEmpty() {
    XCTAssertEqual(GeometricAdstock(theta: 0).apply([3, 1, 4]), [3, 1, 4])
    XCTAssertEqual(GeometricAdstock(theta: 0.5).apply([]), [])
  }

  func testWeibullWeightsAreCumulativeProductsOfTheSurvivalFunction() {
    // L = 13, scale 0.25 → λ = round(1 + 0.25·12) = 4; wₖ = Π exp(−(i/4)^2).
    let w = WeibullAdstock(shape: 2, scale: 0.25, maxLag: 13).weights
    XCTAssertEqual(w.count, 13)
    var expected = [1.0]
    for k in 1..<13 { expected.append(expected[k - 1] * exp(-pow(Double(k) / 4, 2))) }
    assertApproximatelyEqual(w, expected, relative: 1e-14)
    let x = [10.0, 0, 5, 0, 0]
    let out = WeibullAdstock(shape: 2, scale: 0.25, maxLag: 13).apply(x)
    assertApproximatelyEqual(out, [10, 10 * w[1], 10 * w[2] + 5, 10 * w[3] + 5 * w[1], 10 * w[4] + 5 * w[2]], relative: 1e-14)
  }

  func testWeibullWithZeroShapeOrScaleHasNoCarryOver() {
    XCTAssertEqual(WeibullAdstock(shape: 0, scale: 0.5).apply([1, 2, 3]), [1, 2, 3])
    XCTAssertEqual(WeibullAdstock(shape: 2, scale: 0).apply([1, 2, 3]), [1, 2, 3])
    XCTAssertEqual(WeibullAdstock(shape: 2, scale: 0).steadyStateMultiplier, 1)
  }

  func testHillIsHalfAtGammaZeroAtZeroAndMatchesTheClosedForm() {
    let h = HillSaturation(alpha: 2.5, gamma: 1000)
    assertApproximatelyEqual(h.apply(1000), 0.5, relative: 1e-15)
    XCTAssertEqual(h.apply(0), 0)
    XCTAssertEqual(h.apply(-5), 0)
    for x in [1.0, 250, 999, 4000, 1e7] {
      assertApproximatelyEqual(h.apply(x), pow(x, 2.5) / (pow(x, 2.5) + pow(1000, 2.5)), relative: 1e-13)
    }
    XCTAssert(h.apply(.nan).isNaN)
  }

  func testHillWithZeroGammaSaturatesImmediately() {
    let h = HillSaturation(alpha: 2, gamma: 0)
    XCTAssertEqual(h.apply(0), 0)
    XCTAssertEqual(h.apply(1e-9), 1)
    XCTAssertEqual(h.derivative(5), 0)
  }

  func testHillDerivativeMatchesACentralDifferenceAndLimitsAtZero() {
    for (a, g) in [(0.7, 300.0), (1.0, 300), (2.8, 300)] {
      let h = HillSaturation(alpha: a, gamma: g)
      for x in [10.0, 150, 300, 900] {
        let step = 1e-4 * x
        let fd = (h.apply(x + step) - h.apply(x - step)) / (2 * step)
        assertApproximatelyEqual(h.derivative(x), fd, relative: 1e-7)
      }
    }
    XCTAssertEqual(HillSaturation(alpha: 0.5, gamma: 10).derivative(0), .infinity)
    XCTAssertEqual(HillSaturation(alpha: 1, gamma: 10).derivative(0), 0.1)
    XCTAssertEqual(HillSaturation(alpha: 2, gamma: 10).derivative(0), 0)
  }

  func testHillInflectionPointIsWhereTheSecondDerivativeChangesSign() {
    let h = HillSaturation(alpha: 3, gamma: 50)
    let p = h.inflectionPoint
    assertApproximatelyEqual(p, 50 * pow(0.5, 1.0 / 3), relative: 1e-14)
    let d = 1e-3
    XCTAssertGreaterThan(h.derivative(p - d) , h.derivative(p - 2 * d))  // convex below
    XCTAssertLessThan(h.derivative(p + 2 * d), h.derivative(p + d))  // concave above
    XCTAssertEqual(HillSaturation(alpha: 0.9, gamma: 50).inflectionPoint, 0)
  }

  func testMetricsMatchHandComputationAndSkipZeroActualsInMAPE() {
    let m = MMMMetrics(actual: [10, 0, 20, 30], predicted: [12, 1, 18, 30])
    // errors −2, −1, 2, 0; mean 15; SST = 25+225+25+225 = 500; SSE = 9
    assertApproximatelyEqual(m.r2, 1 - 9.0 / 500, relative: 1e-15)
    assertApproximatelyEqual(m.rmse, (9.0 / 4).squareRoot(), relative: 1e-15)
    assertApproximatelyEqual(m.mae, 5.0 / 4, relative: 1e-15)
    assertApproximatelyEqual(m.mape, 100 * (0.2 + 0.1 + 0) / 3, relative: 1e-14)
    assertApproximatelyEqual(m.nrmse, 100 * 1.5 / 15, relative: 1e-14)
  }

  func testInputRejectsNegativeSpendNamingChannelAndWeek() {
    XCTAssertThrowsError(
      try MMMInput(weekStarts: [0, 7, 14, 21], channels: ["TV"], spend: [[1, 2, -3, 4]], revenue: [1, 2, 3, 4])
    ) { error in
      XCTAssertEqual("\(error)", "error: spend of TV is negative (-3.0) in week 3")
    }
    XCTAssertThrowsError(
      try MMMInput(weekStarts: [0, 7, 14, 21], channels: ["TV"], spend: [[1, 2, 3]], revenue: [1, 2, 3, 4])
    ) { error in
      XCTAssertEqual("\(error)", "error: spend of TV has 3 weeks, expected 4")
    }
  }
}
