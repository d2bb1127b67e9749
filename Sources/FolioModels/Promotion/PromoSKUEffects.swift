import Foundation

/// The logistic sigmoid σ(x) = 1/(1+e^(−x)), computed without overflow.
@inline(__always) func promoSigmoid(_ x: Double) -> Double {
  x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}

/// One SKU's effective model quantities: the global part and the SKU's
/// deviation combined through the activations (see `PromoParameterLayout`).
///
/// With these, one week's prediction in scaled units is
/// `ŷ = (b0 + c1·a·t + c2·y[t−1])·Π_j m_j + (Σ_j cd_j·d_j)·Π_j r_j`, where
/// `m_j = 1 + tanh(Σ_p wm[j,p]·x_p)` and `r_j = 1 + tanh(wr_j·m_j)`, and the
/// volume `v̂ = κ·ŷ + ι`.
public struct PromoSKUEffects: Sendable, Equatable {
  /// Baseline level σ(w0 + w0^h).
  public var level: Double
  /// Trend slope tanh(w1) + tanh(w1^h) per unit of scaled time.
  public var trend: Double
  /// Lag coefficient tanh(w2) + tanh(w2^h) on last week's scaled sales.
  public var lag: Double
  /// Summed macro weights wm + wm^h, `[j·P + p]`.
  public var macroWeights: [Double]
  /// Summed ROI weights wr + wr^h per promo type.
  public var roiWeights: [Double]
  /// Uplift coefficients σ(wd) + σ(wd^h) per promo type (scaled sales per
  /// scaled discount, before the ROI multipliers).
  public var uplift: [Double]
  /// Volume slope κ = σ(wv + wv^h) and intercept ι = tanh(wi + wi^h).
  public var volumeSlope: Double
  public var volumeIntercept: Double

  /// The effects of SKU `s` under the flat parameter vector `theta`.
  public init(_ theta: [Double], layout L: PromoParameterLayout, sku s: Int) {
    let o = L.deviationOffset(sku: s)
    level = promoSigmoid(theta[L.level] + theta[o + L.level])
    trend = tanh(theta[L.trend]) + tanh(theta[o + L.trend])
    lag = tanh(theta[L.lag]) + tanh(theta[o + L.lag])
    macroWeights = []
    for j in 0..<L.promoTypes {
      for p in 0..<L.macroVariables { macroWeights.append(theta[L.macro(j, p)] + theta[o + L.macro(j, p)]) }
    }
    roiWeights = (0..<L.promoTypes).map { theta[L.roi($0)] + theta[o + L.roi($0)] }
    uplift = (0..<L.promoTypes).map { promoSigmoid(theta[L.uplift($0)]) + promoSigmoid(theta[o + L.uplift($0)]) }
    volumeSlope = promoSigmoid(theta[L.volumeSlope] + theta[o + L.volumeSlope])
    volumeIntercept = tanh(theta[L.volumeIntercept] + theta[o + L.volumeIntercept])
  }

  /// Mixed effects m_j and ROI multipliers r_j for macro values `x` (length P).
  public func multipliers(macro x: ArraySlice<Double>) -> (m: [Double], r: [Double]) {
    let k = uplift.count, p = x.count
    var m = [Double](repeating: 1, count: k), r = [Double](repeating: 1, count: k)
    for j in 0..<k {
      var z = 0.0
      for q in 0..<p { z += macroWeights[j * p + q] * x[x.startIndex + q] }
      m[j] = 1 + tanh(z)
      r[j] = 1 + tanh(roiWeights[j] * m[j])
    }
    return (m, r)
  }

  /// Scaled sales prediction for one week: `lagged` is y[t−1] (scaled),
  /// `time` is a·t, `discounts` the scaled spend per promo type.
  public func predict(lagged: Double, time: Double, macro x: ArraySlice<Double>, discounts d: ArraySlice<Double>)
    -> Double
  {
    let (m, r) = multipliers(macro: x)
    var mp = 1.0, rp = 1.0, u = 0.0
    for j in 0..<m.count {
      mp *= m[j]
      rp *= r[j]
      u += uplift[j] * d[d.startIndex + j]
    }
    return (level + trend * time + lag * lagged) * mp + u * rp
  }

  /// The marginal effect ∂ŷ/∂d_k = cd_k·Π_j r_j of one unit of discount
  /// spend of type k on same-week sales (identical in scaled and unscaled
  /// units, since discounts share the sales scale). Only this product is
  /// identified, not cd_k and r_j separately.
  public func marginalEffect(type k: Int, macro x: ArraySlice<Double>) -> Double {
    uplift[k] * multipliers(macro: x).r.reduce(1, *)
  }
}
