/// Covariance estimators for GLM parameters, as statsmodels names them.
public enum CovarianceType: Sendable, Equatable {
  /// scale · (XᵀWX)⁻¹ (expected information).
  case nonrobust
  /// Heteroscedasticity-robust sandwich. For a GLM statsmodels 0.15 computes
  /// all four as the same uncorrected sandwich H⁻¹(Σ sᵢsᵢᵀ)H⁻¹ with the
  /// observed Hessian H (no n/(n−k) factor, no leverage adjustment); Folio
  /// matches that, so `.hc1`, `.hc2` and `.hc3` equal `.hc0`.
  case hc0, hc1, hc2, hc3
  /// Cluster-robust by the groups in a column: G/(G−1) · (N−1)/(N−k) · H⁻¹(Σ_g s_g s_gᵀ)H⁻¹.
  case cluster(column: String)

  /// statsmodels' spelling: "nonrobust", "HC0", …, "cluster".
  public var name: String {
    switch self {
    case .nonrobust: return "nonrobust"
    case .hc0: return "HC0"
    case .hc1: return "HC1"
    case .hc2: return "HC2"
    case .hc3: return "HC3"
    case .cluster: return "cluster"
    }
  }
}

/// What to fit: the model (formula or response/exog columns), the family and
/// link, prior weights, offset/exposure, covariance and confidence level.
public struct GLMSpecification: Sendable {
  /// The model's terms.
  public enum Model: Sendable {
    /// A formula such as `y ~ x1 + C(sku)` (intercept by default).
    case formula(String)
    /// statsmodels' `GLM(endog, exog)`: numeric columns as given, with an
    /// intercept only when `addIntercept` (statsmodels adds none).
    case columns(response: String, exog: [String], addIntercept: Bool)
  }

  public var model: Model
  /// The family, holding its link (statsmodels' default link unless set).
  public var family: any Family
  /// Variance (analytic) weights column: Var(yᵢ) = φ V(μᵢ) / wᵢ.
  public var weights: String?
  /// Frequency weights column: row i counts as wᵢ observations.
  public var freqWeights: String?
  /// Offset column, added to the linear predictor with coefficient 1.
  public var offset: String?
  /// Exposure column (log link only): log(exposure) is added to the offset.
  public var exposure: String?
  /// Binomial trials column: the response is then the number of successes.
  public var trials: String?
  public var covariance: CovarianceType
  /// Level of `confInt` (default 0.95).
  public var confidenceLevel: Double
  /// IRLS settings.
  public var fitter: IRLSFitter

  public init(
    model: Model, family: any Family = GaussianFamily(), weights: String? = nil, freqWeights: String? = nil,
    offset: String? = nil, exposure: String? = nil, trials: String? = nil, covariance: CovarianceType = .nonrobust,
    confidenceLevel: Double = 0.95, fitter: IRLSFitter = IRLSFitter()
  ) {
    self.model = model
    self.family = family
    self.weights = weights
    self.freqWeights = freqWeights
    self.offset = offset
    self.exposure = exposure
    self.trials = trials
    self.covariance = covariance
    self.confidenceLevel = confidenceLevel
    self.fitter = fitter
  }

  /// A family by statsmodels name with an optional link name, `alpha` for
  /// negative_binomial and `varPower` for tweedie.
  ///
  /// - Throws: `.unknownFamily`, `.unknownLink`, `.linkNotAllowed`,
  ///   `.invalidFamilyParameter`.
  public static func family(
    named name: String, link linkName: String? = nil, alpha: Double = 1, varPower: Double = 1
  ) throws(GLMError) -> any Family {
    var fam: any Family
    switch name.lowercased() {
    case "gaussian": fam = GaussianFamily()
    case "poisson": fam = PoissonFamily()
    case "gamma": fam = GammaFamily()
    case "binomial": fam = BinomialFamily()
    case "inverse_gaussian": fam = InverseGaussianFamily()
    case "negative_binomial":
      guard alpha > 0, alpha.isFinite else { throw .invalidFamilyParameter("negative_binomial alpha must be > 0, got \(alpha)") }
      fam = NegativeBinomialFamily(alpha: alpha)
    case "tweedie":
      guard varPower == 0 || varPower >= 1, varPower.isFinite else {
        throw .invalidFamilyParameter("tweedie var_power must be 0 or ≥ 1, got \(varPower)")
      }
      fam = TweedieFamily(varPower: varPower)
    default: throw .unknownFamily(name)
    }
    if let linkName {
      guard let l = link(named: linkName) else { throw .unknownLink(linkName) }
      guard fam.allowedLinkNames.contains(l.name) else {
        throw .linkNotAllowed(family: fam.name, link: l.name, allowed: fam.allowedLinkNames)
      }
      fam.link = l
    }
    return fam
  }
}
