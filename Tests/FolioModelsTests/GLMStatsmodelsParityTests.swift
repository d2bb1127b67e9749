import FolioData
import FolioModels
import FolioTestSupport
import XCTest

/// Every family × link, weights, offset, exposure, trials, categorical terms,
/// interactions, missing rows and HC0–HC3/cluster covariances against
/// statsmodels 0.15 fits at tol=1e-14 (Fixtures/glm_fits.json).
final class GLMStatsmodelsParityTests: XCTestCase {
  private func check(
    _ got: Double, _ want: Double?, _ what: String, _ c: GLMReferenceCase, relative: Double = 1e-6,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let w = want ?? .nan
    if w.isNaN { return XCTAssertTrue(got.isNaN, "\(c.name) \(what): \(got) vs NaN", file: file, line: line) }
    assertApproximatelyEqual(got, w, relative: relative, absolute: 1e-10, "\(c.name) \(what)", file: file, line: line)
  }

  private func check(
    _ got: [Double], _ want: [Double?], _ what: String, _ c: GLMReferenceCase, relative: Double = 1e-6,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertGreaterThanOrEqual(got.count, want.count, "\(c.name) \(what) length", file: file, line: line)
    for (k, w) in want.enumerated() where k < got.count {
      check(got[k], w, "\(what)[\(k)]", c, relative: relative, file: file, line: line)
    }
  }

  func testEveryReferenceFitMatchesStatsmodelsToOneInAMillion() throws {
    let frame = try GLMFixtures.frame()
    let cases = try GLMFixtures.cases()
    XCTAssertEqual(cases.count, 56)
    for c in cases {
      let r: GLMResults
      do { r = try GLMFit.fit(GLMFixtures.specification(c), data: frame) } catch {
        XCTFail("\(c.name): \(error)")
        continue
      }
      XCTAssertEqual(r.termNames, c.exog_names, c.name)
      XCTAssertEqual(r.nobs, c.nobs, c.name)
      XCTAssertTrue(r.converged, "\(c.name) did not converge")
      check(r.params, c.params, "params", c)
      check(r.bse, c.bse, "bse", c)
      check(r.tvalues, c.tvalues, "tvalues", c)
      check(r.pvalues, c.pvalues, "pvalues", c, relative: 1e-5)
      check(r.confInt.map(\.lower), c.conf_int_90_lower, "conf_int lower", c)
      check(r.confInt.map(\.upper), c.conf_int_90_upper, "conf_int upper", c)
      check(r.deviance, c.deviance, "deviance", c)
      check(r.pearsonChi2, c.pearson_chi2, "pearson_chi2", c)
      check(r.llf, c.llf, "llf", c)
      check(r.llnull, c.llnull, "llnull", c)
      check(r.aic, c.aic, "aic", c)
      check(r.bic, c.bic, "bic", c)
      check(r.scale, c.scale, "scale", c)
      check(r.dfModel, c.df_model, "df_model", c)
      check(r.dfResid, c.df_resid, "df_resid", c)
      check(r.pseudoRSquared, c.pseudo_rsquared, "pseudo_rsquared", c, relative: 1e-5)
      check(r.fittedValues, c.fitted_head, "fitted", c)
      check(r.residPearson, c.resid_pearson_head, "resid_pearson", c)
      check(r.residDeviance, c.resid_deviance_head, "resid_deviance", c)
      check(r.residResponse, c.resid_response_head, "resid_response", c)
      if let r2 = c.r2 { check(r.rSquared ?? .nan, r2, "r2", c) }
    }
  }
}
