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
}
