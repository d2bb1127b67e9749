import Foundation
import XCTest

/// `folio render --params-file --shard I/N` and `folio index DIR`: a batch
/// split across N separate processes writing into one shared folder (as the
/// pods of a Kubernetes Indexed Job on a shared volume do) gives the same
/// bytes, file for file, as one process rendering the whole batch.
final class ShardedBatchTests: XCTestCase {
  /// Seven runs, two of them with the same params (so one stem depends on an
  /// earlier row, which a shard may not render), a CSV export, a GLM and
  /// summary cards in the index.
  func makeBatch() throws -> URL {
    let dir = try FolioProcess.temporaryDirectory()
    var csv = "REGION,WEEK,PRICE,SALES\n"
    for (r, region) in ["North", "South", "East", "West"].enumerated() {
      for w in 0..<12 {
        let price = 2.0 + Double((w * 7 + r * 3) % 11) / 10
        csv += "\(region),\(w + 1),\(price),\(100 + r * 20 + (w * 13) % 17 - Int(price * 9))\n"
      }
    }
    try csv.write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try "region,min_week\nNorth,1\nSouth,1\nEast,3\nNorth,1\nWest,2\nSouth,5\nEast,1\n"
      .write(to: dir.appendingPathComponent("runs.csv"), atomically: true, encoding: .utf8)
    try """
      ---
      title: Price response by region
      params: {region: North, min_week: 1}
      seed: 3
      ---
      ```{data} d
      csv: d.csv
      filter: REGION == '{{ params.region }}' and WEEK >= {{ params.min_week }}
      ```

      ```{glm} fit
      data: d
      formula: SALES ~ PRICE
      ```

      ```{table} weeks
      data: d
      export: true
      ```

      ```{summary}
      headline: "In {{ params.region }} a price rise of 1 changes sales by {{ fit.params.PRICE | fixed: 2 }}."
      cards:
        - value: "{{ fit.params.PRICE | fixed: 3 }}"
          label: Price slope
        - value: "{{ d.rows }}"
          label: Weeks
      ```
      """.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    return dir
  }

