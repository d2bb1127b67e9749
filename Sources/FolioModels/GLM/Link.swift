/// A GLM link function g: mean μ ↦ linear predictor η = g(μ), with what IRLS
/// and the observed-information covariance need: g⁻¹, g′ and g″.
///
/// Implementers supply the four maps; `inverseDerivative` defaults to
/// 1 / g′(g⁻¹(η)) (statsmodels' `Link.inverse_deriv`). Links are values, so a
/// family holds one by value and tests list every link in `allLinks`.
public protocol Link: Sendable {
  /// statsmodels' lower-case name: "identity", "log", "logit", "probit",
  /// "cloglog", "inverse_power", "inverse_squared", "sqrt".
  var name: String { get }
  /// η = g(μ).
  func link(_ mu: Double) -> Double
  /// μ = g⁻¹(η).
  func inverse(_ eta: Double) -> Double
  /// g′(μ) = dη/dμ.
  func derivative(_ mu: Double) -> Double
  /// g″(μ), used by the observed information (robust covariances).
  func secondDerivative(_ mu: Double) -> Double
  /// dμ/dη at η.
  func inverseDerivative(_ eta: Double) -> Double
}

extension Link {
  public func inverseDerivative(_ eta: Double) -> Double { 1 / derivative(inverse(eta)) }
}

/// Every link Folio knows, one value each (the list contract tests run over).
public let allLinks: [any Link] = [
  IdentityLink(), LogLink(), LogitLink(), ProbitLink(), CLogLogLink(), PowerLink.inversePower,
  PowerLink.inverseSquared, PowerLink.sqrt,
]

/// The link called `name` (statsmodels spelling, case-insensitive), or `nil`.
public func link(named name: String) -> (any Link)? {
  allLinks.first { $0.name == name.lowercased() }
}
