import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Model blocks that run ahead on another core (`BlockLookahead`) leave the
/// document exactly as a strict top-to-bottom run makes it: the reference is
/// the same notebook executed with `runsAhead` off, compared as results.json
/// text, every block's outputs and every diagnostic.
final class BlockLookaheadTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-ahead-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var csv = "x,z,y,g\n"
    for i in 0..<400 {
      let x = Double(i % 37) / 3, z = Double((i * 7) % 23) / 5
      csv += "\(x),\(z),\(1 + 2 * x - z + Double((i * 13) % 11) / 10),\(["a", "b", "c", "d"][i % 4])\n"
    }
    try csv.write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  /// Blocks that can run ahead (a, b, f once b has run), one that fails ahead
  /// and again in order (bad), one in a hidden section (hidden), one that
  /// depends on a data block in between (after), and prose reading them.
  let notebook = """
    ```{data} d
    csv: d.csv
    ```

    ```{glm} a
    data: d
    formula: y ~ x
    ```

    The slope is {{ a.params.x | fixed: 4 }}.

    ```{glm} bad
    data: d
    formula: y ~ x + nope
    ```

    ```{glm} b
    data: d
    formula: y ~ x + z + C(g)
    cov_type: cluster
    cluster: g
    ```

    <!-- if not d.rows -->
    ```{glm} hidden
    data: d
    formula: y ~ z
    ```
    <!-- end -->

    ```{data} d2
    from: d
    derive: {w: "x * {{ b.params.z }}"}
    ```

    ```{glm} after
    data: d2
    formula: y ~ w
    ```

    ```{glm} f
    data: d
    formula: y ~ z
    caption: "Beside b's z effect {{ b.params.z | fixed: 3 }}"
    ```
    """

  private func render(runsAhead: Bool, cache: String? = nil) throws -> (json: String, blocks: String, diagnostics: [Diagnostic]) {
    var ex = Executor()
    ex.runsAhead = runsAhead
    if let cache { ex.cache = BlockCache(directory: cache) }
    let doc = ex.run(try NotebookParser.parse(notebook, path: "ahead.md"), baseDirectory: dir)
    return (doc.resultsJSON(folioVersion: "test"), String(describing: doc.blocks), doc.diagnostics)
  }

  func testRunningModelsAheadGivesTheSameDocumentAsInOrder() throws {
    let inOrder = try render(runsAhead: false)
    XCTAssertEqual(inOrder.diagnostics.count, 1, "only 'bad' fails")
    XCTAssertTrue(inOrder.json.contains("\"f\""))
    for _ in 0..<5 {
      let ahead = try render(runsAhead: true)
      XCTAssertEqual(ahead.json, inOrder.json)
      XCTAssertEqual(ahead.blocks, inOrder.blocks)
      XCTAssertEqual(ahead.diagnostics, inOrder.diagnostics)
    }
  }

  func testWithTheCacheOnFirstRenderAndReplayMatchTheInOrderRender() throws {
    let inOrder = try render(runsAhead: false)
    let cache = dir + "/cache"
    let first = try render(runsAhead: true, cache: cache)
    let replay = try render(runsAhead: true, cache: cache)
    for r in [first, replay] {
      XCTAssertEqual(r.json, inOrder.json)
      XCTAssertEqual(r.diagnostics, inOrder.diagnostics)
    }
  }
}
