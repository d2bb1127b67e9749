import FolioNotebook

/// Where everything goes on the 720 × 400 canvas: header, legend, plot area,
/// scales and tick labels. Computed once per render; marks only read it.
struct ChartLayout {
  static let width = 720.0
  static let height = 400.0
  static let margin = 16.0
  static let titleSize = 17.0
  static let subtitleSize = 12.5
  static let labelSize = 12.0
  static let tickSize = 11.5

  /// The plot rectangle in canvas pixels.
  var left = 0.0, top = 0.0, right = 0.0, bottom = 0.0
  var headerBottom = 0.0
  var legend: ChartLegend
  var x: AxisLayout
  var y: AxisLayout
  var hasData: Bool

  /// A positioned axis: its scale and the ticks to draw.
  struct AxisLayout {
    enum Scale {
      case linear(LinearScale)
      case band(BandScale)
    }
    var scale: Scale
    var ticks: ChartTicks
    /// Tick labels to draw (after thinning); same count as `ticks.values`,
    /// an empty label is not drawn.
    var shownLabels: [String]
    var rotateLabels = false
    var label: String

    /// Pixel position of a continuous value (band axes: the category centre of index `v`).
    func position(_ v: Double) -> Double {
      switch scale {
      case .linear(let s): return s(v)
      case .band(let b): return b.center(Int(v))
      }
    }
  }

  /// - Parameter density: the shading of density grids, listed in the legend.
  init(_ spec: ChartSpec, colors: inout ChartColorAssignment, density: DensityShading? = nil) {
    let extents = ChartExtents(spec)
    hasData = extents.hasData
    let m = Self.margin
    headerBottom = m + Self.titleSize + 4
    if spec.subtitle != nil { headerBottom += Self.subtitleSize + 6 }
    legend = ChartLegend(
      spec, colors: &colors, top: headerBottom + 8, left: m, width: Self.width - 2 * m, density: density)
    top = headerBottom + (legend.height > 0 ? legend.height + 16 : 14)
    right = Self.width - m - 8
    let xLabelHeight = spec.x.label.isEmpty ? 0.0 : Self.labelSize + 10
    bottom = Self.height - m - xLabelHeight - Self.tickSize - 8

    // Horizontal axis categories may need rotated labels, which costs height.
    var rotate = false
    if extents.xIsCategorical {
      let n = Double(max(1, extents.xCategories.count))
      let step = (right - 120) / n
      let widest = extents.xCategories.map { TextMetrics.width(Self.truncated($0), size: Self.tickSize) }.max() ?? 0
      if widest > step * 0.92 {
        rotate = true
        bottom -= min(widest * 0.6, 90)
      }
    }

    // Vertical axis first: its label widths decide the left edge. Its title
    // sits above the plot, horizontal, where it reads without head-tilting.
    if !spec.y.label.isEmpty { top += Self.labelSize + 8 }
    y = Self.axis(spec.y, extents.y, categorical: extents.yIsCategorical, categories: extents.yCategories,
                  range: (bottom, top), target: max(2, Int((bottom - top) / 45)), vertical: true)
    let widest = y.shownLabels.map { TextMetrics.width($0, size: Self.tickSize) }.max() ?? 0
    left = m + min(widest, Self.width * 0.35) + 10

    x = Self.axis(spec.x, extents.x, categorical: extents.xIsCategorical, categories: extents.xCategories,
                  range: (left, right), target: max(2, Int((right - left) / 75)), vertical: false)
    x.rotateLabels = rotate
    x.shownLabels = Self.thinned(x, rotated: rotate)
    if extents.yIsCategorical { y.shownLabels = Self.thinned(y, rotated: true) }
  }

  static func truncated(_ s: String, limit: Int = 24) -> String {
    s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
  }

