import FolioData
import Foundation
import XCTest

@testable import FolioNotebook

/// Through the executor: a dataset several blocks return is one object; a
/// rerender where everything replays decodes no dataset; a damaged object
/// costs a recomputation; eviction keeps the most recently used.
final class CacheObjectsExecutorTests: XCTestCase {
  var dir = ""
  var cacheDir: String { dir + "/cache" }

  func notebook(filter: String = "X >= 0") -> String {
    """
    ```{data} d
    csv: d.csv
    ```

    ```{data} same
    from: d
    filter: X >= 0
    ```

    ```{table} t
    data: d
    ```

    ```{data} big
    from: same
    filter: \(filter)
    derive: {Y: X * 2}
    ```

    Rows: {{ d.rows }}, kept {{ big.rows }}, largest Y {{ big.Y | max }}.
    """
  }

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-cache-objects-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try ("X,S\n" + (1...500).map { "\($0),s\($0 % 7)" }.joined(separator: "\n") + "\n").write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func render(_ text: String, resolveAll: Bool = false) throws -> (computed: [String], doc: ExecutedDocument) {
    let nb = try NotebookParser.parse(text, path: "c.md")
    var ex = Executor()
    ex.cache = BlockCache(directory: cacheDir)
    ex.resolvesAllResults = resolveAll
    let doc = ex.run(nb, baseDirectory: dir)
    XCTAssertEqual(doc.diagnostics, [])
    let computed = doc.blocks.compactMap { b -> String? in
      if case .directive(let d) = b, !d.fromCache { return d.call.label }
      return nil
    }
    return (computed, doc)
  }

  func prose(_ doc: ExecutedDocument) -> String? {
    if case .prose(let p)? = doc.blocks.last { return p.markdown }
    return nil
  }

  func objectFiles() -> [String] {
    CacheStorage(directory: cacheDir).list().filter(\.isObject).map(\.path).sorted()
  }

  /// Object files whose content starts with `magic` (column objects or dataset manifests).
  func objectFiles(_ magic: [UInt8]) -> [String] {
    objectFiles().filter { FileManager.default.contents(atPath: $0)?.starts(with: magic) ?? false }
  }

  func testADatasetReturnedUnchangedByThreeBlocksIsOneObject() throws {
    let cold = try render(notebook())
    XCTAssertEqual(cold.computed, ["d", "same", "t", "big"])
    // d, same (a filter keeping every row) and t (d's table) are one dataset; big is
    // another, which shares d's two columns (its filter keeps every row) and adds Y.
    XCTAssertEqual(objectFiles(ObjectStore.frameMagic).count, 2)
    XCTAssertEqual(objectFiles(ObjectStore.columnMagic).count, 3)
    XCTAssertEqual(objectFiles().count, 5)
    XCTAssertEqual(prose(cold.doc), "Rows: 500, kept 500, largest Y 1000.")
  }

  func testAWarmRerenderDecodesNoDatasetAndMatchesTheColdOne() throws {
    let cold = try render(notebook())
    // Damage every column without changing its size: a rerender that read one would recompute.
    for path in objectFiles(ObjectStore.columnMagic) {
      var bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
      bytes[bytes.count - 1] ^= 0xFF
      try bytes.write(to: URL(fileURLWithPath: path))
    }
    let warm = try render(notebook())
    XCTAssertEqual(warm.computed, [])
    XCTAssertEqual(prose(warm.doc), prose(cold.doc), "prose is replayed, not recomputed from datasets")
    XCTAssertEqual(warm.doc.resultsJSON(folioVersion: "t"), cold.doc.resultsJSON(folioVersion: "t"))
    // Nothing rewrote the damaged columns: nothing read them (a read would have failed and recomputed).
    let storeView = ObjectStore(cacheDirectory: cacheDir)
    for path in objectFiles(ObjectStore.frameMagic) {
      let hash = path.split(separator: "/").suffix(2).joined()
      XCTAssertNil(storeView.get(ObjectRef(hash: hash, size: CacheFiles.size(path) ?? 0)), "still damaged")
    }
  }

