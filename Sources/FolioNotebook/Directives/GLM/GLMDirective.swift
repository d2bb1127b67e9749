import FolioData
import FolioModels
import FolioStats

/// `{glm}`: fits a generalized linear model with statsmodels' definitions and
/// shows a summary table, a coefficient plot and optional diagnostics.
///
/// ```yaml
/// data: promo
/// formula: BOH_INCREASE ~ boost + YEARLY_SALES + C(SKU_NBR)
/// family: gaussian          # poisson, gamma, binomial, inverse_gaussian, negative_binomial, tweedie
/// link: identity            # default: statsmodels' default link of the family
/// cov_type: cluster         # nonrobust (default), HC0–HC3, cluster
/// cluster: SKU_NBR
/// fit_plot: boost           # response against one predictor with the fitted line
/// residual_plot: true       # residuals against fitted values
/// ```
///
/// The result (`{{ label.params.boost }}` etc.) carries statsmodels' names:
/// params, bse, tvalues, pvalues, conf_int, deviance, pearson_chi2, llf,
/// aic, bic, scale, nobs, df_model, df_resid, pseudo_rsquared, r2 (gaussian),
/// plus `fitted`, a dataset of row, fitted, residual, pearson and deviance
/// residuals for the rows used.
public enum GLMDirective: Directive {
  public static let name = "glm"
  public static let summary = "Generalized linear model (statsmodels definitions): summary table, coefficient plot, diagnostics."
  public static let options: [OptionSpec] = [
    OptionSpec("data", reference: true, "Label of the dataset to fit."),
    OptionSpec("formula", "y ~ x1 + x2 + C(cat) + x1:x2 - 1 (intercept by default)."),
    OptionSpec("endog", "Response column (instead of a formula)."),
    OptionSpec("exog", "Predictor columns (with endog); no intercept unless intercept: true."),
    OptionSpec("intercept", "Add an intercept to endog/exog models (default false, as statsmodels)."),
    OptionSpec("family", "gaussian (default), poisson, gamma, binomial, inverse_gaussian, negative_binomial, tweedie."),
    OptionSpec("link", "identity, log, logit, probit, cloglog, inverse_power, inverse_squared, sqrt."),
    OptionSpec("alpha", "negative_binomial dispersion (default 1)."),
    OptionSpec("var_power", "tweedie variance power (default 1)."),
    OptionSpec("weights", "Variance (analytic) weights column."),
    OptionSpec("freq_weights", "Frequency weights column."),
    OptionSpec("offset", "Offset column (added to the linear predictor)."),
    OptionSpec("exposure", "Exposure column (log link; log(exposure) joins the offset)."),
    OptionSpec("trials", "Binomial trials column (the response counts successes)."),
    OptionSpec("cov_type", "nonrobust (default), HC0, HC1, HC2, HC3 or cluster."),
    OptionSpec("cluster", "Cluster column for cov_type: cluster."),
    OptionSpec("conf_level", "Confidence level of conf_int (default 0.95)."),
    OptionSpec("show_categorical", "List C(…) level coefficients in the table and plot (default false)."),
    OptionSpec("fit_plot", "Plot the response against this predictor with the fitted line."),
    OptionSpec("residual_plot", "Plot residuals against fitted values (default false)."),
    OptionSpec("coef_plot", "Plot coefficients with intervals (default true)."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    var errors: [NotebookError] = []
    if call.options["data"] == nil { errors.append(NotebookError(call.location, "{glm} needs 'data: <label>'")) }
    let hasFormula = call.options["formula"] != nil, hasEndog = call.options["endog"] != nil
    if hasFormula == hasEndog {
      errors.append(NotebookError(call.location, "{glm} needs either 'formula: y ~ x' or 'endog' with 'exog'"))
    }
    if let f = call.options["formula"], case .scalar(let text, let quoted) = f.kind, !text.contains("{{") {
      do { _ = try GLMFormula.parse(text) } catch {
        errors.append(locate(error, node: f, quoted: quoted))
      }
    }
    do { _ = try specification(call) } catch { errors.append(error) }
    return errors
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    guard let dataNode = call.options["data"] else { throw NotebookError(call.location, "{glm} needs 'data: <label>'") }
    let frame = try context.dataset(try dataNode.string("data"), at: dataNode.location)
    let spec = try specification(call)
    let results: GLMResults
    do { results = try GLMFit.fit(spec, data: frame) } catch {
      if let f = call.options["formula"], case .scalar(_, let quoted) = f.kind { throw locate(error, node: f, quoted: quoted) }
      throw NotebookError(call.options["endog"]?.location ?? call.location, error.message)
    }
    let showCategorical = try call.options["show_categorical"]?.bool("show_categorical") ?? false
    var outputs = GLMReport.outputs(results, showCategorical: showCategorical, response: responseName(spec))
    if try call.options["coef_plot"]?.bool("coef_plot") ?? true {
      outputs.append(.chart(GLMReport.coefficientChart(results, showCategorical: showCategorical)))
    }
    if let fp = call.options["fit_plot"] {
      let x = try fp.string("fit_plot")
      outputs.append(.chart(try GLMReport.fitChart(results, frame: frame, predictor: x, response: responseName(spec), at: fp.location)))
    }
    if try call.options["residual_plot"]?.bool("residual_plot") ?? false {
      outputs.append(.chart(GLMReport.residualChart(results)))
    }
    return DirectiveResult(value: GLMReport.value(results), outputs: outputs)
  }

  /// The model specification from the options (no data needed).
  static func specification(_ call: DirectiveCall) throws(NotebookError) -> GLMSpecification {
    let o = call.options
    let model: GLMSpecification.Model
    if let f = o["formula"] {
      model = .formula(try f.string("formula"))
    } else if let e = o["endog"] {
      guard let x = o["exog"] else { throw NotebookError(e.location, "endog needs 'exog: [columns]' beside it") }
      model = .columns(response: try e.string("endog"), exog: try x.stringList("exog"), addIntercept: try o["intercept"]?.bool("intercept") ?? false)
    } else {
      throw NotebookError(call.location, "{glm} needs either 'formula: y ~ x' or 'endog' with 'exog'")
    }
    let familyNode = o["family"]
    let family: any Family
    do {
      family = try GLMSpecification.family(
        named: try familyNode?.string("family") ?? "gaussian", link: try o["link"]?.string("link"),
        alpha: try o["alpha"]?.double("alpha") ?? 1, varPower: try o["var_power"]?.double("var_power") ?? 1)
    } catch let e as NotebookError { throw e } catch {
      let at: SourceLocation
      if case .unknownLink = error as? GLMError { at = o["link"]?.location ?? call.location }
      else if case .linkNotAllowed = error as? GLMError { at = o["link"]?.location ?? call.location }
      else { at = familyNode?.location ?? call.location }
      throw NotebookError(at, (error as? GLMError)?.message ?? "\(error)")
    }
    var covariance = CovarianceType.nonrobust
    if let c = o["cov_type"] {
      let t = try c.string("cov_type")
      switch t.lowercased() {
      case "nonrobust": covariance = .nonrobust
      case "hc0": covariance = .hc0
      case "hc1": covariance = .hc1
      case "hc2": covariance = .hc2
      case "hc3": covariance = .hc3
      case "cluster":
        guard let g = o["cluster"] else { throw NotebookError(c.location, "cov_type: cluster needs 'cluster: <column>'") }
        covariance = .cluster(column: try g.string("cluster"))
      default:
        throw NotebookError(c.location, "cov_type: expected nonrobust, HC0, HC1, HC2, HC3 or cluster, found '\(t)'")
      }
    } else if let g = o["cluster"] {
      throw NotebookError(g.location, "cluster is used only with cov_type: cluster")
    }
    var level = 0.95
    if let l = o["conf_level"] {
      level = try l.double("conf_level")
      guard level > 0, level < 1 else { throw NotebookError(l.location, "conf_level: expected a level between 0 and 1, e.g. 0.95") }
    }
    return GLMSpecification(
      model: model, family: family, weights: try o["weights"]?.string("weights"),
      freqWeights: try o["freq_weights"]?.string("freq_weights"), offset: try o["offset"]?.string("offset"),
      exposure: try o["exposure"]?.string("exposure"), trials: try o["trials"]?.string("trials"),
      covariance: covariance, confidenceLevel: level)
  }

  static func responseName(_ spec: GLMSpecification) -> String {
    switch spec.model {
    case .formula(let f): return f.split(separator: "~").first.map { $0.trimmingCharacters(in: " ") } ?? "y"
    case .columns(let r, _, _): return r
    }
  }

  /// A formula error placed at its character in the notebook.
  static func locate(_ error: GLMError, node: OptionNode, quoted: Bool) -> NotebookError {
    let base = quoted ? node.location.advanced(byColumns: 1) : node.location
    switch error {
    case .formula(_, _, let off): return NotebookError(base.advanced(byColumns: off), error.message)
    case .unknownColumn(_, let off?, _): return NotebookError(base.advanced(byColumns: off), error.message)
    default: return NotebookError(node.location, error.message)
    }
  }
}
