import FolioData
import XCTest

@testable import FolioNotebook

final class ChartBuilderTests: XCTestCase {
  let here = SourceLocation(file: "report.md", line: 30, column: 1)

  func salesFrame() throws -> Frame {
    try Frame([
      ("week", .date(DateColumn(days: [20, 10, 30, 10, 20, 30]))),
      ("units", .number([5, 1, .nan, 2, 6, 9])),
      ("price", .integer(IntegerColumn(values: [3, 3, 4, 4, 5, 5]))),
      ("region", .string(StringColumn(["North", "North", "North", "South", "South", "South"]))),
    ])
  }

  func testLineSeriesAreSortedByXAndSplitByGroupInFirstAppearanceOrder() throws {
    let spec = try ChartBuilder.build(salesFrame(), ChartOptions(type: .line, x: "week", y: ["units"], group: "region"))
    guard case .line(let series) = spec.layers.first else { return XCTFail("expected a line layer") }
    XCTAssertEqual(series.map(\.name), ["North", "South"])
    XCTAssertEqual(series[0].x, [10, 20, 30])
    XCTAssertEqual(series[0].y[0...1], [1, 5])
    XCTAssertTrue(series[0].y[2].isNaN, "a missing y stays as a gap")
    XCTAssertEqual(series[1].x, [10, 20, 30])
    XCTAssertEqual(series[1].y, [2, 6, 9])
    XCTAssertEqual(spec.x.scale, .date)
    XCTAssertEqual(spec.y.label, "units")
  }

  func testSeveralYColumnsWithGroupNameSeriesByColumnAndGroup() throws {
    let spec = try ChartBuilder.build(
      salesFrame(), ChartOptions(type: .scatter, x: "price", y: ["units", "price"], group: "region"))
    guard case .scatter(let series) = spec.layers.first else { return XCTFail("expected scatter") }
    XCTAssertEqual(series.map(\.name), ["units · North", "units · South", "price · North", "price · South"])
  }

  func testBarValuesForRepeatedCategoriesAreSummed() throws {
    let spec = try ChartBuilder.build(salesFrame(), ChartOptions(type: .bar, x: "region", y: ["units"]))
    guard case .bar(let bar) = spec.layers.first else { return XCTFail("expected bars") }
    XCTAssertEqual(bar.categories, ["North", "South"])
    XCTAssertEqual(bar.series[0].values, [6, 17])  // 5 + 1 (NaN skipped); 2 + 6 + 9
    XCTAssertEqual(spec.x.scale, .categorical(["North", "South"]))
    XCTAssertTrue(spec.y.includeZero)
  }

  func testHorizontalStackedBarPutsCategoriesOnYAndNumericXCategoriesAscending() throws {
    let spec = try ChartBuilder.build(
      salesFrame(),
      ChartOptions(type: .bar, x: "price", y: ["units"], group: "region", stacked: true, horizontal: true,
                   yFormat: "thousands:0"))
    guard case .bar(let bar) = spec.layers.first else { return XCTFail("expected bars") }
    XCTAssertEqual(bar.categories, ["3", "4", "5"])
    XCTAssertEqual(bar.arrangement, .stacked)
    XCTAssertTrue(bar.horizontal)
    XCTAssertEqual(bar.series.map(\.name), ["North", "South"])
    XCTAssertEqual(bar.series[0].values[0], 6)
    XCTAssertTrue(bar.series[0].values[1].isNaN)  // North at price 4 is missing
    XCTAssertEqual(spec.y.scale, .categorical(["3", "4", "5"]))
    XCTAssertEqual(spec.x.format, NumberFormat(.thousands, digits: 0))
  }

  func testBandChartCarriesLowHighAndCentreLine() throws {
    let frame = try Frame([
      ("t", .number([2, 1, 3])), ("fit", .number([20, 10, 30])),
      ("lo", .number([18, 9, 27])), ("hi", .number([22, 11, 33])),
    ])
    let spec = try ChartBuilder.build(frame, ChartOptions(type: .band, x: "t", y: ["fit"], low: "lo", high: "hi"))
    XCTAssertEqual(spec.layers.count, 2)
    guard case .band(let band) = spec.layers[0], case .line(let lines) = spec.layers[1] else {
      return XCTFail("expected band then line")
    }
    XCTAssertEqual(band.x, [1, 2, 3])
    XCTAssertEqual(band.low, [9, 18, 27])
    XCTAssertEqual(band.high, [11, 22, 33])
    XCTAssertEqual(lines[0].y, [10, 20, 30])
  }

