import Foundation
import XCTest

/// `--cache DIR`, `--cache-size`, `folio cache info` and `folio cache prune`,
/// run as a user would, including two renders sharing one cache at once.
final class CacheCommandTests: XCTestCase {
  /// Bytes and regular files under `dir`, counted independently of Folio.
  func usage(_ dir: URL) -> (files: Int, bytes: Int) {
    var files = 0, bytes = 0
    let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])
    while let url = e?.nextObject() as? URL {
      let v = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
      if v?.isRegularFile == true {
        files += 1
        bytes += v?.fileSize ?? 0
      }
    }
    return (files, bytes)
  }

  func testInfoCountsWhatARenderStoredAndPruneEmptiesIt() throws {
    let tmp = try FolioProcess.temporaryDirectory()
    let cache = tmp.appendingPathComponent("shared-cache")
    let r = try FolioProcess.run(["render", "notebooks/sales-overview.md", "-o", tmp.appendingPathComponent("out").path, "--cache", cache.path])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("out/.folio-cache").path), "--cache replaces DIR/.folio-cache")
    let names = try FileManager.default.contentsOfDirectory(atPath: cache.path)
    let entries = names.filter { $0.hasSuffix(".block") || $0.hasSuffix(".prose") }.count
    XCTAssertEqual(names.filter { $0.hasSuffix(".block") }.count, 14, "one entry per block")
    let objects = usage(cache.appendingPathComponent("objects")).files
    XCTAssertGreaterThan(objects, 0)
    let total = usage(cache).bytes

    let info = try FolioProcess.run(["cache", "info", "--cache", cache.path, "--cache-size", "2GiB"])
    XCTAssertEqual(info.status, 0, info.stderr)
    XCTAssertTrue(info.stdout.contains("entries: \(entries)\n"), info.stdout)
    XCTAssertTrue(info.stdout.contains("objects: \(objects) ("), info.stdout)
    XCTAssertTrue(info.stdout.contains("(\(total) bytes)"), info.stdout)
    XCTAssertTrue(info.stdout.contains("cap:     2.15 GB (2147483648 bytes)"), info.stdout)

    let prune = try FolioProcess.run(["cache", "prune", "--cache", cache.path, "--max-size", "0"])
    XCTAssertEqual(prune.status, 0, prune.stderr)
    XCTAssertTrue(prune.stdout.contains("(\(total) bytes); 0 entries, 0 objects"), prune.stdout)
    XCTAssertEqual(usage(cache).bytes, 0)

    let bad = try FolioProcess.run(["cache", "prune", "--cache", cache.path, "--max-size", "lots"])
    XCTAssertEqual(bad.status, 2, bad.stderr)
    XCTAssertTrue(bad.stderr.contains("--max-size expects a size"), bad.stderr)
  }

  func testEditedDataNeverGrowsTheCachePastItsCap() throws {
    let tmp = try FolioProcess.temporaryDirectory()
    let csv = tmp.appendingPathComponent("d.csv")
    let nb = tmp.appendingPathComponent("n.md")
    try """
      ```{data} d
      csv: d.csv
      derive: {Z: X * 3}
      ```

      ```{data} e
      from: d
      filter: X > 10
      ```

      {{ e.rows }} rows.
      """.write(to: nb, atomically: true, encoding: .utf8)
    let template = FolioProcess.packageRoot.appendingPathComponent("templates/report.mustache").path
    func render(_ extra: [String]) throws {
      let r = try FolioProcess.run(["render", nb.path, "-o", tmp.appendingPathComponent("out").path, "--template", template] + extra)
      XCTAssertEqual(r.status, 0, r.stderr)
    }
    func write(_ edit: Int) throws {
      try ("X,Y\n" + (0..<20_000).map { "\($0 + edit),\(Double($0) / 8)" }.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
    }
    try write(0)
    try render([])
    let one = usage(tmp.appendingPathComponent("out/.folio-cache")).bytes
    let cap = one * 5 / 2
    for edit in 1...6 {
      try write(edit)
      try render(["--cache-size", "\(cap)"])
      XCTAssertLessThanOrEqual(usage(tmp.appendingPathComponent("out/.folio-cache")).bytes, cap, "after edit \(edit)")
    }
    // The latest render's entries survived: a rerender replays every block.
    let r = try FolioProcess.run(["render", nb.path, "-o", tmp.appendingPathComponent("out").path, "--template", template, "--cache-size", "\(cap)"])
    XCTAssertTrue(r.stderr.contains("(2 blocks, 2 from cache, 0 failed)"), r.stderr)
  }

  func testTwoProcessesRenderingIntoOneCacheAtOnceBothSucceedAndMatchNoCache() throws {
    let tmp = try FolioProcess.temporaryDirectory()
    let cache = tmp.appendingPathComponent("cache").path
    let exe = try FolioProcess.executable()
    let root = FolioProcess.packageRoot
    for round in 0..<3 {
      final class Box: @unchecked Sendable { var results: [FolioProcess.Result?] = [nil, nil] }
      let box = Box()
      DispatchQueue.concurrentPerform(iterations: 2) { i in
        let out = tmp.appendingPathComponent("out\(i)").path
        box.results[i] = try? FolioProcess.runProcess(exe, ["render", "notebooks/promo-inventory.md", "-o", out, "--cache", cache], in: root)
      }
      for (i, r) in box.results.enumerated() {
        XCTAssertEqual(r?.status, 0, "round \(round), process \(i): \(r?.stderr ?? "did not run")")
      }
    }
    let uncached = try FolioProcess.run(["render", "notebooks/promo-inventory.md", "-o", tmp.appendingPathComponent("plain").path, "--no-cache"])
    XCTAssertEqual(uncached.status, 0, uncached.stderr)
    let plain = try Data(contentsOf: tmp.appendingPathComponent("plain/promo-inventory.html"))
    for i in 0..<2 {
      XCTAssertEqual(try Data(contentsOf: tmp.appendingPathComponent("out\(i)/promo-inventory.html")), plain, "process \(i)")
      XCTAssertEqual(
        try Data(contentsOf: tmp.appendingPathComponent("out\(i)/promo-inventory/results.json")),
        try Data(contentsOf: tmp.appendingPathComponent("plain/promo-inventory/results.json")))
    }
    let warm = try FolioProcess.run(["render", "notebooks/promo-inventory.md", "-o", tmp.appendingPathComponent("out0").path, "--cache", cache])
    XCTAssertTrue(warm.stderr.contains("0 failed") && !warm.stderr.contains(" 0 from cache"), warm.stderr)
    XCTAssertEqual(try Data(contentsOf: tmp.appendingPathComponent("out0/promo-inventory.html")), plain)
  }
}
