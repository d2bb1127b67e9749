import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// A block whose input file the stat index has not seen runs while the
/// file is hashed on another core; its entry is stored under the same key
/// a lookup would have used, so the next render replays it. The digest is
/// Python's: `hashlib.sha256(("x,y\n" + "".join(f"{i},{2*i+1}\n" for i in range(50))).encode())`.
final class ColdInputCacheTests: XCTestCase {
  var dir = ""
  let digest = "22549ebec8ffba6ba5a87ecb6488a3be15ca7143c923e7e5d0d6a4932f0ef9c4"
  let notebook = """
    ```{data} d
    csv: d.csv
    derive: {z: "y - 2 * x"}
    ```

    ```{glm} m
    data: d
    formula: y ~ x
    ```

    Rows: {{ d.rows }}, slope {{ m.params.x | fixed: 3 }}.
    """

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-cold-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var csv = "x,y\n"
    for i in 0..<50 { csv += "\(i),\(2 * i + 1)\n" }
    try csv.write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
    // Older than the index's two-second window, as a data file usually is.
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: dir + "/d.csv")
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  private func render(cache: String?) throws -> ExecutedDocument {
    var ex = Executor()
    if let cache { ex.cache = BlockCache(directory: cache) }
    return ex.run(try NotebookParser.parse(notebook, path: "cold.md"), baseDirectory: dir)
  }

  private func fromCache(_ doc: ExecutedDocument) -> [Bool] {
    doc.blocks.compactMap { if case .directive(let d) = $0 { return d.fromCache } else { return nil } }
  }

  func testFirstRenderRunsWhileHashingThenTheNextRenderReplaysTheSameDocument() throws {
    let plain = try render(cache: nil)
    let cache = dir + "/cache"
    let first = try render(cache: cache)
    XCTAssertEqual(fromCache(first), [false, false])
    XCTAssertEqual(first.inputs.map(\.sha256), [digest])
    XCTAssertTrue(InputDigestIndex(directory: cache).wouldLearn(dir + "/d.csv") == false, "the index learned the file")
    let second = try render(cache: cache)
    XCTAssertEqual(fromCache(second), [true, true])
    for doc in [first, second] {
      XCTAssertEqual(doc.resultsJSON(folioVersion: "t"), plain.resultsJSON(folioVersion: "t"))
      XCTAssertEqual(doc.inputs.map(\.sha256), [digest])
      XCTAssertEqual(doc.diagnostics, [])
    }
  }

  func testAFileReplacedByOtherBytesRunsAgainAndIsStoredUnderItsNewDigest() throws {
    let cache = dir + "/cache"
    _ = try render(cache: cache)
    try "x,y\n1,3\n2,5\n4,9\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -30)], ofItemAtPath: dir + "/d.csv")
    let changed = try render(cache: cache)
    XCTAssertEqual(fromCache(changed), [false, false])
    XCTAssertEqual(changed.resultsJSON(folioVersion: "t"), try render(cache: nil).resultsJSON(folioVersion: "t"))
    XCTAssertEqual(fromCache(try render(cache: cache)), [true, true])
  }
}
