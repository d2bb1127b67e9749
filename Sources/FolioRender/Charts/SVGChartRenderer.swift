import FolioNotebook

/// Draws a `ChartSpec` as one self-contained, accessible inline `<svg>`.
///
/// The canvas is a 720 × 400 viewBox scaled to the page width; fonts are the
/// system sans-serif stack at 11.5 px and up, so tick labels stay readable
/// when a report is printed. Output is deterministic: coordinates have two
/// fixed decimals and every id is `id` plus a suffix (`{id}-title`,
/// `{id}-desc`, `{id}-clip`), so several charts can share a page.
///
/// Never fails: empty layers (or only NaN data) give a framed "No data"
/// chart; single points, all-equal values, ±∞ and negative stacked values
/// are drawn or skipped.
///
/// Stays light at any data size (`ChartLimits`, applied by
/// `ChartReduction`): long lines, areas and bands are downsampled with
/// largest-triangle-three-buckets, big scatters become density grids, and
/// bar charts keep their largest categories; histograms are binned before
/// they get here. A million-point chart is a few hundred kilobytes of SVG.
public enum SVGChartRenderer {
  public static var fontStack: String { fontStackAttribute.markup }
  /// ``fontStack`` as written in the `font-family` attribute (its quotes are
  /// single quotes inside a double-quoted attribute, so it is written as is).
  static let fontStackAttribute: HTML =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

  /// The chart as an `<svg>` element, with fresh series colours.
  public static func render(_ spec: ChartSpec, id: String) -> HTML {
    var colors = ChartColorAssignment()
    return render(spec, id: id, colors: &colors)
  }

  /// The chart as an `<svg>` element; series colours come from (and are added
  /// to) `colors`, so a series keeps its colour across a report.
  public static func render(_ original: ChartSpec, id: String, colors: inout ChartColorAssignment) -> HTML {
    let reduction = ChartReduction(original)
    let spec = reduction.spec
    let layout = ChartLayout(spec, colors: &colors, density: reduction.shading)
    var svg = SVGWriter()
    let w = SVGWriter.number(ChartLayout.width)
    let h = SVGWriter.number(ChartLayout.height)
    svg.raw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"100%\" "
        + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
        + "id=\"\(id)\" class=\"folio-chart\" font-family=\"\(fontStackAttribute)\" "
        + "style=\"max-width: 100%; height: auto;\">\n")
    svg.element("title", [("id", id + "-title")], content: spec.title)
    svg.element("desc", [("id", id + "-desc")], content: description(spec))
    svg.raw("<defs><clipPath id=\"\(id)-clip\">")
    svg.element(
      "rect",
      // 10 px of slack so points and line caps at the data's edge are not cut.
      [("x", px(layout.left - 10)), ("y", px(layout.top - 10)), ("width", px(layout.right - layout.left + 20)),
       ("height", px(layout.bottom - layout.top + 20))])
    svg.raw("</clipPath></defs>\n")
    svg.element("rect", [("width", w), ("height", h), ("fill", "#FFFFFF")])
    header(spec, into: &svg)

    if layout.hasData {
      ChartAxesDrawing.grid(layout, into: &svg)
      var marks = ChartMarks(layout: layout, colors: colors)
      for (i, layer) in spec.layers.enumerated() {
        if let grid = reduction.densities[i], let shading = reduction.shading {
          marks.density(grid, shading: shading)
        } else {
          marks.draw(layer)
        }
      }
      svg.raw("<g class=\"marks\" clip-path=\"url(#\(id)-clip)\">\n")
      svg.raw(marks.svg.html)
      svg.raw("</g>\n")
      colors = marks.colors
      ChartAxesDrawing.axes(layout, into: &svg)
      layout.legend.draw(into: &svg)
    } else {
      noData(layout, into: &svg)
    }
    svg.raw("</svg>")
    return svg.html
  }

  /// The `<desc>` text: the spec's description, or a generated one.
  static func description(_ spec: ChartSpec) -> String {
    if !spec.description.isEmpty { return spec.description }
    let axes = [spec.x.label, spec.y.label].filter { !$0.isEmpty }
    return axes.isEmpty ? "Chart: \(spec.title)" : "Chart of \(axes.joined(separator: " against "))."
  }

  private static func header(_ spec: ChartSpec, into svg: inout SVGWriter) {
    let m = ChartLayout.margin
    svg.element(
      "text",
      [("x", px(m)), ("y", px(m + ChartLayout.titleSize - 2)), ("font-size", "\(ChartLayout.titleSize)"),
       ("font-weight", "600"), ("fill", ChartPalette.text)], content: spec.title)
    if let sub = spec.subtitle {
      svg.element(
        "text",
        [("x", px(m)), ("y", px(m + ChartLayout.titleSize + ChartLayout.subtitleSize + 4)),
         ("font-size", "\(ChartLayout.subtitleSize)"), ("fill", ChartPalette.mutedText)], content: sub)
    }
  }

  private static func noData(_ layout: ChartLayout, into svg: inout SVGWriter) {
    svg.element(
      "rect",
      [("x", px(layout.left)), ("y", px(layout.top)), ("width", px(layout.right - layout.left)),
       ("height", px(layout.bottom - layout.top)), ("fill", "#F6F8FA"), ("stroke", ChartPalette.grid)])
    svg.element(
      "text",
      [("x", px((layout.left + layout.right) / 2)), ("y", px((layout.top + layout.bottom) / 2 + 5)),
       ("text-anchor", "middle"), ("font-size", "14"), ("fill", ChartPalette.mutedText)], content: "No data")
  }
}
