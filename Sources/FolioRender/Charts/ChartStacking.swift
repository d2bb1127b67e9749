import FolioNotebook

/// Lower and upper curves of area series, stacked or not.
enum AreaStacking {
  struct Stacked {
    var name: String
    var x: [Double]
    var lower: [Double]
    var upper: [Double]
  }

  /// Unstacked: each area spans 0…y, NaN kept (it breaks the area).
  /// Stacked: all series are aligned on the sorted union of their finite x
  /// values; a series without a value at some x (or with NaN) contributes 0
  /// there, and repeated x values within a series are summed.
  static func stack(_ series: [ChartSeries], stacked: Bool) -> [Stacked] {
    if !stacked {
      return series.map { s in
        let n = min(s.x.count, s.y.count)
        return Stacked(
          name: s.name, x: Array(s.x.prefix(n)), lower: [Double](repeating: 0, count: n),
          upper: Array(s.y.prefix(n)))
      }
    }
    var xs: [Double] = []
    for s in series { xs += s.x.filter { $0.isFinite } }
    let grid = Array(Set(xs)).sorted()
    var position: [Double: Int] = [:]
    for (i, v) in grid.enumerated() { position[v] = i }
    var base = [Double](repeating: 0, count: grid.count)
    var out: [Stacked] = []
    for s in series {
      var values = [Double](repeating: 0, count: grid.count)
      for i in 0..<min(s.x.count, s.y.count) where s.y[i].isFinite {
        if let k = position[s.x[i]] { values[k] += s.y[i] }
      }
      let upper = zip(base, values).map { $0 + $1 }
      out.append(Stacked(name: s.name, x: grid, lower: base, upper: upper))
      base = upper
    }
    return out
  }
}

/// Value ranges of bar rectangles.
enum BarStacking {
  struct Segment: Equatable {
    var series: Int
    var category: Int
    var lo: Double
    var hi: Double
  }

  /// One segment per finite value. Grouped: 0…v. Stacked: positive values
  /// stack upward from 0 and negative values downward, in series order, so a
  /// category with mixed signs diverges around the zero line.
  static func segments(_ bar: BarLayer) -> [Segment] {
    var out: [Segment] = []
    var up = [Double](repeating: 0, count: bar.categories.count)
    var down = up
    for (si, s) in bar.series.enumerated() {
      for ci in 0..<min(s.values.count, bar.categories.count) {
        let v = s.values[ci]
        guard v.isFinite else { continue }
        switch bar.arrangement {
        case .grouped:
          out.append(Segment(series: si, category: ci, lo: min(0, v), hi: max(0, v)))
        case .stacked:
          if v >= 0 {
            out.append(Segment(series: si, category: ci, lo: up[ci], hi: up[ci] + v))
            up[ci] += v
          } else {
            out.append(Segment(series: si, category: ci, lo: down[ci] + v, hi: down[ci]))
            down[ci] += v
          }
        }
      }
    }
    return out
  }

  static func extents(_ bar: BarLayer) -> [(Double, Double)] {
    segments(bar).map { ($0.lo, $0.hi) }
  }
}
