import FolioData
import Foundation
import XCTest

@testable import FolioStore

/// `PostgresSource.query` against a real server on 127.0.0.1.
final class PostgresSourceTests: XCTestCase {
  var address: PostgresAddress!
  let table = "folio_src_\(UUID().uuidString.prefix(8).lowercased())"

  override func setUpWithError() throws {
    address = try PostgresTestServer.address()
    try PostgresTestServer.execute(
      """
      CREATE TABLE \(table) (region text, week date, units integer, big bigint, price double precision,
        amount numeric(10,2), promo boolean, note varchar(20), at timestamp);
      """, on: address)
    try PostgresTestServer.execute(
      """
      INSERT INTO \(table) VALUES
        ('North', '2024-01-01', 10, 9000000000, 2.5, 12.34, true, NULL, '2024-01-01 12:30:00'),
        ('North', '2024-01-08', NULL, NULL, NULL, NULL, false, 'promo', NULL),
        ('O''Brien', '1999-12-31', 7, -1, 0.1, 0.5, NULL, 'quote', '1999-12-31 23:59:59.5')
      """, on: address)
  }

  override func tearDownWithError() throws {
    if let address { try? PostgresTestServer.execute("DROP TABLE IF EXISTS \(table)", on: address) }
  }

  func testTypesAndNullsMapToFrameColumns() throws {
    let f = try PostgresSource.query(address: address, sql: "SELECT * FROM \(table) ORDER BY week DESC")
    XCTAssertEqual(f.columnNames, ["region", "week", "units", "big", "price", "amount", "promo", "note", "at"])
    XCTAssertEqual(f["region"], .string(StringColumn(["North", "North", "O'Brien"])))
    let d = CivilDate.days
    XCTAssertEqual(
      f["week"], Column(type: .date, cells: [.date(d(2024, 1, 8)), .date(d(2024, 1, 1)), .date(d(1999, 12, 31))]))
    XCTAssertEqual(f["units"], .integer(IntegerColumn(values: [0, 10, 7], missing: [true, false, false])))
    XCTAssertEqual(f["big"], .integer(IntegerColumn(values: [0, 9_000_000_000, -1], missing: [true, false, false])))
    XCTAssertEqual(f["price"], .number([.nan, 2.5, 0.1]))
    XCTAssertEqual(f["amount"], .number([.nan, 12.34, 0.5]))
    XCTAssertEqual(f["promo"], .integer(IntegerColumn(values: [0, 1, 0], missing: [false, false, true])))
    XCTAssertEqual(f["note"], .string(StringColumn(["promo", nil, "quote"])))
    XCTAssertEqual(f["at"], .string(StringColumn([nil, "2024-01-01T12:30:00", "1999-12-31T23:59:59.500000"])))
  }

  func testBoundParametersWithAQuoteAreValuesNeverSQL() throws {
    let f = try PostgresSource.query(
      address: address, sql: "SELECT units FROM \(table) WHERE region = $1", bindings: ["O'Brien"])
    XCTAssertEqual(f["units"], .integer(IntegerColumn(values: [7])))
    let g = try PostgresSource.query(
      address: address, sql: "SELECT units FROM \(table) WHERE region = $1", bindings: ["x' OR '1'='1"])
    XCTAssertEqual(g.rowCount, 0, "an injection attempt is compared as a value and matches nothing")
  }

  func testUntypedBindingsTakeTheTypeTheServerInfers() throws {
    let f = try PostgresSource.query(
      address: address, sql: "SELECT region FROM \(table) WHERE week >= $1 AND units > $2 ORDER BY week",
      bindings: ["2024-01-01", "5"])
    XCTAssertEqual(f["region"], .string(StringColumn(["North"])))
  }

  func testEmptyResultKeepsColumnNames() throws {
    let f = try PostgresSource.query(address: address, sql: "SELECT region, units FROM \(table) WHERE false")
    XCTAssertEqual(f.columnNames, ["region", "units"])
    XCTAssertEqual(f.rowCount, 0)
  }

  func testUnknownTableIsAnSQLErrorWithTheServersMessage() {
    XCTAssertThrowsError(try PostgresSource.query(address: address, sql: "SELECT * FROM no_such_table_here")) {
      XCTAssertEqual($0 as? DatabaseAccessError, DatabaseAccessError(.sql, "SQL error: relation \"no_such_table_here\" does not exist"))
    }
  }

  func testUnreadableTypeAsksForACast() {
    XCTAssertThrowsError(try PostgresSource.query(address: address, sql: "SELECT '{1,2}'::int[] AS xs")) {
      XCTAssertEqual(($0 as? DatabaseAccessError)?.kind, .conversion)
      XCTAssertTrue(($0 as? DatabaseAccessError)?.message.hasPrefix("column 'xs' has PostgreSQL type") ?? false, "\($0)")
    }
  }

  func testUnknownDatabaseIsAConnectionErrorWithTheServersMessage() throws {
    var other = address!
    other.database = "no_such_db"
    XCTAssertThrowsError(try PostgresSource.query(address: other, sql: "SELECT 1")) {
      XCTAssertEqual(
        $0 as? DatabaseAccessError,
        DatabaseAccessError(.connection, "cannot connect to PostgreSQL at \(other.redacted): database \"no_such_db\" does not exist"))
    }
  }
}

/// Needs no server: nothing listens on port 1 of the loopback address.
final class PostgresConnectionRefusedTests: XCTestCase {
  func testConnectionRefusedNamesTheAddressWithoutPassword() throws {
    let address = try PostgresAddress("postgres://ana:secret@127.0.0.1:1/marketing")
    XCTAssertThrowsError(try PostgresSource.query(address: address, sql: "SELECT 1")) {
      XCTAssertEqual(
        $0 as? DatabaseAccessError,
        DatabaseAccessError(
          .connection,
          "cannot connect to PostgreSQL at postgres://ana@127.0.0.1:1/marketing: connection refused at 127.0.0.1:1; is the server running and accepting TCP connections there?"))
    }
  }
}
