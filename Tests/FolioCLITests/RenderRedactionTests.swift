import Foundation
import XCTest

/// A connection string passed as a parameter, or quoted by a failing block,
/// shows nowhere with its password: not in the report, the batch index or
/// its links, results.json, the run files' names, or stderr.
final class RenderRedactionTests: XCTestCase {
  func testPasswordsInParamsAndErrorsAppearInNoOutputFileNameOrMessage() throws {
    let dir = try FolioProcess.temporaryDirectory()
    try """
      ---
      title: R
      params: {conn: none}
      ---

      ```{data} d
      csv: "postgres://ana:S3cretA@h/db"
      ```

      ```{data} e
      csv: "{{ params.conn }}"
      ```

      Text {{ params.conn }}.
      """.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    try "conn\npostgres://c:S3cretC@h/db\n".write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
    let one = try FolioProcess.run(["render", "nb.md", "-o", "out", "--param", "conn=postgres://bob:S3cretB@h2/db"], in: dir)
    XCTAssertEqual(one.status, 1, one.stderr)
    let batch = try FolioProcess.run(["render", "nb.md", "-o", "batch", "--params-file", "p.csv"], in: dir)
    XCTAssertEqual(batch.status, 1, batch.stderr)
    XCTAssertTrue(one.stderr.contains("postgres://bob@h2/db"), "the error still names the address: \(one.stderr)")
    for r in [one, batch] { XCTAssertFalse((r.stdout + r.stderr).contains("S3cret"), r.stderr) }

    var checked = 0
    for folder in ["out", "batch"] {
      let root = dir.appendingPathComponent(folder)
      let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
      while let url = files?.nextObject() as? URL {
        XCTAssertFalse(url.path.contains("S3cret"), "file name: \(url.path)")
        guard !url.path.contains(".folio-cache"), let data = FileManager.default.contents(atPath: url.path) else { continue }
        XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("S3cret"), "\(url.path) holds a password")
        checked += 1
      }
    }
    XCTAssertGreaterThanOrEqual(checked, 6, "report, results.json and the index were read")
  }
}
