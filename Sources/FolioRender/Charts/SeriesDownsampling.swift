import FolioNotebook

/// Downsampling of the point sequences behind lines, areas and bands to
/// `ChartLimits.pointsPerSeries`, with largest-triangle-three-buckets.
enum SeriesDownsampling {
  /// Which points of a sequence to keep: original indices in order, with
  /// `nil` standing for a gap (a missing point that breaks the line).
  ///
  /// A point is drawable when `x` and every curve in `curves` are finite
  /// there. The drawable points are downsampled per curve with LTTB, each
  /// curve getting `budget / curves.count` points, and the union is kept,
  /// so a band keeps the extremes of both its edges. A gap of the original
  /// falling between two kept points becomes one `nil`, so lines still
  /// break where data are missing (at the budget's resolution).
  ///
  /// Returns `nil` when the sequence has at most `budget` points: it is
  /// drawn unchanged.
  static func keptIndices(x: [Double], curves: [[Double]], budget: Int) -> [Int?]? {
    let n = curves.reduce(x.count) { min($0, $1.count) }
    guard n > budget, !curves.isEmpty else { return nil }
    var drawable: [Int] = []
    drawable.reserveCapacity(n)
    for i in 0..<n where x[i].isFinite && curves.allSatisfy({ $0[i].isFinite }) { drawable.append(i) }
    let cx = drawable.map { x[$0] }
    let share = max(3, budget / curves.count)
    var keep = Set<Int>()
    for curve in curves {
      let cy = drawable.map { curve[$0] }
      keep.formUnion(LargestTriangleThreeBuckets.indices(x: cx, y: cy, threshold: share))
    }
    var out: [Int?] = []
    out.reserveCapacity(keep.count * 2)
    var previous: Int? = nil
    for k in keep.sorted() {
      if let p = previous, drawable[k] - drawable[p] > k - p { out.append(nil) }
      out.append(drawable[k])
      previous = k
    }
    return out
  }

  /// `values` at the kept indices, NaN at gaps.
  static func pick(_ values: [Double], _ kept: [Int?]) -> [Double] {
    kept.map { i in i.map { values[$0] } ?? .nan }
  }

  /// A line series reduced to the budget (unchanged when within it).
  static func reduced(_ s: ChartSeries, budget: Int) -> ChartSeries {
    guard let kept = keptIndices(x: s.x, curves: [s.y], budget: budget) else { return s }
    var out = s
    out.x = pick(s.x, kept)
    out.y = pick(s.y, kept)
    out.size = s.size.map { sizes in kept.map { i in i.flatMap { $0 < sizes.count ? sizes[$0] : nil } ?? .nan } }
    return out
  }

  /// A band reduced so both edges keep their extremes.
  static func reduced(_ b: BandLayer, budget: Int) -> BandLayer {
    guard let kept = keptIndices(x: b.x, curves: [b.low, b.high], budget: budget) else { return b }
    return BandLayer(name: b.name, x: pick(b.x, kept), low: pick(b.low, kept), high: pick(b.high, kept))
  }

  /// Stacked areas share one x grid: the union of each stacked layer's
  /// kept points is kept for all, and each series is rebuilt on it from its
  /// per-x totals (what stacking would add up), so restacking the reduced
  /// series draws the same outlines at the kept x values.
  static func reducedStacked(_ series: [ChartSeries], budget: Int) -> [ChartSeries] {
    let stacks = AreaStacking.stack(series, stacked: true)
    guard let grid = stacks.first?.x,
      let kept = keptIndices(x: grid, curves: stacks.map(\.upper), budget: budget)
    else { return series }
    return stacks.map { s in
      let xs = pick(s.x, kept).filter { !$0.isNaN }
      let values = kept.compactMap { $0 }.map { s.upper[$0] - s.lower[$0] }
      return ChartSeries(name: s.name, x: xs, y: values)
    }
  }
}
