import FolioData
import XCTest

@testable import FolioNotebook

/// `sample:` on a scatter draws a seeded uniform sample of its rows.
final class ChartScatterSampleTests: XCTestCase {
  func frame(rows n: Int) throws -> Frame {
    try Frame([
      ("x", .number((0..<n).map { Double($0) })),
      ("y", .number((0..<n).map { Double(($0 * 37) % 101) })),
      ("g", .string(StringColumn((0..<n).map { $0 % 3 == 0 ? "a" : "b" }))),
    ])
  }

  func testSampleHasTheAskedSizeInFileOrderAndSaysSoInTheSubtitle() throws {
    var o = ChartOptions(type: .scatter, x: "x", y: ["y"], subtitle: "Stores")
    o.sample = 500
    o.sampleSeed = 7
    let spec = try ChartBuilder.build(frame(rows: 20_000), o)
    guard case .scatter(let series) = spec.layers.first else { return XCTFail("expected scatter") }
    XCTAssertEqual(series[0].x.count, 500)
    XCTAssertEqual(Set(series[0].x).count, 500, "without replacement")
    XCTAssertEqual(series[0].x, series[0].x.sorted(), "file order")
    for (x, y) in zip(series[0].x, series[0].y) { XCTAssertEqual(y, Double((Int(x) * 37) % 101), "rows stay whole") }
    XCTAssertEqual(spec.subtitle, "Stores · Random sample of 500 of 20,000 rows (seed 7)")
  }

  func testSameSeedSameSampleOtherSeedOtherSample() throws {
    var o = ChartOptions(type: .scatter, x: "x", y: ["y"], group: "g")
    o.sample = 300
    o.sampleSeed = 11
    let a = try ChartBuilder.build(frame(rows: 10_000), o)
    XCTAssertEqual(try ChartBuilder.build(frame(rows: 10_000), o), a)
    o.sampleSeed = 12
    XCTAssertNotEqual(try ChartBuilder.build(frame(rows: 10_000), o), a)
    guard case .scatter(let series) = a.layers.first else { return XCTFail("expected scatter") }
    XCTAssertEqual(series.map(\.x.count).reduce(0, +), 300, "one sample across the groups")
  }

  func testSampleNotSmallerThanTheRowsDrawsEveryRowWithoutANote() throws {
    var o = ChartOptions(type: .scatter, x: "x", y: ["y"])
    o.sample = 5_000
    let spec = try ChartBuilder.build(frame(rows: 1_200), o)
    guard case .scatter(let series) = spec.layers.first else { return XCTFail("expected scatter") }
    XCTAssertEqual(series[0].x.count, 1_200)
    XCTAssertNil(spec.subtitle)
  }

  func testSampleOnALineChartIsAnErrorAtTheBlock() throws {
    var o = ChartOptions(type: .line, x: "x", y: ["y"])
    o.sample = 10
    let here = SourceLocation(file: "n.md", line: 4, column: 1)
    XCTAssertThrowsError(try ChartBuilder.build(frame(rows: 20), o, at: here)) { error in
      XCTAssertEqual((error as? ChartBuildError)?.problem, .notForChartType(option: "sample", chart: .line))
      XCTAssertEqual((error as? ChartBuildError)?.location, here)
    }
  }

  /// Simulation with known truth: each of n rows is in a uniform sample of
  /// k with probability k/n. Over 4,000 seeds the inclusion count of a row
  /// is Binomial(4,000, 0.1): mean 400, sd 19; every one of 50 rows within
  /// 400 ± 5 sd (a false failure has probability under 1e-5).
  func testEveryRowIsEquallyLikelyToBeSampled() {
    let n = 50, k = 5, seeds = 4_000
    var hits = [Int](repeating: 0, count: n)
    for seed in 0..<seeds {
      let s = ChartBuilder.sampledRows(Array(0..<n), size: k, seed: UInt64(seed))
      XCTAssertEqual(s.count, k)
      for r in s { hits[r] += 1 }
    }
    let mean = Double(seeds * k) / Double(n)
    let sd = (Double(seeds) * 0.1 * 0.9).squareRoot()
    for (row, h) in hits.enumerated() {
      XCTAssertLessThan(abs(Double(h) - mean), 5 * sd, "row \(row) sampled \(h) times")
    }
  }
}