  /// Every regular file under `root` (the block cache left out, which is
  /// not part of the outputs) by relative path, with its bytes.
  func files(under root: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let base = root.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return out }
    while let relative = walker.nextObject() as? String {
      if relative == ".folio-cache" { walker.skipDescendants(); continue }
      var isFolder: ObjCBool = false
      let path = (base as NSString).appendingPathComponent(relative)
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        out[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
      }
    }
    return out
  }

  /// Runs `folio args…` for each argument list at once, as separate processes.
  func runConcurrently(_ argumentLists: [[String]], in dir: URL) throws -> [FolioProcess.Result] {
    let exe = try FolioProcess.executable()
    final class Box: @unchecked Sendable { var results: [FolioProcess.Result?] = []; var errors: [Error] = [] }
    let box = Box()
    box.results = Array(repeating: nil, count: argumentLists.count)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: argumentLists.count) { i in
      do {
        let r = try FolioProcess.runProcess(exe, argumentLists[i], in: dir)
        lock.withLock { box.results[i] = r }
      } catch {
        lock.withLock { box.errors.append(error) }
      }
    }
    if let e = box.errors.first { throw e }
    return box.results.compactMap { $0 }
  }

  func testOneTwoAndThreeShardsThenIndexAreByteIdenticalToOneProcess() throws {
    let dir = try makeBatch()
    let single = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "-o", "single"], in: dir)
    XCTAssertEqual(single.status, 0, single.stderr)
    let expected = try files(under: dir.appendingPathComponent("single"))
    // 7 runs: 7 reports, 7 folders each with results.json, weeks.csv, the
    // batch record and the manifest, and the index page.
    XCTAssertEqual(expected.keys.filter { $0.hasSuffix(".html") }.count, 8)
    XCTAssertEqual(expected.keys.filter { $0.hasSuffix("/batch-run.json") }.count, 7)
    XCTAssertNotNil(expected["nb--North-1-4/weeks.csv"], "the repeated row gets its own stem: \(expected.keys.sorted())")

    for n in 1...3 {
      let out = "shards-\(n)"
      let results = try runConcurrently(
        (0..<n).map { ["render", "nb.md", "--params-file", "runs.csv", "--shard", "\($0)/\(n)", "-o", out] }, in: dir)
      for (i, r) in results.enumerated() {
        XCTAssertEqual(r.status, 0, "shard \(i)/\(n): \(r.stderr)")
        let owned = (0..<7).filter { $0 % n == i }.count
        XCTAssertTrue(r.stderr.contains("shard \(i)/\(n): \(owned) of 7 runs"), r.stderr)
      }
      XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(out)/nb-index.html").path),
                     "a shard writes no index page")
      let index = try FolioProcess.run(["index", out], in: dir)
      XCTAssertEqual(index.status, 0, index.stderr)
      let got = try files(under: dir.appendingPathComponent(out))
      XCTAssertEqual(got.keys.sorted(), expected.keys.sorted(), "\(n) shards: the same files")
      for (name, bytes) in expected {
        XCTAssertEqual(got[name], bytes, "\(n) shards: \(name) differs from the one-process render")
      }
    }
  }

  func testIndexOfAnIncompleteBatchFailsNamingTheMissingRows() throws {
    let dir = try makeBatch()
    let r = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "--shard", "1/3", "-o", "out"], in: dir)
    XCTAssertEqual(r.status, 0, r.stderr)
    let index = try FolioProcess.run(["index", "out"], in: dir)
    XCTAssertEqual(index.status, 1)
    XCTAssertTrue(index.stderr.contains("the batch of nb is incomplete: 5 of 7 runs have no report yet (rows 0, 2, 3, 5, 6"), index.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/nb-index.html").path))
  }

  func testIndexRefusesRunsOfTwoDifferentBatchesOfOneNotebook() throws {
    let dir = try makeBatch()
    XCTAssertEqual(try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "-o", "out"], in: dir).status, 0)
    try "region,min_week\nNorth,2\n".write(to: dir.appendingPathComponent("runs.csv"), atomically: true, encoding: .utf8)
    XCTAssertEqual(try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "-o", "out"], in: dir).status, 0)
    let index = try FolioProcess.run(["index", "out"], in: dir)
    XCTAssertEqual(index.status, 1)
    XCTAssertTrue(index.stderr.contains("the runs of nb come from 2 different batches"), index.stderr)
    XCTAssertTrue(index.stderr.contains("1 run (nb--North-2)"), index.stderr)
  }

  func testShardOutsideZeroToNMinusOneIsAUsageError() throws {
    let dir = try makeBatch()
    for (spec, message) in [
      ("3/3", "--shard: expected a shard number from 0 to 2 (0-based), found '3/3'"),
      ("-1/2", "--shard: expected a shard number from 0 to 1 (0-based), found '-1/2'"),
      ("0/0", "--shard: expected at least one shard (N ≥ 1), found '0/0'"),
      ("1", "--shard: expected I/N (shard I of N, 0-based, e.g. 0/4), found '1'"),
    ] {
      let r = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "--shard=\(spec)", "-o", "out"], in: dir)
      XCTAssertEqual(r.status, 2, spec)
      XCTAssertTrue(r.stderr.contains(message), r.stderr)
    }
    let noBatch = try FolioProcess.run(["render", "nb.md", "--shard", "0/2", "-o", "out"], in: dir)
    XCTAssertEqual(noBatch.status, 2)
    XCTAssertTrue(noBatch.stderr.contains("--shard splits the rows of a batch; it needs --params-file"), noBatch.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "nothing rendered")
  }

  func testIndexOfAFolderWithoutBatchRunsIsAUsageError() throws {
    let dir = try makeBatch()
    XCTAssertEqual(try FolioProcess.run(["render", "nb.md", "-o", "out"], in: dir).status, 0)
    let r = try FolioProcess.run(["index", "out"], in: dir)
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("out: no batch runs found"), r.stderr)
    XCTAssertEqual(try FolioProcess.run(["index", "missing"], in: dir).status, 2)
  }
}
