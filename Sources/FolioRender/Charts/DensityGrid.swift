import FolioNotebook

/// A scatter layer over `ChartLimits.scatterPoints`, drawn as counts of
/// points on a grid of equal cells over the layer's data extent, each cell
/// shaded by its count (one grid per series, in the series' colour).
///
/// Cells are rectangles in data space, `columns` × `rows` over
/// [min x, max x] × [min y, max y], so they can be counted before the plot
/// is laid out (the legend's count ranges need them); on the plot they are
/// about 6 × 6 px. A point on a cell's upper edge belongs to the next cell,
/// except at the extent's maximum, which belongs to the last cell. Points
/// with a non-finite coordinate are not counted, as they are not drawn.
struct DensityGrid: Equatable {
  struct Series: Equatable {
    var name: String
    /// Row-major counts, `rows` × `columns`; row 0 holds the smallest y.
    var counts: [Int]
  }

  var columns: Int
  var rows: Int
  var xRange: (lo: Double, hi: Double)
  var yRange: (lo: Double, hi: Double)
  var series: [Series]
  /// Finite points counted, across series.
  var points: Int

  /// Grid size: 96 × 48 cells for one or two series, 64 × 32 beyond, which
  /// bounds the SVG (one short path segment per non-empty cell) at about
  /// 200 kB per grid and 700 kB for the eight-colour palette.
  static func size(seriesCount: Int) -> (columns: Int, rows: Int) {
    seriesCount <= 2 ? (96, 48) : (64, 32)
  }

  /// Counts of `series`; `nil` when no point is finite.
  init?(_ series: [ChartSeries]) {
    var xr = ChartExtents.Extent(), yr = ChartExtents.Extent()
    for s in series {
      for i in 0..<min(s.x.count, s.y.count) where s.x[i].isFinite && s.y[i].isFinite {
        xr.add(s.x[i])
        yr.add(s.y[i])
      }
    }
    guard !xr.isEmpty, !yr.isEmpty else { return nil }
    (columns, rows) = Self.size(seriesCount: series.count)
    xRange = NiceTicks.widened(lo: xr.lo, hi: xr.hi)
    yRange = NiceTicks.widened(lo: yr.lo, hi: yr.hi)
    self.series = []
    points = 0
    for s in series {
      var counts = [Int](repeating: 0, count: columns * rows)
      for i in 0..<min(s.x.count, s.y.count) where s.x[i].isFinite && s.y[i].isFinite {
        let c = Self.cell(s.x[i], xRange, columns)
        let r = Self.cell(s.y[i], yRange, rows)
        counts[r * columns + c] += 1
        points += 1
      }
      self.series.append(Series(name: s.name, counts: counts))
    }
  }

  /// The cell index of `v` along one axis of `n` cells over `range`.
  static func cell(_ v: Double, _ range: (lo: Double, hi: Double), _ n: Int) -> Int {
    let t = (min(max(v, -1e300), 1e300) - range.lo) / (range.hi - range.lo) * Double(n)
    guard t.isFinite else { return 0 }
    return min(n - 1, max(0, Int(t.rounded(.down))))
  }

  /// The data extent of cell (`column`, `row`).
  func bounds(column: Int, row: Int) -> (x0: Double, x1: Double, y0: Double, y1: Double) {
    let w = (xRange.hi - xRange.lo) / Double(columns), h = (yRange.hi - yRange.lo) / Double(rows)
    return (xRange.lo + Double(column) * w, xRange.lo + Double(column + 1) * w,
            yRange.lo + Double(row) * h, yRange.lo + Double(row + 1) * h)
  }

  /// The largest count of any cell.
  var maxCount: Int { series.reduce(0) { max($0, $1.counts.max() ?? 0) } }

  static func == (a: DensityGrid, b: DensityGrid) -> Bool {
    a.columns == b.columns && a.rows == b.rows && a.xRange == b.xRange && a.yRange == b.yRange
      && a.series == b.series && a.points == b.points
  }
}

/// The shading of density grids: up to five count ranges, each a fill
/// opacity of the series colour, from light (few points) to solid.
struct DensityShading: Equatable {
  /// Lower bounds of the ranges, ascending, starting at 1.
  var lowerBounds: [Int]
  var maxCount: Int

  /// Ranges whose bounds grow geometrically from 1 to the largest count:
  /// the k-th bound is maxCount^(k/5) rounded up to 1, 2 or 5 × 10ⁿ, so a
  /// grid whose counts span 1–1,000 reads 1–4, 5–19, 20–99, 100–499 and
  /// 500–1,000 points per cell. Repeated bounds collapse (few distinct
  /// counts give fewer ranges).
  init(maxCount: Int) {
    self.maxCount = max(1, maxCount)
    var bounds = [1]
    for k in 1..<5 {
      let b = Self.niceCeiling(pow(Double(self.maxCount), Double(k) / 5))
      if b > bounds[bounds.count - 1], b <= self.maxCount { bounds.append(b) }
    }
    lowerBounds = bounds
  }

  /// The smallest 1, 2 or 5 × 10ⁿ at or above `v` (at least 1).
  static func niceCeiling(_ v: Double) -> Int {
    var base = 1
    while true {
      for m in [1, 2, 5] where Double(m * base) >= v - 1e-9 { return m * base }
      base *= 10
    }
  }

  /// The range index of a count ≥ 1.
  func level(_ count: Int) -> Int {
    var k = 0
    while k + 1 < lowerBounds.count, count >= lowerBounds[k + 1] { k += 1 }
    return k
  }

  /// Fill opacity of range `k`: 0.15 + 0.85·(k + 1)/ranges, so the densest is solid.
  func opacity(_ k: Int) -> Double { 0.15 + 0.85 * Double(k + 1) / Double(lowerBounds.count) }

  /// "1–4", …, "500–1,000"; a range of one count reads "3".
  var labels: [String] {
    let f = NumberFormat(.thousands, digits: 0)
    return lowerBounds.indices.map { k in
      let lo = lowerBounds[k]
      let hi = k + 1 < lowerBounds.count ? lowerBounds[k + 1] - 1 : maxCount
      return lo == hi ? f.format(Double(lo)) : "\(f.format(Double(lo)))–\(f.format(Double(hi)))"
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
