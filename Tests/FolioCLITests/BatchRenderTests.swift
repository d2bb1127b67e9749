import Foundation
import XCTest

/// `folio render --params-file`: one report per row and an index with each run's headline figures.
final class BatchRenderTests: XCTestCase {
  func testOneReportPerRowAndAnIndexWithHeadlineFigures() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "REGION,SALES\nNorth,10\nNorth,5\nSouth,7\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try "region\nNorth\nSouth\n".write(to: dir.appendingPathComponent("runs.csv"), atomically: true, encoding: .utf8)
    try """
      ---
      title: Regional sales
      params: {region: North}
      ---
      ```{data} d
      csv: d.csv
      filter: REGION == '{{ params.region }}'
      ```

      ```{summary}
      headline: "Sales in {{ params.region }}."
      cards:
        - value: "{{ d.SALES | sum }}"
          label: Total sales
        - value: "{{ d.rows }}"
          label: Weeks
      ```
      """.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let r = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "-o", "out"], in: dir)
    XCTAssertEqual(r.status, 0, r.stderr)
    let north = try String(contentsOf: dir.appendingPathComponent("out/nb--North.html"), encoding: .utf8)
    let south = try String(contentsOf: dir.appendingPathComponent("out/nb--South.html"), encoding: .utf8)
    XCTAssertTrue(north.contains("Sales in North."))
    XCTAssertTrue(south.contains("Sales in South."))
    let index = try String(contentsOf: dir.appendingPathComponent("out/nb-index.html"), encoding: .utf8)
    XCTAssertTrue(index.contains("href=\"nb--North.html\""))
    XCTAssertTrue(index.contains("href=\"nb--South.html\""))
    XCTAssertTrue(index.contains("<td class=\"num\" dir=\"auto\">15</td>"), "North's total 10 + 5")
    XCTAssertTrue(index.contains("<td class=\"num\" dir=\"auto\">7</td>"), "South's total")
  }

  func testEmptyCellInParamsFileIsAUsageError() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "Hi.\n".write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    try "region,n\nNorth,\n".write(to: dir.appendingPathComponent("runs.csv"), atomically: true, encoding: .utf8)
    let r = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv"], in: dir)
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("runs.csv:2: column 'n' is empty"), r.stderr)
  }
}
