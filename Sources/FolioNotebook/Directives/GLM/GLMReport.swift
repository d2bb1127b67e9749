import FolioData
import FolioModels

/// How a fitted GLM reads in a report and in results: statsmodels-style
/// summary tables, the coefficient plot, diagnostics charts and the result value.
enum GLMReport {
  /// Largest number of points drawn in a scatter; beyond it every k-th row
  /// (deterministic) is drawn and the chart says so.
  static let maxScatterPoints = 4000

  /// Whether a term is a categorical level (`C(sku)[T.B]`), hidden by default.
  static func isCategoricalLevel(_ term: String) -> Bool { term.contains(")[T.") }

  // MARK: - Value

  static func value(_ r: GLMResults) -> Value {
    func byTerm(_ xs: [Double]) -> Value { .object(zip(r.termNames, xs).map { ($0.0, .number($0.1)) }) }
    var fields: [(String, Value)] = [
      ("family", .string(r.familyName)), ("link", .string(r.linkName)), ("cov_type", .string(r.covType)),
      ("params", byTerm(r.params)), ("bse", byTerm(r.bse)), ("tvalues", byTerm(r.tvalues)), ("pvalues", byTerm(r.pvalues)),
      ("conf_int", .object(zip(r.termNames, r.confInt).map { ($0.0, .array([.number($0.1.lower), .number($0.1.upper)])) })),
      ("conf_level", .number(r.confidenceLevel)),
      ("deviance", .number(r.deviance)), ("pearson_chi2", .number(r.pearsonChi2)), ("llf", .number(r.llf)),
      ("llnull", .number(r.llnull)), ("aic", .number(r.aic)), ("bic", .number(r.bic)), ("scale", .number(r.scale)),
      ("nobs", .integer(r.nobs)), ("dropped_rows", .integer(r.droppedRows)), ("df_model", .number(r.dfModel)),
      ("df_resid", .number(r.dfResid)), ("pseudo_rsquared", .number(r.pseudoRSquared)),
    ]
    if let r2 = r.rSquared { fields.append(("r2", .number(r2))) }
    fields += [("iterations", .integer(r.iterations)), ("converged", .bool(r.converged))]
    let fitted = (try? Frame([
      ("row", .integer(IntegerColumn(values: r.rows.map { $0 + 1 }))),
      ("fitted", .number(r.fittedValues)), ("residual", .number(r.residResponse)),
      ("pearson", .number(r.residPearson)), ("deviance", .number(r.residDeviance)),
    ])) ?? Frame()
    fields.append(("fitted", .table(fitted)))
    return .object(fields)
  }

  // MARK: - Tables

  /// The two summary tables: model statistics (statsmodels' header) and coefficients.
  static func outputs(_ r: GLMResults, showCategorical: Bool, response: String) -> [BlockOutput] {
    let g = NumberFormat(.number, digits: 6)
    var info: [(String, String)] = [
      ("Dep. Variable", response), ("Model", "GLM"), ("Model Family", r.familyName), ("Link Function", r.linkName),
      ("Method", "IRLS"), ("No. Iterations", String(r.iterations)), ("Covariance Type", r.covType),
      ("No. Observations", NumberFormat(.thousands, digits: 0).format(Double(r.nobs))),
      ("Df Residuals", g.format(r.dfResid)), ("Df Model", g.format(r.dfModel)), ("Scale", g.format(r.scale)),
      ("Log-Likelihood", g.format(r.llf)), ("Deviance", g.format(r.deviance)), ("Pearson chi2", g.format(r.pearsonChi2)),
      ("AIC", g.format(r.aic)), ("BIC", g.format(r.bic)), ("Pseudo R-squ. (CS)", g.format(r.pseudoRSquared)),
    ]
    if let r2 = r.rSquared { info.append(("R-squared (1 − SSE/SST)", g.format(r2))) }
    if r.droppedRows > 0 { info.append(("Rows dropped (missing)", String(r.droppedRows))) }
    let half = (info.count + 1) / 2
    let infoRows = (0..<half).map { i -> [String] in
      let right = i + half < info.count ? info[i + half] : ("", "")
      return [info[i].0, info[i].1, right.0, right.1]
    }
    let infoTable = TableSpec(
      columns: [.init(header: "Model", isNumeric: false), .init(header: "", isNumeric: true),
                .init(header: "", isNumeric: false), .init(header: "", isNumeric: true)],
      rows: infoRows, totalRows: infoRows.count)

    let lo = (1 - r.confidenceLevel) / 2, hi = 1 - lo
    let pct = { (p: Double) in NumberFormat(.number, digits: 4).format(p) }
    let shown = r.termNames.indices.filter { showCategorical || !isCategoricalLevel(r.termNames[$0]) }
    let coefRows = shown.map { i -> [String] in
      [r.termNames[i], fmt(r.params[i]), fmt(r.bse[i]), NumberFormat(.fixed, digits: 3).format(r.tvalues[i]),
       NumberFormat(.fixed, digits: 3).format(r.pvalues[i]), fmt(r.confInt[i].lower), fmt(r.confInt[i].upper)]
    }
    let coefTable = TableSpec(
      columns: [.init(header: "", isNumeric: false), .init(header: "coef", isNumeric: true),
                .init(header: "std err", isNumeric: true), .init(header: "z", isNumeric: true),
                .init(header: "P>|z|", isNumeric: true), .init(header: "[\(pct(lo))", isNumeric: true),
                .init(header: "\(pct(hi))]", isNumeric: true)],
      rows: coefRows, totalRows: coefRows.count,
      caption: "Coefficients, \(r.covType) standard errors, \(NumberFormat(.percent, digits: 0).format(r.confidenceLevel)) confidence intervals.")
    var out: [BlockOutput] = [.table(infoTable), .table(coefTable)]
    let hidden = r.termNames.count - shown.count
    if hidden > 0 {
      out.append(.note("\(hidden) categorical level coefficients (fixed effects) are not listed; they are in results.json (show_categorical: true lists them)."))
    }
    return out
  }

