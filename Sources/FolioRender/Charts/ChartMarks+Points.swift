import FolioNotebook

extension ChartMarks {
  /// Scatter points. Without sizes every point has radius 4; with sizes the
  /// area is proportional to size: r = 2.5 + 9.5·√(size / max size).
  mutating func scatter(_ series: [ChartSeries]) {
    for s in series {
      let color = colors.color(for: s.name)
      let n = min(s.x.count, s.y.count)
      let largest = s.size?.filter { $0.isFinite && $0 > 0 }.max() ?? 0
      let style = SVGWriter.circleStyle(
        [("fill", color), ("fill-opacity", "0.75"), ("stroke", "#FFFFFF"), ("stroke-width", "0.75")])
      var drawn = 0
      for i in 0..<n {
        guard let cx = xPixel(s.x[i]), let cy = yPixel(s.y[i]) else { continue }
        var r = 4.0
        if let sizes = s.size, i < sizes.count, largest > 0 {
          let v = sizes[i]
          r = v.isFinite && v > 0 ? 2.5 + 9.5 * (v / largest).squareRoot() : 2.5
        }
        svg.circle(cx: cx, cy: cy, r: r, style: style)
        drawn += 1
      }
      if drawn > 0 { count("point", drawn) }
    }
  }

  /// Forest plot rows: a whisker from low to high with end caps and a dot at
  /// the estimate; the reference line is dashed behind them.
  mutating func interval(_ iv: IntervalLayer) {
    guard case .band(let band) = layout.y.scale else { return }
    let color = colors.color(for: iv.name)
    if let r = iv.reference, let x = xPixel(r) {
      svg.element(
        "line",
        [("x1", px(x)), ("y1", px(layout.top)), ("x2", px(x)), ("y2", px(layout.bottom)),
         ("stroke", ChartPalette.reference), ("stroke-width", "1.25"), ("stroke-dasharray", "4 3")])
    }
    for (i, name) in iv.categories.enumerated() {
      guard let row = band.categories.firstIndex(of: name) else { continue }
      let cy = band.center(row)
      let cap = min(6, band.bandwidth / 3)
      if i < iv.low.count, i < iv.high.count, let a = xPixel(iv.low[i]), let b = xPixel(iv.high[i]) {
        let whisker = [("stroke", color), ("stroke-width", "2.00")]
        svg.element("line", [("x1", px(a)), ("y1", px(cy)), ("x2", px(b)), ("y2", px(cy))] + whisker)
        for e in [a, b] {
          svg.element("line", [("x1", px(e)), ("y1", px(cy - cap)), ("x2", px(e)), ("y2", px(cy + cap))] + whisker)
        }
        count("whisker")
      }
      if i < iv.estimate.count, let x = xPixel(iv.estimate[i]) {
        svg.element(
          "circle",
          [("cx", px(x)), ("cy", px(cy)), ("r", "4.50"), ("fill", color), ("stroke", "#FFFFFF"),
           ("stroke-width", "1.00")])
        count("estimate")
      }
    }
  }
}
