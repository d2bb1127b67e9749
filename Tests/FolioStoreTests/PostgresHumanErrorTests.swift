import FolioData
import Foundation
import XCTest

@testable import FolioStore

/// Database errors say what happened in words, never the client library's
/// enum names; and passwords come from outside the notebook. Against the CI
/// server, whose role `FOLIO_TEST_POSTGRES_PASSWORD_USER` needs its password.
final class PostgresHumanErrorTests: XCTestCase {
  var base: PostgresAddress!
  var user = ""
  var password = ""
  var dir = ""

  override func setUpWithError() throws {
    base = try PostgresTestServer.address()
    let env = ProcessInfo.processInfo.environment
    guard let user = env["FOLIO_TEST_POSTGRES_PASSWORD_USER"], let password = env["FOLIO_TEST_POSTGRES_PASSWORD"] else {
      let reason = "FOLIO_TEST_POSTGRES_PASSWORD_USER is not set; start the server with scripts/postgres/start"
      print("skipping password test: \(reason)")
      throw XCTSkip(reason)
    }
    self.user = user
    self.password = password
    dir = NSTemporaryDirectory() + "folio-pgpw-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { if !dir.isEmpty { try? FileManager.default.removeItem(atPath: dir) } }

  /// The password role's address, with only `environment` (and no `~/.pgpass`).
  func address(_ userInfo: String? = nil, environment: [String: String] = [:]) throws -> PostgresAddress {
    try PostgresAddress(
      "postgres://\(userInfo ?? user)@\(base.host):\(base.port)/\(base.database)?sslmode=disable",
      environment: ["HOME": dir].merging(environment) { $1 })
  }

  func currentUser(_ address: PostgresAddress) throws -> Cell? {
    try PostgresSource.query(address: address, sql: "SELECT current_user::text AS u")["u"]?[0]
  }

  func assertHuman(_ error: any Error, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    let message = (error as? DatabaseAccessError)?.message ?? "\(error)"
    XCTAssertEqual(message, expected, file: file, line: line)
    for name in ["authMechanismRequiresPassword", "serverClosedConnection", "PSQLError", "uncleanShutdown", "code:"] {
      XCTAssertFalse(message.contains(name), "\(name) in \(message)", file: file, line: line)
    }
  }

  func testWrongPasswordSaysAuthenticationFailedForTheUser() throws {
    let a = try address("\(user):not-the-password")
    XCTAssertThrowsError(try currentUser(a)) {
      assertHuman(
        $0,
        "cannot connect to PostgreSQL at \(a.redacted): password authentication failed for user \"\(user)\"; check the password given by the address, PGPASSWORD, the password file (PGPASSFILE or ~/.pgpass) or the service file")
    }
  }

  func testMissingPasswordSaysWhereToPutIt() throws {
    let a = try address()
    XCTAssertThrowsError(try currentUser(a)) {
      assertHuman(
        $0,
        "cannot connect to PostgreSQL at \(a.redacted): the server asks for a password for user \"\(user)\" and none was given; set PGPASSWORD, add a line to the password file (PGPASSFILE or ~/.pgpass) or use a service file, rather than writing it in the notebook")
    }
  }

  func testPasswordFromPGPASSWORDPasswordFileOrServiceFileConnects() throws {
    XCTAssertEqual(try currentUser(try address(environment: ["PGPASSWORD": password])), .string(user))
    let pgpass = dir + "/pgpass"
    try "\(base.host):\(base.port):*:\(user):\(password)\n".write(toFile: pgpass, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass)
    XCTAssertEqual(try currentUser(try address(environment: ["PGPASSFILE": pgpass])), .string(user))
    let services = dir + "/services.conf"
    try "[folio]\nhost=\(base.host)\nport=\(base.port)\ndbname=\(base.database)\nuser=\(user)\npassword=\(password)\nsslmode=disable\n"
      .write(toFile: services, atomically: false, encoding: .utf8)
    let viaService = try PostgresAddress("postgres://?service=folio", environment: ["HOME": dir, "PGSERVICEFILE": services])
    XCTAssertEqual(try currentUser(viaService), .string(user))
    XCTAssertEqual(viaService.redacted, "postgres://\(user)@\(base.host):\(base.port)/\(base.database)")
  }

  func testUnknownDatabaseAndSQLErrorsCarryTheServersWords() throws {
    XCTAssertThrowsError(try PostgresSource.query(address: base, sql: "SELECT * FROM no_such_table_here")) {
      XCTAssertEqual($0 as? DatabaseAccessError, DatabaseAccessError(.sql, "SQL error: relation \"no_such_table_here\" does not exist"))
    }
  }

  func testStatementTimeoutIsATimeoutErrorNamingTheOption() throws {
    let start = Date()
    XCTAssertThrowsError(try PostgresSource.query(address: base, sql: "SELECT pg_sleep(10)::text AS s", timeout: 0.5)) {
      XCTAssertEqual(
        $0 as? DatabaseAccessError,
        DatabaseAccessError(
          .timeout,
          "the query ran out of time on \(base.redacted): canceling statement due to statement timeout; give the block a longer 'timeout:' if it needs one"))
    }
    XCTAssertLessThan(Date().timeIntervalSince(start), 5)
  }
}
