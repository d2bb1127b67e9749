import Foundation

/// The gaussian family: V(μ) = 1, d(y, μ) = (y − μ)², φ estimated.
/// Default link identity; statsmodels 0.15 allows log and inverse_power.
public struct GaussianFamily: Family {
  public var link: any Link
  public init(link: (any Link)? = nil) { self.link = link ?? IdentityLink() }
  public var name: String { "gaussian" }
  public var allowedLinkNames: [String] { ["identity", "log", "inverse_power"] }
  public var estimatesScale: Bool { true }
  public func variance(_ mu: Double) -> Double { 1 }
  public func varianceDerivative(_ mu: Double) -> Double { 0 }
  public func unitDeviance(_ y: Double, _ mu: Double) -> Double { (y - mu) * (y - mu) }
  /// −(w(y − μ)²/φ + log(φ/w) + log 2π) / 2.
  public func logLikelihood(_ y: Double, _ mu: Double, varWeight w: Double, scale: Double, trials: Double) -> Double {
    -(w * (y - mu) * (y - mu) / scale + log(scale / w) + log(2 * Double.pi)) / 2
  }
  public func isInSupport(_ y: Double) -> Bool { y.isFinite }
  public var supportDescription: String { "a finite number" }
  public func isValidMean(_ mu: Double) -> Bool { mu.isFinite }
}
