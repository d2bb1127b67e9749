import Foundation

/// One channel's expected response over posterior draws,
/// F(s) = (1/B) Σ_b β_b·Hill_b(m_b·s), on a spend box [l, u], with its
/// concave envelope F̂. Internal to `ExpectedResponseAllocator`.
///
/// A mean of S-curves with different shapes and half-saturations can have
/// several inflections, so there is no closed form for F̂. It is built as the
/// upper hull of F on a uniform grid of `gridCells` cells, then each hull
/// edge that skips grid points (a linear stretch of F̂) has its interior ends
/// moved to the true tangent points by bisection on the tangency condition
/// F′(t)·(t − a) = F(t) − F(a) within one cell of the grid vertex (60
/// halvings, alternating between the two ends when both are interior).
/// Outside the stretches F̂ = F, exactly. The hull is exact up to
/// non-concave features narrower than one grid cell ((u − l)/256 by
/// default); the plan's KKT check and its gap to the envelope bound are
/// computed on the true F regardless.
///
/// Evaluation: each draw is stored as Hill_b(m_b·s) = 1/(1 + e^{k_b − α_b·ln s}),
/// k_b = α_b·ln(γ_b/m_b), one `exp` per draw; draws with γ = 0 or m = 0
/// (or non-finite parameters) go through `ChannelResponse.value` instead.
struct MeanResponseEnvelope: ConcaveEnvelopeCurve {
  let lower: Double, upper: Double
  /// Fast draws: k_b, α_b and β_b/B.
  private let k: [Double], alpha: [Double], weightedBeta: [Double]
  /// Draws outside the fast form, and 1/B.
  private let special: [ChannelResponse], weight: Double
  /// All draws (for the derivative's limit at s = 0).
  private let draws: [ChannelResponse]
  /// Pieces of F̂: knots in increasing order; cell i = [knots[i], knots[i+1]]
  /// is linear (a stretch, slope `slope[i]`) or F itself.
  private var knots: [Double] = []
  private var knotValue: [Double] = []
  private var linear: [Bool] = []
  private var slope: [Double] = []
  /// F̂′ at the left and right end of each cell (equal to the slope on a stretch).
  private var leftDerivative: [Double] = []
  private var rightDerivative: [Double] = []

  init(draws: [ChannelResponse], lower: Double, upper: Double, gridCells: Int = 256) {
    self.lower = lower
    self.upper = upper
    self.draws = draws
    weight = draws.isEmpty ? 0 : 1 / Double(draws.count)
    var k: [Double] = [], alpha: [Double] = [], beta: [Double] = [], special: [ChannelResponse] = []
    for r in draws {
      let a = r.saturation.alpha, g = r.saturation.gamma, m = r.multiplier
      if g > 0, m > 0, a > 0, g.isFinite, m.isFinite, a.isFinite, r.beta.isFinite {
        k.append(a * log(g / m))
        alpha.append(a)
        beta.append(r.beta * weight)
      } else {
        special.append(r)
      }
    }
    self.k = k
    self.alpha = alpha
    weightedBeta = beta
    self.special = special
    buildEnvelope(cells: max(2, gridCells))
  }

  /// F(s), currency per week.
  func value(_ s: Double) -> Double {
    var sum = 0.0
    if s > 0 {
      let logS = log(s)
      for b in k.indices { sum += weightedBeta[b] / (1 + exp(k[b] - alpha[b] * logS)) }
    }
    for r in special { sum += weight * r.value(s) }
    return sum
  }

  /// F′(s) = (1/B) Σ β_b·α_b·h_b(1 − h_b)/s; at s ≤ 0 the mean of each
  /// draw's limit (`HillSaturation.derivative(0)`).
  func derivative(_ s: Double) -> Double {
    guard s > 0 else {
      return draws.reduce(0) { acc, r in
        r.beta == 0 ? acc : acc + weight * r.beta * r.multiplier * r.saturation.derivative(0)
      }
    }
    var sum = 0.0
    let logS = log(s)
    for b in k.indices {
      let e = exp(k[b] - alpha[b] * logS)
      guard e.isFinite else { continue }
      let h = 1 / (1 + e)
      sum += weightedBeta[b] * alpha[b] * e * h * h
    }
    sum /= s
    for r in special where r.beta != 0 {
      sum += weight * r.beta * r.multiplier * r.saturation.derivative(r.multiplier * s)
    }
    return sum
  }

