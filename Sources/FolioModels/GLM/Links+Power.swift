import Foundation

/// The identity link η = μ (canonical for gaussian).
public struct IdentityLink: Link {
  public init() {}
  public var name: String { "identity" }
  public func link(_ mu: Double) -> Double { mu }
  public func inverse(_ eta: Double) -> Double { eta }
  public func derivative(_ mu: Double) -> Double { 1 }
  public func secondDerivative(_ mu: Double) -> Double { 0 }
  public func inverseDerivative(_ eta: Double) -> Double { 1 }
}

/// The log link η = log μ (canonical for poisson); μ = exp η.
/// At μ ≤ 0 the link is −inf/NaN; the family's support check prevents that.
public struct LogLink: Link {
  public init() {}
  public var name: String { "log" }
  public func link(_ mu: Double) -> Double { log(mu) }
  public func inverse(_ eta: Double) -> Double { exp(eta) }
  public func derivative(_ mu: Double) -> Double { 1 / mu }
  public func secondDerivative(_ mu: Double) -> Double { -1 / (mu * mu) }
  public func inverseDerivative(_ eta: Double) -> Double { exp(eta) }
}

/// A power link η = μ^k: `sqrt` (k = ½), `inversePower` (k = −1, canonical
/// for gamma), `inverseSquared` (k = −2, canonical for inverse gaussian).
public struct PowerLink: Link {
  /// The exponent k (non-zero; k = 1 is `IdentityLink`).
  public let power: Double
  public let name: String

  public init(power: Double, name: String) {
    self.power = power
    self.name = name
  }

  public static let sqrt = PowerLink(power: 0.5, name: "sqrt")
  public static let inversePower = PowerLink(power: -1, name: "inverse_power")
  public static let inverseSquared = PowerLink(power: -2, name: "inverse_squared")

  public func link(_ mu: Double) -> Double { pow(mu, power) }
  public func inverse(_ eta: Double) -> Double { pow(eta, 1 / power) }
  public func derivative(_ mu: Double) -> Double { power * pow(mu, power - 1) }
  public func secondDerivative(_ mu: Double) -> Double { power * (power - 1) * pow(mu, power - 2) }
  public func inverseDerivative(_ eta: Double) -> Double { pow(eta, 1 / power - 1) / power }
}
