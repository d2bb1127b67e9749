import FolioNotebook
import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

@testable import FolioRender

/// Parses SVG text and records every element, and which ones sit inside the marks group.
final class SVGInspector: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var inMarks: Bool
    var text = ""
  }

  var elements: [Element] = []
  var parseError: Error?
  private var stack: [(String, Bool)] = []

  static func parse(_ svg: String) -> SVGInspector {
    let inspector = SVGInspector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = inspector
    if !parser.parse() { inspector.parseError = parser.parserError ?? NSError(domain: "xml", code: 1) }
    return inspector
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    let inMarks = (stack.last?.1 ?? false) || (name == "g" && attributes["class"] == "marks")
    elements.append(Element(name: name, attributes: attributes, inMarks: inMarks))
    stack.append((name, inMarks))
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
    if !elements.isEmpty { elements[elements.count - 1].text += trimmed }
  }

  func marks(_ name: String) -> [Element] { elements.filter { $0.inMarks && $0.name == name } }
  func texts() -> [String] { elements.filter { $0.name == "text" || $0.name == "title" }.map(\.text) }
}

final class SVGChartRendererTests: XCTestCase {
  func testEverySampleIsWellFormedAccessibleXMLWithPrefixedIds() {
    for (name, spec) in SVGChartSamples.all {
      let id = "fig-\(name)"
      let svg = SVGChartRenderer.render(spec, id: id).markup
      let doc = SVGInspector.parse(svg)
      XCTAssertNil(doc.parseError, "\(name): \(String(describing: doc.parseError))")
      let root = doc.elements.first
      XCTAssertEqual(root?.name, "svg")
      XCTAssertEqual(root?.attributes["role"], "img")
      XCTAssertEqual(root?.attributes["viewBox"], "0 0 720.00 400.00")
      XCTAssertEqual(root?.attributes["width"], "100%")
      XCTAssertEqual(root?.attributes["aria-labelledby"], "\(id)-title \(id)-desc")
      XCTAssertEqual(doc.elements.first { $0.name == "title" }?.text, spec.title)
      XCTAssertEqual(doc.elements.first { $0.name == "title" }?.attributes["id"], "\(id)-title")
      XCTAssertFalse(doc.elements.first { $0.name == "desc" }?.text.isEmpty ?? true, name)
      for e in doc.elements { if let v = e.attributes["id"] { XCTAssertTrue(v.hasPrefix(id), "\(name): id \(v)") } }
      XCTAssertFalse(svg.contains("nan") || svg.contains("inf"), "\(name) leaks a non-finite number")
      for e in doc.elements {
        if let size = e.attributes["font-size"] { XCTAssertGreaterThanOrEqual(Double(size) ?? 0, 11, name) }
      }
    }
  }

  func testRenderingIsByteIdenticalOnRepeat() {
    for (name, spec) in SVGChartSamples.all {
      XCTAssertEqual(SVGChartRenderer.render(spec, id: "c").markup, SVGChartRenderer.render(spec, id: "c").markup, name)
    }
  }

  func testGroupedBarsDrawOneRectPerFiniteValueAndALegend() {
    let doc = SVGInspector.parse(SVGChartRenderer.render(SVGChartSamples.groupedBars(), id: "g").markup)
    XCTAssertEqual(doc.marks("rect").count, 14)  // 3 series × 5 regions, one NaN
    XCTAssertTrue(["Discount", "Display", "Feature"].allSatisfy(doc.texts().contains))
    XCTAssertTrue(["North", "Central"].allSatisfy(doc.texts().contains), "category labels")
  }

  func testLineBreaksAtNaNAndBandShadeRuleAreDrawn() {
    let doc = SVGInspector.parse(SVGChartRenderer.render(SVGChartSamples.weekly(), id: "w").markup)
    let paths = doc.marks("path")
    XCTAssertEqual(paths.filter { $0.attributes["fill"] == "none" }.count, 3, "actual in 2 runs + fitted")
    XCTAssertEqual(paths.filter { $0.attributes["fill-opacity"] == "0.20" }.count, 1, "band")
    XCTAssertEqual(doc.marks("rect").count, 1, "shaded test window")
    XCTAssertEqual(doc.marks("line").count, 1, "target rule")
    XCTAssertTrue(doc.texts().contains("target") && doc.texts().contains("test window"))
    XCTAssertTrue(doc.texts().contains("Jan 2024"), "date tick labels")
  }