  /// The cell holding s (the last cell whose left knot is ≤ s).
  private func cell(_ s: Double) -> Int {
    var lo = 0, hi = linear.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if knots[mid] <= s { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  func envelopeValue(_ s: Double) -> Double {
    guard !linear.isEmpty else { return value(s) }
    let i = cell(s)
    return linear[i] ? knotValue[i] + slope[i] * (s - knots[i]) : value(s)
  }

  func envelopeDerivative(_ s: Double) -> Double {
    guard !linear.isEmpty else { return derivative(s) }
    let i = cell(s)
    if linear[i] { return slope[i] }
    if i > 0 && s == knots[i] && linear[i - 1] { return slope[i - 1] }  // a stretch's end is in the stretch
    return derivative(s)
  }

  var finiteDerivativeNearLower: Double {
    let d = envelopeDerivative(lower)
    if d.isFinite { return d }
    return envelopeDerivative(lower + 1e-12 * max(1, upper - lower))
  }

  var stretchEnds: [Double] {
    linear.indices.filter { linear[$0] }.flatMap { [knots[$0], knots[$0 + 1]] }
  }

  /// The largest s with F̂′(s) ≥ λ: the cell where F̂′ crosses λ by binary
  /// search on the knots' derivatives (no evaluation), then, inside a cell
  /// where F̂ = F (concave), F′(s) = λ by Illinois regula falsi.
  func spend(atMultiplier lambda: Double) -> Double {
    guard !linear.isEmpty, upper > lower else { return lower }
    if rightDerivative[linear.count - 1] >= lambda { return upper }
    if leftDerivative[0] < lambda { return lower }
    var lo = 0, hi = linear.count - 1  // first cell whose right-end derivative is < λ
    while lo < hi {
      let mid = (lo + hi) / 2
      if rightDerivative[mid] < lambda { hi = mid } else { lo = mid + 1 }
    }
    let i = lo
    guard !linear[i], leftDerivative[i] >= lambda else { return knots[i] }
    var a = knots[i], b = knots[i + 1]
    var fa = leftDerivative[i] - lambda, fb = rightDerivative[i] - lambda
    var side = 0
    for _ in 0..<200 where b - a > 1e-14 * max(1, abs(b)) {
      var x = fa.isFinite ? b - fb * (b - a) / (fb - fa) : (a + b) / 2
      if !(x > a && x < b) { x = (a + b) / 2 }
      let fx = derivative(x) - lambda
      if fx >= 0 {
        a = x
        fa = fx
        if side == -1 { fb /= 2 }
        side = -1
      } else {
        b = x
        fb = fx
        if side == 1 { fa /= 2 }
        side = 1
      }
      if fx == 0 { break }
    }
    return a
  }

  // MARK: - Building the envelope

  private mutating func buildEnvelope(cells n: Int) {
    guard upper > lower else {
      knots = [lower, lower]
      knotValue = [value(lower), value(lower)]
      linear = [false]
      slope = [0]
      leftDerivative = [derivative(lower)]
      rightDerivative = leftDerivative
      return
    }
    let x = (0...n).map { i in i == n ? upper : lower + (upper - lower) * Double(i) / Double(n) }
    let f = x.map(value)
    // Upper hull, left to right: drop a vertex on or below the chord of its neighbours.
    var hull: [Int] = []
    for i in 0...n {
      while hull.count >= 2 {
        let a = hull[hull.count - 2], p = hull[hull.count - 1]
        if (f[p] - f[a]) * (x[i] - x[a]) <= (f[i] - f[a]) * (x[p] - x[a]) { hull.removeLast() } else { break }
      }
      hull.append(i)
    }
    // Stretches: hull edges that skip grid points, ends refined to tangency.
    var stretches: [(a: Double, b: Double)] = []
    for e in 0..<(hull.count - 1) where hull[e + 1] - hull[e] >= 2 {
      let ia = hull[e], ib = hull[e + 1]
      // An end is refined when it is inside the box and the hull around it is F itself (one-cell edge).
      let refineA = ia > 0 && (e == 0 || hull[e] - hull[e - 1] == 1)
      let refineB = ib < n && (e + 2 >= hull.count || hull[e + 2] - hull[e + 1] == 1)
      var a = x[ia], b = x[ib]
      for _ in 0..<((refineA && refineB) ? 4 : 1) {
        if refineA {
          let fb = value(b), bb = b
          a = tangent(in: x[ia - 1], min(x[ia + 1], b), current: a) { t in self.derivative(t) * (bb - t) - (fb - self.value(t)) }
        }
        if refineB {
          let fa = value(a), aa = a
          b = tangent(in: max(x[ib - 1], a), x[ib + 1], current: b) { t in self.derivative(t) * (t - aa) - (self.value(t) - fa) }
        }
      }
      if b > a { stretches.append((a, b)) }
    }
    // Pieces: grid points outside stretches plus the stretches' ends.
    var points: [(x: Double, linear: Bool)] = []
    var i = 0
    for st in stretches {
      while i <= n && x[i] < st.a {
        points.append((x[i], false))
        i += 1
      }
      points.append((st.a, true))
      points.append((st.b, false))
      while i <= n && x[i] <= st.b { i += 1 }
    }
    while i <= n {
      points.append((x[i], false))
      i += 1
    }
    // Remove points that fell at or before their predecessor (refined ends moved across a grid point).
    var cleaned: [(x: Double, linear: Bool)] = []
    for p in points {
      if let last = cleaned.last, p.x <= last.x {
        if p.linear { cleaned[cleaned.count - 1].linear = true }
        continue
      }
      cleaned.append(p)
    }
    knots = cleaned.map(\.x)
    knotValue = knots.map(value)
    linear = cleaned.dropLast().map(\.linear)
    slope = linear.indices.map { linear[$0] ? (knotValue[$0 + 1] - knotValue[$0]) / (knots[$0 + 1] - knots[$0]) : 0 }
    leftDerivative = linear.indices.map { linear[$0] ? slope[$0] : derivative(knots[$0]) }
    rightDerivative = linear.indices.map { linear[$0] ? slope[$0] : derivative(knots[$0 + 1]) }
  }

  /// A root of `g` in [lo, hi] by 60 halvings when g changes sign there;
  /// `current` otherwise.
  private func tangent(in lo: Double, _ hi: Double, current: Double, _ g: (Double) -> Double) -> Double {
    guard hi > lo else { return current }
    var lo = lo, hi = hi
    let glo = g(lo), ghi = g(hi)
    guard glo.isFinite, ghi.isFinite, (glo >= 0) != (ghi >= 0) else { return current }
    let loPositive = glo >= 0
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if mid == lo || mid == hi { break }
      if (g(mid) >= 0) == loPositive { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
  }
}
