import Foundation
import XCTest

@testable import FolioStore

/// Where a PostgreSQL address takes each setting from, as libpq does: URL,
/// then service file, then environment, then (password only) the password file.
final class PostgresAddressTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-pgaddr-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  /// Writes `text` to `name` in the test folder with POSIX permissions `mode`.
  func file(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  func testPasswordPrecedenceIsURLThenPGPASSWORDThenPasswordFile() throws {
    let pgpass = try file("pgpass", "other:5432:*:ana:wrong\ndb.internal:5432:marketing:ana:from-file\n")
    let env = ["HOME": dir, "PGPASSFILE": pgpass]
    XCTAssertEqual(try PostgresAddress("postgres://ana:in-url@db.internal/marketing", environment: env).password, "in-url")
    XCTAssertEqual(
      try PostgresAddress("postgres://ana@db.internal/marketing", environment: env.merging(["PGPASSWORD": "from-env"]) { $1 }).password,
      "from-env")
    XCTAssertEqual(try PostgresAddress("postgres://ana@db.internal/marketing", environment: env).password, "from-file")
    XCTAssertNil(try PostgresAddress("postgres://bob@db.internal/marketing", environment: env).password)
  }

  func testPasswordFileWildcardsEscapesAndDefaultLocation() throws {
    _ = try file(".pgpass", "# comment\n*:*:*:ana:a\\:b\\\\c\n")
    let a = try PostgresAddress("postgres://ana@anyhost:6543/anydb", environment: ["HOME": dir])
    XCTAssertEqual(a.password, "a:b\\c")
    XCTAssertEqual(
      PostgresPasswordFile.password(in: "h:1:d:u:first\nh:1:d:u:second\n", host: "h", port: 1, database: "d", user: "u"), "first")
  }

  func testPasswordFileReadableByOthersIsIgnoredAsLibpqDoes() throws {
    _ = try file(".pgpass", "*:*:*:ana:leaky\n", mode: 0o644)
    XCTAssertNil(try PostgresAddress("postgres://ana@h/db", environment: ["HOME": dir]).password)
  }

  func testServiceFileSuppliesHostUserDatabasePasswordAndTLS() throws {
    let services = try file(
      "services.conf",
      """
      # services
      [marketing]
      host=db.internal
      port=6432
      dbname=mkt
      user=analyst
      password=svc-pw
      sslmode=verify-full
      sslrootcert=/etc/ssl/mkt-ca.pem

      [other]
      host=elsewhere
      """)
    let env = ["HOME": dir, "PGSERVICEFILE": services]
    let a = try PostgresAddress("postgres://?service=marketing", environment: env)
    XCTAssertEqual(
      [a.host, String(a.port), a.database, a.user, a.password ?? "", a.sslMode.rawValue, a.sslRootCert ?? ""],
      ["db.internal", "6432", "mkt", "analyst", "svc-pw", "verify-full", "/etc/ssl/mkt-ca.pem"])
    // The URL overrides the service; PGSERVICE names a service when the URL does not.
    let b = try PostgresAddress("postgres://ana@/sales?sslmode=require", environment: env.merging(["PGSERVICE": "marketing"]) { $1 })
    XCTAssertEqual([b.user, b.host, b.database, b.sslMode.rawValue], ["ana", "db.internal", "sales", "require"])
    XCTAssertThrowsError(try PostgresAddress("postgres://?service=nope", environment: env)) {
      XCTAssertEqual(
        ($0 as? DatabaseAccessError)?.message, "PostgreSQL service 'nope' is not defined in '\(services)'")
    }
  }

  func testTLSSettingsFollowLibpqDefaultsAndEnvironment() throws {
    let plain = try PostgresAddress("postgres://ana@h/db", environment: [:])
    XCTAssertEqual(plain.sslMode, .prefer, "libpq's default")
    XCTAssertNil(plain.sslRootCert)
    XCTAssertEqual(plain.connectTimeout, 10)
    let env = ["PGSSLMODE": "verify-ca", "PGSSLROOTCERT": "/ca.pem", "PGCONNECT_TIMEOUT": "3"]
    let fromEnv = try PostgresAddress("postgres://ana@h/db", environment: env)
    XCTAssertEqual([fromEnv.sslMode.rawValue, fromEnv.sslRootCert ?? "", String(fromEnv.connectTimeout)], ["verify-ca", "/ca.pem", "3"])
    let fromURL = try PostgresAddress("postgres://ana@h/db?sslmode=disable&connect_timeout=7", environment: env)
    XCTAssertEqual([fromURL.sslMode.rawValue, String(fromURL.connectTimeout)], ["disable", "7"])
    XCTAssertThrowsError(try PostgresAddress("postgres://ana@h/db?sslmode=allow", environment: [:]))
    XCTAssertThrowsError(try PostgresAddress("postgres://ana@h/db?application=x", environment: [:])) {
      XCTAssertEqual(
        ($0 as? DatabaseAccessError)?.message,
        "PostgreSQL address option 'application' is not supported; expected one of connect_timeout, password, service, sslmode, sslrootcert")
    }
  }

  func testErrorsAboutAnAddressNeverShowItsPassword() {
    XCTAssertThrowsError(try PostgresAddress("postgres://ana:S3cretPW@h:5432/", environment: [:])) {
      let message = ($0 as? DatabaseAccessError)?.message ?? ""
      XCTAssertFalse(message.contains("S3cretPW"), message)
      XCTAssertEqual(message, "PostgreSQL address 'postgres://ana@h:5432/' names no database; expected 'postgres://user@host:port/database'")
    }
    XCTAssertThrowsError(try PostgresAddress("postgres://ana@h/db?password=S3cretPW&x=1", environment: [:])) {
      XCTAssertFalse((($0 as? DatabaseAccessError)?.message ?? "S3cretPW").contains("S3cretPW"))
    }
  }
}
