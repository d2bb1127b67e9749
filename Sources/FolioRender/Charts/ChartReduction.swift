import FolioNotebook

/// A spec brought within `ChartLimits` before layout: long line, area and
/// band series downsampled, scatter layers over the point budget turned into
/// density grids, bar layers with too many categories cut to the largest.
///
/// A spec within every limit passes through unchanged (same value, so the
/// same bytes). What was reduced and how is added to the subtitle when the
/// reader would otherwise be misled (a density grid, dropped categories);
/// downsampled lines are not noted, as they draw the same at page size.
struct ChartReduction {
  /// The spec to lay out and draw.
  var spec: ChartSpec
  /// Density grids by layer index, for scatter layers drawn as density.
  var densities: [Int: DensityGrid] = [:]
  /// The shared shading of every density grid, when there is one.
  var shading: DensityShading?

  init(_ original: ChartSpec) {
    spec = original
    var notes: [String] = []
    let budget = ChartLimits.pointsPerSeries
    for (i, layer) in original.layers.enumerated() {
      switch layer {
      case .line(let series):
        spec.layers[i] = .line(series.map { SeriesDownsampling.reduced($0, budget: budget) })
      case .area(let series, let stacked):
        let reduced = stacked
          ? SeriesDownsampling.reducedStacked(series, budget: budget)
          : series.map { SeriesDownsampling.reduced($0, budget: budget) }
        spec.layers[i] = .area(reduced, stacked: stacked)
      case .band(let band):
        spec.layers[i] = .band(SeriesDownsampling.reduced(band, budget: budget))
      case .scatter(let series):
        let finite = series.reduce(0) { total, s in
          total + zip(s.x, s.y).reduce(0) { $0 + ($1.0.isFinite && $1.1.isFinite ? 1 : 0) }
        }
        guard finite > ChartLimits.scatterPoints, let grid = DensityGrid(series) else { continue }
        densities[i] = grid
        let n = NumberFormat(.thousands, digits: 0).format(Double(grid.points))
        notes.append("\(n) points, shaded by count per cell")
      case .bar(let bar):
        guard bar.categories.count > ChartLimits.barCategories else { continue }
        let kept = Self.largestCategories(bar, limit: ChartLimits.barCategories)
        let names = kept.map { bar.categories[$0] }
        var reduced = bar
        reduced.categories = names
        reduced.series = bar.series.map { s in
          BarLayer.Series(name: s.name, values: kept.map { $0 < s.values.count ? s.values[$0] : .nan })
        }
        spec.layers[i] = .bar(reduced)
        spec.x.scale = Self.keeping(names, of: bar.categories, in: spec.x.scale)
        spec.y.scale = Self.keeping(names, of: bar.categories, in: spec.y.scale)
        let f = NumberFormat(.thousands, digits: 0)
        notes.append(
          "the \(f.format(Double(names.count))) largest of \(f.format(Double(bar.categories.count))) categories")
      case .interval, .histogram, .rule, .shade:
        continue
      }
    }
    if !densities.isEmpty {
      shading = DensityShading(maxCount: densities.values.map(\.maxCount).max() ?? 1)
    }
    if !notes.isEmpty {
      let note = notes.joined(separator: "; ")
      if let s = original.subtitle, !s.isEmpty {
        spec.subtitle = s + " · " + note
      } else {
        spec.subtitle = note.prefix(1).uppercased() + note.dropFirst()
      }
    }
  }

  /// Indices of the `limit` categories with the largest sum of absolute
  /// finite values across series (ties: the earlier category), ascending.
  static func largestCategories(_ bar: BarLayer, limit: Int) -> [Int] {
    var totals = [Double](repeating: 0, count: bar.categories.count)
    for s in bar.series {
      for (k, v) in s.values.prefix(totals.count).enumerated() where v.isFinite { totals[k] += abs(v) }
    }
    let order = totals.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
    return order.prefix(limit).sorted()
  }

  /// An explicit category axis cut to the kept names (other axes unchanged).
  static func keeping(_ names: [String], of all: [String], in scale: ChartAxis.Scale) -> ChartAxis.Scale {
    guard case .categorical(let listed) = scale, !listed.isEmpty else { return scale }
    let dropped = Set(all).subtracting(names)
    return .categorical(listed.filter { !dropped.contains($0) })
  }
}
