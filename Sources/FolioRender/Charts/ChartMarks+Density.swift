import FolioNotebook

extension ChartMarks {
  /// A density grid: per series and count range, one path of the range's
  /// cells (`M x y h w v h h −w z` per cell), in the series colour at the
  /// range's opacity, with crisp edges so adjacent cells show no seams.
  /// Empty cells draw nothing.
  mutating func density(_ grid: DensityGrid, shading: DensityShading) {
    for s in grid.series {
      let color = colors.color(for: s.name)
      var paths = [String](repeating: "", count: shading.lowerBounds.count)
      var cells = 0
      for row in 0..<grid.rows {
        for column in 0..<grid.columns {
          let n = s.counts[row * grid.columns + column]
          guard n > 0 else { continue }
          let b = grid.bounds(column: column, row: row)
          guard let x0 = xPixel(b.x0), let x1 = xPixel(b.x1), let y0 = yPixel(b.y0), let y1 = yPixel(b.y1) else {
            continue
          }
          let w = abs(x1 - x0), h = abs(y1 - y0)
          paths[shading.level(n)] +=
            "M\(px(min(x0, x1))) \(px(min(y0, y1)))h\(px(w))v\(px(h))h\(px(-w))z"
          cells += 1
        }
      }
      for (k, d) in paths.enumerated() where !d.isEmpty {
        svg.element(
          "path", [("d", d), ("fill", color), ("fill-opacity", px(shading.opacity(k))), ("shape-rendering", "crispEdges")])
      }
      count("cell", cells)
    }
  }
}
