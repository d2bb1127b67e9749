/// Gridlines, baselines, tick labels and axis titles.
enum ChartAxesDrawing {
  /// Light gridlines at the value axis ticks, drawn behind the marks.
  static func grid(_ layout: ChartLayout, into svg: inout SVGWriter) {
    svg.raw("<g class=\"grid\" stroke=\"\(ChartPalette.grid)\" stroke-width=\"1\">\n")
    if case .linear(let ys) = layout.y.scale {
      for t in layout.y.ticks.values {
        let p = ys(t)
        svg.element("line", [("x1", px(layout.left)), ("y1", px(p)), ("x2", px(layout.right)), ("y2", px(p))])
      }
    }
    if case .linear(let xs) = layout.x.scale, case .band = layout.y.scale {
      for t in layout.x.ticks.values {
        let p = xs(t)
        svg.element("line", [("x1", px(p)), ("y1", px(layout.top)), ("x2", px(p)), ("y2", px(layout.bottom))])
      }
    }
    svg.raw("</g>\n")
  }

  /// Axis lines, tick labels and titles, drawn over the marks.
  static func axes(_ layout: ChartLayout, into svg: inout SVGWriter) {
    svg.raw("<g class=\"axes\" font-size=\"\(String(describing: ChartLayout.tickSize))\" fill=\"\(ChartPalette.mutedText)\">\n")
    let axisLine = [("stroke", ChartPalette.axis), ("stroke-width", "1")]
    // Baseline: the zero line when zero is inside the value domain, else the bottom edge.
    var baseline = layout.bottom
    if case .linear(let ys) = layout.y.scale, ys.domain.lo < 0, ys.domain.hi > 0 { baseline = ys(0) }
    if case .linear = layout.y.scale {
      svg.element("line", [("x1", px(layout.left)), ("y1", px(baseline)), ("x2", px(layout.right)), ("y2", px(baseline))] + axisLine)
    }
    if case .linear(let xs) = layout.x.scale, case .band = layout.y.scale {
      let p = xs.domain.lo < 0 && xs.domain.hi > 0 ? xs(0) : layout.left
      svg.element("line", [("x1", px(p)), ("y1", px(layout.top)), ("x2", px(p)), ("y2", px(layout.bottom))] + axisLine)
    }
    // Vertical axis tick labels.
    for (t, label) in zip(layout.y.ticks.values, layout.y.shownLabels) where !label.isEmpty {
      let p = layout.y.position(t)
      svg.element("text", [("x", px(layout.left - 8)), ("y", px(p + 4)), ("text-anchor", "end")], content: label)
    }
    // Horizontal axis tick marks and labels.
    let labelY = layout.bottom + ChartLayout.tickSize + 6
    for (t, label) in zip(layout.x.ticks.values, layout.x.shownLabels) where !label.isEmpty {
      let p = layout.x.position(t)
      if case .linear = layout.x.scale {
        svg.element("line", [("x1", px(p)), ("y1", px(layout.bottom)), ("x2", px(p)), ("y2", px(layout.bottom + 4))] + axisLine)
      }
      if layout.x.rotateLabels {
        svg.element(
          "text",
          [("x", px(p)), ("y", px(layout.bottom + 12)), ("text-anchor", "end"),
           ("transform", "rotate(-35 \(px(p)) \(px(layout.bottom + 12)))")], content: label)
      } else {
        // Keep the outermost labels on the canvas.
        let half = TextMetrics.width(label, size: ChartLayout.tickSize) / 2
        var anchor = "middle"
        var x = p
        if p - half < 4 {
          (anchor, x) = ("start", max(2, p - 4))
        } else if p + half > ChartLayout.width - 4 {
          (anchor, x) = ("end", min(ChartLayout.width - 2, p + 4))
        }
        svg.element("text", [("x", px(x)), ("y", px(labelY)), ("text-anchor", anchor)], content: label)
      }
    }
    svg.raw("</g>\n")
    titles(layout, into: &svg)
  }

  private static func titles(_ layout: ChartLayout, into svg: inout SVGWriter) {
    let style = [("font-size", "\(ChartLayout.labelSize)"), ("font-weight", "600"), ("fill", ChartPalette.mutedText)]
    if !layout.x.label.isEmpty {
      svg.element(
        "text",
        [("x", px((layout.left + layout.right) / 2)), ("y", px(ChartLayout.height - ChartLayout.margin)),
         ("text-anchor", "middle")] + style, content: layout.x.label)
    }
    if !layout.y.label.isEmpty {
      svg.element(
        "text", [("x", px(ChartLayout.margin)), ("y", px(layout.top - 12)), ("text-anchor", "start")] + style,
        content: layout.y.label)
    }
  }
}
