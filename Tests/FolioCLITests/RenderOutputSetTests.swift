import FolioData
import FolioStore
import Foundation
import XCTest

/// A render replaces everything the previous render of the same notebook
/// wrote — report, results.json, exports, result tables — as one set, keeps
/// files a user put beside them, and cleans up after a render that was killed.
final class RenderOutputSetTests: XCTestCase {
  /// A notebook whose `data` param names the CSV; `t` exports it when it loads.
  static let exportingNotebook = """
    ---
    title: Output set
    params: {data: a.csv}
    ---

    # Output set

    ```{data} d
    csv: "{{ params.data }}"
    ```

    ```{table} t
    data: d
    export: d-export.csv
    ```

    Rows: {{ d.rows }}.

    """

  private func exportingFixture() throws -> (dir: URL, out: OutputFolder) {
    let dir = try FolioProcess.temporaryDirectory()
    try "A,B\n1,2\n3,4\n".write(to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
    try Self.exportingNotebook.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    return (dir, OutputFolder(url: dir.appendingPathComponent("out"), stem: "nb"))
  }

  func testRerenderWhoseBlockFailsRemovesTheOldExportAndKeepsTheUsersOwnFile() throws {
    let (dir, out) = try exportingFixture()
    let first = try FolioProcess.run(["render", "nb.md", "-o", "out"], in: dir)
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(try String(contentsOf: out.file("d-export.csv"), encoding: .utf8), "A,B\n1,2\n3,4\n")
    XCTAssertEqual(try out.manifest().files, ["d-export.csv", "results.json"])
    let userNote = "my notes, not Folio's\n"
    try userNote.write(to: out.file("notes.txt"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(at: out.file("drafts"), withIntermediateDirectories: false)

    let second = try FolioProcess.run(["render", "nb.md", "-o", "out", "--param", "data=missing.csv"], in: dir)
    XCTAssertEqual(second.status, 1, second.stderr)
    XCTAssertFalse(out.exists("d-export.csv"), "the first run's export is gone")
    XCTAssertEqual(try out.param("data"), "missing.csv", "results.json is the second run's")
    XCTAssertTrue(try out.html().contains("class=\"error-cell\""))
    XCTAssertEqual(try String(contentsOf: out.file("notes.txt"), encoding: .utf8), userNote)
    try out.assertHoldsOnlyTheSet(userFiles: ["drafts", "notes.txt"])
    XCTAssertEqual(try out.manifest().files, ["results.json"])
  }

  /// The reproduction: `promo_plan` with constraints that cannot all
  /// hold writes no PROMO_PLAN tables, so neither the CSV export nor
  /// results.sqlite may keep the previous (feasible) run's plan.
  /// Every price segment at least 2× its current spend while every brand is
  /// capped at 1.05× its own: the segments' total cannot fit under the brands'.
  static let infeasiblePlanParams = ["--param", "segment_min=2", "--param", "segment_max=3"]

  func testRerenderWithAnInfeasiblePlanRemovesThePreviousPlanFromCSVAndResultsSQLite() throws {
    let dir = try FolioProcess.temporaryDirectory()
    let out = OutputFolder(url: dir, stem: "promotion-optimizer")
    let feasible = try FolioProcess.run(["render", "notebooks/promotion-optimizer.md", "-o", dir.path])
    XCTAssertEqual(feasible.status, 0, feasible.stderr)
    XCTAssertTrue(out.exists("PROMO_PLAN.csv"))
    let db = out.file("results.sqlite").path
    let firstTables = try SQLiteSource.query(path: db, sql: "SELECT result_tables FROM folio_runs")
    XCTAssertTrue(firstTables["result_tables"]?[0].text.contains("PROMO_PLAN") ?? false, "\(firstTables)")

    let infeasible = try FolioProcess.run(
      ["render", "notebooks/promotion-optimizer.md", "-o", dir.path] + Self.infeasiblePlanParams)
    XCTAssertEqual(infeasible.status, 1, infeasible.stderr)
    XCTAssertTrue(infeasible.stderr.contains("no discount plan satisfies the constraints"), infeasible.stderr)
    for name in ["PROMO_PLAN", "PROMO_PLAN_SKUS", "PROMO_CONSTRAINTS"] {
      XCTAssertFalse(out.exists("\(name).csv"), "\(name).csv from the feasible run is gone")
    }
    // results.sqlite holds exactly the second run: its tables, its record.
    let runs = try SQLiteSource.query(path: db, sql: "SELECT params_json, result_tables FROM folio_runs")
    XCTAssertEqual(runs.rowCount, 1)
    XCTAssertEqual(runs["result_tables"]?[0].text, "PROMO_MARGINAL_EFFECTS,PROMO_GLOBAL_PARAMETERS,PROMO_SKU_DEVIATIONS")
    let stored = try SQLiteSource.query(path: db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    XCTAssertEqual(
      (0..<stored.rowCount).compactMap { stored["name"]?[$0].text },
      ["PROMO_GLOBAL_PARAMETERS", "PROMO_MARGINAL_EFFECTS", "PROMO_SKU_DEVIATIONS", "folio_runs"])
    try out.assertHoldsOnlyTheSet()
  }

  func testStagingFolderAndLockFileLeftByAKilledRenderAreRemovedByTheNextRender() throws {
    let (dir, out) = try exportingFixture()
    XCTAssertEqual(try FolioProcess.run(["render", "nb.md", "-o", "out"], in: dir).status, 0)
    // What a render killed while writing leaves: a staging folder with a partial set.
    let stale = out.url.appendingPathComponent(".nb.tmp-Ab12Z9")
    try FileManager.default.createDirectory(at: stale.appendingPathComponent("nb"), withIntermediateDirectories: true)
    try "{\"trunc".write(to: stale.appendingPathComponent("nb/results.json"), atomically: false, encoding: .utf8)
    // ... and its lock file (the kernel released the lock when it died).
    FileManager.default.createFile(atPath: out.url.appendingPathComponent(".nb.lock").path, contents: nil)
    // A look-alike that is not a staging folder of this notebook stays.
    let other = out.url.appendingPathComponent(".nb.tmp-notmine")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)

    let r = try FolioProcess.run(["render", "nb.md", "-o", "out"], in: dir)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path))
    try out.assertHoldsOnlyTheSet(extraTopLevel: [".nb.tmp-notmine"])
  }
}
