import FolioData
import FolioStore
import Foundation
import FolioTestSupport
import XCTest

@testable import FolioNotebook

/// `{data}` with `source: postgres://…` against the throwaway server of
/// `scripts/postgres/start` (skipped, saying why, without `FOLIO_TEST_POSTGRES_URL`).
final class DataSourcePostgresTests: XCTestCase {
  var url = ""
  let table = "folio_nb_\(UUID().uuidString.prefix(8).lowercased())"

  override func setUpWithError() throws {
    guard let u = ProcessInfo.processInfo.environment["FOLIO_TEST_POSTGRES_URL"], !u.isEmpty else {
      print("skipping PostgreSQL notebook test: FOLIO_TEST_POSTGRES_URL is not set (run `eval \"$(scripts/postgres/start)\"`)")
      throw TestSkip.unavailable("FOLIO_TEST_POSTGRES_URL is not set")
    }
    url = u
    let address = try PostgresAddress(url)
    _ = try PostgresSource.query(address: address, sql: "CREATE TABLE \(table) (region text, week date, units integer)")
    _ = try PostgresSource.query(
      address: address,
      sql: "INSERT INTO \(table) VALUES ('North', '2024-01-01', 10), ('O''Brien', '2024-01-08', 7), ('O''Brien', '2024-01-15', NULL)")
  }

  override func tearDownWithError() throws {
    guard !url.isEmpty, let address = try? PostgresAddress(url) else { return }
    _ = try? PostgresSource.query(address: address, sql: "DROP TABLE IF EXISTS \(table)")
  }

  func run(_ body: String, cache: BlockCache? = nil) throws -> ExecutedDocument {
    var executor = Executor()
    executor.cache = cache
    return executor.run(try NotebookParser.parse(body, path: "nb.md"), baseDirectory: NSTemporaryDirectory())
  }

  func testBoundParamQueryGivesTheSameFrameAsACSVAndRecordsProvenance() throws {
    let query = "SELECT week, units FROM \(table) WHERE region = $1 ORDER BY week"
    let doc = try run("""
      ---
      params: {region: "O'Brien"}
      ---
      ```{data} sales
      source: \(url)
      query: \(query)
      bindings: ["{{ params.region }}"]
      fill: {units: 0}
      ```
      """)
    XCTAssertEqual(doc.diagnostics, [])
    guard case .table(let f)? = doc.results.first?.value else { return XCTFail("no table") }
    let d = CivilDate.days
    XCTAssertEqual(f["week"], Column(type: .date, cells: [.date(d(2024, 1, 8)), .date(d(2024, 1, 15))]))
    XCTAssertEqual(f["units"], .integer(IntegerColumn(values: [7, 0])))
    let address = try PostgresAddress(url)
    let hash = SHA256Digest.hex(of: query + "\u{0}" + "O'Brien")
    XCTAssertEqual(doc.inputs.map(\.path), ["\(address.redacted)?query=\(hash.prefix(16))"])
    XCTAssertEqual(doc.inputs.first?.sha256, hash)
  }

  func testAPostgresBlockIsNeverServedFromTheCache() throws {
    let cache = BlockCache(directory: NSTemporaryDirectory() + "folio-pgcache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(atPath: cache.directory) }
    let body = """
      ```{data} n
      source: \(url)
      query: SELECT COUNT(*) AS n FROM \(table)
      ```

      ```{data} twice
      from: n
      derive: {m: n * 2}
      ```
      """
    _ = try run(body, cache: cache)
    _ = try PostgresSource.query(address: try PostgresAddress(url), sql: "INSERT INTO \(table) VALUES ('South', '2024-02-01', 1)")
    let doc = try run(body, cache: cache)
    guard case .directive(let block) = doc.blocks[0], case .table(let f)? = doc.results.first?.value else { return XCTFail() }
    XCTAssertFalse(block.fromCache)
    XCTAssertEqual(f["n"], .integer(IntegerColumn(values: [4])))
    let directives = doc.blocks.compactMap { block -> ExecutedDirective? in
      if case .directive(let d) = block { return d } else { return nil }
    }
    guard directives.count == 2, case .table(let g)? = doc.results.last?.value else { return XCTFail("\(doc.diagnostics)") }
    let downstream = directives[1]
    XCTAssertFalse(downstream.fromCache, "a block reading an uncached block is not cached either")
    XCTAssertEqual(g["m"]?.doubles, [8])
  }

  func testSQLErrorIsReportedAtTheSourceOptionWithTheServersMessage() throws {
    let doc = try run("""
      ```{data} sales
      source: \(url)
      query: SELECT * FROM no_such_table_here
      ```
      """)
    XCTAssertEqual(doc.diagnostics.map(\.description), ["nb.md:2:9: error: SQL error: relation \"no_such_table_here\" does not exist"])
  }

  func testConnectionRefusedIsReportedAtTheSourceOption() throws {
    let doc = try run("""
      ```{data} sales
      source: postgres://ana:secret@127.0.0.1:1/marketing
      query: SELECT 1
      ```
      """)
    XCTAssertEqual(
      doc.diagnostics.map(\.description),
      [
        "nb.md:2:9: error: cannot connect to PostgreSQL at postgres://ana@127.0.0.1:1/marketing: connection refused at 127.0.0.1:1; is the server running and accepting TCP connections there?"
      ])
  }
}
