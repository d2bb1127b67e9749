import Foundation
import XCTest

/// `folio render` end to end: files written, exit codes, determinism, and
/// values checked against an independent computation from the raw CSV.
final class RenderCommandTests: XCTestCase {
  func testSampleNotebookRendersReportResultsAndExportAndExitsZero() throws {
    let out = try FolioProcess.temporaryDirectory()
    let r = try FolioProcess.run(["render", "notebooks/sales-overview.md", "--output", out.path])
    XCTAssertEqual(r.status, 0, r.stderr)
    let html = try String(contentsOf: out.appendingPathComponent("sales-overview.html"), encoding: .utf8)
    XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
    XCTAssertTrue(html.contains("Figure 4."), "four charts numbered")
    XCTAssertTrue(html.contains("Table 2."), "two tables numbered")
    XCTAssertFalse(html.contains("class=\"error-cell\""))
    let export = try String(contentsOf: out.appendingPathComponent("sales-overview/region-table.csv"), encoding: .utf8)
    XCTAssertTrue(export.hasPrefix("REGION,MANAGER,REVENUE,ANNUAL_TARGET,VS_TARGET\n"))

    // Independent reference: sum REVENUE by REGION straight from the CSV text.
    let csv = try String(contentsOf: FolioProcess.packageRoot.appendingPathComponent("notebooks/data/weekly-sales.csv"), encoding: .utf8)
    var byRegion: [String: Double] = [:]
    for line in csv.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      if let v = Double(f[5]) { byRegion[String(f[1]), default: 0] += v }
    }
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("sales-overview/results.json"))) as? [String: Any]
    let results = json?["results"] as? [String: Any]
    let byRegionTable = results?["by_region"] as? [String: Any]
    let data = byRegionTable?["data"] as? [String: Any]
    let regions = data?["REGION"] as? [String] ?? []
    let revenue = data?["REVENUE"] as? [Double] ?? []
    XCTAssertEqual(regions.count, 3)
    for (region, value) in zip(regions, revenue) {
      let expected = try XCTUnwrap(byRegion[region])
      XCTAssertEqual(value, expected, accuracy: 1e-9 * expected, region)
    }
  }

  func testRenderingTwiceGivesByteIdenticalHTMLAndResults() throws {
    let a = try FolioProcess.temporaryDirectory(), b = try FolioProcess.temporaryDirectory()
    for dir in [a, b] {
      XCTAssertEqual(try FolioProcess.run(["render", "notebooks/sales-overview.md", "notebooks/README.md", "-o", dir.path]).status, 0)
    }
    for file in ["sales-overview.html", "sales-overview/results.json", "README.html", "README/results.json"] {
      XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent(file)), try Data(contentsOf: b.appendingPathComponent(file)), file)
    }
  }

  func testParamOverrideChangesTheReport() throws {
    let out = try FolioProcess.temporaryDirectory()
    let r = try FolioProcess.run(["render", "notebooks/sales-overview.md", "--param", "min_discount=0.2", "-o", out.path])
    XCTAssertEqual(r.status, 0, r.stderr)
    let html = try String(contentsOf: out.appendingPathComponent("sales-overview.html"), encoding: .utf8)
    XCTAssertTrue(html.contains("a discount of 20% or"))
  }

  func testFailingBlockStillWritesTheReportWithAnErrorCellAndExitsOne() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "A,B\n1,2\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try """
      # Report

      ```{data} d
      csv: d.csv
      derive: {C: A + Z}
      ```

      ```{data} e
      csv: d.csv
      ```

      Rows in e: {{ e.rows }}.
      """.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let r = try FolioProcess.run(["render", "nb.md", "-o", "out"], in: dir)
    XCTAssertEqual(r.status, 1)
    XCTAssertTrue(r.stderr.contains("nb.md:5:17: error: derive 'C': unknown column 'Z'"), r.stderr)
    let html = try String(contentsOf: dir.appendingPathComponent("out/nb.html"), encoding: .utf8)
    XCTAssertTrue(html.contains("class=\"error-cell\""))
    XCTAssertTrue(html.contains("Rows in e: 1."), "blocks after the failure still run")
  }

  func testUsageErrorsExitTwo() throws {
    XCTAssertEqual(try FolioProcess.run(["render", "no-such-notebook.md"]).status, 2)
    XCTAssertEqual(try FolioProcess.run(["render", "--frobnicate", "notebooks/README.md"]).status, 2)
    XCTAssertEqual(try FolioProcess.run(["render", "notebooks/README.md", "--param", "nosuch=1"]).status, 2)
    let r = try FolioProcess.run(["render", "notebooks/README.md", "--param", "top_n"])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("--param expects name=value"), r.stderr)
  }
}
