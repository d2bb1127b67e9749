import FolioModels
import FolioTestSupport
import XCTest

/// Contracts every link and family must satisfy, run over `allLinks` and
/// `allFamilies` so a new one is covered by adding it to the list.
final class GLMContractTests: XCTestCase {
  /// Means inside every link's domain.
  let means: [Double] = [0.05, 0.2, 0.5, 0.73, 0.95]

  func testEveryLinkInverseUndoesTheLink() {
    for l in allLinks {
      for p in means { assertApproximatelyEqual(l.inverse(l.link(p)), p, relative: 1e-13, "\(l.name)") }
    }
  }

  func testEveryLinkDerivativeMatchesCentralDifference() {
    for l in allLinks {
      for p in means {
        let h = 1e-6 * p
        let fd = (l.link(p + h) - l.link(p - h)) / (2 * h)
        assertApproximatelyEqual(l.derivative(p), fd, relative: 1e-7, "\(l.name) g′(\(p))")
        let fd2 = (l.derivative(p + h) - l.derivative(p - h)) / (2 * h)
        assertApproximatelyEqual(l.secondDerivative(p), fd2, relative: 1e-6, absolute: 1e-6, "\(l.name) g″(\(p))")
        let eta = l.link(p)
        assertApproximatelyEqual(l.inverseDerivative(eta), 1 / l.derivative(p), relative: 1e-12, "\(l.name) (g⁻¹)′")
      }
    }
  }

  func testEveryFamilyHasZeroDevianceAtThePerfectFit() {
    for f in allFamilies {
      for y in [0.1, 0.4, 0.9] {
        XCTAssertEqual(f.unitDeviance(y, y), 0, accuracy: 1e-15, f.name)
        XCTAssertGreaterThan(f.unitDeviance(y, y * 1.1), 0, f.name)
      }
    }
  }

  func testEveryFamilyVarianceDerivativeMatchesCentralDifference() {
    for f in allFamilies {
      for mu in means {
        let h = 1e-6 * mu
        let fd = (f.variance(mu + h) - f.variance(mu - h)) / (2 * h)
        assertApproximatelyEqual(f.varianceDerivative(mu), fd, relative: 1e-7, absolute: 1e-9, f.name)
      }
    }
  }

  func testEveryFamilyDefaultLinkIsStatsmodelsDefaultAndAllowed() {
    let expected = [
      "gaussian": "identity", "poisson": "log", "gamma": "inverse_power", "binomial": "logit",
      "inverse_gaussian": "inverse_squared", "negative_binomial": "log", "tweedie": "log",
    ]
    for f in allFamilies {
      XCTAssertEqual(f.link.name, expected[f.name], f.name)
      XCTAssertTrue(f.allowedLinkNames.contains(f.link.name), f.name)
      for name in f.allowedLinkNames { XCTAssertNotNil(link(named: name), "\(f.name) lists unknown link \(name)") }
    }
  }

  func testIRLSWeightAndWorkingResponseFollowTheirDefinitions() {
    // Poisson/log: W = μ, z = η + (y − μ)/μ.
    let f = PoissonFamily()
    assertApproximatelyEqual(f.irlsWeight(2.5), 2.5, relative: 1e-15)
    assertApproximatelyEqual(f.workingResponse(y: 4, mu: 2.5, eta: log(2.5)), log(2.5) + 1.5 / 2.5, relative: 1e-15)
    // Binomial/probit at p = ½: W = φ(0)² / ¼.
    let b = BinomialFamily(link: ProbitLink())
    assertApproximatelyEqual(b.irlsWeight(0.5), (1 / (2 * Double.pi)) / 0.25, relative: 1e-12)
  }

  func testTweedieSeriesLogLikelihoodMatchesStatsmodelsValue() {
    // statsmodels 0.15: Tweedie(var_power=1.5).loglike_obs(2.0, 1.3, scale=0.8) = -1.54925309318915
    // (scipy log_wright_bessel), and at y = 0: −μ^{0.5}/(0.5·0.8).
    let t = TweedieFamily(varPower: 1.5)
    assertApproximatelyEqual(t.logLikelihood(2.0, 1.3, varWeight: 1, scale: 0.8, trials: 1), -1.54925309318915, relative: 1e-10)
    assertApproximatelyEqual(t.logLikelihood(0, 1.3, varWeight: 1, scale: 0.8, trials: 1), -(1.3.squareRoot()) / 0.4, relative: 1e-14)
  }
}
