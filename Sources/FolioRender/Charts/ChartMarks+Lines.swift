import FolioNotebook

extension ChartMarks {
  /// One path per unbroken run; a run of one point becomes a dot so it stays visible.
  mutating func line(_ s: ChartSeries) {
    let color = colors.color(for: s.name)
    let n = min(s.x.count, s.y.count)
    let runs = Self.runs(n) { xPixel(s.x[$0]) != nil && yPixel(s.y[$0]) != nil }
    for run in runs {
      let points = run.map { (xPixel(s.x[$0]) ?? 0, yPixel(s.y[$0]) ?? 0) }
      if points.count == 1 {
        svg.element("circle", [("cx", px(points[0].0)), ("cy", px(points[0].1)), ("r", "3.00"), ("fill", color)])
        count("point")
      } else {
        svg.element(
          "path",
          [("d", Self.polyline(points)), ("fill", "none"), ("stroke", color), ("stroke-width", "2.25"),
           ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
        count("line")
      }
    }
  }

  /// Areas: unstacked ones are translucent with an outline; stacked ones are
  /// solid with a thin white seam between layers.
  mutating func area(_ series: [ChartSeries], stacked: Bool) {
    for s in AreaStacking.stack(series, stacked: stacked) {
      let color = colors.color(for: s.name)
      let runs = Self.runs(s.x.count) {
        xPixel(s.x[$0]) != nil && yPixel(s.upper[$0]) != nil && yPixel(s.lower[$0]) != nil
      }
      for run in runs {
        let upper = run.map { (xPixel(s.x[$0]) ?? 0, clampY(s.upper[$0])) }
        let lower = run.reversed().map { (xPixel(s.x[$0]) ?? 0, clampY(s.lower[$0])) }
        svg.element(
          "path",
          [("d", Self.polyline(upper + lower) + "Z"), ("fill", color),
           ("fill-opacity", stacked ? "0.85" : "0.22")]
            + (stacked ? [("stroke", "#FFFFFF"), ("stroke-width", "0.75")] : []))
        if !stacked {
          svg.element(
            "path", [("d", Self.polyline(upper)), ("fill", "none"), ("stroke", color), ("stroke-width", "2.00")])
        }
        count("area")
      }
    }
  }

  /// A translucent band between low and high, broken where either is missing.
  mutating func band(_ b: BandLayer) {
    let color = colors.color(for: b.name)
    let n = min(b.x.count, b.low.count, b.high.count)
    let runs = Self.runs(n) { xPixel(b.x[$0]) != nil && yPixel(b.low[$0]) != nil && yPixel(b.high[$0]) != nil }
    for run in runs {
      let upper = run.map { (xPixel(b.x[$0]) ?? 0, clampY(b.high[$0])) }
      let lower = run.reversed().map { (xPixel(b.x[$0]) ?? 0, clampY(b.low[$0])) }
      svg.element("path", [("d", Self.polyline(upper + lower) + "Z"), ("fill", color), ("fill-opacity", "0.20")])
      count("band")
    }
  }

  /// y pixel kept within a generous margin of the plot so paths stay printable.
  func clampY(_ v: Double) -> Double {
    let p = yPixel(v) ?? layout.bottom
    return min(max(p, layout.top - 1000), layout.bottom + 1000)
  }
}
