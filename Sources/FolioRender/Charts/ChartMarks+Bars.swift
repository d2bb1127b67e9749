import FolioNotebook

extension ChartMarks {
  /// Bars on the band axis (x for vertical bars, y for horizontal ones).
  /// Grouped series split each band; stacked series share it.
  mutating func bar(_ b: BarLayer) {
    let bandAxis = b.horizontal ? layout.y : layout.x
    guard case .band(let band) = bandAxis.scale else { return }
    let seriesColors = b.series.map { colors.color(for: $0.name) }
    let groups = b.arrangement == .grouped ? max(1, b.series.count) : 1
    let slot = band.bandwidth / Double(groups)
    let gap = groups > 1 ? min(2, slot * 0.1) : 0
    for seg in BarStacking.segments(b) {
      guard let ci = band.categories.firstIndex(of: b.categories[seg.category]) else { continue }
      let offset = b.arrangement == .grouped ? Double(seg.series) * slot : 0
      let start = band.start(ci) + offset + gap / 2
      let thickness = max(0, slot - gap)
      let color = seriesColors[seg.series]
      if b.horizontal {
        guard let a = xPixel(seg.lo), let c = xPixel(seg.hi) else { continue }
        rect(x: min(a, c), y: start, width: abs(c - a), height: thickness, color: color)
      } else {
        guard let a = yPixel(seg.lo), let c = yPixel(seg.hi) else { continue }
        rect(x: start, y: min(a, c), width: thickness, height: abs(c - a), color: color)
      }
      count("bar")
    }
  }

  /// Histogram bins as adjoining bars with a hairline gap.
  mutating func histogram(_ h: Histogram, name: String) {
    guard h.edges.count == h.counts.count + 1 else { return }
    let color = colors.color(for: name)
    for i in h.counts.indices {
      guard let a = xPixel(h.edges[i]), let b = xPixel(h.edges[i + 1]), let top = yPixel(h.counts[i]),
        let base = yPixel(0)
      else { continue }
      let gap = min(1, abs(b - a) * 0.1)
      rect(x: min(a, b) + gap / 2, y: min(top, base), width: max(0, abs(b - a) - gap), height: abs(base - top), color: color)
      count("bin")
    }
  }

  mutating func rect(x: Double, y: Double, width: Double, height: Double, color: String) {
    svg.element(
      "rect",
      [("x", px(x)), ("y", px(y)), ("width", px(width)), ("height", px(height)), ("fill", color)])
  }
}
