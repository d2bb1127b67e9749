import FolioStats

/// A fitted GLM with statsmodels' names and definitions (GLMResults).
///
/// Definitions, with iwᵢ = freqᵢ·varᵢ prior weights, nᵢ binomial trials,
/// wnobs = Σ freqᵢ and k = rank(X):
/// - `deviance` = Σ iwᵢ nᵢ d(yᵢ, μᵢ); `pearsonChi2` = Σ iwᵢ nᵢ (yᵢ − μᵢ)² / V(μᵢ).
/// - `dfModel` = k − 1, `dfResid` = wnobs − k.
/// - `scale` = pearsonChi2 / dfResid for gaussian, gamma, inverse gaussian,
///   tweedie; 1 for poisson, binomial, negative binomial.
/// - `llf` = Σ freqᵢ ℓ(yᵢ, μᵢ; varᵢ, scale); for gaussian with the identity link
///   at the ML scale SSE/wnobs (statsmodels' concentrated likelihood).
/// - `aic` = −2 llf + 2(dfModel + 1); `bic` = −2 llf + (dfModel + 1) log(wnobs).
/// - `pseudoRSquared` = Cox–Snell 1 − exp(2(llnull − llf)/nobs) (statsmodels'
///   default `kind="cs"`), llnull at the full model's scale.
/// - `pvalues` from the standard normal (statsmodels GLM `use_t=False`).
public struct GLMResults: Sendable {
  public var termNames: [String]
  public var params: [Double]
  public var bse: [Double]
  /// params / bse (z statistics; statsmodels calls them tvalues).
  public var tvalues: [Double]
  public var pvalues: [Double]
  /// (lower, upper) at `confidenceLevel`.
  public var confInt: [(lower: Double, upper: Double)]
  public var confidenceLevel: Double
  public var covariance: Matrix
  public var covType: String
  public var deviance: Double
  public var pearsonChi2: Double
  public var llf: Double
  public var llnull: Double
  public var aic: Double
  public var bic: Double
  public var scale: Double
  /// Rows used (after dropping missing).
  public var nobs: Int
  /// Σ freq weights (= nobs without them).
  public var wnobs: Double
  public var droppedRows: Int
  public var dfModel: Double
  public var dfResid: Double
  public var pseudoRSquared: Double
  /// 1 − SSE/SST with prior weights, gaussian family only.
  public var rSquared: Double?
  public var iterations: Int
  public var converged: Bool
  /// The final relative deviance change |ΔD| / (|D| + 0.1).
  public var convergenceCriterion: Double
  public var fittedValues: [Double]
  public var linearPredictor: [Double]
  /// n (y − μ) (statsmodels `resid_response`).
  public var residResponse: [Double]
  /// √(var·n) (y − μ) / √V(μ).
  public var residPearson: [Double]
  /// sign(y − μ) √(var·n·d(y, μ)).
  public var residDeviance: [Double]
  /// Zero-based frame rows the fit used, in order.
  public var rows: [Int]
  public var familyName: String
  public var linkName: String
}
