import Foundation

/// Which carry-over ("adstock") transform turns weekly spend into effective
/// pressure: how much of a week's spend still acts in later weeks.
public enum AdstockKind: String, Sendable, Equatable, CaseIterable {
  /// `GeometricAdstock`: a constant weekly decay θ.
  case geometric
  /// `WeibullAdstock`: Robyn's flexible Weibull-CDF decay.
  case weibull
  /// `WeibullPDFAdstock`: normalized Weibull-density lag weights, the
  /// Bayesian model's Weibull kernel (`{bayes}`; `{search}` does not offer
  /// it).
  case weibullPDF = "weibull_pdf"
}

/// Geometric adstock: x′[t] = x[t] + θ·x′[t−1], x′[0] = x[0].
///
/// A unit of spend keeps acting with weight θᵏ k weeks later, so the total
/// effect of one unit is 1/(1 − θ) and a constant weekly spend s settles at
/// s/(1 − θ) (`steadyStateMultiplier`). θ is in [0, 1); θ = 0 is no
/// carry-over. NaN in x propagates to every later week.
public struct GeometricAdstock: Sendable, Equatable {
  /// Weekly retention, in [0, 1).
  public var theta: Double

  public init(theta: Double) { self.theta = theta }

  /// The adstocked series, same length as `x` (empty in → empty out).
  public func apply(_ x: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: x.count)
    var carry = 0.0
    for t in x.indices {
      carry = x[t] + theta * carry
      out[t] = carry
    }
    return out
  }

  /// Σₖ θᵏ = 1/(1 − θ): the steady-state level of a constant unit spend.
  public var steadyStateMultiplier: Double { 1 / (1 - theta) }

  /// Weight of spend k weeks ago, θᵏ (k ≥ 0), for decay charts.
  public func weight(lag k: Int) -> Double { pow(theta, Double(k)) }
}

/// Weibull adstock as Robyn defines it (`adstock_weibull`, type "cdf").
///
/// With L = `maxLag` (Robyn's `windlen`), the lag weights are
/// w₀ = 1 and wₖ = Πᵢ₌₁ᵏ (1 − F(i; shape, λ)) for k = 1…L−1, where F is the
/// Weibull CDF 1 − exp(−(i/λ)^shape) and λ = round(1 + scale·(L − 1)) — Robyn
/// rescales `scale` ∈ [0, 1] to a lag by `quantile(1:L, scale)`. Then
/// x′[t] = Σₖ₌₀^{min(t, L−1)} wₖ·x[t−k]. Shape or scale equal to 0 means no
/// carry-over (x′ = x), as in Robyn.
public struct WeibullAdstock: Sendable, Equatable {
  /// Weibull shape k > 0 (small: fast early decay; large: delayed decay).
  public var shape: Double
  /// Scale as a fraction of `maxLag`, in [0, 1].
  public var scale: Double
  /// Window length L in weeks (≥ 1): spend acts for at most L weeks.
  public var maxLag: Int

  public init(shape: Double, scale: Double, maxLag: Int = 13) {
    self.shape = shape
    self.scale = scale
    self.maxLag = maxLag
  }

  /// The lag weights w₀…w_{L−1} (w₀ = 1).
  public var weights: [Double] {
    let L = max(1, maxLag)
    guard shape > 0, scale > 0 else { return [1] + [Double](repeating: 0, count: L - 1) }
    let lambda = (1 + scale * Double(L - 1)).rounded(.toNearestOrAwayFromZero)
    var w = [Double](repeating: 0, count: L)
    w[0] = 1
    for k in 1..<max(1, L) {
      let survival = exp(-pow(Double(k) / lambda, shape))  // 1 − F(k)
      w[k] = w[k - 1] * survival
    }
    return w
  }

  /// The adstocked series, same length as `x`.
  public func apply(_ x: [Double]) -> [Double] { lagConvolution(x, weights: weights) }

  /// Σ wₖ: the steady-state level of a constant unit spend.
  public var steadyStateMultiplier: Double { weights.reduce(0, +) }
}

/// x′[t] = Σₖ₌₀^{min(t, L−1)} wₖ·x[t−k] for lag weights w₀…w_{L−1}: the
/// finite-window adstock shared by the Weibull forms. Same length as `x`.
func lagConvolution(_ x: [Double], weights w: [Double]) -> [Double] {
  var out = [Double](repeating: 0, count: x.count)
  for t in x.indices {
    var s = 0.0
    for k in 0..<min(t + 1, w.count) { s += w[k] * x[t - k] }
    out[t] = s
  }
  return out
}
