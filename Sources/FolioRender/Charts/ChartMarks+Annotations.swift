import FolioNotebook

extension ChartMarks {
  /// A dashed reference line with its label: horizontal rules are labelled at
  /// the right end above the line, vertical ones at the top beside it.
  mutating func rule(_ r: RuleLayer) {
    let stroke = [("stroke", ChartPalette.reference), ("stroke-width", "1.25"), ("stroke-dasharray", "5 4")]
    switch r.orientation {
    case .horizontal:
      guard let y = yPixel(r.value) else { return }
      svg.element("line", [("x1", px(layout.left)), ("y1", px(y)), ("x2", px(layout.right)), ("y2", px(y))] + stroke)
      if !r.label.isEmpty { label(r.label, x: layout.right - 4, y: y - 6, anchor: "end") }
    case .vertical:
      guard let x = xPixel(r.value) else { return }
      svg.element("line", [("x1", px(x)), ("y1", px(layout.top)), ("x2", px(x)), ("y2", px(layout.bottom))] + stroke)
      if !r.label.isEmpty {
        let nearRight = x > layout.right - TextMetrics.width(r.label, size: 11) - 10
        label(r.label, x: nearRight ? x - 5 : x + 5, y: layout.top + 12, anchor: nearRight ? "end" : "start")
      }
    }
    count("rule")
  }

  /// Shaded x spans with labels along the top edge of the plot.
  mutating func shade(_ ranges: [ShadedRange]) {
    for r in ranges {
      guard let a = xPixel(r.from), let b = xPixel(r.to) else { continue }
      let x0 = max(min(a, b), layout.left - 2)
      let x1 = min(max(a, b), layout.right + 2)
      guard x1 > x0 else { continue }
      svg.element(
        "rect",
        [("x", px(x0)), ("y", px(layout.top)), ("width", px(x1 - x0)), ("height", px(layout.bottom - layout.top)),
         ("fill", "#6E7781"), ("fill-opacity", "0.10")])
      if !r.label.isEmpty { label(r.label, x: x0 + 4, y: layout.top + 12, anchor: "start") }
      count("shade")
    }
  }

  /// Annotation text with a white halo so it reads over lines and gridlines.
  mutating func label(_ text: String, x: Double, y: Double, anchor: String) {
    svg.element(
      "text",
      [("x", px(x)), ("y", px(y)), ("text-anchor", anchor), ("font-size", "11"), ("fill", ChartPalette.text),
       ("stroke", "#FFFFFF"), ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke")],
      content: text)
  }
}