  func testForestPlotDrawsEstimateWhiskersAndReferenceLine() {
    let doc = SVGInspector.parse(SVGChartRenderer.render(SVGChartSamples.forest(), id: "f").markup)
    XCTAssertEqual(doc.marks("circle").count, 5)
    XCTAssertEqual(doc.marks("line").count, 1 + 5 * 3, "reference + whisker and two caps per row")
    XCTAssertTrue(doc.texts().contains("0%"))
  }

  func testHistogramDrawsOneBarPerBin() {
    let spec = SVGChartSamples.histogram()
    guard case .histogram(let h, _) = spec.layers[0] else { return XCTFail("sample changed") }
    let doc = SVGInspector.parse(SVGChartRenderer.render(spec, id: "h").markup)
    XCTAssertEqual(doc.marks("rect").count, h.counts.count)
  }

  func testEmptyAndAllNaNChartsSayNoData() {
    let nanOnly = ChartSpec(
      title: "t", layers: [.line([ChartSeries(name: "a", x: [.nan, 1], y: [2, .infinity])]), .bar(BarLayer(categories: [], series: []))])
    for spec in [SVGChartSamples.empty(), ChartSpec(title: "no layers"), nanOnly] {
      let svg = SVGChartRenderer.render(spec, id: "e").markup
      let doc = SVGInspector.parse(svg)
      XCTAssertNil(doc.parseError)
      XCTAssertTrue(doc.texts().contains("No data"), spec.title)
      XCTAssertTrue(doc.marks("path").isEmpty)
    }
  }

  func testSinglePointAndAllEqualValuesRenderVisibleMarks() {
    let single = ChartSpec(title: "one", layers: [.line([ChartSeries(name: "a", x: [3], y: [7])])])
    let doc = SVGInspector.parse(SVGChartRenderer.render(single, id: "s").markup)
    XCTAssertEqual(doc.marks("circle").count, 1)
    let flat = ChartSpec(title: "flat", layers: [.line([ChartSeries(name: "a", x: [1, 2, 3], y: [5, 5, 5])])])
    let flatDoc = SVGInspector.parse(SVGChartRenderer.render(flat, id: "f").markup)
    XCTAssertEqual(flatDoc.marks("path").count, 1)
    XCTAssertTrue(flatDoc.texts().contains("5.0"), "ticks around the constant: \(flatDoc.texts())")
  }

  func testNegativeValuesInStackedBarsStackDownFromZero() {
    let bar = BarLayer(
      categories: ["a"], series: [.init(name: "p", values: [3]), .init(name: "n", values: [-2]), .init(name: "m", values: [-1])],
      arrangement: .stacked)
    XCTAssertEqual(
      BarStacking.segments(bar),
      [.init(series: 0, category: 0, lo: 0, hi: 3), .init(series: 1, category: 0, lo: -2, hi: 0),
       .init(series: 2, category: 0, lo: -3, hi: -2)])
    let doc = SVGInspector.parse(SVGChartRenderer.render(ChartSpec(title: "s", layers: [.bar(bar)]), id: "b").markup)
    XCTAssertEqual(doc.marks("rect").count, 3)
    XCTAssertTrue(doc.texts().contains("-3"), "axis reaches the stacked negative total: \(doc.texts())")
  }

