import Foundation

/// One channel's steady-state response f(s) = β·Hill(m·s) on a spend box
/// [l, u], and its concave envelope f̂ (the smallest concave function ≥ f on
/// the box). Internal to `BudgetAllocator`.
///
/// f has at most one inflection point, at s_p = Hill.inflectionPoint / m
/// (α > 1). With β > 0 it is convex then concave, so f̂ is the chord from l
/// to the tangent point t ∈ [s_p, u] where f′(t)·(t − l) = f(t) − f(l), then
/// f itself (t = u when the chord l→u lies above f: a convex box). With β < 0
/// the shape flips (concave then convex): f̂ is f up to a point t ∈ [l, s_p]
/// with f′(t)·(u − t) = f(u) − f(t), then the chord t→u. Tangent points are
/// found by bisection on a monotone function (60 halvings: machine precision).
struct ChannelResponseEnvelope {
  let beta: Double, multiplier: Double, hill: HillSaturation
  let lower: Double, upper: Double
  /// The linear stretch [segmentStart, segmentEnd] of f̂ (empty when f is concave on the box).
  private(set) var segmentStart = 0.0, segmentEnd = 0.0, slope = 0.0
  var hasSegment: Bool { segmentEnd > segmentStart }

  init(beta: Double, multiplier: Double, hill: HillSaturation, lower: Double, upper: Double) {
    self.beta = beta
    self.multiplier = multiplier
    self.hill = hill
    self.lower = lower
    self.upper = upper
    guard upper > lower, beta != 0 else { return }
    let inflection = multiplier > 0 ? hill.inflectionPoint / multiplier : 0
    let sShaped = hill.alpha > 1 && hill.gamma > 0
    if beta > 0 {
      guard sShaped, inflection > lower else { return }  // concave on the box
      let fl = value(lower)
      let me = self
      let g = { (t: Double) in me.derivative(t) * (t - me.lower) - (me.value(t) - fl) }
      var t = upper
      if inflection < upper && g(upper) < 0 {
        var lo = inflection, hi = upper  // g(lo) ≥ 0 > g(hi), g decreasing on the concave part
        for _ in 0..<60 {
          let mid = (lo + hi) / 2
          if g(mid) >= 0 { lo = mid } else { hi = mid }
        }
        t = (lo + hi) / 2
      }
      setSegment(lower, t)
    } else {
      // β < 0: β·Hill is concave where Hill is convex and vice versa.
      if sShaped && inflection >= upper { return }  // concave on the box
      let fu = value(upper)
      let me = self
      let h = { (t: Double) in me.derivative(t) * (me.upper - t) - (fu - me.value(t)) }
      var t = lower
      if sShaped && inflection > lower && h(lower) > 0 {
        var lo = lower, hi = inflection  // h(lo) > 0 ≥ h(hi), h decreasing
        for _ in 0..<60 {
          let mid = (lo + hi) / 2
          if h(mid) > 0 { lo = mid } else { hi = mid }
        }
        t = (lo + hi) / 2
      }
      setSegment(t, upper)
    }
  }

  private mutating func setSegment(_ a: Double, _ b: Double) {
    guard b > a else { return }
    segmentStart = a
    segmentEnd = b
    slope = (value(b) - value(a)) / (b - a)
  }

  /// f(s) = β·Hill(m·s), currency per week.
  func value(_ s: Double) -> Double { beta * hill.apply(multiplier * s) }

  /// f′(s) = β·m·Hill′(m·s).
  func derivative(_ s: Double) -> Double {
    beta == 0 ? 0 : beta * multiplier * hill.derivative(multiplier * s)
  }

  /// f̂(s).
  func envelopeValue(_ s: Double) -> Double {
    if hasSegment && s > segmentStart && s < segmentEnd {
      return value(segmentStart) + slope * (s - segmentStart)
    }
    return value(s)
  }

  /// f̂′(s), non-increasing in s.
  func envelopeDerivative(_ s: Double) -> Double {
    if hasSegment && s >= segmentStart && s <= segmentEnd { return slope }
    return derivative(s)
  }

  /// The largest s ∈ [l, u] with f̂′(s) ≥ λ (l when none): the channel's
  /// spend at multiplier λ, i.e. argmax f̂(s) − λ·s.
  func spend(atMultiplier lambda: Double) -> Double {
    if envelopeDerivative(upper) >= lambda { return upper }
    if envelopeDerivative(lower) < lambda { return lower }
    var lo = lower, hi = upper
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if envelopeDerivative(mid) >= lambda { lo = mid } else { hi = mid }
    }
    return lo
  }

  /// f̂′ just above the lower bound, finite (for the λ bracket).
  var finiteDerivativeNearLower: Double {
    let d = envelopeDerivative(lower)
    if d.isFinite { return d }
    return envelopeDerivative(lower + 1e-12 * max(1, upper - lower))
  }
}
