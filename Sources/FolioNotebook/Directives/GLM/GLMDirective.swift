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
  static let data = DirectiveOption.reference("data", "Label of the dataset to fit.")
  static let formula = DirectiveOption.structured(
    "formula", kind: .structured("y ~ x1 + x2 + C(cat) + x1:x2 - 1"), "Model formula (intercept by default)."
  ) { node, name throws(NotebookError) -> String in
    let text = try node.string(name)
    do throws(GLMError) { _ = try GLMFormula.parse(text) } catch { throw locate(error, node: node) }
    return text
  }
  static let endog = DirectiveOption.column("endog", "Response column (instead of a formula).")
  static let exog = DirectiveOption.columns("exog", "Predictor columns (with endog); no intercept unless intercept: true.")
  static let intercept = DirectiveOption.bool("intercept", default: false, "Add an intercept to endog/exog models (as statsmodels, off by default).")
  static let family = DirectiveOption.choice("family", default: FamilyName.gaussian, "Distribution family.")
  static let link = DirectiveOption.choice("link", LinkName.self, "Link function (default: the family's default link, as statsmodels).")
  static let alpha = DirectiveOption.number("alpha", default: 1, in: .positive, "negative_binomial dispersion.")
  static let varPower = DirectiveOption.number("var_power", default: 1, "tweedie variance power.")
  static let weights = DirectiveOption.column("weights", "Variance (analytic) weights column.")
  static let freqWeights = DirectiveOption.column("freq_weights", "Frequency weights column.")
  static let offset = DirectiveOption.column("offset", "Offset column (added to the linear predictor).")
  static let exposure = DirectiveOption.column("exposure", "Exposure column (log link; log(exposure) joins the offset).")
  static let trials = DirectiveOption.column("trials", "Binomial trials column (the response counts successes).")
  static let covType = DirectiveOption.choice("cov_type", default: CovarianceName.nonrobust, "Parameter covariance.")
  static let cluster = DirectiveOption.column("cluster", "Cluster column for cov_type: cluster.")
  static let confLevel = DirectiveOption.number("conf_level", default: 0.95, in: .openUnit, "Confidence level of conf_int.")
  static let showCategorical = DirectiveOption.bool("show_categorical", default: false, "List C(…) level coefficients in the table and plot.")
  static let fitPlot = DirectiveOption.column("fit_plot", "Plot the response against this predictor with the fitted line.")
  static let residualPlot = DirectiveOption.bool("residual_plot", default: false, "Plot residuals against fitted values.")
  static let coefPlot = DirectiveOption.bool("coef_plot", default: true, "Plot coefficients with intervals.")
  public static let options: [any AnyOptionDeclaration] = [
    data, formula, endog, exog, intercept, family, link, alpha, varPower, weights, freqWeights, offset, exposure, trials,
    covType, cluster, confLevel, showCategorical, fitPlot, residualPlot, coefPlot,
  ]

  /// Family names, as statsmodels spells them.
  enum FamilyName: String, Sendable, CaseIterable {
    case gaussian, poisson, gamma, binomial, inverse_gaussian, negative_binomial, tweedie
  }
  /// Link names.
  enum LinkName: String, Sendable, CaseIterable {
    case identity, log, logit, probit, cloglog, inverse_power, inverse_squared, sqrt
  }
  /// Covariance names.
  enum CovarianceName: String, Sendable, CaseIterable {
    case nonrobust, HC0, HC1, HC2, HC3, cluster
  }

  public static func validate(_ options: ParsedOptions) -> [NotebookError] {
    do { _ = try specification(options) } catch { return [error] }
    return []
  }

  public static func run(_ options: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let frame = try context.dataset(options[data])
    let spec = try specification(options)
    let results: GLMResults
    do { results = try GLMFit.fit(spec, data: frame) } catch {
      if let f = options.node(of: formula) { throw locate(error, node: f) }
      throw NotebookError(options.isPresent(endog) ? options.location(of: endog) : options.blockLocation, error.message)
    }
    let show = options[showCategorical]
    var outputs = GLMReport.outputs(results, showCategorical: show, response: responseName(spec))
    if options[coefPlot] {
      outputs.append(.chart(GLMReport.coefficientChart(results, showCategorical: show)))
    }
    if let x = options[fitPlot] {
      outputs.append(.chart(try GLMReport.fitChart(results, frame: frame, predictor: x, response: responseName(spec), at: options.location(of: fitPlot))))
    }
    if options[residualPlot] {
      outputs.append(.chart(GLMReport.residualChart(results)))
    }
    return DirectiveResult(value: GLMReport.value(results), outputs: outputs)
  }

  /// The model specification from the options (no data needed).
  static func specification(_ o: ParsedOptions) throws(NotebookError) -> GLMSpecification {
    let model: GLMSpecification.Model
    switch (o[formula], o[endog]) {
    case (let f?, nil):
      model = .formula(f)
    case (nil, let e?):
      guard let x = o[exog] else { throw NotebookError(o.location(of: endog), "endog needs 'exog: [columns]' beside it") }
      model = .columns(response: e, exog: x, addIntercept: o[intercept])
    default:
      throw NotebookError(o.blockLocation, "{glm} needs either 'formula: y ~ x' or 'endog' with 'exog'")
    }
    let fam: any Family
    do throws(GLMError) {
      fam = try GLMSpecification.family(named: o[family].rawValue, link: o[link]?.rawValue, alpha: o[alpha], varPower: o[varPower])
    } catch {
      let at: SourceLocation
      switch error {
      case .unknownLink, .linkNotAllowed: at = o.location(of: link)
      default: at = o.location(of: family)
      }
      throw NotebookError(at, error.message)
    }
    var covariance = CovarianceType.nonrobust
    switch o[covType] {
    case .nonrobust: covariance = .nonrobust
    case .HC0: covariance = .hc0
    case .HC1: covariance = .hc1
    case .HC2: covariance = .hc2
    case .HC3: covariance = .hc3
    case .cluster:
      guard let g = o[cluster] else { throw NotebookError(o.location(of: covType), "cov_type: cluster needs 'cluster: <column>'") }
      covariance = .cluster(column: g)
    }
    if o[covType] != .cluster, o.isPresent(cluster) {
      throw NotebookError(o.location(of: cluster), "cluster is used only with cov_type: cluster")
    }
    return GLMSpecification(
      model: model, family: fam, weights: o[weights], freqWeights: o[freqWeights], offset: o[offset],
      exposure: o[exposure], trials: o[trials], covariance: covariance, confidenceLevel: o[confLevel])
  }

  static func responseName(_ spec: GLMSpecification) -> String {
    switch spec.model {
    case .formula(let f): return f.split(separator: "~").first.map { $0.trimmingCharacters(in: " ") } ?? "y"
    case .columns(let r, _, _): return r
    }
  }

  /// A formula error placed at its character in the notebook.
  static func locate(_ error: GLMError, node: OptionNode) -> NotebookError {
    let base = node.isQuoted ? node.location.advanced(byColumns: 1) : node.location
    switch error {
    case .formula(_, _, let off): return NotebookError(base.advanced(byColumns: off), error.message)
    case .unknownColumn(_, let off?, _): return NotebookError(base.advanced(byColumns: off), error.message)
    default: return NotebookError(node.location, error.message)
    }
  }
}
