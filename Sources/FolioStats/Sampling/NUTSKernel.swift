import Foundation

/// A point of phase space: position q, momentum p, log-density at q and its
/// gradient (so a leapfrog step evaluates the density once), and the
/// velocity M⁻¹p (so the kinetic energy ½p·M⁻¹p costs O(d), not O(d²)).
struct PhasePoint {
  var q: [Double]
  var p: [Double]
  var logDensity: Double
  var gradient: [Double]
  var velocity: [Double]
}

/// What one NUTS transition reports (Stan's sampler diagnostics).
struct NUTSTransitionStats {
  /// Mean Metropolis acceptance probability over the new tree's states.
  var acceptStat: Double
  /// Depth of the trajectory tree (2^depth − 1 … leapfrog steps).
  var treeDepth: Int
  /// Leapfrog steps taken.
  var leapfrogSteps: Int
  /// Whether the energy error exceeded `maxEnergyError` (1000, as Stan).
  var divergent: Bool
  /// Hamiltonian H = −log p(q) + K(p) at the selected state.
  var energy: Double
}

/// One transition of the No-U-Turn sampler exactly as Stan's `base_nuts`:
/// multinomial sampling of the trajectory's states (biased progressive
/// sampling between subtrees, uniform-in-weight within them), the
/// generalized U-turn criterion on the summed momenta ρ with the extra
/// checks across merged subtrees (Betancourt 2017, Stan ≥ 2.26), and a
/// divergence when H − H₀ exceeds 1000.
///
/// All randomness comes from the caller's `SplitMix64`, in a fixed order, so
/// a transition is a pure function of (state, step size, metric, generator).
struct NUTSKernel {
  let density: any DifferentiableLogDensity
  var metric: EuclideanMetric
  var stepSize: Double
  var maxTreeDepth: Int
  static let maxEnergyError = 1000.0

  private var leapfrogCount = 0
  private var divergent = false
  private var sumMetropolis = 0.0
  private var scratch: [Double]

  init(density: any DifferentiableLogDensity, metric: EuclideanMetric, stepSize: Double, maxTreeDepth: Int) {
    self.density = density
    self.metric = metric
    self.stepSize = stepSize
    self.maxTreeDepth = maxTreeDepth
    scratch = [Double](repeating: 0, count: density.dimension)
  }

  /// Evaluates log p and ∇ log p at `z.q` into `z`; non-finite log p → −∞.
  func evaluate(_ z: inout PhasePoint) {
    let v = density.logDensity(at: z.q, gradient: &z.gradient)
    z.logDensity = v.isNaN ? -.infinity : v
  }

  /// H(z) = −log p(q) + ½ pᵀM⁻¹p (from the cached velocity); NaN counts as +∞.
  func hamiltonian(_ z: PhasePoint) -> Double {
    var k = 0.0
    for i in 0..<z.p.count { k += z.p[i] * z.velocity[i] }
    let h = -z.logDensity + 0.5 * k
    return h.isNaN ? .infinity : h
  }

  /// Draws a fresh momentum for `z` and updates its velocity.
  func refreshMomentum(_ z: inout PhasePoint, _ rng: inout SplitMix64) {
    metric.drawMomentum(&rng, into: &z.p)
    metric.velocity(z.p, into: &z.velocity)
  }

  /// One leapfrog step of size ε (negative for backward).
  mutating func leapfrog(_ z: inout PhasePoint, _ epsilon: Double) {
    let d = z.q.count
    for i in 0..<d { z.p[i] += 0.5 * epsilon * z.gradient[i] }
    metric.velocity(z.p, into: &scratch)
    for i in 0..<d { z.q[i] += epsilon * scratch[i] }
    evaluate(&z)
    for i in 0..<d { z.p[i] += 0.5 * epsilon * z.gradient[i] }
    metric.velocity(z.p, into: &z.velocity)
  }

