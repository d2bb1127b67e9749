/// Maps a continuous domain linearly onto a pixel range.
struct LinearScale: Equatable {
  var domain: (lo: Double, hi: Double)
  var range: (from: Double, to: Double)

  init(domain: (Double, Double), range: (Double, Double)) {
    let (lo, hi) = NiceTicks.widened(lo: domain.0, hi: domain.1)
    self.domain = (lo, hi)
    self.range = range
  }

  /// Pixel position of `v`; linear, so values outside the domain land outside
  /// the range (the plot clip hides them).
  func callAsFunction(_ v: Double) -> Double {
    let t = (v - domain.lo) / (domain.hi - domain.lo)
    return range.from + t * (range.to - range.from)
  }

  /// The pixel position of `v` clamped into the range (for baselines).
  func clamped(_ v: Double) -> Double {
    let p = self(v)
    return min(max(p, min(range.from, range.to)), max(range.from, range.to))
  }

  static func == (a: LinearScale, b: LinearScale) -> Bool {
    a.domain == b.domain && a.range == b.range
  }
}

/// Places categories in equal bands along a pixel range (a band scale).
struct BandScale: Equatable {
  var categories: [String]
  var range: (from: Double, to: Double)
  /// Fraction of each step left empty between bands.
  var paddingInner: Double = 0.25
  /// Fraction of a step left empty at each end.
  var paddingOuter: Double = 0.15

  init(categories: [String], range: (Double, Double), paddingInner: Double = 0.25, paddingOuter: Double = 0.15) {
    self.categories = categories
    self.range = range
    self.paddingInner = paddingInner
    self.paddingOuter = paddingOuter
  }

  /// Distance between the starts of adjacent bands.
  var step: Double {
    let n = Double(max(1, categories.count))
    return (range.to - range.from) / (n - paddingInner + 2 * paddingOuter)
  }

  /// Width of one band.
  var bandwidth: Double { step * (1 - paddingInner) }

  /// Start of band `i`.
  func start(_ i: Int) -> Double { range.from + step * (paddingOuter + Double(i)) }

  /// Centre of band `i`.
  func center(_ i: Int) -> Double { start(i) + bandwidth / 2 }

  static func == (a: BandScale, b: BandScale) -> Bool {
    a.categories == b.categories && a.range == b.range && a.paddingInner == b.paddingInner
      && a.paddingOuter == b.paddingOuter
  }
}
