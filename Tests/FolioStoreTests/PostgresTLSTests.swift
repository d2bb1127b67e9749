import FolioData
import Foundation
import XCTest

@testable import FolioStore

/// `sslmode` against the CI server, which `scripts/postgres/start` runs with
/// TLS on and a certificate for 127.0.0.1 and localhost signed by a CA it
/// makes at start time (`FOLIO_TEST_POSTGRES_CA`; `FOLIO_TEST_POSTGRES_OTHER_CA`
/// is an unrelated CA).
final class PostgresTLSTests: XCTestCase {
  var base: PostgresAddress!
  var ca = ""
  var otherCA = ""

  override func setUpWithError() throws {
    base = try PostgresTestServer.address()
    let env = ProcessInfo.processInfo.environment
    guard let ca = env["FOLIO_TEST_POSTGRES_CA"], let other = env["FOLIO_TEST_POSTGRES_OTHER_CA"] else {
      let reason = "FOLIO_TEST_POSTGRES_CA is not set; start the server with scripts/postgres/start"
      print("skipping TLS test: \(reason)")
      throw XCTSkip(reason)
    }
    self.ca = ca
    otherCA = other
  }

  /// The address of the test server with `query` items, e.g. "sslmode=require".
  func address(host: String? = nil, _ query: String) throws -> PostgresAddress {
    try PostgresAddress("postgres://\(base.user)@\(host ?? base.host):\(base.port)/\(base.database)?\(query)", environment: ["HOME": "/nonexistent"])
  }

  /// Whether the server sees this connection as encrypted (`pg_stat_ssl`).
  func encrypted(_ address: PostgresAddress) throws -> Bool {
    let f = try PostgresSource.query(address: address, sql: "SELECT ssl::int AS ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    return f["ssl"]?[0] == .integer(1)
  }

  func testRequireEncryptsWithoutACertificateFile() throws {
    XCTAssertTrue(try encrypted(try address("sslmode=require")))
  }

  func testVerifyFullSucceedsWithTheSigningCAByIPAndByName() throws {
    XCTAssertTrue(try encrypted(try address("sslmode=verify-full&sslrootcert=\(ca)")))
    XCTAssertTrue(try encrypted(try address(host: "localhost", "sslmode=verify-full&sslrootcert=\(ca)")))
    XCTAssertTrue(try encrypted(try address("sslmode=verify-ca&sslrootcert=\(ca)")))
  }

  func testPreferEncryptsWhenOfferedAndDisableNever() throws {
    XCTAssertTrue(try encrypted(try address("sslmode=prefer")))
    XCTAssertFalse(try encrypted(try address("sslmode=disable")))
  }

  func testAWrongCAIsRejectedWithAClearMessage() throws {
    for mode in ["verify-full", "verify-ca", "require"] {
      let a = try address("sslmode=\(mode)&sslrootcert=\(otherCA)")
      XCTAssertThrowsError(try PostgresSource.query(address: a, sql: "SELECT 1"), mode) {
        XCTAssertEqual(
          $0 as? DatabaseAccessError,
          DatabaseAccessError(
            .connection,
            "cannot connect to PostgreSQL at \(a.redacted): the server's TLS certificate is not signed by a CA in sslrootcert='\(otherCA)' (certificate verify failed); give the CA that signed the server's certificate"),
          mode)
      }
    }
  }

  func testVerifyModesWithoutARootCertificateSayWhatIsMissing() throws {
    let a = try address("sslmode=verify-full")
    XCTAssertThrowsError(try PostgresSource.query(address: a, sql: "SELECT 1")) {
      XCTAssertEqual(
        ($0 as? DatabaseAccessError)?.message,
        "sslmode=verify-full needs the CA certificate that signed the server's: set sslrootcert=/path/to/root.crt (or PGSSLROOTCERT), or put it in /nonexistent/.postgresql/root.crt")
    }
    let missing = try address("sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem")
    XCTAssertThrowsError(try PostgresSource.query(address: missing, sql: "SELECT 1")) {
      XCTAssertEqual(
        ($0 as? DatabaseAccessError)?.message,
        "cannot read the root certificate file sslrootcert='/nonexistent/ca.pem': no such readable file")
    }
  }

  func testResultStoreWritesOverVerifiedTLS() throws {
    let a = try address("sslmode=verify-full&sslrootcert=\(ca)")
    let table = "folio_tls_\(UUID().uuidString.prefix(8).lowercased())"
    defer { try? PostgresTestServer.execute("DROP TABLE IF EXISTS \"\(table)\"", on: base) }
    let frame = try Frame([("X", .integer(IntegerColumn(values: [3, 4])))])
    try PostgresResultStore.write([(table, frame)], run: nil, to: a)
    let back = try PostgresSource.query(address: a, sql: "SELECT SUM(\"X\")::int AS s FROM \"\(table)\"")
    XCTAssertEqual(back["s"]?[0], .integer(7))
  }
}
