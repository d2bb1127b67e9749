import FolioStats
import Foundation

/// The logit link η = log(p / (1 − p)) (canonical for binomial).
public struct LogitLink: Link {
  public init() {}
  public var name: String { "logit" }
  public func link(_ p: Double) -> Double { log(p / (1 - p)) }
  /// 1 / (1 + e^−η), written to avoid overflow for large |η|.
  public func inverse(_ eta: Double) -> Double {
    eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
  }
  public func derivative(_ p: Double) -> Double { 1 / (p * (1 - p)) }
  public func secondDerivative(_ p: Double) -> Double {
    let v = p * (1 - p)
    return (2 * p - 1) / (v * v)
  }
  public func inverseDerivative(_ eta: Double) -> Double {
    let e = exp(-abs(eta))
    return e / ((1 + e) * (1 + e))
  }
}

/// The probit link η = Φ⁻¹(p), with Φ the standard normal cdf (Boost.Math).
public struct ProbitLink: Link {
  public init() {}
  public var name: String { "probit" }
  private static let normal = NormalDistribution()
  private static func density(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
  public func link(_ p: Double) -> Double { Self.normal.quantile(p) }
  public func inverse(_ eta: Double) -> Double { Self.normal.cdf(eta) }
  public func derivative(_ p: Double) -> Double { 1 / Self.density(link(p)) }
  public func secondDerivative(_ p: Double) -> Double {
    let z = link(p), d = Self.density(z)
    return z / (d * d)
  }
  public func inverseDerivative(_ eta: Double) -> Double { Self.density(eta) }
}

/// The complementary log-log link η = log(−log(1 − p)).
public struct CLogLogLink: Link {
  public init() {}
  public var name: String { "cloglog" }
  public func link(_ p: Double) -> Double { log(-log1p(-p)) }
  public func inverse(_ eta: Double) -> Double { -expm1(-exp(eta)) }
  public func derivative(_ p: Double) -> Double { -1 / ((1 - p) * log1p(-p)) }
  public func secondDerivative(_ p: Double) -> Double {
    let l = log1p(-p)
    return -(l + 1) / ((1 - p) * (1 - p) * l * l)
  }
  public func inverseDerivative(_ eta: Double) -> Double { exp(eta - exp(eta)) }
}
