import FolioData
import Foundation
import XCTest

@testable import FolioStore

/// `PostgresResultStore.write` against a real server on 127.0.0.1.
final class PostgresResultStoreTests: XCTestCase {
  var address: PostgresAddress!
  let tableName = "MODEL_RESULTS_\(UUID().uuidString.prefix(8))"

  override func setUpWithError() throws { address = try PostgresTestServer.address() }

  override func tearDownWithError() throws {
    guard let address else { return }
    try? PostgresTestServer.execute("DROP VIEW IF EXISTS \"\(tableName)_view\"", on: address)
    try? PostgresTestServer.execute("DROP TABLE IF EXISTS \"\(tableName)\", \"\(tableName)_B\"", on: address)
    try? PostgresTestServer.execute("DELETE FROM folio_runs WHERE notebook = '\(tableName).md'", on: address)
  }

  func frame() throws -> Frame {
    try Frame([
      ("CHANNEL", .string(StringColumn(["LinkedIn", nil, "O'Brien TV"]))),
      ("ROI", .number([1.25, .nan, 0.1 + 0.2])),
      ("N", .integer(IntegerColumn(values: [3, 4, 0], missing: [false, false, true]))),
      ("WEEK", .date(DateColumn(days: [Int32(CivilDate.days(year: 2024, month: 1, day: 1)), 0, 0], missing: [false, true, false]))),
    ])
  }

  func run(_ params: String) -> RunRecord {
    RunRecord(notebookPath: "\(tableName).md", notebookSHA256: "ab", paramsJSON: params, seed: 42, folioVersion: "test", tableNames: [tableName])
  }

  func testTablesAreWrittenWithTypesNullsAndFullPrecisionThenReplaced() throws {
    try PostgresResultStore.write([(tableName, try frame())], run: run("{}"), to: address)
    let back = try PostgresSource.query(address: address, sql: "SELECT * FROM \"\(tableName)\"")
    XCTAssertEqual(back, try frame(), "every value, NULL and type round-trips (0.1 + 0.2 to the last bit)")
    let types = try PostgresSource.query(
      address: address,
      sql: "SELECT data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", bindings: [tableName])
    XCTAssertEqual(types["data_type"], .string(StringColumn(["text", "double precision", "bigint", "date"])))
    try PostgresResultStore.write([(tableName, try frame().gather([2]))], run: run("{}"), to: address)
    let again = try PostgresSource.query(address: address, sql: "SELECT \"CHANNEL\" FROM \"\(tableName)\"")
    XCTAssertEqual(again["CHANNEL"], .string(StringColumn(["O'Brien TV"])), "a rewrite replaces the table")
  }

  func testRunsTableHasOneRowPerRunID() throws {
    try PostgresResultStore.write([(tableName, try frame())], run: run("{}"), to: address)
    try PostgresResultStore.write([(tableName, try frame())], run: run("{}"), to: address)
    try PostgresResultStore.write([(tableName, try frame())], run: run("{\"r\": 1}"), to: address)
    let runs = try PostgresSource.query(
      address: address,
      sql: "SELECT run_id, params_json, seed, folio_version, result_tables FROM folio_runs WHERE notebook = $1 ORDER BY params_json",
      bindings: ["\(tableName).md"])
    XCTAssertEqual(runs["run_id"], .string(StringColumn([run("{\"r\": 1}").runID, run("{}").runID])))
    XCTAssertEqual(runs["seed"], .integer(IntegerColumn(values: [42, 42])))
    XCTAssertEqual(runs["result_tables"], .string(StringColumn([tableName, tableName])))
  }

  func testAFailingWriteChangesNothing() throws {
    try PostgresResultStore.write([(tableName, try frame())], run: nil, to: address)
    // A view on the table makes DROP TABLE fail inside the transaction.
    try PostgresTestServer.execute("CREATE VIEW \"\(tableName)_view\" AS SELECT * FROM \"\(tableName)\"", on: address)
    let other = try Frame([("X", .integer(IntegerColumn(values: [1])))])
    XCTAssertThrowsError(try PostgresResultStore.write([("\(tableName)_B", other), (tableName, other)], run: nil, to: address)) {
      XCTAssertEqual(($0 as? DatabaseAccessError)?.kind, .sql)
      XCTAssertTrue(
        ($0 as? DatabaseAccessError)?.message.hasPrefix("cannot write result tables to \(self.address.redacted): cannot drop table") ?? false,
        "\($0)")
    }
    let tables = try PostgresSource.query(
      address: address, sql: "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = $1", bindings: ["\(tableName)_B"])
    XCTAssertEqual(tables["n"], .integer(IntegerColumn(values: [0])), "the table created before the failure was rolled back")
    XCTAssertEqual(try PostgresSource.query(address: address, sql: "SELECT * FROM \"\(tableName)\"").rowCount, 3)
  }
}
