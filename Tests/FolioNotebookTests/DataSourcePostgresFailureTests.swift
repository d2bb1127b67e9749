import FolioData
import FolioStore
import FolioTestSupport
import Foundation
import XCTest

@testable import FolioNotebook

/// A PostgreSQL server that stops mid-query or runs out of time is an error
/// cell at the block's `source:` option (render exits 1), never a crash: the
/// issue's reproduction (`pg_ctl -m immediate stop` during a 6,000-row query)
/// against a throwaway server the test stops.
final class DataSourcePostgresFailureTests: XCTestCase {
  var server: ThrowawayPostgresServer!

  override func setUpWithError() throws { server = try ThrowawayPostgresServer() }
  override func tearDown() { server?.remove() }

  func run(_ body: String) throws -> ExecutedDocument {
    Executor().run(try NotebookParser.parse(body, path: "nb.md"), baseDirectory: NSTemporaryDirectory())
  }

  func testServerStoppedDuringA6000RowQueryIsALocatedError() throws {
    let notebook = """
      ```{data} rows
      source: \(server.url)
      query: SELECT g, length(pg_sleep(0.001)::text) AS s FROM generate_series(1, 6000) AS g
      ```
      """
    // Stops the server a second after the query has started streaming rows.
    let watcher = try PostgresAddress(server.url, environment: [:])
    let stopper = Thread { [server] in
      let deadline = Date().addingTimeInterval(20)
      while Date() < deadline {
        let f = try? PostgresSource.query(
          address: watcher, sql: "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND starts_with(query, 'SELECT g,')")
        if let n = f?["n"]?[0], n != .integer(0) { break }
        Thread.sleep(forTimeInterval: 0.02)
      }
      Thread.sleep(forTimeInterval: 1)
      try? server?.stopImmediately()
    }
    stopper.start()
    let doc = try run(notebook)
    XCTAssertEqual(
      doc.diagnostics.map(\.description),
      ["nb.md:2:9: error: PostgreSQL at postgres://postgres@127.0.0.1:\(server.port)/postgres: the server closed the connection during the query"])
  }

  func testATimeoutIsALocatedErrorNamingTheOption() throws {
    let doc = try run("""
      ```{data} slow
      source: \(server.url)
      query: SELECT pg_sleep(30)::text AS s
      timeout: 0.5
      ```
      """)
    XCTAssertEqual(
      doc.diagnostics.map(\.description),
      [
        "nb.md:2:9: error: the query ran out of time on postgres://postgres@127.0.0.1:\(server.port)/postgres: canceling statement due to statement timeout; give the block a longer 'timeout:' if it needs one"
      ])
  }

  func testOptionsOfDatabaseSourcesAreCheckedStatically() throws {
    let notebook = try NotebookParser.parse(
      """
      ```{data} slow
      source: \(server.url)
      query: SELECT 1 AS x
      timeout: -1
      cache: maybe
      ```
      """, path: "nb.md")
    let messages = Set(NotebookChecker.check(notebook).map(\.description))
    XCTAssertEqual(
      messages,
      ["nb.md:5:8: error: cache: expected true or false, found 'maybe'", "nb.md:4:10: error: timeout: expected a number > 0, found -1"])
  }
}
