import FolioNotebook

/// Draws the layers of a spec as SVG marks, clipped to the plot area.
///
/// Every mark skips points whose coordinates are not finite, so NaN and ±∞
/// in a spec never reach the output.
struct ChartMarks {
  let layout: ChartLayout
  var colors: ChartColorAssignment
  var svg = SVGWriter()
  /// Counts of drawn marks by kind, for tests and diagnostics.
  private(set) var counts: [String: Int] = [:]

  init(layout: ChartLayout, colors: ChartColorAssignment) {
    self.layout = layout
    self.colors = colors
  }

  mutating func draw(_ layer: ChartLayer) {
    switch layer {
    case .line(let series): series.forEach { line($0) }
    case .scatter(let series): scatter(series)
    case .area(let series, let stacked): area(series, stacked: stacked)
    case .band(let band): self.band(band)
    case .bar(let bar): self.bar(bar)
    case .histogram(let h, let name): histogram(h, name: name)
    case .interval(let iv): interval(iv)
    case .rule(let r): rule(r)
    case .shade(let ranges): shade(ranges)
    }
  }

  mutating func count(_ kind: String, _ n: Int = 1) { counts[kind, default: 0] += n }

  // MARK: - Positions

  /// Horizontal pixel of a continuous x value; nil when x is categorical or the result is not finite.
  func xPixel(_ v: Double) -> Double? {
    guard v.isFinite, case .linear(let s) = layout.x.scale else { return nil }
    let p = s(v)
    return p.isFinite ? p : nil
  }

  /// Vertical pixel of a continuous y value.
  func yPixel(_ v: Double) -> Double? {
    guard v.isFinite, case .linear(let s) = layout.y.scale else { return nil }
    let p = s(v)
    return p.isFinite ? p : nil
  }

  /// Runs of consecutive indices where `valid` holds: the pieces of a line broken at gaps.
  static func runs(_ n: Int, _ valid: (Int) -> Bool) -> [[Int]] {
    var out: [[Int]] = []
    var current: [Int] = []
    for i in 0..<n {
      if valid(i) {
        current.append(i)
      } else if !current.isEmpty {
        out.append(current)
        current = []
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// `M x y L x y …` through the points.
  static func polyline(_ points: [(Double, Double)]) -> String {
    var d = ""
    for (i, p) in points.enumerated() {
      d += (i == 0 ? "M" : "L") + SVGWriter.number(p.0) + " " + SVGWriter.number(p.1)
    }
    return d
  }
}
