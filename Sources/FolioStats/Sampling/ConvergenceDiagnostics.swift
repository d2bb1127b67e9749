import Foundation

/// Convergence diagnostics of MCMC draws after Vehtari, Gelman, Simpson,
/// Carpenter & Bürkner (2021), "Rank-normalization, folding, and
/// localization", computed exactly as ArviZ (`az.rhat(method="rank")`,
/// `az.ess(method="bulk" | "tail")`) computes them.
///
/// Input is `[chain][draw]`; every chain must have the same length. Each
/// chain is split in halves (the middle draw of an odd-length chain is
/// dropped), so a trend within a chain shows as disagreement between halves.
public enum ConvergenceDiagnostics {
  /// Rank-normalized split R-hat: the larger of the R-hat of the
  /// rank-normalized draws and of the rank-normalized folded draws
  /// |x − median x|. Below 1.01 is the usual bar. NaN with fewer than 4
  /// draws per chain; NaN for constant draws.
  public static func rankNormalizedSplitRHat(_ chains: [[Double]]) -> Double {
    let split = splitChains(chains)
    guard let n = split.first?.count, n >= 2 else { return .nan }
    let med = quantile(split.flatMap { $0 }, 0.5)
    let folded = split.map { $0.map { abs($0 - med) } }
    return max(rHat(zScale(split)), rHat(zScale(folded)))
  }

  /// Bulk effective sample size: ESS of the rank-normalized split chains.
  public static func bulkESS(_ chains: [[Double]]) -> Double { ess(zScale(splitChains(chains))) }

  /// Tail effective sample size: the smaller ESS of the indicators
  /// x ≤ q₀.₀₅ and x ≤ q₀.₉₅ (split chains), the quantiles' precision.
  public static func tailESS(_ chains: [[Double]]) -> Double {
    let flat = chains.flatMap { $0 }
    let q05 = quantile(flat, 0.05), q95 = quantile(flat, 0.95)
    let split = splitChains(chains)
    let i05 = split.map { $0.map { $0 <= q05 ? 1.0 : 0.0 } }
    let i95 = split.map { $0.map { $0 <= q95 ? 1.0 : 0.0 } }
    return min(ess(i05), ess(i95))
  }

  /// Effective sample size of the mean (split chains, not ranked: ArviZ's
  /// `method="mean"`), for the Monte-Carlo standard error sd/√ESS.
  public static func meanESS(_ chains: [[Double]]) -> Double { ess(splitChains(chains)) }

  // MARK: - Building blocks (ArviZ's _split_chains, _z_scale, _rhat, _ess)

  /// Each chain cut into its first ⌊n/2⌋ and last ⌊n/2⌋ draws.
  static func splitChains(_ chains: [[Double]]) -> [[Double]] {
    chains.flatMap { c -> [[Double]] in
      let half = c.count / 2
      return [Array(c[0..<half]), Array(c[(c.count - half)...])]
    }
  }

  /// Rank normalization: average ranks r over all draws pooled, then
  /// Φ⁻¹((r − 3/8)/(S + 1/4)), S the total count (Blom's offset).
  static func zScale(_ chains: [[Double]]) -> [[Double]] {
    let flat = chains.flatMap { $0 }
    let s = Double(flat.count)
    let order = flat.indices.sorted { flat[$0] < flat[$1] }
    var ranks = [Double](repeating: 0, count: flat.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && flat[order[j + 1]] == flat[order[i]] { j += 1 }
      let avg = Double(i + j) / 2 + 1
      for k in i...j { ranks[order[k]] = avg }
      i = j + 1
    }
    let normal = NormalDistribution()
    var out: [[Double]] = [], offset = 0
    for c in chains {
      out.append((0..<c.count).map { normal.quantile((ranks[offset + $0] - 0.375) / (s + 0.25)) })
      offset += c.count
    }
    return out
  }

  /// Gelman–Rubin R-hat of (already split) chains:
  /// √((B/W + n − 1)/n), B = n·var(chain means), W = mean chain variance.
  static func rHat(_ chains: [[Double]]) -> Double {
    let m = chains.count
    guard m > 1, let n = chains.first?.count, n > 1 else { return .nan }
    let means = chains.map { mean($0) }
    let vars = chains.map { variance($0) }
    let between = Double(n) * variance(means)
    let within = vars.reduce(0, +) / Double(m)
    return ((between / within + Double(n) - 1) / Double(n)).squareRoot()
  }

  /// Effective sample size by Geyer's initial monotone sequence on the
  /// multi-chain autocorrelation ρ̂ₜ = 1 − (W − mean autocovₜ)/var⁺.
  static func ess(_ chains: [[Double]]) -> Double {
    let m = chains.count
    guard m >= 1, let n = chains.first?.count, n >= 4 else { return .nan }
    let nd = Double(n)
    let flat = chains.flatMap { $0 }
    // Constant draws: ArviZ returns the draw count.
    if let lo = flat.min(), let hi = flat.max(), hi - lo < 1e-15 { return Double(flat.count) }
    let centred = chains.map { c -> [Double] in
      let mu = mean(c)
      return c.map { $0 - mu }
    }
    // Mean over chains of the biased autocovariance at lag t.
    func acov(_ t: Int) -> Double {
      var s = 0.0
      for c in centred {
        var a = 0.0
        for i in 0..<(n - t) { a += c[i] * c[i + t] }
        s += a / nd
      }
      return s / Double(m)
    }
    let acov0 = acov(0)
    let meanVar = acov0 * nd / (nd - 1)
    var varPlus = meanVar * (nd - 1) / nd
    if m > 1 { varPlus += variance(chains.map { mean($0) }) }
    guard varPlus > 0 else { return .nan }
    var rho = [Double](repeating: 0, count: n)
    var rhoEven = 1.0
    rho[0] = rhoEven
    var rhoOdd = 1 - (meanVar - acov(1)) / varPlus
    rho[1] = rhoOdd
    var t = 1
    while t < n - 3 && rhoEven + rhoOdd > 0 {
      rhoEven = 1 - (meanVar - acov(t + 1)) / varPlus
      rhoOdd = 1 - (meanVar - acov(t + 2)) / varPlus
      if rhoEven + rhoOdd >= 0 {
        rho[t + 1] = rhoEven
        rho[t + 2] = rhoOdd
      }
      t += 2
    }
    let maxT = t - 2
    if rhoEven > 0 { rho[maxT + 1] = rhoEven }
    t = 1
    while t <= maxT - 2 {
      if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t] {
        rho[t + 1] = (rho[t - 1] + rho[t]) / 2
        rho[t + 2] = rho[t + 1]
      }
      t += 2
    }
    let total = Double(m) * nd
    var tau = -1.0
    for k in 0...maxT { tau += 2 * rho[k] }
    tau += rho[maxT + 1]
    tau = max(tau, 1 / log10(total))
    return total / tau
  }

  /// Sample quantile with linear interpolation (numpy's default, type 7).
  public static func quantile(_ values: [Double], _ p: Double) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return .nan }
    let h = Double(s.count - 1) * p
    let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
    return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
  }

  static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

  /// Sample variance with n − 1 in the denominator.
  static func variance(_ x: [Double]) -> Double {
    let mu = mean(x)
    return x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(x.count - 1)
  }
}
