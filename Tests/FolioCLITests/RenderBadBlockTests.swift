import Foundation
import XCTest

/// A block whose YAML cannot be read is an error cell in the report; the
/// blocks that do not depend on it still run, and the exit status is 1.
final class RenderBadBlockTests: XCTestCase {
  func testABlockWithBrokenYAMLIsAnErrorCellAndTheOtherBlocksStillRender() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try "X\n1\n2\n".write(to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
    let notebook = """
      # Two blocks

      ```{data} broken
      csv: [a.csv
      ```

      ```{data} fine
      csv: a.csv
      ```

      ```{table}
      data: fine
      ```

      Rows: {{ fine.rows }}.
      """
    try notebook.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let r = try FolioProcess.run(["render", dir.appendingPathComponent("nb.md").path, "-o", dir.appendingPathComponent("out").path])
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertTrue(r.stderr.contains("nb.md:5:1: error: invalid YAML"), r.stderr)
    XCTAssertTrue(r.stderr.contains("3 blocks, 0 from cache, 1 failed"), r.stderr)
    let html = try String(contentsOf: dir.appendingPathComponent("out/nb.html"), encoding: .utf8)
    XCTAssertTrue(html.contains("Rows: 2."), "the prose after the broken block still renders")
    XCTAssertTrue(html.contains("<td class=\"num\">2</td>"), "the table of the good block renders")
  }
}
