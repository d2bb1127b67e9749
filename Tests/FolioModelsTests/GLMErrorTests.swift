import FolioData
import FolioModels
import FolioTestSupport
import XCTest

/// Bad input gives a typed error whose message names the column, row or
/// formula position and what was expected.
final class GLMErrorTests: XCTestCase {
  private func frame(y: [Double], x: [Double], extra: [(String, Column)] = []) throws -> Frame {
    try Frame([("y", .number(y)), ("x", .number(x))] + extra)
  }

  private func fitError(_ spec: GLMSpecification, _ data: Frame) -> GLMError? {
    do {
      _ = try GLMFit.fit(spec, data: data)
      return nil
    } catch { return error }
  }

  func testPerfectlySeparatedBinomialDataIsReported() throws {
    let data = try frame(y: [0, 0, 0, 0, 1, 1, 1, 1], x: [1, 2, 3, 4, 5, 6, 7, 8])
    let e = fitError(GLMSpecification(model: .formula("y ~ x"), family: BinomialFamily()), data)
    guard case .perfectSeparation(let rows)? = e else { return XCTFail("\(String(describing: e))") }
    XCTAssertEqual(rows, 8)
    XCTAssertTrue(e?.message.hasPrefix("perfect separation: 8 observations are predicted with probability 0 or 1") ?? false)
  }

  func testRankDeficiencyNamesTheAliasedColumn() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6]
    let data = try frame(
      y: [1.2, 1.9, 3.4, 3.9, 5.2, 6.1], x: x, extra: [("x2", .number(x.map { 2 * $0 + 1 }))])
    let e = fitError(GLMSpecification(model: .formula("y ~ x + x2")), data)
    guard case .rankDeficient(let aliased)? = e else { return XCTFail("\(String(describing: e))") }
    XCTAssertEqual(aliased, ["x2"])
    XCTAssertEqual(e?.message, "design matrix is rank deficient: x2 is a linear combination of other columns")
  }

  func testDuplicatedCategoricalCodingIsRankDeficient() throws {
    let data = try frame(
      y: [1, 2, 3, 4, 5, 6], x: [1, 2, 1, 2, 1, 2],
      extra: [("g", .string(StringColumn(["a", "b", "a", "b", "a", "b"]))), ("x3", .number([0, 0, 0, 0, 0, 0]))])
    // x is exactly 1 + C(g)[T.b]; x comes after C(g) in patsy order.
    let e = fitError(GLMSpecification(model: .formula("y ~ x + C(g) + x3")), data)
    XCTAssertEqual(e, .rankDeficient(aliased: ["x", "x3"]))
  }

  func testResponseOutsideSupportNamesRowAndExpectation() throws {
    let data = try frame(y: [1, 2, -3, 4], x: [1, 2, 3, 4])
    let e = fitError(GLMSpecification(model: .formula("y ~ x"), family: PoissonFamily()), data)
    XCTAssertEqual(e, .responseOutsideSupport(row: 3, value: -3, family: "poisson", support: "y ≥ 0"))
    XCTAssertEqual(e?.message, "response -3.0 in row 3 is outside the support of the poisson family (expected y ≥ 0)")
    let g = fitError(
      GLMSpecification(model: .formula("y ~ x"), family: GammaFamily()), try frame(y: [1, 0, 3, 4], x: [1, 2, 3, 4]))
    XCTAssertEqual(g, .responseOutsideSupport(row: 2, value: 0, family: "gamma", support: "y > 0"))
  }

  func testNonFiniteValuesAndNonPositiveWeightsNameColumnAndRow() throws {
    let data = try frame(
      y: [1, 2, 3, 4, 5], x: [1, 2, .infinity, 4, 5], extra: [("w", .number([1, 1, 1, 0, 1]))])
    XCTAssertEqual(fitError(GLMSpecification(model: .formula("y ~ x")), data), .nonFiniteValue(column: "x", row: 3))
    let ok = try frame(y: [1, 2, 3, 4, 5], x: [1, 2, 3, 4, 6], extra: [("w", .number([1, 1, 1, 0, 1]))])
    let e = fitError(GLMSpecification(model: .formula("y ~ x"), weights: "w"), ok)
    XCTAssertEqual(e, .nonPositiveValue(column: "w", row: 4, value: 0))
    XCTAssertEqual(e?.message, "column 'w' must be positive, but row 4 has 0.0")
  }

  func testLinkNotAllowedAndUnknownNamesListTheChoices() {
    XCTAssertThrowsError(try GLMSpecification.family(named: "poisson", link: "logit")) { e in
      XCTAssertEqual(
        (e as? GLMError)?.message, "link 'logit' is not allowed for family poisson; allowed: log, identity, sqrt")
    }
    XCTAssertThrowsError(try GLMSpecification.family(named: "poison")) { e in
      XCTAssertEqual(e as? GLMError, .unknownFamily("poison"))
    }
    XCTAssertThrowsError(try GLMSpecification.family(named: "gaussian", link: "loglog")) { e in
      XCTAssertEqual(e as? GLMError, .unknownLink("loglog"))
    }
    XCTAssertThrowsError(try GLMSpecification.family(named: "negative_binomial", alpha: 0)) { e in
      XCTAssertEqual((e as? GLMError)?.message, "negative_binomial alpha must be > 0, got 0.0")
    }
  }

  func testExposureWithoutLogLinkIsRejected() throws {
    let data = try frame(y: [1, 2, 3, 4], x: [1, 2, 3, 4], extra: [("e", .number([1, 2, 1, 2]))])
    let spec = GLMSpecification(
      model: .formula("y ~ x"), family: PoissonFamily(link: IdentityLink()), exposure: "e")
    XCTAssertEqual(fitError(spec, data), .exposureNeedsLogLink(link: "identity"))
  }

  func testTooFewCompleteRowsReportsHowManyWereDropped() throws {
    let data = try frame(y: [1, .nan, 3], x: [1, 2, .nan])
    XCTAssertEqual(
      fitError(GLMSpecification(model: .formula("y ~ x")), data), .tooFewRows(remaining: 1, parameters: 2, dropped: 2))
  }

  func testGaussianExactFitReportsIterationsAndConvergence() throws {
    // y = 1 + 2x exactly (plus an orthogonal wiggle): closed-form OLS.
    let x: [Double] = [0, 1, 2, 3, 4]
    let y = zip(x, [0.1, -0.2, 0.2, -0.2, 0.1]).map { 1 + 2 * $0 + $1 }
    let r = try GLMFit.fit(GLMSpecification(model: .formula("y ~ x")), data: frame(y: y, x: x))
    // β̂ = (Σ(x−x̄)(y−ȳ))/Σ(x−x̄)², ȳ = 5: slope 2 + (−2·0.1 −1·(−0.2) + 0 + 1·(−0.2) + 2·0.1)/10 = 2.
    assertApproximatelyEqual(r.params, [1, 2], relative: 1e-12)
    XCTAssertTrue(r.converged)
    XCTAssertLessThanOrEqual(r.iterations, 3)
    XCTAssertLessThanOrEqual(r.convergenceCriterion, 1e-12)
    // R² = 1 − SSE/SST with SSE = 0.14, SST = 40.14.
    assertApproximatelyEqual(r.rSquared ?? .nan, 1 - 0.14 / 40.14, relative: 1e-12)
  }
}