  func testInfiniteAndMismatchedInputIsSkippedNotFatal() {
    let spec = ChartSpec(
      title: "odd",
      layers: [
        .scatter([ChartSeries(name: "a", x: [1, 2, .infinity, 4], y: [1, .nan, 3], size: [1, -1])]),
        .band(BandLayer(name: "b", x: [1, 2], low: [0], high: [1, 2])),
        .histogram(Histogram(edges: [0, 1], counts: [1, 2]), name: "bad"),
        .rule(RuleLayer(.vertical, at: .nan, label: "nowhere")),
        .shade([ShadedRange(from: 5, to: 3, label: "reversed")]),
      ])
    let doc = SVGInspector.parse(SVGChartRenderer.render(spec, id: "o").markup)
    XCTAssertNil(doc.parseError)
    XCTAssertEqual(doc.marks("circle").count, 1, "only the point (1, 1) is finite")
    let ragged = ChartSpec(
      title: "ragged", layers: [.interval(IntervalLayer(name: "i", categories: ["x", "y"], estimate: [1], low: [.nan], high: [1]))])
    let raggedDoc = SVGInspector.parse(SVGChartRenderer.render(ragged, id: "r").markup)
    XCTAssertEqual(raggedDoc.marks("circle").count, 1)
    XCTAssertEqual(raggedDoc.marks("line").count, 1, "only the reference line; no whisker without a finite low")
  }

  func testLongCategoryLabelsAreRotatedAndLegendDoesNotOverlapPlot() {
    let names = (1...12).map { "Store number \($0) downtown" }
    let spec = ChartSpec(
      title: "Sales", x: ChartAxis(scale: .categorical([])),
      layers: [.bar(BarLayer(categories: names, series: [.init(name: "a", values: names.map { _ in 1 }),
                                                        .init(name: "b", values: names.map { _ in 2 })]))])
    let doc = SVGInspector.parse(SVGChartRenderer.render(spec, id: "r").markup)
    let rotated = doc.elements.filter { $0.attributes["transform"]?.hasPrefix("rotate(-35") ?? false }
    XCTAssertEqual(rotated.count, 12)
    let legendBottom = doc.elements.filter { $0.name == "text" && ["a", "b"].contains($0.text) }
      .compactMap { Double($0.attributes["y"] ?? "") }.max() ?? 0
    let plotTop = doc.marks("rect").compactMap { Double($0.attributes["y"] ?? "") }.min() ?? 0
    XCTAssertLessThan(legendBottom, plotTop)
  }

  func testSeriesKeepTheirColourAcrossChartsWithSharedAssignment() {
    var colors = ChartColorAssignment()
    let a = ChartSpec(title: "a", layers: [.line([ChartSeries(name: "x", x: [0, 1], y: [0, 1]), ChartSeries(name: "y", x: [0, 1], y: [1, 0])])])
    let b = ChartSpec(title: "b", layers: [.line([ChartSeries(name: "z", x: [0, 1], y: [0, 1]), ChartSeries(name: "y", x: [0, 1], y: [1, 0])])])
    _ = SVGChartRenderer.render(a, id: "a", colors: &colors).markup
    let doc = SVGInspector.parse(SVGChartRenderer.render(b, id: "b", colors: &colors).markup)
    let strokes = doc.marks("path").map { $0.attributes["stroke"] ?? "" }
    XCTAssertEqual(strokes, [ChartPalette.colors[2], ChartPalette.colors[1]])
  }

  func testLegendWithManySeriesIsCappedAndSummarised() {
    let series = (1...40).map { ChartSeries(name: "Product line \($0)", x: [0, 1], y: [Double($0), Double($0) + 1]) }
    let doc = SVGInspector.parse(SVGChartRenderer.render(ChartSpec(title: "many", layers: [.line(series)]), id: "m").markup)
    XCTAssertEqual(doc.marks("path").count, 40)
    let more = doc.texts().first { $0.hasPrefix("+ ") && $0.hasSuffix(" more") }
    let shown = doc.texts().filter { $0.hasPrefix("Product line") }.count
    XCTAssertEqual(more, "+ \(40 - shown) more")
    XCTAssertLessThan(shown, 40)
  }

  func testTextIsEscaped() {
    let spec = ChartSpec(title: "Sales <Q1> & \"Q2\"", layers: [.bar(BarLayer(categories: ["A&B"], series: [.init(name: "s", values: [1])]))])
    let svg = SVGChartRenderer.render(spec, id: "x").markup
    XCTAssertTrue(svg.contains("Sales &lt;Q1&gt; &amp; &quot;Q2&quot;"))
    XCTAssertNil(SVGInspector.parse(svg).parseError)
  }
}
