import FolioTestSupport
import Foundation
import XCTest

/// results.json from a rerender is byte for byte that of a render without
/// the cache, although a rerender leaves replayed results undecoded: how a
/// dataset appears depends on the datasets before it (`same_as`), so the
/// assembled "results" member is cached whole, keyed by every block's key,
/// and rebuilt from decoded values when that entry is missing or a block
/// changed.
final class CachedResultsJSONTests: XCTestCase {
  func testRerendersWriteTheSameResultsJSONAsANoCacheRender() throws {
    let dir = try FolioProcess.temporaryDirectory()
    var csv = "REGION,UNITS,PRICE\n"
    for i in 0..<1_500 { csv += "\(["North", "South", "West"][i % 3]),\(i % 17),\(Double(i % 23) + 0.25)\n" }
    try csv.write(to: dir.appendingPathComponent("sales.csv"), atomically: true, encoding: .utf8)
    let notebook = dir.appendingPathComponent("nb.md")
    func writeNotebook(threshold: Int) throws {
      try """
        ```{data} sales
        csv: sales.csv
        ```

        ```{table} shown
        data: sales
        max_rows: 5
        ```

        ```{data} big
        from: sales
        filter: UNITS > \(threshold)
        ```

        ```{table} big_shown
        data: big
        ```
        """.write(to: notebook, atomically: true, encoding: .utf8)
    }
    func render(_ out: String, _ extra: [String] = []) throws -> Data {
      let r = try FolioProcess.run(["render", notebook.path, "-o", dir.appendingPathComponent(out).path] + extra)
      XCTAssertEqual(r.status, 0, r.stderr)
      return try Data(contentsOf: dir.appendingPathComponent(out).appendingPathComponent("nb/results.json"))
    }
    try writeNotebook(threshold: 3)
    let reference = try render("cold", ["--no-cache"])
    XCTAssertTrue(String(decoding: reference, as: UTF8.self).contains("\"same_as\": \"sales\""), "the table refers to its dataset")
    XCTAssertEqual(try render("warm"), reference, "first render with the cache")
    XCTAssertEqual(try render("warm"), reference, "rerender: every block replayed, results member from the cache")
    let cache = dir.appendingPathComponent("warm/.folio-cache")
    let memos = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".results") }
    XCTAssertEqual(memos.count, 1)
    for m in memos { try FileManager.default.removeItem(at: cache.appendingPathComponent(m)) }
    XCTAssertEqual(try render("warm"), reference, "rerender without the cached member: values decoded and assembled again")
    // One block changes: the blocks above replay undecoded, the member is rebuilt.
    try writeNotebook(threshold: 9)
    let changed = try render("cold2", ["--no-cache"])
    XCTAssertNotEqual(changed, reference)
    XCTAssertEqual(try render("warm"), changed)
  }
}
