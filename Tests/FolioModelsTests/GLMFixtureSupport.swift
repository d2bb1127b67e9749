import FolioData
import FolioModels
import Foundation
import XCTest

/// One statsmodels reference fit from Fixtures/glm_fits.json
/// (scripts/reference/glm_fixtures.py). Missing keys are nil; JSON null is NaN.
struct GLMReferenceCase: Decodable {
  var name, family, link, formula: String
  var alpha: Double?
  var var_power: Double?
  var weights, freq_weights, offset, exposure, trials, cluster: String?
  var cov_type: String
  var exog_names: [String]
  var nobs: Int
  var params, bse, tvalues, pvalues, conf_int_90_lower, conf_int_90_upper: [Double?]
  var deviance, pearson_chi2, llf, llnull, aic, bic, scale, df_model, df_resid, pseudo_rsquared: Double?
  var fitted_head, resid_pearson_head, resid_deviance_head, resid_response_head: [Double?]
  var r2: Double?
}

struct GLMReferenceFile: Decodable {
  var statsmodels: String
  var cases: [GLMReferenceCase]
}

/// The simulated data in Fixtures/glm_data.json as a frame: `g` is a string
/// column, `cl` an integer column, everything else numbers (null → NaN).
enum GLMFixtures {
  static func url(_ name: String) throws -> URL {
    try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
  }

  static func frame() throws -> Frame {
    let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: url("glm_data"))) as? [String: Any]
    let cols = try XCTUnwrap(raw?["columns"] as? [String: Any])
    var named: [(String, Column)] = []
    for key in cols.keys.sorted() {
      let arr = try XCTUnwrap(cols[key] as? [Any])
      switch key {
      case "g": named.append((key, .string(StringColumn(arr.map { $0 as? String }))))
      case "cl": named.append((key, .integer(IntegerColumn(values: arr.map { ($0 as? NSNumber)?.intValue ?? 0 }))))
      default: named.append((key, .number(arr.map { ($0 as? NSNumber)?.doubleValue ?? .nan })))
      }
    }
    return try Frame(named)
  }

  static func cases() throws -> [GLMReferenceCase] {
    try JSONDecoder().decode(GLMReferenceFile.self, from: Data(contentsOf: url("glm_fits"))).cases
  }

  static func specification(_ c: GLMReferenceCase) throws -> GLMSpecification {
    let fam = try GLMSpecification.family(
      named: c.family, link: c.link, alpha: c.alpha ?? 1, varPower: c.var_power ?? 1)
    let cov: CovarianceType
    switch c.cov_type {
    case "HC0": cov = .hc0
    case "HC1": cov = .hc1
    case "HC2": cov = .hc2
    case "HC3": cov = .hc3
    case "cluster": cov = .cluster(column: c.cluster ?? "")
    default: cov = .nonrobust
    }
    return GLMSpecification(
      model: .formula(c.formula), family: fam, weights: c.weights, freqWeights: c.freq_weights, offset: c.offset,
      exposure: c.exposure, trials: c.trials, covariance: cov, confidenceLevel: 0.90)
  }
}
