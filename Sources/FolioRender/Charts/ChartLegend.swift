import FolioNotebook

/// The legend: one entry per distinct series name, laid out in rows above the
/// plot (so it never covers data), shown only when there are two or more.
struct ChartLegend {
  enum Swatch: Equatable {
    case line, box, band
    /// A box at a density range's opacity.
    case shade(Double)
    /// Text only: the "+ N more" note when entries exceed `maxRows`.
    case none
  }

  struct Entry: Equatable {
    var name: String
    var color: String
    var swatch: Swatch
    /// Top-left of the swatch.
    var x = 0.0
    var y = 0.0
  }

  var entries: [Entry] = []
  var height = 0.0
  static let fontSize = 12.0
  static let rowHeight = 20.0
  /// Rows the legend may take before the rest is summarised as "+ N more".
  static let maxRows = 3

  /// Assigns every series its colour (in layer order, so colours are the same
  /// whether or not the legend is shown) and places the entries.
  /// With `density`, the legend also lists the count ranges of the density
  /// shading ("Points per cell" and one shaded box per range), in the
  /// series colour when there is one series, else in grey.
  init(
    _ spec: ChartSpec, colors: inout ChartColorAssignment, top: Double, left: Double, width: Double,
    density: DensityShading? = nil
  ) {
    var all: [Entry] = []
    func add(_ name: String, _ swatch: Swatch) {
      let color = colors.color(for: name)
      if !all.contains(where: { $0.name == name }) { all.append(Entry(name: name, color: color, swatch: swatch)) }
    }
    for layer in spec.layers {
      switch layer {
      case .line(let s): s.forEach { add($0.name, .line) }
      case .scatter(let s): s.forEach { add($0.name, .box) }
      case .area(let s, _): s.forEach { add($0.name, .box) }
      case .bar(let b): b.series.forEach { add($0.name, .box) }
      case .band(let b): add(b.name, .band)
      case .interval(let iv): add(iv.name, .line)
      case .histogram(_, let name): add(name, .box)
      case .rule, .shade: break
      }
    }
    if let density {
      let shade = all.count == 1 ? all[0].color : ChartPalette.mutedText
      if all.count == 1 { all = [] }
      all.append(Entry(name: "Points per cell:", color: ChartPalette.mutedText, swatch: .none))
      for (k, label) in density.labels.enumerated() {
        all.append(Entry(name: label, color: shade, swatch: .shade(density.opacity(k))))
      }
    }
    guard all.count >= 2 else {
      entries = []
      return
    }
    var x = left
    var y = top
    var row = 0
    for (index, var e) in all.enumerated() {
      let label = ChartLayout.truncated(e.name, limit: 32)
      let w = 18 + TextMetrics.width(label, size: Self.fontSize) + 18
      if x > left, x + w > left + width - (row == Self.maxRows - 1 ? 90 : 0) {
        if row == Self.maxRows - 1 {
          entries.append(Entry(name: "+ \(all.count - index) more", color: ChartPalette.mutedText, swatch: .none, x: x - 18, y: y))
          break
        }
        x = left
        y += Self.rowHeight
        row += 1
      }
      e.x = x
      e.y = y
      e.name = label
      entries.append(e)
      x += w
    }
    height = y - top + Self.rowHeight - 6
  }

  /// SVG for the legend.
  func draw(into svg: inout SVGWriter) {
    guard !entries.isEmpty else { return }
    svg.raw("<g class=\"legend\">\n")
    for e in entries {
      let cy = e.y + 6
      switch e.swatch {
      case .line:
        svg.element(
          "line",
          [("x1", px(e.x)), ("y1", px(cy)), ("x2", px(e.x + 14)), ("y2", px(cy)), ("stroke", e.color),
           ("stroke-width", "2.5"), ("stroke-linecap", "round")])
      case .none: break
      case .shade(let opacity):
        svg.element(
          "rect",
          [("x", px(e.x)), ("y", px(e.y)), ("width", "12.00"), ("height", "12.00"), ("rx", "2.00"),
           ("fill", e.color), ("fill-opacity", px(opacity))])
      case .box, .band:
        svg.element(
          "rect",
          [("x", px(e.x)), ("y", px(e.y)), ("width", "12.00"), ("height", "12.00"), ("rx", "2.00"),
           ("fill", e.color)] + (e.swatch == .band ? [("fill-opacity", "0.25")] : []))
      }
      svg.element(
        "text",
        [("x", px(e.x + 18)), ("y", px(cy + 4)), ("font-size", "12"), ("fill", ChartPalette.text)],
        content: e.name)
    }
    svg.raw("</g>\n")
  }
}
