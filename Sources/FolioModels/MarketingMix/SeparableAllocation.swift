import Foundation

/// The numerical engine of `BudgetAllocator` and `ExpectedResponseAllocator`:
/// bisection on the multiplier for the envelope relaxation, and the 1-D
/// resolution of a fractional channel, over any curves with a concave
/// envelope (`ConcaveEnvelopeCurve`). Internal.
struct SeparableAllocation<Curve: ConcaveEnvelopeCurve> {
  let envelopes: [Curve]

  struct Solution {
    var spend: [Double]
    var multiplier: Double
    /// The channel left strictly inside a linear stretch, if any.
    var fractional: Int?
  }

  func trueValue(_ s: [Double]) -> Double {
    s.indices.reduce(0) { $0 + envelopes[$1].value(s[$1]) }
  }

  /// Maximizes Σ f̂_c over `channels` with their spends summing to
  /// `total` minus the `fixed` channels' spend (fixed channels keep theirs).
  func solve(channels: [Int], total: Double, fixed: [Int: Double]) -> Solution {
    var spend = envelopes.map(\.lower)
    for (c, v) in fixed { spend[c] = v }
    let target = total - fixed.values.reduce(0, +)
    let sumL = channels.reduce(0) { $0 + envelopes[$1].lower }
    let sumU = channels.reduce(0) { $0 + envelopes[$1].upper }
    guard !channels.isEmpty else { return Solution(spend: spend, multiplier: .nan, fractional: nil) }
    if target <= sumL {
      return Solution(spend: spend, multiplier: channels.map { envelopes[$0].finiteDerivativeNearLower }.max() ?? .nan, fractional: nil)
    }
    if target >= sumU {
      for c in channels { spend[c] = envelopes[c].upper }
      return Solution(spend: spend, multiplier: channels.map { envelopes[$0].envelopeDerivative(envelopes[$0].upper) }.min() ?? .nan, fractional: nil)
    }
    func supply(_ lambda: Double) -> Double {
      channels.reduce(0) { $0 + envelopes[$1].spend(atMultiplier: lambda) }
    }
    var lo = channels.map { envelopes[$0].envelopeDerivative(envelopes[$0].upper) }.min() ?? 0
    var hi = channels.map { envelopes[$0].finiteDerivativeNearLower }.max() ?? 0
    lo -= 1e-9 * max(1, abs(lo))
    hi += 1e-9 * max(1, abs(hi))
    for _ in 0..<100 {  // supply(lo) ≥ target > supply(hi)
      let mid = (lo + hi) / 2
      if mid == lo || mid == hi { break }
      if supply(mid) >= target { lo = mid } else { hi = mid }
    }
    var remaining = target
    for c in channels {
      spend[c] = envelopes[c].spend(atMultiplier: hi)
      remaining -= spend[c]
    }
    var fractional: Int?
    for c in channels where remaining > 0 {
      let room = envelopes[c].spend(atMultiplier: lo) - spend[c]
      guard room > 0 else { continue }
      let add = min(room, remaining)
      spend[c] += add
      remaining -= add
      let e = envelopes[c]
      let gap = e.envelopeValue(spend[c]) - e.value(spend[c])
      if gap > 1e-12 * max(1, abs(e.value(e.upper))) { fractional = c }
    }
    return Solution(spend: spend, multiplier: (lo + hi) / 2, fractional: fractional)
  }

  /// Best true value when channel j's spend is searched in 1-D and the rest
  /// re-allocated exactly for each candidate: a grid over j's feasible range
  /// (including its stretch's ends), then golden-section refinement.
  func resolve(fractional j: Int, total: Double) -> (spend: [Double], value: Double) {
    let others = envelopes.indices.filter { $0 != j }
    let othersL = others.reduce(0) { $0 + envelopes[$1].lower }
    let othersU = others.reduce(0) { $0 + envelopes[$1].upper }
    let a = max(envelopes[j].lower, total - othersU), b = min(envelopes[j].upper, total - othersL)
    guard b >= a else { return (envelopes.map(\.lower), -.infinity) }
    func evaluate(_ x: Double) -> (spend: [Double], value: Double) {
      let s = solve(channels: others, total: total, fixed: [j: x]).spend
      return (s, trueValue(s))
    }
    var candidates = (0...40).map { a + (b - a) * Double($0) / 40 }
    let e = envelopes[j]
    candidates += e.stretchEnds.filter { $0 >= a && $0 <= b }
    var best = evaluate(candidates[0]), bestX = candidates[0]
    for x in candidates.dropFirst() {
      let r = evaluate(x)
      if r.value > best.value { best = r; bestX = x }
    }
    let step = (b - a) / 40
    var lo = max(a, bestX - step), hi = min(b, bestX + step)
    let g = (5.0.squareRoot() - 1) / 2
    var x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo)
    var r1 = evaluate(x1), r2 = evaluate(x2)
    for _ in 0..<50 {
      if r1.value >= r2.value {
        hi = x2; x2 = x1; r2 = r1
        x1 = hi - g * (hi - lo); r1 = evaluate(x1)
      } else {
        lo = x1; x1 = x2; r1 = r2
        x2 = lo + g * (hi - lo); r2 = evaluate(x2)
      }
    }
    for r in [r1, r2] where r.value > best.value { best = r }
    return best
  }

  /// Bound status and the first-order check at `spend` on the true curves.
  static func kkt(envelopes: [Curve], spend: [Double], fallbackMultiplier: Double)
    -> (status: [BoundStatus], check: KKTCheck)
  {
    var status: [BoundStatus] = []
    var interior: [Double] = []
    for (c, e) in envelopes.enumerated() {
      let tol = 1e-9 * max(1, e.upper)
      if spend[c] <= e.lower + tol { status.append(.lower) } else if spend[c] >= e.upper - tol {
        status.append(.upper)
      } else {
        status.append(.interior)
        interior.append(e.derivative(spend[c]))
      }
    }
    let lambda = interior.isEmpty ? fallbackMultiplier : interior.reduce(0, +) / Double(interior.count)
    let deviation = interior.map { abs($0 - lambda) }.max() ?? 0
    var violation = 0.0
    for (c, e) in envelopes.enumerated() where e.upper > e.lower {
      let d = e.derivative(spend[c])
      if status[c] == .lower { violation = max(violation, d - lambda) }
      if status[c] == .upper { violation = max(violation, lambda - d) }
    }
    let holds = violation <= 1e-6 * max(1, abs(lambda))
    return (status, KKTCheck(multiplier: lambda, maxInteriorDeviation: deviation,
                             complementarySlacknessHolds: holds, maxSlacknessViolation: max(0, violation)))
  }
}
