import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// The block cache's binary codec keeps every field of every output, so a
/// warm render shows exactly what a cold one showed.
final class CacheCodingTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  func encoded(_ outputs: [BlockOutput]) -> [UInt8] {
    var w = BinaryWriter()
    w.list(outputs)
    return w.bytes
  }

  func roundTrip(_ outputs: [BlockOutput]) throws -> [BlockOutput] {
    try BinaryReader.reading(encoded(outputs)) { r in
      let back = try r.list(BlockOutput.self)
      XCTAssertTrue(r.isAtEnd)
      return back
    }
  }

  /// Every output kind, every chart layer and axis scale, each optional field
  /// both set and unset.
  static let everyKind: [BlockOutput] = [
    .table(TableSpec(
      columns: [.init(header: "SKU", isNumeric: false), .init(header: "Units", isNumeric: true)],
      rows: [["A & B", "1,204"], ["é", "–"]], totalRows: 40, exportFile: "units.csv", caption: "Units *by* SKU")),
    .table(TableSpec(columns: [], rows: [], totalRows: 0)),
    .summary(SummarySpec(
      headlines: ["Share **30%**", ""],
      cards: [.init(value: "$1.2M", label: "Cost", note: "95% CI"), .init(value: "7", label: "Weeks")])),
    .note("Loaded 3 rows"),
    .markdown("# Heading\n\nText"),
    .chart(ChartSpec(
      title: "Everything", subtitle: "all layers", description: "for screen readers",
      x: ChartAxis(label: "Week", scale: .date, domain: 19_000...19_100, includeZero: false),
      y: ChartAxis(label: "Revenue", scale: .numeric(NumberFormat(.currency, digits: 2, symbol: "€")), includeZero: true),
      layers: [
        .line([ChartSeries(name: "a", x: [1, 2], y: [3, 4]), ChartSeries(name: "b", x: [], y: [])]),
        .scatter([ChartSeries(name: "pts", x: [1, 2, 3], y: [2, 1, 0], size: [1, 4, 9])]),
        .bar(BarLayer(categories: ["x", "y"], series: [.init(name: "s", values: [1, -2])], arrangement: .stacked, horizontal: true)),
        .bar(BarLayer(categories: ["x"], series: [.init(name: "t", values: [5])])),
        .area([ChartSeries(name: "area", x: [1, 2], y: [1, 1])], stacked: true),
        .band(BandLayer(name: "95% band", x: [1, 2], low: [0, 0.5], high: [2, 2.5])),
        .interval(IntervalLayer(name: "effects", categories: ["TV", "Search"], estimate: [0.1, 0.2], low: [0, 0.1], high: [0.2, 0.3], reference: 1)),
        .interval(IntervalLayer(name: "no ref", categories: ["TV"], estimate: [1], low: [0], high: [2], reference: nil)),
        .histogram(Histogram(edges: [0, 1, 2], counts: [3, 4]), name: "share"),
        .rule(RuleLayer(.vertical, at: 0.3, label: "truth")),
        .rule(RuleLayer(.horizontal, at: -1)),
        .shade([ShadedRange(from: 1, to: 2, label: "fold 1"), ShadedRange(from: 3, to: 4)]),
      ])),
    .chart(ChartSpec(
      title: "Axes", x: ChartAxis(scale: .categorical(["b", "a"])), y: ChartAxis(scale: .numeric(nil)), layers: [])),
    .chart(ChartSpec(title: "Categories from layers", x: ChartAxis(scale: .categorical([])))),
  ]

  func testEveryOutputKindAndOptionalFieldRoundTrips() throws {
    let back = try roundTrip(Self.everyKind)
    XCTAssertEqual(back, Self.everyKind)
    XCTAssertEqual(encoded(back), encoded(Self.everyKind))
  }

  func testNaNAndInfinitiesRoundTripBitForBit() throws {
    let gaps = [1, .nan, .infinity, -.infinity, -0.0]
    let outputs: [BlockOutput] = [.chart(ChartSpec(title: "gaps", layers: [.line([ChartSeries(name: "s", x: [1, 2, 3, 4, 5], y: gaps)])]))]
    guard case .chart(let c)? = try roundTrip(outputs).first, case .line(let s) = c.layers[0] else { return XCTFail() }
    XCTAssertEqual(s[0].y.map(\.bitPattern), gaps.map(\.bitPattern))
  }

  func testEveryTruncationOrBadTagThrowsInsteadOfTrapping() throws {
    let bytes = encoded(Self.everyKind)
    for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
      try BinaryReader.reading(Array(bytes[..<cut])) { r in
        XCTAssertThrowsError(try r.list(BlockOutput.self), "cut at \(cut)")
      }
    }
    var badTag = bytes
    badTag[8] = 99  // the first output's kind, after the 8-byte count
    try BinaryReader.reading(badTag) { r in XCTAssertThrowsError(try r.list(BlockOutput.self)) }
    var hugeCount = bytes
    for k in 0..<8 { hugeCount[k] = 0x7F }
    try BinaryReader.reading(hugeCount) { r in XCTAssertThrowsError(try r.list(BlockOutput.self)) }
  }

  /// The shipped promo-inventory notebook (tables, a histogram, scatter
  /// plots, a summary) and sales-overview (lines, bars): a warm run replays
  /// every block from the cache with outputs and results.json identical to
  /// the cold run's.
  func testShippedNotebooksReplayFromTheCacheExactly() throws {
    for name in ["promo-inventory", "sales-overview"] {
      let dir = NSTemporaryDirectory() + "folio-replay-\(UUID().uuidString)"
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let path = Self.root.appendingPathComponent("notebooks/\(name).md").path
      let nb = try NotebookParser.parse(String(contentsOfFile: path, encoding: .utf8), path: "\(name).md")
      var executor = Executor()
      executor.cache = BlockCache(directory: dir)
      let base = Self.root.appendingPathComponent("notebooks").path
      let cold = executor.run(nb, baseDirectory: base)
      let warm = executor.run(nb, baseDirectory: base)
      XCTAssertEqual(cold.diagnostics, [], name)
      let directives = { (doc: ExecutedDocument) in
        doc.blocks.compactMap { b -> ExecutedDirective? in if case .directive(let d) = b { return d } else { return nil } }
      }
      XCTAssertTrue(directives(cold).allSatisfy { !$0.fromCache }, name)
      XCTAssertTrue(directives(warm).allSatisfy(\.fromCache), name)
      for (c, w) in zip(directives(cold), directives(warm)) {
        XCTAssertEqual(encoded(w.outputs), encoded(c.outputs), "\(name): block \(c.call.label ?? c.call.name)")
        XCTAssertEqual(w.attachments, c.attachments)
        XCTAssertEqual(w.tables, c.tables)
      }
      XCTAssertEqual(warm.resultsJSON(folioVersion: "t"), cold.resultsJSON(folioVersion: "t"), name)
    }
  }
}