  /// Resolves one axis: domain, ticks and scale.
  static func axis(
    _ axis: ChartAxis, _ extent: ChartExtents.Extent, categorical: Bool, categories: [String],
    range: (Double, Double), target: Int, vertical: Bool
  ) -> AxisLayout {
    if categorical {
      let band = BandScale(categories: categories, range: vertical ? (range.1, range.0) : range)
      let ticks = ChartTicks(values: categories.indices.map(Double.init), labels: categories.map { truncated($0) })
      return AxisLayout(scale: .band(band), ticks: ticks, shownLabels: ticks.labels, label: axis.label)
    }
    var lo = extent.isEmpty ? 0 : extent.lo
    var hi = extent.isEmpty ? 1 : extent.hi
    let ticks: ChartTicks
    if case .date = axis.scale {
      if let d = axis.domain { (lo, hi) = (d.lowerBound, d.upperBound) }
      if lo == hi { (lo, hi) = (lo - 1, hi + 1) }
      ticks = DateTicks.ticks(lo: lo, hi: hi, target: target)
    } else if let d = axis.domain, d.lowerBound.isFinite, d.upperBound.isFinite {
      (lo, hi) = NiceTicks.widened(lo: d.lowerBound, hi: d.upperBound)
      let t = NiceTicks.ticksInside(lo: lo, hi: hi, target: target)
      ticks = NiceTicks.labelled(t.values, step: t.step, format: axis.format)
    } else {
      let t = NiceTicks.ticks(lo: lo, hi: hi, target: target)
      (lo, hi) = trimmedDomain(data: (lo, hi), ticks: t.values)
      let kept = t.values.filter { $0 >= lo - t.step * 1e-9 && $0 <= hi + t.step * 1e-9 }
      ticks = NiceTicks.labelled(kept, step: t.step, format: axis.format)
    }
    let scale = LinearScale(domain: (lo, hi), range: range)
    return AxisLayout(scale: .linear(scale), ticks: ticks, shownLabels: ticks.labels, label: axis.label)
  }

  /// The domain for loose ticks: each end extends to the outermost tick
  /// unless that wastes more than 10 % of the axis, in which case it stops at
  /// the data plus 3 % padding (that tick is then not drawn).
  static func trimmedDomain(data: (Double, Double), ticks: [Double]) -> (Double, Double) {
    guard let first = ticks.first, let last = ticks.last, last > first else { return data }
    let (lo, hi) = NiceTicks.widened(lo: data.0, hi: data.1)
    let span = last - first
    let pad = (hi - lo) * 0.03
    let a = lo - first > 0.10 * span ? lo - pad : first
    let b = last - hi > 0.10 * span ? hi + pad : last
    return (a, b)
  }

  /// Drops every k-th label so horizontal tick labels never overlap; rotated
  /// category labels only need their line height of room.
  static func thinned(_ axis: AxisLayout, rotated: Bool) -> [String] {
    let labels = axis.ticks.labels
    guard labels.count > 1 else { return labels }
    let positions = axis.ticks.values.map { axis.position($0) }
    var spacing = Double.infinity
    for i in 1..<positions.count { spacing = min(spacing, abs(positions[i] - positions[i - 1])) }
    let need = rotated
      ? tickSize * 1.3
      : (labels.map { TextMetrics.width($0, size: tickSize) }.max() ?? 0) + 10
    guard spacing > 0, need > spacing else { return labels }
    let every = Int((need / spacing).rounded(.up))
    return labels.enumerated().map { $0.offset % every == 0 ? $0.element : "" }
  }
}

/// Estimated text widths for layout (no font access at render time): average
/// advance widths of a sans-serif font, as a fraction of the font size.
enum TextMetrics {
  static func width(_ s: String, size: Double) -> Double {
    var w = 0.0
    for ch in s.unicodeScalars {
      switch ch {
      case "0"..."9": w += 0.56
      case "A"..."Z": w += 0.66
      case " ", ".", ",", ":", ";", "'", "!", "|", "i", "l", "j", "I": w += 0.3
      case "m", "w", "M", "W": w += 0.85
      default: w += 0.53
      }
    }
    return w * size
  }
}
