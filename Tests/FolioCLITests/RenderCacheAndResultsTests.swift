import FolioData
import FolioStore
import Foundation
import XCTest

/// `folio render` reruns from the block cache, and writes result tables to
/// the default results.sqlite or to a `--results` database.
final class RenderCacheAndResultsTests: XCTestCase {
  /// The shipped marketing-mix notebook with a short search and one short
  /// chain, so a debug build runs it in seconds.
  let quickMMM = ["--param", "budget=60", "--param", "resamples=10"]
  let quickBayes = ["--param", "chains=1", "--param", "warmup=60", "--param", "draws=60"]

  func table(_ path: String, _ sql: String) throws -> Frame { try SQLiteSource.query(path: path, sql: sql) }

  func testSecondRenderReplaysEveryBlockRefreshRecomputesOneAndNoCacheAll() throws {
    let out = try FolioProcess.temporaryDirectory()
    let render = { (extra: [String]) throws -> (line: String, html: Data) in
      let r = try FolioProcess.run(["render", "notebooks/sales-overview.md", "-o", out.path] + extra)
      XCTAssertEqual(r.status, 0, r.stderr)
      return (r.stderr, try Data(contentsOf: out.appendingPathComponent("sales-overview.html")))
    }
    let cold = try render([])
    XCTAssertTrue(cold.line.contains("(14 blocks, 0 from cache, 0 failed)"), cold.line)
    let warm = try render([])
    XCTAssertTrue(warm.line.contains("(14 blocks, 14 from cache, 0 failed)"), warm.line)
    let refreshed = try render(["--refresh", "by_region"])
    XCTAssertTrue(refreshed.line.contains("(14 blocks, 13 from cache, 0 failed)"), refreshed.line)
    let uncached = try render(["--no-cache"])
    XCTAssertTrue(uncached.line.contains("(14 blocks, 0 from cache, 0 failed)"), uncached.line)
    XCTAssertEqual(warm.html, cold.html)
    XCTAssertEqual(refreshed.html, cold.html)
    XCTAssertEqual(uncached.html, cold.html)
  }

  func testDefaultResultsFileHoldsThisRunsTablesAndIsRebuiltWholeEachRun() throws {
    let out = try FolioProcess.temporaryDirectory()
    let db = out.appendingPathComponent("marketing-mix/results.sqlite").path
    for budget in ["60", "70"] {
      let r = try FolioProcess.run(["render", "notebooks/marketing-mix.md", "-o", out.path, "--param", "budget=\(budget)", "--param", "resamples=10"] + quickBayes)
      XCTAssertEqual(r.status, 0, r.stderr)
      let runs = try table(db, "SELECT params_json, seed, result_tables FROM folio_runs")
      XCTAssertEqual(runs.rowCount, 1, "a fresh file holds only this run")
      XCTAssertTrue(runs["params_json"]?[0].text.contains("\"budget\": \(budget)") ?? false, "\(runs)")
      XCTAssertEqual(runs["seed"]?[0], .integer(2026))
      XCTAssertEqual(runs["result_tables"]?[0], .string("RESPONSE_CURVES,MODEL_RESULTS,MODEL_METADATA,FORECAST"))
    }
    // Each table matches its CSV export row for row.
    for name in ["MODEL_RESULTS", "RESPONSE_CURVES", "MODEL_METADATA", "FORECAST"] {
      let stored = try table(db, "SELECT * FROM \(name)")
      let csv = try CSVReader.read(path: out.appendingPathComponent("marketing-mix/\(name).csv").path)
      XCTAssertEqual(stored.rowCount, csv.rowCount, name)
      XCTAssertEqual(stored.columnNames, csv.columnNames, name)
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("marketing-mix").path)
    XCTAssertEqual(leftovers.filter { $0.contains("building") || $0.hasSuffix("-journal") }, [])
  }

  func testResultsOptionWritesANamedDatabaseThatKeepsEveryRun() throws {
    let out = try FolioProcess.temporaryDirectory()
    let store = out.appendingPathComponent("store.sqlite").path
    for budget in ["60", "70"] {
      let r = try FolioProcess.run(
        ["render", "notebooks/marketing-mix.md", "-o", out.path, "--results", "sqlite:\(store)", "--param", "budget=\(budget)"]
          + quickMMM.suffix(2) + quickBayes)
      XCTAssertEqual(r.status, 0, r.stderr)
    }
    XCTAssertEqual(try table(store, "SELECT run_id FROM folio_runs").rowCount, 2, "two runs with different params")
    XCTAssertGreaterThan(try table(store, "SELECT * FROM MODEL_RESULTS").rowCount, 0)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("marketing-mix/results.sqlite").path))
  }
}
