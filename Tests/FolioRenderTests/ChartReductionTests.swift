import FolioNotebook
import XCTest

@testable import FolioRender

/// Charts stay light at any size: series are downsampled, big scatters become
/// density grids, bars keep their largest categories, and charts within the
/// limits are left exactly as they were.
final class ChartReductionTests: XCTestCase {
  func testChartsWithinTheLimitsAreNotChanged() {
    for (name, spec) in SVGChartSamples.all {
      let r = ChartReduction(spec)
      XCTAssertEqual(r.spec, spec, name)
      XCTAssertTrue(r.densities.isEmpty, name)
      XCTAssertNil(r.shading, name)
    }
  }

  func testMillionPointLineIsDownsampledToTheBudgetKeepingEndsAndSpike() throws {
    let n = 1_000_000
    let x = (0..<n).map(Double.init)
    var y = x.map { sin($0 / 5_000) }
    y[654_321] = 40
    let spec = ChartSpec(title: "long", layers: [.line([ChartSeries(name: "a", x: x, y: y)])])
    guard case .line(let series) = ChartReduction(spec).spec.layers[0] else { return XCTFail("not a line") }
    XCTAssertEqual(series[0].x.count, ChartLimits.pointsPerSeries)
    XCTAssertEqual(series[0].x.first, 0)
    XCTAssertEqual(series[0].x.last, Double(n - 1))
    XCTAssertTrue(series[0].x.contains(654_321), "the spike is kept")
    let svg = SVGChartRenderer.render(spec, id: "l").markup
    XCTAssertLessThan(svg.utf8.count, 100_000, "one path of 1,440 points")
    let doc = SVGInspector.parse(svg)
    XCTAssertNil(doc.parseError)
    XCTAssertEqual(doc.marks("path").count, 1)
  }

  func testGapsInALongLineStillBreakIt() {
    let n = 20_000
    let x = (0..<n).map(Double.init)
    var y = x.map { cos($0 / 700) }
    for i in 8_000..<9_000 { y[i] = .nan }
    let reduced = SeriesDownsampling.reduced(ChartSeries(name: "a", x: x, y: y), budget: 500)
    XCTAssertEqual(reduced.y.filter(\.isNaN).count, 1, "one gap marker where 1,000 points are missing")
    XCTAssertLessThanOrEqual(reduced.x.count, 501)
    XCTAssertEqual(reduced.x.first, 0)
    XCTAssertEqual(reduced.x.last, Double(n - 1))
    let doc = SVGInspector.parse(SVGChartRenderer.render(ChartSpec(title: "g", layers: [.line([reduced])]), id: "g").markup)
    XCTAssertEqual(doc.marks("path").count, 2, "two runs either side of the gap")
  }

  func testBandKeepsTheExtremesOfBothEdges() {
    let n = 50_000
    let x = (0..<n).map(Double.init)
    var low = x.map { -1 - 0.1 * sin($0 / 90) }
    var high = x.map { 1 + 0.1 * sin($0 / 90) }
    low[12_345] = -30
    high[40_001] = 25
    let b = SeriesDownsampling.reduced(BandLayer(name: "b", x: x, low: low, high: high), budget: 400)
    XCTAssertLessThanOrEqual(b.x.count, 400)
    XCTAssertTrue(b.x.contains(12_345) && b.x.contains(40_001))
  }

  func testStackedAreasShareTheKeptXAndKeepTheirTotals() {
    let n = 30_000
    let x = (0..<n).map(Double.init)
    let a = ChartSeries(name: "a", x: x, y: x.map { 2 + sin($0 / 300) })
    let b = ChartSeries(name: "b", x: x, y: x.map { 1 + cos($0 / 500) })
    let reduced = SeriesDownsampling.reducedStacked([a, b], budget: 600)
    XCTAssertEqual(reduced.map(\.name), ["a", "b"])
    XCTAssertEqual(reduced[0].x, reduced[1].x)
    XCTAssertLessThanOrEqual(reduced[0].x.count, 600)
    for (k, xv) in reduced[1].x.enumerated() {
      let i = Int(xv)
      XCTAssertEqual(reduced[1].y[k], b.y[i], accuracy: 1e-12)
      XCTAssertEqual(reduced[0].y[k], a.y[i], accuracy: 1e-12)
    }
  }

  /// Points at the centres of a 96 × 48 grid of unit cells (plus the two
  /// corners that fix the extent to [0, 96] × [0, 48]): cell (c, r) gets
  /// c + r + 1 points, so the counts are known without the grid code.
  func testDensityGridCountsEveryPointInItsCell() throws {
    var xs: [Double] = [0, 96], ys: [Double] = [0, 48]
    for r in 0..<48 {
      for c in 0..<96 {
        for _ in 0..<(c + r + 1) {
          xs.append(Double(c) + 0.5)
          ys.append(Double(r) + 0.5)
        }
      }
    }
    let grid = try XCTUnwrap(DensityGrid([ChartSeries(name: "p", x: xs, y: ys)]))
    XCTAssertEqual(grid.points, xs.count)
    XCTAssertEqual(grid.columns, 96)
    XCTAssertEqual(grid.rows, 48)
    for r in 0..<48 {
      for c in 0..<96 {
        let corner = (c == 0 && r == 0 ? 1 : 0) + (c == 95 && r == 47 ? 1 : 0)
        XCTAssertEqual(grid.series[0].counts[r * 96 + c], c + r + 1 + corner, "cell \(c), \(r)")
      }
    }
  }

