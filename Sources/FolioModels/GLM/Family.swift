/// A GLM family: an exponential-dispersion distribution described by its
/// variance function V(μ), unit deviance d(y, μ), log-likelihood, support
/// and the links statsmodels allows for it.
///
/// The IRLS fitter sees only this interface. IRLS weights and the working
/// response are derived once in the protocol extension from V and the link
/// (statsmodels `Family.weights`, `_fit_irls`), so a new family is a small
/// value type with a few formulas and is covered by the contract tests that
/// run over `allFamilies`.
public protocol Family: Sendable {
  /// statsmodels-style lower-case name: "gaussian", "poisson", "gamma",
  /// "binomial", "inverse_gaussian", "negative_binomial", "tweedie".
  var name: String { get }
  /// The link in use.
  var link: any Link { get set }
  /// Names of the links statsmodels accepts for this family.
  var allowedLinkNames: [String] { get }
  /// Whether the dispersion φ is estimated (Pearson χ² / df_resid) or fixed at 1.
  var estimatesScale: Bool { get }
  /// V(μ).
  func variance(_ mu: Double) -> Double
  /// V′(μ), for the observed information.
  func varianceDerivative(_ mu: Double) -> Double
  /// The unit deviance d(y, μ) ≥ 0 with d(y, y) = 0 (statsmodels `_resid_dev`).
  func unitDeviance(_ y: Double, _ mu: Double) -> Double
  /// The log-likelihood of one observation (statsmodels `loglike_obs`):
  /// `varWeight` is the variance weight, `scale` the dispersion φ, and
  /// `trials` the binomial n (1 for other families; `y` is then a proportion).
  func logLikelihood(_ y: Double, _ mu: Double, varWeight: Double, scale: Double, trials: Double) -> Double
  /// Whether `y` is a valid response.
  func isInSupport(_ y: Double) -> Bool
  /// The support in words, for error messages ("y ≥ 0").
  var supportDescription: String { get }
  /// IRLS starting mean for response `y` given the mean response `mean`.
  func startingMu(_ y: Double, mean: Double) -> Double
  /// Whether μ is a valid mean (inside the range of g⁻¹ the family allows).
  func isValidMean(_ mu: Double) -> Bool
}

extension Family {
  /// IRLS weight 1 / (g′(μ)² V(μ)) before prior weights (statsmodels `Family.weights`).
  @inlinable public func irlsWeight(_ mu: Double) -> Double {
    let d = link.derivative(mu)
    return 1 / (d * d * variance(mu))
  }

  /// Working response z = η + g′(μ)(y − μ), with η excluding the offset.
  @inlinable public func workingResponse(y: Double, mu: Double, eta: Double) -> Double {
    eta + link.derivative(mu) * (y - mu)
  }

  /// statsmodels' default starting mean (y + ȳ)/2.
  public func startingMu(_ y: Double, mean: Double) -> Double { (y + mean) / 2 }

  /// Means must be finite and positive for most families.
  public func isValidMean(_ mu: Double) -> Bool { mu.isFinite && mu > 0 }
}

/// One value of every family with its default link (for contract tests).
public let allFamilies: [any Family] = [
  GaussianFamily(), PoissonFamily(), GammaFamily(), BinomialFamily(), InverseGaussianFamily(),
  NegativeBinomialFamily(alpha: 1), TweedieFamily(varPower: 1.5),
]

/// `y log(y / μ)` with the convention 0 · log 0 = 0 (statsmodels clips y/μ at ε).
@inlinable func xLogXOverMu(_ y: Double, _ mu: Double) -> Double {
  y == 0 ? 0 : y * _log(y / mu)
}

import Foundation

@usableFromInline func _log(_ x: Double) -> Double { Foundation.log(x) }