  /// Coefficients to 4 significant decimals, statsmodels-like.
  static func fmt(_ v: Double) -> String {
    abs(v) >= 1e5 || (abs(v) < 1e-4 && v != 0) ? NumberFormat(.sci, digits: 3).format(v) : NumberFormat(.fixed, digits: 4).format(v)
  }

  // MARK: - Charts

  static func coefficientChart(_ r: GLMResults, showCategorical: Bool) -> ChartSpec {
    let idx = r.termNames.indices.filter { r.termNames[$0] != "Intercept" && (showCategorical || !isCategoricalLevel(r.termNames[$0])) }
    let terms = idx.map { r.termNames[$0] }
    let level = NumberFormat(.percent, digits: 0).format(r.confidenceLevel)
    return ChartSpec(
      title: "Coefficients with \(level) confidence intervals",
      description: "Estimate and \(level) interval for each term except the intercept.",
      x: ChartAxis(label: "Coefficient", scale: .numeric(nil), includeZero: true),
      y: ChartAxis(scale: .categorical(terms)),
      layers: [.interval(IntervalLayer(
        name: "Estimate", categories: terms, estimate: idx.map { r.params[$0] },
        low: idx.map { r.confInt[$0].lower }, high: idx.map { r.confInt[$0].upper }, reference: 0))])
  }

  /// Every k-th row index so at most `maxScatterPoints` are drawn.
  static func thinned(_ n: Int) -> (indices: [Int], step: Int) {
    let step = max(1, (n + maxScatterPoints - 1) / maxScatterPoints)
    return (Array(stride(from: 0, to: n, by: step)), step)
  }

  static func residualChart(_ r: GLMResults) -> ChartSpec {
    let (idx, step) = thinned(r.fittedValues.count)
    return ChartSpec(
      title: "Residuals against fitted values",
      subtitle: step > 1 ? "every \(step)th of \(r.fittedValues.count) rows shown" : nil,
      description: "Response residuals against fitted values; a pattern suggests a missing term or the wrong link.",
      x: ChartAxis(label: "Fitted value"), y: ChartAxis(label: "Residual"),
      layers: [.scatter([ChartSeries(name: "Rows", x: idx.map { r.fittedValues[$0] }, y: idx.map { r.residResponse[$0] })]),
               .rule(RuleLayer(.horizontal, at: 0))])
  }

  /// The response against one predictor, with the model's line through it
  /// (other terms at their means, so for a one-predictor model it is exactly the fit).
  static func fitChart(_ r: GLMResults, frame: Frame, predictor: String, response: String, at loc: SourceLocation) throws(NotebookError) -> ChartSpec {
    guard let xCol = frame[predictor]?.doubles else {
      throw NotebookError(loc, "fit_plot: expected a numeric column used in the model, found '\(predictor)'")
    }
    guard let j = r.termNames.firstIndex(of: predictor) else {
      throw NotebookError(loc, "fit_plot: '\(predictor)' is not a term of the model; terms are: \(r.termNames.joined(separator: ", "))")
    }
    let xs = r.rows.map { xCol[$0] }
    let ys = zip(r.fittedValues, r.residResponse).map { $0 + $1 }
    let (idx, step) = thinned(xs.count)
    // Linear predictor at the mean of the other terms: mean(η) − β·mean(x) + β·x.
    let n = Double(xs.count)
    let meanEta = r.linearPredictor.reduce(0, +) / n
    let meanX = xs.reduce(0, +) / n
    let beta = r.params[j]
    let lo = xs.min() ?? 0, hi = xs.max() ?? 0
    let grid = (0...50).map { lo + (hi - lo) * Double($0) / 50 }
    let etaGrid = grid.map { meanEta + beta * ($0 - meanX) }
    let muGrid = etaGrid.map { (try? GLMSpecification.family(named: r.familyName, link: r.linkName))?.link.inverse($0) ?? $0 }
    return ChartSpec(
      title: "\(response) against \(predictor), with the fitted line",
      subtitle: step > 1 ? "every \(step)th of \(xs.count) rows shown" : nil,
      description: "Observed \(response) against \(predictor); the line is the model's prediction with other terms at their means.",
      x: ChartAxis(label: predictor), y: ChartAxis(label: response),
      layers: [.scatter([ChartSeries(name: "Observed", x: idx.map { xs[$0] }, y: idx.map { ys[$0] })]),
               .line([ChartSeries(name: "Fitted (β = \(fmt(beta)))", x: grid, y: muGrid)])])
  }
}
