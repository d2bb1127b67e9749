import FolioData
import FolioStore
import Foundation
import XCTest

@testable import FolioNotebook

/// `{data}` with `source: sqlite:PATH`: bound params, later steps, provenance,
/// cache invalidation, located errors.
final class DataSourceSQLiteTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-dbsrc-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
    try writeSales(units: [10, 4, 7])
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func writeSales(units: [Int]) throws {
    let d = Int32(CivilDate.days(year: 2024, month: 1, day: 1))
    let sales = try Frame([
      ("REGION", .string(StringColumn(["North", "South", "O'Brien"]))),
      ("WEEK", .date(DateColumn(days: [d, d + 7, d]))),
      ("UNITS", .integer(IntegerColumn(values: units))),
    ])
    try SQLiteResultStore.write([("sales", sales)], to: dir + "/data/sales.sqlite")
  }

  func run(_ body: String, cache: BlockCache? = nil) throws -> ExecutedDocument {
    var executor = Executor()
    executor.cache = cache
    return executor.run(try NotebookParser.parse(body, path: "nb.md"), baseDirectory: dir)
  }

  static let notebook = """
    ---
    params: {region: "O'Brien"}
    ---
    ```{data} sales
    source: sqlite:data/sales.sqlite
    query: SELECT WEEK, UNITS FROM sales WHERE REGION = ?
    bindings: ["{{ params.region }}"]
    derive: {DOUBLE: UNITS * 2}
    ```

    Units {{ sales.DOUBLE | sum }}.
    """

  func testQueryWithBoundParamFeedsLaterStepsAndRecordsTheResultHash() throws {
    let doc = try run(Self.notebook)
    XCTAssertEqual(doc.diagnostics, [])
    guard case .table(let f)? = doc.results.first?.value else { return XCTFail("no table") }
    XCTAssertEqual(f["WEEK"], Column(type: .date, cells: [.date(CivilDate.days(year: 2024, month: 1, day: 1))]))
    XCTAssertEqual(f["DOUBLE"]?.doubles, [14])
    // Recorded: the query's result, hashed as SQLiteSource.resultDigest does.
    let sql = "SELECT WEEK, UNITS FROM sales WHERE REGION = ?"
    let queryHash = SHA256Digest.hex(of: sql + "\u{0}" + "O'Brien")
    XCTAssertEqual(doc.inputs.map(\.path), ["sqlite:data/sales.sqlite?query=\(queryHash.prefix(16))"])
    XCTAssertEqual(
      doc.inputs.first?.sha256, try SQLiteSource.resultDigest(path: dir + "/data/sales.sqlite", sql: sql, bindings: ["O'Brien"]))
  }

  func testChangingTheDatabaseFileInvalidatesTheCachedBlock() throws {
    let cache = BlockCache(directory: dir + "/.cache")
    let first = try run(Self.notebook, cache: cache)
    XCTAssertEqual(Self.doubles(first), [14])
    XCTAssertEqual(Self.doubles(try run(Self.notebook, cache: cache)), [14])
    try FileManager.default.removeItem(atPath: dir + "/data/sales.sqlite")
    try writeSales(units: [10, 4, 9])
    XCTAssertEqual(Self.doubles(try run(Self.notebook, cache: cache)), [18], "new file bytes → block recomputed")
  }

  static func doubles(_ doc: ExecutedDocument) -> [Double]? {
    guard case .table(let f)? = doc.results.first?.value else { return nil }
    return f["DOUBLE"]?.doubles
  }

  func testSQLErrorIsReportedAtTheSourceOptionWithSQLitesMessage() throws {
    let doc = try run("""
      ```{data} sales
      source: sqlite:data/sales.sqlite
      query: SELECT * FROM no_such_table
      ```
      """)
    XCTAssertEqual(doc.diagnostics.map(\.description), ["nb.md:2:9: error: SQL error: no such table: no_such_table"])
  }

  func testMissingDatabaseFileIsReportedAtTheSourceOption() throws {
    let doc = try run("""
      ```{data} sales
      source: sqlite:data/absent.sqlite
      query: SELECT 1
      ```
      """)
    XCTAssertEqual(
      doc.diagnostics.map(\.description),
      ["nb.md:2:9: error: cannot open SQLite database '\(dir)/data/absent.sqlite': no such file"])
  }

  func testSourceNeedsAQueryAndExactlyOneSourceIsAllowed() throws {
    let doc = try run("""
      ```{data} a
      source: sqlite:data/sales.sqlite
      ```

      ```{data} b
      csv: x.csv
      source: sqlite:data/sales.sqlite
      query: SELECT 1
      ```

      ```{data} c
      source: mysql://x
      query: SELECT 1
      ```
      """)
    XCTAssertEqual(doc.diagnostics.map(\.description), [
      "nb.md:2:9: error: source: needs a 'query:' with the SQL to run",
      "nb.md:7:9: error: {data} needs exactly one source: 'csv: <path>', 'source: <database>' or 'from: <label>'",
      "nb.md:12:9: error: source: expected 'sqlite:PATH' or 'postgres://user@host:port/database', found 'mysql://x'",
    ])
  }

  func testCheckReportsAQueryWithoutASource() throws {
    let nb = try NotebookParser.parse("""
      ```{data} a
      csv: x.csv
      query: SELECT 1
      ```
      """, path: "nb.md")
    XCTAssertEqual(
      NotebookChecker.check(nb).map(\.description), ["nb.md:3:8: error: query: only applies with 'source:' (a database)"])
  }
}
