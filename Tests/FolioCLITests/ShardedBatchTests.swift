import Foundation
import XCTest

/// `folio render --params-file --shard I/N` and `folio index DIR`: a batch
/// split across N separate processes writing into one shared folder (as the
/// pods of a Kubernetes Indexed Job on a shared volume do) gives the same
/// bytes, file for file, as one process rendering the whole batch.
final class ShardedBatchTests: XCTestCase {
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
    let dir = try BatchFixture.make()
    let single = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "-o", "single"], in: dir)
    XCTAssertEqual(single.status, 0, single.stderr)
    let expected = try BatchFixture.files(under: dir.appendingPathComponent("single"))
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
      let got = try BatchFixture.files(under: dir.appendingPathComponent(out))
      XCTAssertEqual(got.keys.sorted(), expected.keys.sorted(), "\(n) shards: the same files")
      for (name, bytes) in expected {
        XCTAssertEqual(got[name], bytes, "\(n) shards: \(name) differs from the one-process render")
      }
    }
  }

  func testIndexOfAnIncompleteBatchFailsNamingTheMissingRows() throws {
    let dir = try BatchFixture.make()
    let r = try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "--shard", "1/3", "-o", "out"], in: dir)
    XCTAssertEqual(r.status, 0, r.stderr)
    let index = try FolioProcess.run(["index", "out"], in: dir)
    XCTAssertEqual(index.status, 1)
    XCTAssertTrue(index.stderr.contains("the batch of nb is incomplete: 5 of 7 runs have no report yet (rows 0, 2, 3, 5, 6"), index.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/nb-index.html").path))
  }

  func testIndexRefusesRunsOfTwoDifferentBatchesOfOneNotebook() throws {
    let dir = try BatchFixture.make()
    XCTAssertEqual(try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "-o", "out"], in: dir).status, 0)
    try "region,min_week\nNorth,2\n".write(to: dir.appendingPathComponent("runs.csv"), atomically: true, encoding: .utf8)
    XCTAssertEqual(try FolioProcess.run(["render", "nb.md", "--params-file", "runs.csv", "-o", "out"], in: dir).status, 0)
    let index = try FolioProcess.run(["index", "out"], in: dir)
    XCTAssertEqual(index.status, 1)
    XCTAssertTrue(index.stderr.contains("the runs of nb come from 2 different batches"), index.stderr)
    XCTAssertTrue(index.stderr.contains("1 run (nb--North-2)"), index.stderr)
  }

  func testShardOutsideZeroToNMinusOneIsAUsageError() throws {
    let dir = try BatchFixture.make()
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
    let dir = try BatchFixture.make()
    XCTAssertEqual(try FolioProcess.run(["render", "nb.md", "-o", "out"], in: dir).status, 0)
    let r = try FolioProcess.run(["index", "out"], in: dir)
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("out: no batch runs found"), r.stderr)
    XCTAssertEqual(try FolioProcess.run(["index", "missing"], in: dir).status, 2)
  }
}