  /// The generalized no-U-turn criterion: both ends still move apart along ρ.
  @inline(__always)
  static func persists(_ pSharpMinus: [Double], _ pSharpPlus: [Double], _ rho: [Double]) -> Bool {
    var a = 0.0, b = 0.0
    for i in 0..<rho.count {
      a += pSharpPlus[i] * rho[i]
      b += pSharpMinus[i] * rho[i]
    }
    return a > 0 && b > 0
  }

  /// One NUTS transition from position `q` (with its log-density and
  /// gradient in `start`); returns the new point and the statistics.
  mutating func transition(from start: PhasePoint, rng: inout SplitMix64) -> (PhasePoint, NUTSTransitionStats) {
    let d = start.q.count
    var z = start
    refreshMomentum(&z, &rng)
    let zero = [Double](repeating: 0, count: d)
    var zForward = z, zBackward = z, zSample = z, zPropose = z

    let pSharp0 = z.velocity
    var pForwardForward = z.p, pSharpForwardForward = pSharp0
    var pForwardBackward = z.p, pSharpForwardBackward = pSharp0
    var pBackwardForward = z.p, pSharpBackwardForward = pSharp0
    var pBackwardBackward = z.p, pSharpBackwardBackward = pSharp0
    var rho = z.p
    var logSumWeight = 0.0
    let h0 = hamiltonian(z)
    leapfrogCount = 0
    sumMetropolis = 0
    divergent = false
    var depth = 0

    while depth < maxTreeDepth {
      var rhoForward = zero, rhoBackward = zero
      var logSumWeightSubtree = -Double.infinity
      let valid: Bool
      if rng.uniform() > 0.5 {
        rhoBackward = rho
        pBackwardForward = pForwardBackward
        pSharpBackwardForward = pSharpForwardBackward
        z = zForward
        valid = buildTree(
          depth: depth, z: &z, propose: &zPropose, pSharpBegin: &pSharpForwardBackward,
          pSharpEnd: &pSharpForwardForward, rho: &rhoForward, pBegin: &pForwardBackward,
          pEnd: &pForwardForward, h0: h0, sign: 1, logSumWeight: &logSumWeightSubtree, rng: &rng)
        zForward = z
      } else {
        rhoForward = rho
        pForwardBackward = pBackwardForward
        pSharpForwardBackward = pSharpBackwardForward
        z = zBackward
        valid = buildTree(
          depth: depth, z: &z, propose: &zPropose, pSharpBegin: &pSharpBackwardForward,
          pSharpEnd: &pSharpBackwardBackward, rho: &rhoBackward, pBegin: &pBackwardForward,
          pEnd: &pBackwardBackward, h0: h0, sign: -1, logSumWeight: &logSumWeightSubtree, rng: &rng)
        zBackward = z
      }
      if !valid { break }
      depth += 1
      if logSumWeightSubtree > logSumWeight {
        zSample = zPropose
      } else if rng.uniform() < exp(logSumWeightSubtree - logSumWeight) {
        zSample = zPropose
      }
      logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree)
      for i in 0..<d { rho[i] = rhoBackward[i] + rhoForward[i] }
      var persist = NUTSKernel.persists(pSharpBackwardBackward, pSharpForwardForward, rho)
      var extended = zero
      for i in 0..<d { extended[i] = rhoBackward[i] + pForwardBackward[i] }
      persist = persist && NUTSKernel.persists(pSharpBackwardBackward, pSharpForwardBackward, extended)
      for i in 0..<d { extended[i] = rhoForward[i] + pBackwardForward[i] }
      persist = persist && NUTSKernel.persists(pSharpBackwardForward, pSharpForwardForward, extended)
      if !persist { break }
    }
    let stats = NUTSTransitionStats(
      acceptStat: leapfrogCount > 0 ? sumMetropolis / Double(leapfrogCount) : 0, treeDepth: depth,
      leapfrogSteps: leapfrogCount, divergent: divergent, energy: hamiltonian(zSample))
    return (zSample, stats)
  }

  /// Stan's `build_tree`: 2^depth leapfrog steps in direction `sign` from
  /// `z`, accumulating the multinomial weight, ρ and the end momenta;
  /// returns false on a divergence or a U-turn inside the subtree.
  private mutating func buildTree(
    depth: Int, z: inout PhasePoint, propose: inout PhasePoint, pSharpBegin: inout [Double],
    pSharpEnd: inout [Double], rho: inout [Double], pBegin: inout [Double], pEnd: inout [Double],
    h0: Double, sign: Double, logSumWeight: inout Double, rng: inout SplitMix64
  ) -> Bool {
    let d = z.q.count
    if depth == 0 {
      leapfrog(&z, sign * stepSize)
      leapfrogCount += 1
      let h = hamiltonian(z)
      if h - h0 > NUTSKernel.maxEnergyError { divergent = true }
      logSumWeight = logSumExp(logSumWeight, h0 - h)
      sumMetropolis += h0 - h > 0 ? 1 : exp(h0 - h)
      propose = z
      pSharpBegin = z.velocity
      pSharpEnd = pSharpBegin
      for i in 0..<d { rho[i] += z.p[i] }
      pBegin = z.p
      pEnd = pBegin
      return !divergent
    }
    // Initial subtree.
    var logSumWeightInit = -Double.infinity
    var pInitEnd = [Double](repeating: 0, count: d), pSharpInitEnd = pInitEnd, rhoInit = pInitEnd
    let validInit = buildTree(
      depth: depth - 1, z: &z, propose: &propose, pSharpBegin: &pSharpBegin, pSharpEnd: &pSharpInitEnd,
      rho: &rhoInit, pBegin: &pBegin, pEnd: &pInitEnd, h0: h0, sign: sign, logSumWeight: &logSumWeightInit,
      rng: &rng)
    if !validInit { return false }
    // Final subtree.
    var proposeFinal = z
    var logSumWeightFinal = -Double.infinity
    var pFinalBegin = [Double](repeating: 0, count: d), pSharpFinalBegin = pFinalBegin, rhoFinal = pFinalBegin
    let validFinal = buildTree(
      depth: depth - 1, z: &z, propose: &proposeFinal, pSharpBegin: &pSharpFinalBegin, pSharpEnd: &pSharpEnd,
      rho: &rhoFinal, pBegin: &pFinalBegin, pEnd: &pEnd, h0: h0, sign: sign, logSumWeight: &logSumWeightFinal,
      rng: &rng)
    if !validFinal { return false }
    // Multinomial sample from the final subtree.
    let logSumWeightSubtree = logSumExp(logSumWeightInit, logSumWeightFinal)
    logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree)
    if logSumWeightFinal > logSumWeightSubtree {
      propose = proposeFinal
    } else if rng.uniform() < exp(logSumWeightFinal - logSumWeightSubtree) {
      propose = proposeFinal
    }
    var rhoSubtree = rhoInit
    for i in 0..<d {
      rhoSubtree[i] += rhoFinal[i]
      rho[i] += rhoSubtree[i]
    }
    var persist = NUTSKernel.persists(pSharpBegin, pSharpEnd, rhoSubtree)
    var extended = rhoInit
    for i in 0..<d { extended[i] += pFinalBegin[i] }
    persist = persist && NUTSKernel.persists(pSharpBegin, pSharpFinalBegin, extended)
    extended = rhoFinal
    for i in 0..<d { extended[i] += pInitEnd[i] }
    persist = persist && NUTSKernel.persists(pSharpInitEnd, pSharpEnd, extended)
    return persist
  }
}

/// log(eᵃ + eᵇ) without overflow; −∞ + −∞ → −∞.
@inline(__always)
func logSumExp(_ a: Double, _ b: Double) -> Double {
  if a == -.infinity { return b }
  if b == -.infinity { return a }
  return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b))
}
