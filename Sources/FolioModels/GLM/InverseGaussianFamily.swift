import Foundation

/// The inverse gaussian family: V(μ) = μ³, d = (y − μ)²/(y μ²), φ estimated.
/// Default link inverse_squared; statsmodels allows inverse_power, identity, log.
public struct InverseGaussianFamily: Family {
  public var link: any Link
  public init(link: (any Link)? = nil) { self.link = link ?? PowerLink.inverseSquared }
  public var name: String { "inverse_gaussian" }
  public var allowedLinkNames: [String] { ["inverse_squared", "inverse_power", "identity", "log"] }
  public var estimatesScale: Bool { true }
  public func variance(_ mu: Double) -> Double { mu * mu * mu }
  public func varianceDerivative(_ mu: Double) -> Double { 3 * mu * mu }
  public func unitDeviance(_ y: Double, _ mu: Double) -> Double { (y - mu) * (y - mu) / (y * mu * mu) }
  /// −(w(y − μ)²/(φ y μ²) + log(φ y³/w) + log 2π) / 2.
  public func logLikelihood(_ y: Double, _ mu: Double, varWeight w: Double, scale: Double, trials: Double) -> Double {
    -(w * (y - mu) * (y - mu) / (scale * y * mu * mu) + log(scale * y * y * y / w) + log(2 * Double.pi)) / 2
  }
  public func isInSupport(_ y: Double) -> Bool { y.isFinite && y > 0 }
  public var supportDescription: String { "y > 0" }
}
