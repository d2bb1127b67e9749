import Foundation
import FolioTestSupport
import XCTest

@testable import FolioStore

/// The throwaway server `scripts/postgres/start` runs for the tests, named by
/// `FOLIO_TEST_POSTGRES_URL`; tests that need it skip, saying why, when it is absent (and fail under CI, see `TestSkip`).
enum PostgresTestServer {
  static func address() throws -> PostgresAddress {
    guard let url = ProcessInfo.processInfo.environment["FOLIO_TEST_POSTGRES_URL"], !url.isEmpty else {
      let reason = "FOLIO_TEST_POSTGRES_URL is not set; run `eval \"$(scripts/postgres/start)\"` first (.ci/run does)"
      print("skipping PostgreSQL test: \(reason)")
      throw TestSkip.unavailable(reason)
    }
    return try PostgresAddress(url)
  }

  /// Runs SQL statements (setup and inspection) on the test server.
  static func execute(_ sql: String, on address: PostgresAddress) throws {
    _ = try PostgresSource.query(address: address, sql: sql)
  }
}