  func testHistogramUsesRequestedBinCount() throws {
    let frame = try Frame([("v", .number([0, 1, 2, 3, 4, .nan]))])
    let spec = try ChartBuilder.build(frame, ChartOptions(type: .histogram, x: "v", bins: 2))
    guard case .histogram(let h, _) = spec.layers.first else { return XCTFail("expected histogram") }
    XCTAssertEqual(h.edges, [0, 2, 4])
    XCTAssertEqual(h.counts, [2, 3])  // [0,2) holds 0,1; [2,4] holds 2,3,4
    XCTAssertEqual(spec.y.label, "Count")
  }

  func testEmptyFrameBuildsAChartWithoutError() throws {
    let frame = try Frame([("x", .number([])), ("y", .number([]))])
    let spec = try ChartBuilder.build(frame, ChartOptions(type: .line, x: "x", y: ["y"], title: "Nothing yet"))
    XCTAssertEqual(spec.title, "Nothing yet")
    guard case .line(let series) = spec.layers.first else { return XCTFail("expected a line layer") }
    XCTAssertEqual(series[0].x, [])
  }

  func testUnknownColumnErrorListsAvailableColumnsWithLocation() throws {
    XCTAssertThrowsError(
      try ChartBuilder.build(salesFrame(), ChartOptions(type: .line, x: "week", y: ["revnue"]), at: here)
    ) { error in
      XCTAssertEqual(
        "\(error)",
        "report.md:30:1: error: chart y: unknown column 'revnue'; available columns: week, units, price, region")
    }
  }

  func testNonNumericYIsRejectedNamingTheColumnAndType() throws {
    XCTAssertThrowsError(
      try ChartBuilder.build(salesFrame(), ChartOptions(type: .bar, x: "week", y: ["region"]), at: here)
    ) { error in
      XCTAssertEqual(
        (error as? ChartBuildError)?.message, "chart y: column 'region' is string, expected number or integer")
    }
  }

  func testTextXOnALineChartSuggestsABarChart() throws {
    XCTAssertThrowsError(try ChartBuilder.build(salesFrame(), ChartOptions(type: .line, x: "region", y: ["units"]))) {
      XCTAssertEqual(
        ($0 as? ChartBuildError)?.message,
        "chart x: column 'region' is string, expected number, integer or date for a line chart "
          + "(use type: bar for text categories)")
    }
  }

  func testMissingOptionsAndBadFormatsAreReported() throws {
    XCTAssertThrowsError(try ChartBuilder.build(salesFrame(), ChartOptions(type: .band, x: "week", low: "units"))) {
      XCTAssertEqual(($0 as? ChartBuildError)?.message, "a band chart needs 'high:' (a column name)")
    }
    XCTAssertThrowsError(
      try ChartBuilder.build(salesFrame(), ChartOptions(type: .line, x: "week", y: ["units"], yFormat: "money"))
    ) {
      XCTAssertEqual(
        ($0 as? ChartBuildError)?.message,
        "chart y_format: unknown number format 'money'; expected one of: "
          + "number, fixed:2, thousands:0, percent:1, currency:0, currency:2:€, compact:1, sci:3")
    }
    XCTAssertThrowsError(try ChartBuilder.build(salesFrame(), ChartOptions(type: .histogram, x: "units", bins: 0))) {
      XCTAssertEqual(($0 as? ChartBuildError)?.message, "chart bins: expected a whole number of at least 1, got 0")
    }
  }

  func testHistogramAutomaticRuleIsCappedAndHandlesDegenerateInput() {
    // 10 000 distinct values spread over a huge range relative to the IQR.
    let values = (0..<10_000).map { i in Double(i) < 9_990 ? Double(i % 100) : 1e9 + Double(i) }
    XCTAssertEqual(Histogram.bins(values).counts.count, Histogram.maximumAutomaticBins)
    XCTAssertEqual(Histogram.bins([]), Histogram(edges: [0, 1], counts: [0]))
    XCTAssertEqual(Histogram.bins([.nan, 4, .infinity]), Histogram(edges: [3.5, 4.5], counts: [1]))
  }
}
