/// Histogram bins: `edges.count == counts.count + 1`, bin i is
/// [edges[i], edges[i+1]) and the last bin also holds its right edge.
public struct Histogram: Sendable, Equatable {
  public var edges: [Double]
  public var counts: [Double]

  public init(edges: [Double], counts: [Double]) {
    self.edges = edges
    self.counts = counts
  }

  /// The most bins the automatic rule picks: more bars than this are noise on a page.
  public static let maximumAutomaticBins = 50

  /// Bins `values` into equal-width bins between their minimum and maximum,
  /// matching `numpy.histogram` (same edges via `linspace`, same assignment).
  ///
  /// NaN and infinite values are ignored. The bin count is `count` when given
  /// (at least 1), else the Freedman–Diaconis rule:
  /// width h = 2·IQR·n^(−1/3) (IQR from linearly interpolated quartiles) and
  /// k = ⌈(max − min)/h⌉, capped at `maximumAutomaticBins`; when IQR is 0
  /// (mostly tied data) it falls back to Sturges, k = ⌈log₂ n + 1⌉. All equal
  /// values get one bin [v − 0.5, v + 0.5] as numpy does; no values give one
  /// empty bin [0, 1].
  ///
  /// - Complexity: O(n log n) for the quartiles, O(n) for the counts.
  public static func bins(_ values: [Double], count: Int? = nil) -> Histogram {
    let finite = values.filter { $0.isFinite }
    var first = finite.min() ?? 0
    var last = finite.max() ?? 1
    if first == last {
      first -= 0.5
      last += 0.5
    }
    let k = max(1, count ?? automaticBinCount(finite, range: last - first))
    var edges = [Double](repeating: 0, count: k + 1)
    let step = (last - first) / Double(k)
    for i in 0...k { edges[i] = first + Double(i) * step }
    edges[k] = last
    var counts = [Double](repeating: 0, count: k)
    let norm = Double(k) / (last - first)
    for v in finite {
      let f = (v - first) * norm
      var i = f.isFinite ? Int(min(max(f, 0), Double(k - 1))) : 0
      if v < edges[i] { i -= 1 }
      if i < k - 1, v >= edges[i + 1] { i += 1 }
      counts[max(0, min(k - 1, i))] += 1
    }
    return Histogram(edges: edges, counts: counts)
  }

  /// Freedman–Diaconis, capped; Sturges when the IQR is 0.
  static func automaticBinCount(_ finite: [Double], range: Double) -> Int {
    let n = finite.count
    guard n >= 2 else { return 1 }
    let sorted = finite.sorted()
    let iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25)
    let width = 2 * iqr * pow(Double(n), -1.0 / 3.0)
    let raw: Double
    if width > 0 {
      raw = (range / width).rounded(.up)
    } else {
      raw = (log2(Double(n)) + 1).rounded(.up)
    }
    guard raw.isFinite else { return maximumAutomaticBins }
    return Int(min(Double(maximumAutomaticBins), max(1, raw)))
  }

  /// Linearly interpolated quantile of sorted values (numpy's default method).
  static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p
    let lo = Int(h)
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
