import FolioData
import Foundation
import GRDB
import XCTest

@testable import FolioStore

/// `SQLiteSource.resultDigest`: the cache key of a SQLite source is what the
/// query reads, including rows committed to the `-wal` file.
final class SQLiteResultDigestTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "folio-digest-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

  func testRowsCommittedToTheWALChangeTheDigestWhileTheMainFileStaysTheSame() throws {
    let path = dir + "/wal.sqlite"
    var configuration = Configuration()
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    let writer = try DatabaseQueue(path: path, configuration: configuration)
    _ = try writer.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
    try writer.write { db in
      try db.execute(sql: "CREATE TABLE sales (N INTEGER)")
      for n in 1...40 { try db.execute(sql: "INSERT INTO sales VALUES (?)", arguments: [n]) }
    }
    try writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    let sql = "SELECT COUNT(*) AS ROWS, SUM(N) AS TOTAL FROM sales"
    let before = try SQLiteSource.resultDigest(path: path, sql: sql)
    let mainFileBefore = try Data(contentsOf: URL(fileURLWithPath: path))

    try writer.write { db in
      for n in 41...1040 { try db.execute(sql: "INSERT INTO sales VALUES (?)", arguments: [n]) }
    }
    // The commit sits in the WAL: the main file's bytes are those of 40 rows.
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), mainFileBefore)
    XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0, 0)

    let after = try SQLiteSource.resultDigest(path: path, sql: sql)
    XCTAssertNotEqual(after, before)
    let frame = try SQLiteSource.query(path: path, sql: sql)
    XCTAssertEqual(frame["ROWS"]?[0], .integer(1040))
    XCTAssertEqual(frame["TOTAL"]?[0], .integer(1040 * 1041 / 2), "closed form 1 + … + 1040")
    // The digest is that of the result, not of the file: a plain database with the same rows agrees.
    let plain = dir + "/plain.sqlite"
    try DatabaseQueue(path: plain).write { db in
      try db.execute(sql: "CREATE TABLE sales (N INTEGER)")
      try db.execute(sql: "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 1040) INSERT INTO sales SELECT n FROM s")
    }
    XCTAssertEqual(try SQLiteSource.resultDigest(path: plain, sql: sql), after)
    XCTAssertEqual(try SQLiteSource.queryWithDigest(path: path, sql: sql).sha256, after)
  }

  func testDigestIgnoresUnrelatedTablesAndSeesValueClassesAndNames() throws {
    let path = dir + "/a.sqlite"
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "CREATE TABLE t (A, B); INSERT INTO t VALUES (1, 'x'), (2, NULL)")
    }
    let digest = try SQLiteSource.resultDigest(path: path, sql: "SELECT A, B FROM t ORDER BY A")
    try queue.write { db in try db.execute(sql: "CREATE TABLE other (Z); INSERT INTO other VALUES (9)") }
    XCTAssertEqual(try SQLiteSource.resultDigest(path: path, sql: "SELECT A, B FROM t ORDER BY A"), digest)
    XCTAssertNotEqual(try SQLiteSource.resultDigest(path: path, sql: "SELECT A AS C, B FROM t ORDER BY A"), digest)
    XCTAssertNotEqual(try SQLiteSource.resultDigest(path: path, sql: "SELECT CAST(A AS REAL) AS A, B FROM t ORDER BY A"), digest)
    XCTAssertNotEqual(try SQLiteSource.resultDigest(path: path, sql: "SELECT A, COALESCE(B, '') AS B FROM t ORDER BY A"), digest)
  }
}