  /// maxCount^(k/5) for 1,000: 3.98, 15.8, 63.1, 251 → 5, 20, 100, 500.
  func testDensityShadingRangesGrowGeometrically() {
    let s = DensityShading(maxCount: 1_000)
    XCTAssertEqual(s.lowerBounds, [1, 5, 20, 100, 500])
    XCTAssertEqual(s.labels, ["1–4", "5–19", "20–99", "100–499", "500–1,000"])
    XCTAssertEqual(s.level(1), 0)
    XCTAssertEqual(s.level(19), 1)
    XCTAssertEqual(s.level(1_000), 4)
    XCTAssertEqual(s.opacity(4), 1, accuracy: 1e-12)
    XCTAssertEqual(DensityShading(maxCount: 3).labels, ["1", "2–3"])
    XCTAssertEqual(DensityShading(maxCount: 1).labels, ["1"])
  }

  func testMillionPointScatterBecomesADensityLayerUnderOneMegabyte() {
    let n = 1_000_000
    var state: UInt64 = 42
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / 9_007_199_254_740_992
    }
    var x = [Double](repeating: 0, count: n), y = x
    for i in 0..<n {
      x[i] = uniform() * 10
      y[i] = x[i] * x[i] + 5 * (uniform() - 0.5)
    }
    let spec = ChartSpec(title: "cloud", layers: [.scatter([ChartSeries(name: "p", x: x, y: y)])])
    let svg = SVGChartRenderer.render(spec, id: "s").markup
    XCTAssertLessThan(svg.utf8.count, 1_000_000)
    let doc = SVGInspector.parse(svg)
    XCTAssertNil(doc.parseError)
    XCTAssertEqual(doc.marks("circle").count, 0, "no per-point marks")
    XCTAssertGreaterThan(doc.marks("path").count, 1, "one path per shaded count range")
    XCTAssertTrue(doc.texts().contains("1,000,000 points, shaded by count per cell"), "\(doc.texts().prefix(3))")
    XCTAssertTrue(doc.texts().contains("Points per cell:"))
    XCTAssertEqual(SVGChartRenderer.render(spec, id: "s").markup, svg, "deterministic")
  }

  /// Two series over the budget: each grid in its series colour, the
  /// legend naming both series and the count ranges in grey.
  func testDensityOfSeveralSeriesKeepsSeriesColoursAndAGreyCountKey() {
    let n = 4_000
    let a = ChartSeries(name: "North", x: (0..<n).map { Double($0 % 50) }, y: (0..<n).map { Double($0 % 40) })
    let b = ChartSeries(name: "South", x: (0..<n).map { Double($0 % 30) + 60 }, y: (0..<n).map { Double($0 % 20) })
    let doc = SVGInspector.parse(SVGChartRenderer.render(ChartSpec(title: "two", layers: [.scatter([a, b])]), id: "d").markup)
    let fills = Set(doc.marks("path").compactMap { $0.attributes["fill"] })
    XCTAssertEqual(fills, [ChartPalette.colors[0], ChartPalette.colors[1]])
    XCTAssertTrue(doc.texts().contains("North") && doc.texts().contains("South"))
    XCTAssertTrue(doc.texts().contains("8,000 points, shaded by count per cell"))
    let keyFills = doc.elements.filter { !$0.inMarks && $0.name == "rect" && $0.attributes["fill-opacity"] != nil }
      .compactMap { $0.attributes["fill"] }
    XCTAssertFalse(keyFills.isEmpty)
    XCTAssertTrue(keyFills.allSatisfy { $0 == ChartPalette.mutedText }, "\(keyFills)")
  }

  func testScatterAtTheBudgetStillDrawsEveryPoint() {
    let n = ChartLimits.scatterPoints
    let x = (0..<n).map { Double($0 % 97) }, y = (0..<n).map { Double($0 % 89) }
    let doc = SVGInspector.parse(
      SVGChartRenderer.render(ChartSpec(title: "p", layers: [.scatter([ChartSeries(name: "p", x: x, y: y)])]), id: "p").markup)
    XCTAssertEqual(doc.marks("circle").count, n)
  }

  func testBarChartWithTooManyCategoriesKeepsTheLargest() {
    let names = (0..<1_000).map { "c\($0)" }
    let values = (0..<1_000).map { Double(($0 * 7_919) % 1_000) }  // a permutation of 0…999
    let spec = ChartSpec(
      title: "bars", subtitle: "by store", x: ChartAxis(scale: .categorical(names)),
      layers: [.bar(BarLayer(categories: names, series: [.init(name: "v", values: values)]))])
    let r = ChartReduction(spec)
    guard case .bar(let bar) = r.spec.layers[0] else { return XCTFail("not bars") }
    XCTAssertEqual(bar.categories.count, ChartLimits.barCategories)
    XCTAssertEqual(Set(bar.series[0].values), Set((800..<1_000).map(Double.init)), "the 200 largest values")
    XCTAssertEqual(bar.categories, names.filter { bar.categories.contains($0) }, "axis order kept")
    XCTAssertEqual(r.spec.subtitle, "by store · the 200 largest of 1,000 categories")
    let doc = SVGInspector.parse(SVGChartRenderer.render(spec, id: "b").markup)
    XCTAssertEqual(doc.marks("rect").count, 200)
  }

  func testHistogramOfAMillionValuesDrawsItsBinsOnly() {
    let values = (0..<1_000_000).map { Double($0 % 1_013) }
    let h = Histogram.bins(values)
    XCTAssertLessThanOrEqual(h.counts.count, Histogram.maximumAutomaticBins)
    XCTAssertEqual(h.counts.reduce(0, +), 1_000_000)
    let doc = SVGInspector.parse(
      SVGChartRenderer.render(ChartSpec(title: "h", layers: [.histogram(h, name: "v")]), id: "h").markup)
    XCTAssertEqual(doc.marks("rect").count, h.counts.count)
  }
}
