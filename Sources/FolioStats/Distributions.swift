import _FolioSpecialFunctions

/// A continuous probability distribution on the real line: cdf, upper tail
/// and their inverses, all from Boost.Math through `_FolioSpecialFunctions`.
///
/// `sf(x)` = P(X > x) is evaluated directly (Boost's complement), not as
/// 1 − cdf(x), so a p-value of 1e-300 keeps its digits. Every function
/// returns NaN for NaN input or invalid parameters and never traps.
public protocol ContinuousDistribution: Sendable {
  /// P(X ≤ x).
  func cdf(_ x: Double) -> Double
  /// P(X > x), computed directly.
  func sf(_ x: Double) -> Double
  /// The x with cdf(x) = p, for p in [0, 1]; the support's ends at 0 and 1.
  func quantile(_ p: Double) -> Double
  /// The x with sf(x) = q (inverse survival function).
  func isf(_ q: Double) -> Double
}

/// The normal distribution N(mean, sd²); `StandardNormal()` is N(0, 1).
public struct NormalDistribution: ContinuousDistribution {
  public var mean: Double
  public var standardDeviation: Double
  public init(mean: Double = 0, standardDeviation: Double = 1) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }
  private var valid: Bool { standardDeviation > 0 && standardDeviation.isFinite }
  private func z(_ x: Double) -> Double { (x - mean) / standardDeviation }
  public func cdf(_ x: Double) -> Double { valid ? folio_normal_cdf(z(x)) : .nan }
  public func sf(_ x: Double) -> Double { valid ? folio_normal_sf(z(x)) : .nan }
  public func quantile(_ p: Double) -> Double {
    valid ? mean + standardDeviation * folio_normal_quantile(p) : .nan
  }
  public func isf(_ q: Double) -> Double { valid ? mean + standardDeviation * folio_normal_isf(q) : .nan }
}

/// Student's t with `degreesOfFreedom` > 0 (may be fractional).
public struct StudentTDistribution: ContinuousDistribution {
  public var degreesOfFreedom: Double
  public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }
  public func cdf(_ x: Double) -> Double { folio_t_cdf(degreesOfFreedom, x) }
  public func sf(_ x: Double) -> Double { folio_t_sf(degreesOfFreedom, x) }
  public func quantile(_ p: Double) -> Double { folio_t_quantile(degreesOfFreedom, p) }
  public func isf(_ q: Double) -> Double { folio_t_isf(degreesOfFreedom, q) }
}

/// Chi-squared with `degreesOfFreedom` > 0; support [0, ∞), so cdf is 0 and
/// sf is 1 for x < 0.
public struct ChiSquaredDistribution: ContinuousDistribution {
  public var degreesOfFreedom: Double
  public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }
  public func cdf(_ x: Double) -> Double { x < 0 ? (degreesOfFreedom > 0 ? 0 : .nan) : folio_chi2_cdf(degreesOfFreedom, x) }
  public func sf(_ x: Double) -> Double { x < 0 ? (degreesOfFreedom > 0 ? 1 : .nan) : folio_chi2_sf(degreesOfFreedom, x) }
  public func quantile(_ p: Double) -> Double { folio_chi2_quantile(degreesOfFreedom, p) }
  public func isf(_ q: Double) -> Double { folio_chi2_isf(degreesOfFreedom, q) }
}

/// Fisher's F with numerator and denominator degrees of freedom > 0;
/// support [0, ∞).
public struct FDistribution: ContinuousDistribution {
  public var numeratorDegreesOfFreedom: Double
  public var denominatorDegreesOfFreedom: Double
  public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
  }
  private var valid: Bool { numeratorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom > 0 }
  public func cdf(_ x: Double) -> Double {
    x < 0 ? (valid ? 0 : .nan) : folio_f_cdf(numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, x)
  }
  public func sf(_ x: Double) -> Double {
    x < 0 ? (valid ? 1 : .nan) : folio_f_sf(numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, x)
  }
  public func quantile(_ p: Double) -> Double {
    folio_f_quantile(numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, p)
  }
  public func isf(_ q: Double) -> Double { folio_f_isf(numeratorDegreesOfFreedom, denominatorDegreesOfFreedom, q) }
}

/// The gamma distribution with `shape` k > 0 and `scale` θ > 0
/// (mean kθ, variance kθ²); support [0, ∞).
public struct GammaDistribution: ContinuousDistribution {
  public var shape: Double
  public var scale: Double
  public init(shape: Double, scale: Double = 1) {
    self.shape = shape
    self.scale = scale
  }
  private var valid: Bool { shape > 0 && scale > 0 }
  public func cdf(_ x: Double) -> Double { x < 0 ? (valid ? 0 : .nan) : folio_gamma_cdf(shape, scale, x) }
  public func sf(_ x: Double) -> Double { x < 0 ? (valid ? 1 : .nan) : folio_gamma_sf(shape, scale, x) }
  public func quantile(_ p: Double) -> Double { folio_gamma_quantile(shape, scale, p) }
  public func isf(_ q: Double) -> Double { folio_gamma_isf(shape, scale, q) }
}

/// log Γ(x) for x > 0 (Boost.Math `lgamma`); NaN for NaN, +inf at 0.
public func logGamma(_ x: Double) -> Double { folio_lgamma(x) }
