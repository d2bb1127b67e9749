import FolioData
import Foundation
import GRDB
import XCTest

@testable import FolioStore

final class SQLiteResultStoreTests: XCTestCase {
  func testTablesAreWrittenWithTypesAndNullsAndReplacedOnRewrite() throws {
    let path = NSTemporaryDirectory() + "folio-store-\(UUID().uuidString).sqlite"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let frame = try Frame([
      ("CHANNEL", .string(StringColumn(["LinkedIn", nil]))),
      ("ROI", .number([1.25, .nan])),
      ("N", .integer(IntegerColumn(values: [3, 4]))),
      ("WEEK", .date(DateColumn(days: [Int32(CivilDate.days(year: 2024, month: 1, day: 1)), 0], missing: [false, true]))),
    ])
    try SQLiteResultStore.write([("MODEL_RESULTS", frame)], to: path)
    try SQLiteResultStore.write([("MODEL_RESULTS", frame.gather([0]))], to: path)
    let queue = try DatabaseQueue(path: path)
    let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM MODEL_RESULTS") }
    XCTAssertEqual(rows.count, 1, "a rewrite replaces the table")
    XCTAssertEqual(rows[0]["CHANNEL"] as String?, "LinkedIn")
    XCTAssertEqual(rows[0]["ROI"] as Double?, 1.25)
    XCTAssertEqual(rows[0]["N"] as Int?, 3)
    XCTAssertEqual(rows[0]["WEEK"] as String?, "2024-01-01")
    let types = try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(MODEL_RESULTS)").map { $0["type"] as String } }
    XCTAssertEqual(types, ["TEXT", "REAL", "INTEGER", "TEXT"])
  }

  func testRunsTableHasOneRowPerRunIDAndTablesReplaceInOneTransaction() throws {
    let path = NSTemporaryDirectory() + "folio-store-\(UUID().uuidString).sqlite"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let a = try Frame([("X", .integer(IntegerColumn(values: [1, 2])))])
    let run1 = RunRecord(notebookPath: "nb.md", notebookSHA256: "aa", paramsJSON: "{}", seed: 7, folioVersion: "1", tableNames: ["A"])
    let run2 = RunRecord(notebookPath: "nb.md", notebookSHA256: "aa", paramsJSON: "{\"r\": 1}", seed: 7, folioVersion: "1", tableNames: ["A"])
    try SQLiteResultStore.write([("A", a)], run: run1, to: path)
    try SQLiteResultStore.write([("A", a)], run: run1, to: path)
    try SQLiteResultStore.write([("A", a.gather([1]))], run: run2, to: path)
    let queue = try DatabaseQueue(path: path)
    let runs = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM folio_runs ORDER BY params_json") }
    // '"' sorts before '}', so run2's params come first.
    XCTAssertEqual(runs.map { $0["run_id"] as String }, [run2.runID, run1.runID], "a rerun with the same id replaces its row")
    XCTAssertEqual(runs[0]["params_json"] as String, "{\"r\": 1}")
    XCTAssertEqual(runs[0]["seed"] as Int, 7)
    XCTAssertEqual(runs[0]["result_tables"] as String, "A")
    XCTAssertEqual(try queue.read { db in try Int.fetchAll(db, sql: "SELECT X FROM A") }, [2])
    XCTAssertThrowsError(try SQLiteResultStore.write([("folio_runs", a)], run: run1, to: path)) {
      XCTAssertEqual(($0 as? DatabaseAccessError)?.message, "a result table cannot be named 'folio_runs': that name holds the runs table")
    }
  }

  func testFreshFileReplacesTheOldOneWholeAndAFailedWriteLeavesItUntouched() throws {
    let dir = NSTemporaryDirectory() + "folio-fresh-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/results.sqlite"
    let a = try Frame([("X", .integer(IntegerColumn(values: [1, 2])))])
    let run = RunRecord(notebookPath: "nb.md", notebookSHA256: "aa", paramsJSON: "{}", seed: 7, folioVersion: "1", tableNames: ["A"])
    try SQLiteResultStore.write([("OLD", a)], run: run, to: path)
    try SQLiteResultStore.writeFresh([("A", a.gather([1]))], run: run, replacing: path)
    let queue = try DatabaseQueue(path: path)
    let tables = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
    XCTAssertEqual(tables, ["A", "folio_runs"], "tables of earlier runs do not survive in a fresh file")
    XCTAssertEqual(try queue.read { db in try Int.fetchAll(db, sql: "SELECT X FROM A") }, [2])
    XCTAssertEqual(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }, "delete", "the file on disk is an ordinary database")
    try queue.close()

    XCTAssertThrowsError(try SQLiteResultStore.writeFresh([("folio_runs", a)], run: run, replacing: path))
    let after = try DatabaseQueue(path: path)
    XCTAssertEqual(try after.read { db in try Int.fetchAll(db, sql: "SELECT X FROM A") }, [2], "a failed write leaves the old file")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("building") }, [], "and no partial file")
  }
}
