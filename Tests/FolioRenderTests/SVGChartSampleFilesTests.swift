import Foundation
import XCTest

@testable import FolioRender

/// Writes every sample chart into its own HTML page for a visual check in a
/// browser: into FOLIO_CHART_SAMPLES when set, else a fresh temporary
/// directory (so the test always runs, and checks what it wrote).
final class SVGChartSampleFilesTests: XCTestCase {
  func testEverySampleChartPageHoldsExactlyItsOwnStandaloneSVG() throws {
    let dir = ProcessInfo.processInfo.environment["FOLIO_CHART_SAMPLES"]
      ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("folio-chart-samples-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    XCTAssertFalse(SVGChartSamples.all.isEmpty)
    for (name, spec) in SVGChartSamples.all {
      let svg = SVGChartRenderer.render(spec, id: "chart-\(name)").markup
      let html = "<!doctype html><html><body style=\"margin:0;background:#fff\"><div style=\"width:880px\">"
        + svg + "</div></body></html>"
      let path = "\(dir)/\(name).html"
      try html.write(toFile: path, atomically: true, encoding: .utf8)
      let written = try String(contentsOfFile: path, encoding: .utf8)
      XCTAssertEqual(written.components(separatedBy: "<svg").count - 1, 1, name)
      XCTAssertEqual(written.components(separatedBy: "</svg>").count - 1, 1, name)
      XCTAssertEqual(written.components(separatedBy: "id=\"chart-\(name)\"").count - 1, 1, "one element carries the chart's id: \(name)")
    }
  }
}
