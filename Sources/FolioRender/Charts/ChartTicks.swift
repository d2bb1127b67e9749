import FolioNotebook

/// Tick positions and labels for one axis.
struct ChartTicks: Equatable {
  var values: [Double]
  var labels: [String]
}

/// "Nice" numeric ticks on 1-2-5 steps (Heckbert's loose labelling, with a
/// Wilkinson-style choice between candidate steps).
enum NiceTicks {
  /// Ticks covering `[lo, hi]` with about `target` ticks.
  ///
  /// Candidate steps are q·10^e with q ∈ {1, 2, 5}; each gives the loose
  /// extent [⌊lo/s⌋·s, ⌈hi/s⌉·s] with n ticks. The chosen step minimises
  /// |n − target|/target + 3·(1 − coverage), where coverage is the data
  /// range over the extent, so ticks neither crowd nor waste the plot:
  /// [0, 97] → 0, 20, …, 100.
  ///
  /// Degenerate input never fails: a zero-width domain is widened by 10 % of
  /// its magnitude (±1 around 0), and non-finite bounds give [0, 1].
  /// Tick values are computed as integer × q × 10^e (dividing by 10^−e for
  /// negative e) so 0.3 prints as 0.3, not 0.30000000000000004.
  static func ticks(lo: Double, hi: Double, target: Int = 5) -> (values: [Double], step: Double) {
    var (a, b) = widened(lo: lo, hi: hi)
    if a > b { swap(&a, &b) }
    let m = Double(max(2, target))
    let range = b - a
    guard range.isFinite, range > 0 else { return ([a, b], b - a) }
    let base = (log10(range / m)).rounded(.down)
    var best: (cost: Double, q: Double, e: Int, first: Double, count: Int)? = nil
    for e in Int(base) - 1...Int(base) + 1 {
      for q in [1.0, 2.0, 5.0] {
        let s = stepValue(q, e)
        guard s > 0, s.isFinite else { continue }
        let first = (a / s).rounded(.down)
        let last = (b / s).rounded(.up)
        let n = Int(last - first) + 1
        guard n >= 2, n <= 60 else { continue }
        let coverage = range / ((last - first) * s)
        let cost = abs(Double(n) - m) / m + 3 * (1 - coverage)
        if let b = best, cost >= b.cost - 1e-12 { continue }
        best = (cost, q, e, first, n)
      }
    }
    guard let pick = best else { return ([a, b], b - a) }
    let values = (0..<pick.count).map { i -> Double in
      let k = (pick.first + Double(i)) * pick.q
      return pick.e >= 0 ? k * pow10(pick.e) : k / pow10(-pick.e)
    }
    return (values, stepValue(pick.q, pick.e))
  }

  /// Ticks strictly inside a fixed domain (no extension), on the same steps.
  static func ticksInside(lo: Double, hi: Double, target: Int = 5) -> (values: [Double], step: Double) {
    let (a, b) = widened(lo: min(lo, hi), hi: max(lo, hi))
    let (loose, step) = ticks(lo: a, hi: b, target: target)
    let tolerance = step * 1e-9
    let inside = loose.filter { $0 >= a - tolerance && $0 <= b + tolerance }
    return (inside.isEmpty ? [a, b] : inside, step)
  }

  /// A usable extent: finite and of positive width.
  static func widened(lo: Double, hi: Double) -> (Double, Double) {
    guard lo.isFinite, hi.isFinite else { return (0, 1) }
    if lo != hi { return (lo, hi) }
    let pad = lo == 0 ? 1 : abs(lo) * 0.1
    return (lo - pad, hi + pad)
  }

  private static func stepValue(_ q: Double, _ e: Int) -> Double {
    e >= 0 ? q * pow10(e) : q / pow10(-e)
  }

  private static func pow10(_ e: Int) -> Double {
    var r = 1.0
    for _ in 0..<min(e, 330) { r *= 10 }
    return r
  }

  /// The label format for ticks `step` apart when the axis sets none:
  /// just enough decimals for the step, and k/M/B suffixes from 10 000 up.
  static func automaticFormat(step: Double, maxMagnitude: Double) -> NumberFormat {
    guard step > 0, step.isFinite else { return .automatic }
    let e = Int(log10(step).rounded(.down))
    if step < 1e-4 || maxMagnitude >= 1e15 { return NumberFormat(.number, digits: 3) }
    if maxMagnitude >= 10_000 {
      let tier = maxMagnitude >= 1e12 ? 12 : maxMagnitude >= 1e9 ? 9 : maxMagnitude >= 1e6 ? 6 : 3
      return NumberFormat(.compact, digits: max(0, tier - e))
    }
    return NumberFormat(.thousands, digits: max(0, -e))
  }

  /// Ticks with labels for a numeric axis.
  static func labelled(_ values: [Double], step: Double, format: NumberFormat?) -> ChartTicks {
    let biggest = values.map { abs($0) }.max() ?? 0
    let f = format ?? automaticFormat(step: step, maxMagnitude: biggest)
    return ChartTicks(values: values, labels: values.map { f.format($0) })
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
