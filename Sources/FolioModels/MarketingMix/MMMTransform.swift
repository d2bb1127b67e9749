import Foundation

/// The media transform of the marketing-mix model — adstock, then Hill —
/// applied to one channel's weekly spend. Internal helpers shared by the
/// model, the search's hot loop and the response curves.
enum MMMTransform {
  /// Weibull window L in weeks (Robyn's `windlen`, fixed here to one
  /// quarter so a week's spend acts for at most 13 weeks), for both Weibull
  /// forms (the Bayesian model's default window is the same quarter).
  static let weibullWindow = 13

  /// The adstocked series.
  static func adstock(_ x: [Double], kind: AdstockKind, _ p: ChannelParameters) -> [Double] {
    switch kind {
    case .geometric: return GeometricAdstock(theta: p.theta).apply(x)
    case .weibull: return WeibullAdstock(shape: p.shape, scale: p.scale, maxLag: weibullWindow).apply(x)
    case .weibullPDF: return WeibullPDFAdstock(shape: p.shape, scale: p.scale, maxLag: weibullWindow).apply(x)
    }
  }

  /// Hill(adstock(x)): the channel's feature before the ridge.
  static func transformed(_ x: [Double], kind: AdstockKind, _ p: ChannelParameters) -> [Double] {
    let h = p.saturation
    return adstock(x, kind: kind, p).map { h.apply($0) }
  }

  /// Steady-state adstock level of a constant unit weekly spend:
  /// 1/(1 − θ) (geometric), Σ wₖ (Weibull CDF) or Σ wₗ = 1 (Weibull pdf,
  /// normalized).
  static func steadyStateMultiplier(kind: AdstockKind, _ p: ChannelParameters) -> Double {
    switch kind {
    case .geometric: return GeometricAdstock(theta: p.theta).steadyStateMultiplier
    case .weibull: return WeibullAdstock(shape: p.shape, scale: p.scale, maxLag: weibullWindow).steadyStateMultiplier
    case .weibullPDF: return WeibullPDFAdstock(shape: p.shape, scale: p.scale, maxLag: weibullWindow).steadyStateMultiplier
    }
  }

  /// Geometric adstock + Hill into a preallocated buffer (the search's hot loop).
  @inline(__always)
  static func geometricHill(
    _ x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>,
    theta: Double, alpha: Double, gamma: Double
  ) {
    var carry = 0.0
    for t in 0..<x.count {
      carry = x[t] + theta * carry
      if carry > 0 {
        out[t] = gamma > 0 ? 1 / (1 + pow(gamma / carry, alpha)) : 1
      } else {
        out[t] = 0
      }
    }
  }
}
