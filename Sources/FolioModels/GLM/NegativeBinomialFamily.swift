import FolioStats
import Foundation

/// The negative binomial family with fixed ancillary α > 0:
/// V(μ) = μ + αμ², φ = 1 (statsmodels `NegativeBinomial(alpha=)`).
/// Default link log; statsmodels also allows identity, cloglog and the power links.
public struct NegativeBinomialFamily: Family {
  public var link: any Link
  /// The ancillary parameter α (not estimated).
  public let alpha: Double
  public init(alpha: Double = 1, link: (any Link)? = nil) {
    self.alpha = alpha
    self.link = link ?? LogLink()
  }
  public var name: String { "negative_binomial" }
  public var allowedLinkNames: [String] {
    ["log", "identity", "cloglog", "sqrt", "inverse_power", "inverse_squared"]
  }
  public var estimatesScale: Bool { false }
  public func variance(_ mu: Double) -> Double { mu + alpha * mu * mu }
  public func varianceDerivative(_ mu: Double) -> Double { 1 + 2 * alpha * mu }
  /// 2(y log(y/μ) − (y + 1/α) log((y + 1/α)/(μ + 1/α))).
  public func unitDeviance(_ y: Double, _ mu: Double) -> Double {
    let ia = 1 / alpha
    return 2 * (xLogXOverMu(y, mu) - (y + ia) * log((y + ia) / (mu + ia)))
  }
  /// w/φ (y log(αμ) − (y + 1/α) log(1 + αμ) + log Γ(y + 1/α) − log Γ(1/α) − log Γ(y + 1)).
  public func logLikelihood(_ y: Double, _ mu: Double, varWeight w: Double, scale: Double, trials: Double) -> Double {
    let ia = 1 / alpha
    let ll = (y == 0 ? 0 : y * log(alpha * mu)) - (y + ia) * log1p(alpha * mu) + logGamma(y + ia)
      - logGamma(ia) - logGamma(y + 1)
    return w / scale * ll
  }
  public func isInSupport(_ y: Double) -> Bool { y.isFinite && y >= 0 }
  public var supportDescription: String { "y ≥ 0" }
}
