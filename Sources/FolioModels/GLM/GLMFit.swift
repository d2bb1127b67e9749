import FolioData
import FolioStats
import Foundation

/// Fits a `GLMSpecification` to a `Frame`: builds the structured design,
/// checks every value, runs IRLS and computes statsmodels' result set.
public struct GLMFit {
  /// Fits `spec` on `data`.
  ///
  /// - Throws: `GLMError` naming the column/row or formula offset at fault.
  public static func fit(_ spec: GLMSpecification, data: Frame) throws(GLMError) -> GLMResults {
    let family = spec.family
    if spec.exposure != nil, family.link.name != "log" { throw .exposureNeedsLogLink(link: family.link.name) }
    let formula: GLMFormula
    switch spec.model {
    case .formula(let text): formula = try GLMFormula.parse(text)
    case .columns(let response, let exog, let addIntercept):
      formula = GLMFormula(
        response: response, terms: exog.map { [GLMFormula.Factor(column: $0, explicitCategorical: false, offset: 0)] },
        hasIntercept: addIntercept, text: "")
    }
    var extra = [spec.weights, spec.freqWeights, spec.offset, spec.exposure, spec.trials].compactMap { $0 }
    if case .cluster(let c) = spec.covariance { extra.append(c) }
    let built = try GLMDesign.build(formula, from: data, extraColumns: extra)
    let design = built.design, rows = built.rows, n = design.rowCount

    func numeric(_ name: String, role: String) throws(GLMError) -> [Double] {
      guard let c = data[name] else { throw .unknownColumn(name, offset: nil, available: data.columnNames) }
      guard let v = c.doubles else { throw .unsupportedColumnType(name, role: role, type: c.type) }
      var out = [Double](repeating: 0, count: n)
      for (k, r) in rows.enumerated() {
        guard v[r].isFinite else { throw .nonFiniteValue(column: name, row: r + 1) }
        out[k] = v[r]
      }
      return out
    }
    func positive(_ name: String?, role: String, allowZero: Bool = false) throws(GLMError) -> [Double]? {
      guard let name else { return nil }
      let v = try numeric(name, role: role)
      for (k, x) in v.enumerated() where x < 0 || (!allowZero && x == 0) {
        throw .nonPositiveValue(column: name, row: rows[k] + 1, value: x)
      }
      return v
    }
    var y = try numeric(formula.response, role: "the response")
    let varW = try positive(spec.weights, role: "variance weights") ?? [Double](repeating: 1, count: n)
    let freqW = try positive(spec.freqWeights, role: "frequency weights") ?? [Double](repeating: 1, count: n)
    let trials = try positive(spec.trials, role: "binomial trials")
    if trials != nil && family.name != "binomial" {
      throw .invalidFamilyParameter("trials are only meaningful for the binomial family, not \(family.name)")
    }
    var offset = spec.offset == nil ? nil : try numeric(spec.offset ?? "", role: "an offset")
    if let exposure = try positive(spec.exposure, role: "exposure") {
      offset = (0..<n).map { (offset?[$0] ?? 0) + log(exposure[$0]) }
    }
    if let t = trials {
      for k in 0..<n {
        guard y[k] >= 0, y[k] <= t[k] else {
          throw .responseOutsideSupport(row: rows[k] + 1, value: y[k], family: family.name, support: "0 ≤ successes ≤ trials")
        }
        y[k] /= t[k]
      }
    }
    for k in 0..<n where !family.isInSupport(y[k]) {
      throw .responseOutsideSupport(
        row: rows[k] + 1, value: y[k], family: family.name, support: family.supportDescription)
    }
    for (a, j) in design.denseColumns.enumerated() {
      for k in 0..<n where !design.dense[k, a].isFinite {
        throw .nonFiniteValue(column: design.columnNames[j], row: rows[k] + 1)
      }
    }
    let prior = (0..<n).map { freqW[$0] * varW[$0] }
    let sol = try spec.fitter.fit(
      design: design, y: y, offset: offset, priorWeights: prior, trials: trials, family: family)

    // Statistics.
    let nTr = trials ?? [Double](repeating: 1, count: n)
    let wnobs = freqW.reduce(0, +)
    let rank = Double(design.columnCount)
    let dfModel = rank - 1, dfResid = wnobs - rank
    var pearson = 0.0
    for i in 0..<n {
      let r = y[i] - sol.mu[i]
      pearson += prior[i] * nTr[i] * r * r / family.variance(sol.mu[i])
    }
    let scale = family.estimatesScale ? pearson / dfResid : 1
    func loglike(_ mu: [Double], scale s: Double) -> Double {
      var ll = 0.0
      for i in 0..<n { ll += freqW[i] * family.logLikelihood(y[i], mu[i], varWeight: varW[i], scale: s, trials: nTr[i]) }
      return ll
    }
    let gaussianIdentity = family.name == "gaussian" && family.link.name == "identity"
    var llf: Double
    if gaussianIdentity {
      var ssr = 0.0
      for i in 0..<n { ssr += prior[i] * (y[i] - sol.mu[i]) * (y[i] - sol.mu[i]) }
      llf = loglike(sol.mu, scale: ssr / wnobs)
    } else {
      llf = loglike(sol.mu, scale: scale)
    }
    // Null model: the weighted mean without offset, an intercept-only fit with it.
    var nullMu: [Double]
    if let offset {
      let ones = GLMDesign(
        columnNames: ["Intercept"], rowCount: n, dense: Matrix(rows: n, columns: 1, repeating: 1),
        denseColumns: [0], blocks: [])
      let nullSol = try? spec.fitter.fit(
        design: ones, y: y, offset: offset, priorWeights: prior, trials: trials, family: family)
      nullMu = nullSol?.mu ?? [Double](repeating: .nan, count: n)
    } else {
      var sw = 0.0, swy = 0.0
      for i in 0..<n { sw += prior[i] * nTr[i]; swy += prior[i] * nTr[i] * y[i] }
      nullMu = [Double](repeating: swy / sw, count: n)
    }
    let llnull = loglike(nullMu, scale: scale)
    let pseudoR2 = 1 - exp((llnull - llf) * 2 / Double(n))
    var r2: Double? = nil
    if family.name == "gaussian" {
      var sw = 0.0, swy = 0.0
      for i in 0..<n { sw += prior[i]; swy += prior[i] * y[i] }
      let ybar = swy / sw
      var sse = 0.0, sst = 0.0
      for i in 0..<n {
        sse += prior[i] * (y[i] - sol.mu[i]) * (y[i] - sol.mu[i])
        sst += prior[i] * (y[i] - ybar) * (y[i] - ybar)
      }
      r2 = 1 - sse / sst
    }
    let aic = -2 * llf + 2 * (dfModel + 1)
    let bic = -2 * llf + (dfModel + 1) * log(wnobs)

    let cov = try GLMCovariance.matrix(
      spec.covariance, solution: sol, design: design, y: y, prior: prior, freq: freqW, trials: nTr,
      family: family, scale: scale, data: data, rows: rows)
    let p = design.columnCount
    let bse = (0..<p).map { cov[$0, $0].squareRoot() }
    let z = (0..<p).map { sol.params[$0] / bse[$0] }
    let normal = NormalDistribution()
    let pv = z.map { 2 * normal.sf(abs($0)) }
    let q = normal.isf((1 - spec.confidenceLevel) / 2)
    let ci = (0..<p).map { (lower: sol.params[$0] - q * bse[$0], upper: sol.params[$0] + q * bse[$0]) }

    var rResp = [Double](repeating: 0, count: n), rPear = rResp, rDev = rResp
    for i in 0..<n {
      let r = y[i] - sol.mu[i]
      rResp[i] = nTr[i] * r
      rPear[i] = (varW[i] * nTr[i]).squareRoot() * r / family.variance(sol.mu[i]).squareRoot()
      let d = max(0, varW[i] * nTr[i] * family.unitDeviance(y[i], sol.mu[i]))
      rDev[i] = (r < 0 ? -1 : 1) * d.squareRoot()
    }
    return GLMResults(
      termNames: design.columnNames, params: sol.params, bse: bse, tvalues: z, pvalues: pv, confInt: ci,
      confidenceLevel: spec.confidenceLevel, covariance: cov, covType: spec.covariance.name, deviance: sol.deviance,
      pearsonChi2: pearson, llf: llf, llnull: llnull, aic: aic, bic: bic, scale: scale, nobs: n, wnobs: wnobs,
      droppedRows: built.droppedRows, dfModel: dfModel, dfResid: dfResid, pseudoRSquared: pseudoR2, rSquared: r2,
      iterations: sol.iterations, converged: sol.converged, convergenceCriterion: sol.criterion,
      fittedValues: sol.mu, linearPredictor: sol.eta, residResponse: rResp, residPearson: rPear,
      residDeviance: rDev, rows: rows, familyName: family.name, linkName: family.link.name)
  }
}
