import Foundation
import XCTest

@testable import FolioRender

/// Writes every sample chart into one HTML page for a visual check in a
/// browser; runs only when FOLIO_CHART_SAMPLES names an output directory.
final class SVGChartSampleFilesTests: XCTestCase {
  func testWriteSampleChartsPageWhenRequested() throws {
    guard let dir = ProcessInfo.processInfo.environment["FOLIO_CHART_SAMPLES"] else {
      throw XCTSkip("set FOLIO_CHART_SAMPLES=/some/dir to write sample charts")
    }
    for (name, spec) in SVGChartSamples.all {
      let svg = SVGChartRenderer.render(spec, id: "chart-\(name)")
      let html = "<!doctype html><html><body style=\"margin:0;background:#fff\"><div style=\"width:880px\">"
        + svg + "</div></body></html>"
      try html.write(toFile: "\(dir)/\(name).html", atomically: true, encoding: .utf8)
    }
  }
}
