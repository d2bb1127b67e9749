import Foundation

/// Hill saturation h(x) = x^α / (x^α + γ^α): diminishing returns to
/// (adstocked) spend x ≥ 0.
///
/// h(0) = 0, h(γ) = ½ (γ is the half-saturation point, in spend units), and
/// h → 1 as x → ∞. For α ≤ 1 the curve is concave; for α > 1 it is S-shaped,
/// convex below the inflection point γ·((α − 1)/(α + 1))^{1/α} and concave
/// above it. γ = 0 gives h(x) = 1 for every x > 0 (immediate saturation).
/// Negative x is treated as 0; NaN propagates.
public struct HillSaturation: Sendable, Equatable {
  /// Shape α > 0.
  public var alpha: Double
  /// Half-saturation point γ ≥ 0, in spend units.
  public var gamma: Double

  public init(alpha: Double, gamma: Double) {
    self.alpha = alpha
    self.gamma = gamma
  }

  /// h(x).
  @inlinable public func apply(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    guard x > 0 else { return 0 }
    guard gamma > 0 else { return 1 }
    // x^α/(x^α + γ^α) = 1/(1 + (γ/x)^α): stable for large and small x.
    return 1 / (1 + pow(gamma / x, alpha))
  }

  /// h′(x) = α x^{α−1} γ^α / (x^α + γ^α)² = α h(x)(1 − h(x))/x.
  ///
  /// At x = 0 the limit: +∞ for α < 1, 1/γ for α = 1, 0 for α > 1
  /// (and 0 when γ = 0).
  @inlinable public func derivative(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    guard gamma > 0 else { return 0 }
    guard x > 0 else {
      if alpha < 1 { return .infinity }
      return alpha == 1 ? 1 / gamma : 0
    }
    let h = apply(x)
    return alpha * h * (1 - h) / x
  }

  /// The inflection point γ((α − 1)/(α + 1))^{1/α} for α > 1; 0 otherwise
  /// (the curve is then concave on x > 0).
  public var inflectionPoint: Double {
    guard alpha > 1, gamma > 0 else { return 0 }
    return gamma * pow((alpha - 1) / (alpha + 1), 1 / alpha)
  }
}
