import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// The block cache reruns exactly what changed and never trusts a damaged entry.
final class BlockCacheTests: XCTestCase {
  var dir = ""
  let notebook = """
    ---
    params: {min: 2, unused: 1}
    ---
    ```{data} a
    csv: a.csv
    ```

    ```{data} a2
    from: a
    filter: X >= {{ params.min }}
    ```

    ```{data} b
    csv: b.csv
    ```

    ```{table} t
    data: b
    ```

    Rows: {{ a2.rows }}.
    """

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-cache-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "X\n1\n2\n3\n".write(toFile: dir + "/a.csv", atomically: true, encoding: .utf8)
    try "Y\n10\n".write(toFile: dir + "/b.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  /// Runs the notebook with the cache; returns the labels that were computed (not replayed).
  func render(params: [String: String] = [:], refresh: Set<String> = []) throws -> (computed: [String], doc: ExecutedDocument) {
    var nb = try NotebookParser.parse(notebook, path: "c.md")
    for (k, v) in params { try nb.frontMatter.override(k, with: v) }
    var ex = Executor()
    ex.cache = BlockCache(directory: dir + "/cache")
    ex.refresh = refresh
    let doc = ex.run(nb, baseDirectory: dir)
    XCTAssertEqual(doc.diagnostics, [])
    let computed = doc.blocks.compactMap { b -> String? in
      if case .directive(let d) = b, !d.fromCache { return d.call.label }
      return nil
    }
    return (computed, doc)
  }

  func testWarmCacheReplaysEveryBlockWithIdenticalResults() throws {
    let cold = try render()
    XCTAssertEqual(cold.computed, ["a", "a2", "b", "t"])
    let warm = try render()
    XCTAssertEqual(warm.computed, [])
    XCTAssertEqual(warm.doc.resultsJSON(folioVersion: "t"), cold.doc.resultsJSON(folioVersion: "t"))
    XCTAssertEqual(warm.doc.inputs.map(\.path), ["a.csv", "b.csv"], "replayed blocks still record their inputs")
  }

  func testChangingOneByteOfACSVRerunsExactlyTheBlocksDownstream() throws {
    _ = try render()
    try "X\n1\n2\n4\n".write(toFile: dir + "/a.csv", atomically: true, encoding: .utf8)
    let r = try render()
    XCTAssertEqual(r.computed, ["a", "a2"])
    guard case .prose(let p) = r.doc.blocks.last else { return XCTFail() }
    XCTAssertEqual(p.markdown, "Rows: 2.")
  }

  func testChangingAParamRerunsOnlyItsDependents() throws {
    _ = try render()
    XCTAssertEqual(try render(params: ["min": "3"]).computed, ["a2"])
    XCTAssertEqual(try render(params: ["min": "3", "unused": "5"]).computed, [], "a param nobody reads changes nothing")
  }

  func testRefreshRecomputesTheNamedBlock() throws {
    _ = try render()
    XCTAssertEqual(try render(refresh: ["b"]).computed, ["b"])
  }

  func testCorruptedOrTruncatedEntriesAreRecomputedNotTrusted() throws {
    let cold = try render()
    let cacheDir = dir + "/cache"
    let files = try FileManager.default.contentsOfDirectory(atPath: cacheDir).filter { $0.hasSuffix(".block") }.sorted()
    XCTAssertEqual(files.count, 4, "one entry per block")
    // Flip one payload byte in the first entry, truncate the second.
    var first = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cacheDir + "/" + files[0])))
    first[first.count - 1] ^= 0xFF
    try Data(first).write(to: URL(fileURLWithPath: cacheDir + "/" + files[0]))
    let second = try Data(contentsOf: URL(fileURLWithPath: cacheDir + "/" + files[1]))
    try second.prefix(second.count / 2).write(to: URL(fileURLWithPath: cacheDir + "/" + files[1]))
    let r = try render()
    XCTAssertEqual(r.computed.count, 2, "the two damaged entries are recomputed")
    XCTAssertEqual(r.doc.resultsJSON(folioVersion: "t"), cold.doc.resultsJSON(folioVersion: "t"))
    XCTAssertEqual(try render().computed, [], "and stored again")
  }

  func testBinaryEncodingRoundTripsEveryColumnTypeAndMissingValues() throws {
    let frame = try Frame([
      ("n", .number([1.5, .nan, -0.0])),
      ("i", .integer(IntegerColumn(values: [1, 0, -7], missing: [false, true, false]))),
      ("s", .string(StringColumn(["a", nil, "é"]))),
      ("d", .date(DateColumn(days: [0, 19_000, 0], missing: [false, false, true]))),
    ])
    let value = Value.object([("t", .table(frame)), ("x", .array([.null, .bool(true), .integer(-3), .number(0.1), .string("q")]))])
    var w = BinaryWriter()
    w.value(value)
    try BinaryReader.reading(w.bytes) { r in
      XCTAssertEqual(try r.value(), value)
      XCTAssertTrue(r.isAtEnd)
    }
    try BinaryReader.reading(Array(w.bytes.dropLast(3))) { truncated in
      XCTAssertThrowsError(try truncated.value())
    }
  }
}

final class BlockCacheEntryTests: XCTestCase {
  func testChartsWithNaNGapsAreCachedAndReplayedExactly() throws {
    let dir = NSTemporaryDirectory() + "folio-entry-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let chart = ChartSpec(title: "gaps", layers: [.line([ChartSeries(name: "s", x: [1, 2, 3], y: [1, .nan, .infinity])])])
    let cache = BlockCache(directory: dir)
    cache.store(DirectiveResult(value: .null, outputs: [.chart(chart)]), inputs: [], valueJSON: Array("null".utf8), seconds: 0, key: "k")
    cache.waitForWrites()
    let back = try XCTUnwrap(cache.load("k"), "an entry with NaN must be stored, not silently dropped")
    guard case .chart(let c)? = back.entry.outputs.first, case .line(let s) = c.layers[0] else { return XCTFail() }
    XCTAssertEqual(s[0].y[0], 1)
    XCTAssertTrue(s[0].y[1].isNaN)
    XCTAssertEqual(s[0].y[2], .infinity)
  }
}