  func testADamagedObjectIsRecomputedWhenADownstreamBlockNeedsIt() throws {
    let cold = try render(notebook())
    for path in objectFiles(ObjectStore.columnMagic) {
      var bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
      bytes[bytes.count - 1] ^= 0xFF
      try bytes.write(to: URL(fileURLWithPath: path))
    }
    // `big` changes, so it runs and reads `same` (damaged): `same` is rebuilt from `d`, rebuilt from the CSV.
    let edited = try render(notebook(filter: "X > 250"))
    XCTAssertEqual(edited.computed, ["big"])
    XCTAssertEqual(prose(edited.doc), "Rows: 500, kept 250, largest Y 1000.")
    XCTAssertNotEqual(prose(cold.doc), prose(edited.doc))
    // Resolving every value (the library default) also recovers d's damaged dataset.
    let all = try render(notebook(filter: "X > 250"), resolveAll: true)
    guard case .table(let d)? = all.doc.results.first(where: { $0.label == "d" })?.value else { return XCTFail("no d") }
    XCTAssertEqual(d.rowCount, 500)
  }

  func testEvictionRemovesTheLeastRecentlyUsedFilesFirst() throws {
    let storage = CacheStorage(directory: cacheDir)
    try FileManager.default.createDirectory(atPath: cacheDir, withIntermediateDirectories: true)
    // Four 1000-byte files used at t = 1…4 (oldest first: c, a, d, b).
    for (name, t) in [("a.block", 2), ("b.block", 4), ("c.block", 1), ("d.prose", 3)] {
      let path = cacheDir + "/" + name
      try Data(count: 1000).write(to: URL(fileURLWithPath: path))
      var times = [timespec(tv_sec: t, tv_nsec: 0), timespec(tv_sec: t, tv_nsec: 0)]
      XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    }
    XCTAssertEqual(storage.evict(toAtMost: 2500, now: Date(timeIntervalSince1970: 10)), 2000)
    XCTAssertEqual(storage.list().map { ($0.path as NSString).lastPathComponent }.sorted(), ["b.block", "d.prose"])
    XCTAssertEqual(storage.summary(), CacheStorage.Summary(entries: 2, objects: 0, totalBytes: 2000, objectBytes: 0))
    XCTAssertEqual(storage.evict(toAtMost: 2000, now: Date(timeIntervalSince1970: 10)), 0, "at the cap: nothing to do")
  }

  func testAReadMarksAnEntryRecentlyUsedSoItOutlivesOlderOnes() throws {
    _ = try render(notebook())
    // Age every file, then rerender: every entry and object the rerender used is touched.
    for f in CacheStorage(directory: cacheDir).list() {
      var times = [timespec(tv_sec: 1000, tv_nsec: 0), timespec(tv_sec: 1000, tv_nsec: 0)]
      XCTAssertEqual(utimensat(AT_FDCWD, f.path, &times, 0), 0)
    }
    try Data(count: 10).write(to: URL(fileURLWithPath: cacheDir + "/stale.block"))
    var times = [timespec(tv_sec: 500, tv_nsec: 0), timespec(tv_sec: 500, tv_nsec: 0)]
    XCTAssertEqual(utimensat(AT_FDCWD, cacheDir + "/stale.block", &times, 0), 0)
    _ = try render(notebook())
    let used = CacheStorage(directory: cacheDir).list().filter { $0.used > 2000 * 1_000_000_000 }
    // Four block entries and one prose entry were read; t's table object (d's) was read too.
    XCTAssertEqual(used.filter { $0.path.hasSuffix(".block") }.count, 4)
    XCTAssertEqual(used.filter { $0.path.hasSuffix(".prose") }.count, 1)
    XCTAssertGreaterThanOrEqual(used.filter(\.isObject).count, 1)
    XCTAssertFalse(used.contains { $0.path.hasSuffix("stale.block") })
  }

  func testSizesParseInDecimalAndBinaryUnits() {
    XCTAssertEqual(CacheStorage.parseSize("500MB"), 500_000_000)
    XCTAssertEqual(CacheStorage.parseSize("2GiB"), 2 << 30)
    XCTAssertEqual(CacheStorage.parseSize("2 gib"), 2 << 30)
    XCTAssertEqual(CacheStorage.parseSize("1.5G"), 3 << 29)
    XCTAssertEqual(CacheStorage.parseSize("1048576"), 1_048_576)
    XCTAssertEqual(CacheStorage.parseSize("0"), 0)
    XCTAssertNil(CacheStorage.parseSize("lots"))
    XCTAssertNil(CacheStorage.parseSize("5 parsecs"))
    XCTAssertNil(CacheStorage.parseSize("-1MB"))
  }
}
