import FolioData
import FolioStore
import Foundation
import GRDB
import XCTest

@testable import FolioNotebook

/// Database sources in the block cache: a SQLite source reruns exactly when
/// its query's result changes (rows committed to the `-wal` file included);
/// a PostgreSQL source is served from the cache only with `cache: true`.
final class DataSourceFreshnessTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-fresh-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func run(_ body: String, cache: BlockCache) throws -> ExecutedDocument {
    var executor = Executor()
    executor.cache = cache
    return executor.run(try NotebookParser.parse(body, path: "nb.md"), baseDirectory: dir)
  }

  static func rows(_ doc: ExecutedDocument) -> Cell? {
    guard case .table(let f)? = doc.results.first?.value else { return nil }
    return f["ROWS"]?[0]
  }

  static func fromCache(_ doc: ExecutedDocument) -> [Bool] {
    doc.blocks.compactMap { if case .directive(let d) = $0 { return d.fromCache } else { return nil } }
  }

  func testRowsCommittedToTheWALAreSeenOnRerender() throws {
    // The reproduction: 40 rows rendered, 1,000 more committed and
    // left in the WAL (writer still open, automatic checkpoints off).
    let path = dir + "/data/sales.sqlite"
    var configuration = Configuration()
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    let writer = try DatabaseQueue(path: path, configuration: configuration)
    _ = try writer.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
    try writer.write { db in
      try db.execute(sql: "CREATE TABLE sales (N INTEGER)")
      for n in 1...40 { try db.execute(sql: "INSERT INTO sales VALUES (?)", arguments: [n]) }
    }
    try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    let notebook = """
      ```{data} counted
      source: sqlite:data/sales.sqlite
      query: SELECT COUNT(*) AS ROWS FROM sales
      ```

      ```{data} doubled
      from: counted
      derive: {TWICE: ROWS * 2}
      ```
      """
    let cache = BlockCache(directory: dir + "/.cache")
    let first = try run(notebook, cache: cache)
    XCTAssertEqual(first.diagnostics, [])
    XCTAssertEqual(Self.rows(first), .integer(40))
    let warm = try run(notebook, cache: cache)
    XCTAssertEqual(Self.fromCache(warm), [true, true], "unchanged database → replayed")
    let mainFile = try Data(contentsOf: URL(fileURLWithPath: path))

    try writer.write { db in
      for n in 41...1040 { try db.execute(sql: "INSERT INTO sales VALUES (?)", arguments: [n]) }
    }
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), mainFile, "the new rows sit in the WAL only")
    let second = try run(notebook, cache: cache)
    XCTAssertEqual(Self.rows(second), .integer(1040))
    XCTAssertEqual(Self.fromCache(second), [false, false], "changed result → block and its reader rerun")
    XCTAssertNotEqual(second.inputs.map(\.sha256), first.inputs.map(\.sha256), "the recorded input hash follows the data")
    guard case .table(let f)? = second.results.last?.value else { return XCTFail("no downstream table") }
    XCTAssertEqual(f["TWICE"]?.doubles, [2080])
  }

  func testAPostgresSourceIsCachedOnlyWhenTheBlockOptsIn() throws {
    guard let url = ProcessInfo.processInfo.environment["FOLIO_TEST_POSTGRES_URL"], !url.isEmpty else {
      print("skipping PostgreSQL cache test: FOLIO_TEST_POSTGRES_URL is not set (run `eval \"$(scripts/postgres/start)\"`)")
      throw XCTSkip("FOLIO_TEST_POSTGRES_URL is not set")
    }
    let address = try PostgresAddress(url)
    let table = "folio_optin_\(UUID().uuidString.prefix(8).lowercased())"
    _ = try PostgresSource.query(address: address, sql: "CREATE TABLE \(table) AS SELECT generate_series(1, 40) AS n")
    defer { _ = try? PostgresSource.query(address: address, sql: "DROP TABLE IF EXISTS \(table)") }
    func notebook(cache: String) -> String {
      """
      ```{data} counted
      source: \(url)
      query: SELECT COUNT(*)::int AS "ROWS" FROM \(table)
      \(cache)
      ```
      """
    }
    let cache = BlockCache(directory: dir + "/.cache")
    XCTAssertEqual(Self.rows(try run(notebook(cache: "cache: true"), cache: cache)), .integer(40))
    XCTAssertEqual(Self.rows(try run(notebook(cache: ""), cache: cache)), .integer(40))
    _ = try PostgresSource.query(address: address, sql: "INSERT INTO \(table) SELECT generate_series(41, 1040)")
    // Opted in: the stored result is reused without asking the server (documented).
    let optedIn = try run(notebook(cache: "cache: true"), cache: cache)
    XCTAssertEqual(Self.fromCache(optedIn), [true])
    XCTAssertEqual(Self.rows(optedIn), .integer(40))
    // Default: always asks the server.
    let fresh = try run(notebook(cache: ""), cache: cache)
    XCTAssertEqual(Self.fromCache(fresh), [false])
    XCTAssertEqual(Self.rows(fresh), .integer(1040))
    let explicit = try run(notebook(cache: "cache: false"), cache: cache)
    XCTAssertEqual(Self.fromCache(explicit), [false])
  }
}
