import FolioStats
import Foundation

/// The poisson family: V(μ) = μ, d = 2(y log(y/μ) − (y − μ)), φ = 1.
/// Default link log; statsmodels allows identity and sqrt.
public struct PoissonFamily: Family {
  public var link: any Link
  public init(link: (any Link)? = nil) { self.link = link ?? LogLink() }
  public var name: String { "poisson" }
  public var allowedLinkNames: [String] { ["log", "identity", "sqrt"] }
  public var estimatesScale: Bool { false }
  public func variance(_ mu: Double) -> Double { mu }
  public func varianceDerivative(_ mu: Double) -> Double { 1 }
  public func unitDeviance(_ y: Double, _ mu: Double) -> Double { 2 * (xLogXOverMu(y, mu) - (y - mu)) }
  /// w/φ (y log μ − μ − log Γ(y + 1)).
  public func logLikelihood(_ y: Double, _ mu: Double, varWeight w: Double, scale: Double, trials: Double) -> Double {
    w / scale * ((y == 0 ? 0 : y * log(mu)) - mu - logGamma(y + 1))
  }
  public func isInSupport(_ y: Double) -> Bool { y.isFinite && y >= 0 }
  public var supportDescription: String { "y ≥ 0" }
}
