import Foundation
import XCTest

final class CheckCommandTests: XCTestCase {
  func testShippedNotebooksPassCheck() throws {
    let r = try FolioProcess.run(["check", "notebooks/README.md", "notebooks/sales-overview.md"])
    XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testCheckPrintsCompilerStyleLinesAndExitsOne() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try """
      ---
      title: [unclosed
      ---
      """.write(to: dir.appendingPathComponent("yaml.md"), atomically: true, encoding: .utf8)
    try """
      ```{dat} a
      csv: x.csv
      ```

      ```{table} t
      data: missing_label
      ```
      """.write(to: dir.appendingPathComponent("refs.md"), atomically: true, encoding: .utf8)
    let r = try FolioProcess.run(["check", "yaml.md", "refs.md"], in: dir)
    XCTAssertEqual(r.status, 1)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 3, r.stdout)
    XCTAssertTrue(lines[0].hasPrefix("yaml.md:3:1: error: invalid YAML"), lines[0])
    XCTAssertEqual(lines[1], "refs.md:1:5: error: unknown directive 'dat'; did you mean 'data'?")
    XCTAssertEqual(lines[2], "refs.md:6:7: error: unknown name 'missing_label'; names are: params, a")
  }
}
