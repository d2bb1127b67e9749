import FolioData
import FolioModels
import FolioTestSupport
import XCTest

final class GLMSpecificationTests: XCTestCase {
  func testColumnsModelEqualsTheEquivalentFormula() throws {
    let frame = try GLMFixtures.frame()
    let fam = try GLMSpecification.family(named: "poisson")
    let a = try GLMFit.fit(
      GLMSpecification(model: .columns(response: "y_pois", exog: ["u1", "u2"], addIntercept: true), family: fam),
      data: frame)
    let b = try GLMFit.fit(GLMSpecification(model: .formula("y_pois ~ u1 + u2"), family: fam), data: frame)
    XCTAssertEqual(a.termNames, ["Intercept", "u1", "u2"])
    assertApproximatelyEqual(a.params, b.params, relative: 1e-14)
    assertApproximatelyEqual(a.bse, b.bse, relative: 1e-14)
  }

  func testBinomialIdentityLinkLeavingTheUnitIntervalIsAnErrorNotAClamp() throws {
    // Proportions rising steeply: the identity-link fit wants μ > 1 at x = 10.
    let frame = try Frame([
      ("y", .number([0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1])), ("x", .number((0...10).map(Double.init))),
    ])
    let spec = GLMSpecification(model: .formula("y ~ x"), family: BinomialFamily(link: IdentityLink()))
    XCTAssertThrowsError(try GLMFit.fit(spec, data: frame)) { e in
      guard case .invalidMean(_, "binomial", "identity")? = e as? GLMError else { return XCTFail("\(e)") }
    }
  }

  func testFitIsDeterministicToTheBit() throws {
    let frame = try GLMFixtures.frame()
    let spec = GLMSpecification(
      model: .formula("y_gamma ~ u1 + u2 + C(g)"), family: try GLMSpecification.family(named: "gamma", link: "log"),
      covariance: .cluster(column: "cl"))
    let a = try GLMFit.fit(spec, data: frame), b = try GLMFit.fit(spec, data: frame)
    XCTAssertEqual(a.params, b.params)
    XCTAssertEqual(a.covariance, b.covariance)
    XCTAssertEqual(a.llf, b.llf)
  }
}
