import FolioStats
import Foundation

/// The gamma family: V(μ) = μ², d = 2(−log(y/μ) + (y − μ)/μ), φ estimated.
/// Default link inverse_power; statsmodels allows log and identity.
public struct GammaFamily: Family {
  public var link: any Link
  public init(link: (any Link)? = nil) { self.link = link ?? PowerLink.inversePower }
  public var name: String { "gamma" }
  public var allowedLinkNames: [String] { ["inverse_power", "log", "identity"] }
  public var estimatesScale: Bool { true }
  public func variance(_ mu: Double) -> Double { mu * mu }
  public func varianceDerivative(_ mu: Double) -> Double { 2 * mu }
  public func unitDeviance(_ y: Double, _ mu: Double) -> Double { 2 * (-log(y / mu) + (y - mu) / mu) }
  /// With s = w/φ: s log(s y/μ) − s y/μ − log Γ(s) − log y (SPSS/SAS weights, as statsmodels).
  public func logLikelihood(_ y: Double, _ mu: Double, varWeight w: Double, scale: Double, trials: Double) -> Double {
    let s = w / scale
    return s * log(s * y / mu) - s * y / mu - logGamma(s) - log(y)
  }
  public func isInSupport(_ y: Double) -> Bool { y.isFinite && y > 0 }
  public var supportDescription: String { "y > 0" }
}
