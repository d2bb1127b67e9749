import FolioStats
import FolioTestSupport
import XCTest

/// One scipy reference value (see scripts/reference/glm_distributions.py).
struct DistributionCase {
  var dist: String
  var params: [Double]
  var kind: String
  var x: Double
  var value: Double
}

final class DistributionTests: XCTestCase {
  private func distribution(_ c: DistributionCase) -> (any ContinuousDistribution)? {
    switch c.dist {
    case "normal": return NormalDistribution()
    case "t": return StudentTDistribution(degreesOfFreedom: c.params[0])
    case "chi2": return ChiSquaredDistribution(degreesOfFreedom: c.params[0])
    case "f": return FDistribution(numeratorDegreesOfFreedom: c.params[0], denominatorDegreesOfFreedom: c.params[1])
    case "gamma": return GammaDistribution(shape: c.params[0], scale: c.params[1])
    default: return nil
    }
  }

  func testEveryDistributionMatchesScipyToOneInTenToTheTwelveRelative() {
    XCTAssertEqual(distributionReferenceValues.count, 558)
    for c in distributionReferenceValues {
      guard let d = distribution(c) else { return XCTFail("unknown \(c.dist)") }
      let got: Double
      switch c.kind {
      case "cdf": got = d.cdf(c.x)
      case "sf": got = d.sf(c.x)
      case "quantile": got = d.quantile(c.x)
      default: got = d.isf(c.x)
      }
      assertApproximatelyEqual(got, c.value, relative: 1e-12, absolute: 1e-300, "\(c.dist)\(c.params) \(c.kind)(\(c.x))")
    }
  }

  func testNormalUpperTailKeepsRelativeAccuracyWhereOneMinusCdfUnderflows() {
    // sf(38) ≈ 2.885428351e-316 (scipy); 1 − cdf(38) would be exactly 0.
    XCTAssertGreaterThan(NormalDistribution().sf(38), 0)
    XCTAssertEqual(1 - NormalDistribution().cdf(38), 0)
  }

  func testInvalidParametersAndNaNGiveNaNInsteadOfTrapping() {
    XCTAssertTrue(StudentTDistribution(degreesOfFreedom: -1).cdf(0.5).isNaN)
    XCTAssertTrue(ChiSquaredDistribution(degreesOfFreedom: 0).sf(1).isNaN)
    XCTAssertTrue(NormalDistribution().cdf(.nan).isNaN)
    XCTAssertTrue(NormalDistribution().quantile(1.5).isNaN)
    XCTAssertEqual(NormalDistribution().quantile(0), -.infinity)
    XCTAssertEqual(ChiSquaredDistribution(degreesOfFreedom: 3).cdf(-1), 0)
    XCTAssertEqual(GammaDistribution(shape: 2).sf(-1), 1)
  }

  func testLogGammaMatchesClosedForms() {
    assertApproximatelyEqual(logGamma(5), log(24.0), relative: 1e-15)
    assertApproximatelyEqual(logGamma(0.5), 0.5 * log(Double.pi), relative: 1e-15)
  }
}
