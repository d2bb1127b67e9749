import FolioData
import Foundation
import GRDB
import XCTest

@testable import FolioStore

/// `SQLiteSource.query`: bound parameters, CSV-like typing, NULLs, errors.
final class SQLiteSourceTests: XCTestCase {
  var path = ""

  override func setUpWithError() throws {
    path = NSTemporaryDirectory() + "folio-source-\(UUID().uuidString).sqlite"
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(
        sql: """
          CREATE TABLE sales (REGION TEXT, WEEK TEXT, UNITS INTEGER, PRICE REAL, NOTE TEXT);
          INSERT INTO sales VALUES ('North', '2024-01-01', 10, 2.5, NULL);
          INSERT INTO sales VALUES ('North', '2024-01-08', NULL, 3, 'promo');
          INSERT INTO sales VALUES ('O''Brien', '2024-01-01', 7, 1.25, 'quote');
          INSERT INTO sales VALUES ('South', '2024-01-15', 4, NULL, NULL);
          """)
    }
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: path) }

  func testColumnsAreTypedLikeACSVAndNullsBecomeMissing() throws {
    let f = try SQLiteSource.query(path: path, sql: "SELECT * FROM sales ORDER BY rowid")
    XCTAssertEqual(f.columnNames, ["REGION", "WEEK", "UNITS", "PRICE", "NOTE"])
    XCTAssertEqual(f["REGION"], .string(StringColumn(["North", "North", "O'Brien", "South"])))
    let d = { CivilDate.days(year: 2024, month: $0, day: $1) }
    XCTAssertEqual(f["WEEK"], Column(type: .date, cells: [.date(d(1, 1)), .date(d(1, 8)), .date(d(1, 1)), .date(d(1, 15))]))
    XCTAssertEqual(f["UNITS"], .integer(IntegerColumn(values: [10, 0, 7, 4], missing: [false, true, false, false])))
    // REAL affinity stores 3 as 3.0, so the column is a number column.
    XCTAssertEqual(f["PRICE"], .number([2.5, 3, 1.25, .nan]))
    XCTAssertEqual(f["NOTE"], .string(StringColumn([nil, "promo", "quote", nil])))
  }

  func testBindingWithAQuoteIsAValueNotSQL() throws {
    let f = try SQLiteSource.query(path: path, sql: "SELECT UNITS FROM sales WHERE REGION = ?", bindings: ["O'Brien"])
    XCTAssertEqual(f["UNITS"], .integer(IntegerColumn(values: [7])))
    // An injection attempt matches nothing instead of every row.
    let g = try SQLiteSource.query(path: path, sql: "SELECT UNITS FROM sales WHERE REGION = ?", bindings: ["x' OR '1'='1"])
    XCTAssertEqual(g.rowCount, 0)
  }

  func testTextBindingComparesNumericallyWithAnIntegerColumn() throws {
    let f = try SQLiteSource.query(path: path, sql: "SELECT REGION FROM sales WHERE UNITS >= ? ORDER BY rowid", bindings: ["7"])
    XCTAssertEqual(f["REGION"], .string(StringColumn(["North", "O'Brien"])))
  }

  func testAggregationInTheDatabaseAndAnEmptyResultKeepColumns() throws {
    let f = try SQLiteSource.query(
      path: path, sql: "SELECT REGION, SUM(UNITS) AS UNITS, COUNT(*) AS N FROM sales GROUP BY REGION ORDER BY REGION")
    XCTAssertEqual(f["UNITS"], .integer(IntegerColumn(values: [10, 7, 4])))
    XCTAssertEqual(f["N"], .integer(IntegerColumn(values: [2, 1, 1])))
    let empty = try SQLiteSource.query(path: path, sql: "SELECT REGION, UNITS FROM sales WHERE 0")
    XCTAssertEqual(empty.columnNames, ["REGION", "UNITS"])
    XCTAssertEqual(empty.rowCount, 0)
    XCTAssertEqual(empty["UNITS"]?.type, .number, "a column with no values is a number column, as in a CSV")
  }

  func testDeclaredTypeConvertsAndAMisfitNamesRowAndColumn() throws {
    let f = try SQLiteSource.query(path: path, sql: "SELECT UNITS FROM sales ORDER BY rowid", declared: ["UNITS": .number])
    XCTAssertEqual(f["UNITS"], .number([10, .nan, 7, 4]))
    XCTAssertThrowsError(try SQLiteSource.query(path: path, sql: "SELECT REGION FROM sales ORDER BY rowid", declared: ["REGION": .integer])) {
      XCTAssertEqual(($0 as? DatabaseAccessError)?.message, "column 'REGION', result row 1: expected an integer, found 'North'")
    }
  }

  func testUnknownTableIsAnSQLErrorWithSQLitesMessage() {
    XCTAssertThrowsError(try SQLiteSource.query(path: path, sql: "SELECT * FROM missing_table")) {
      XCTAssertEqual($0 as? DatabaseAccessError, DatabaseAccessError(.sql, "SQL error: no such table: missing_table"))
    }
  }

  func testMissingFileIsAConnectionError() {
    XCTAssertThrowsError(try SQLiteSource.query(path: "/nonexistent/x.sqlite", sql: "SELECT 1")) {
      XCTAssertEqual($0 as? DatabaseAccessError, DatabaseAccessError(.connection, "cannot open SQLite database '/nonexistent/x.sqlite': no such file"))
    }
  }

  func testWrongNumberOfBindingsAndWritesAreRefused() {
    XCTAssertThrowsError(try SQLiteSource.query(path: path, sql: "SELECT * FROM sales WHERE REGION = ?", bindings: [])) {
      XCTAssertEqual(($0 as? DatabaseAccessError)?.kind, .sql)
      XCTAssertTrue(($0 as? DatabaseAccessError)?.message.hasPrefix("SQL error: the query's parameters do not match the 0 bindings given") ?? false, "\($0)")
    }
    XCTAssertThrowsError(try SQLiteSource.query(path: path, sql: "DELETE FROM sales")) {
      XCTAssertEqual(($0 as? DatabaseAccessError)?.kind, .sql)
    }
    XCTAssertEqual(try SQLiteSource.query(path: path, sql: "SELECT COUNT(*) AS N FROM sales")["N"], .integer(IntegerColumn(values: [4])))
  }
}
