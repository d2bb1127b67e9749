import FolioData
import Foundation
import XCTest

@testable import FolioStore

final class RunRecordTests: XCTestCase {
  func testRunIDIsSHA256OfHashParamsSeedAndVersionOnSeparateLines() {
    let run = RunRecord(
      notebookPath: "nb.md", notebookSHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      paramsJSON: "{\"region\": \"North\"}", seed: UInt64.max, folioVersion: "0.9.0")
    // python3 -c 'import hashlib; print(hashlib.sha256(b"e3b0…b855\n{\"region\": \"North\"}\n18446744073709551615\n0.9.0").hexdigest())'
    XCTAssertEqual(run.runID, "0581f69f1ce3c44bb1d1bf5d80144e163ed829bc551b703a301eea60dfb8656a")
    XCTAssertEqual(run.storedSeed, -1, "UInt64.max keeps its bit pattern as a signed 64-bit integer")
  }

  func testResultsTargetParsesSQLiteAndPostgresAndRejectsOthers() throws {
    XCTAssertEqual(try ResultStoreTarget(parsing: "sqlite:out/r.sqlite"), .sqlite(path: "out/r.sqlite"))
    let pg = try ResultStoreTarget(parsing: "postgres://ana:secret@127.0.0.1:54329/marketing")
    XCTAssertEqual(pg.description, "postgres://ana@127.0.0.1:54329/marketing", "the password is never shown")
    XCTAssertThrowsError(try ResultStoreTarget(parsing: "mysql://ana:secret@h/db")) {
      XCTAssertEqual(
        ($0 as? DatabaseAccessError)?.message,
        "expected 'sqlite:PATH' or 'postgres://user@host:port/database', found 'mysql://ana@h/db'")
    }
  }

  func testPostgresAddressDefaultsAndErrors() throws {
    let a = try PostgresAddress("postgresql://ana@db.internal/marketing?sslmode=disable", environment: ["PGPASSWORD": "pw"])
    XCTAssertEqual(a.port, 5432)
    XCTAssertEqual(a.password, "pw")
    XCTAssertEqual(a.redacted, "postgres://ana@db.internal:5432/marketing")
    XCTAssertThrowsError(try PostgresAddress("postgres://ana@localhost:5432/")) {
      XCTAssertEqual(
        ($0 as? DatabaseAccessError)?.message,
        "PostgreSQL address 'postgres://ana@localhost:5432/' names no database; expected 'postgres://user@host:port/database'")
    }
    XCTAssertThrowsError(try PostgresAddress("postgres://ana@localhost/db?sslmode=sometimes")) {
      XCTAssertEqual(
        ($0 as? DatabaseAccessError)?.message,
        "sslmode 'sometimes' is not supported; expected one of disable, prefer, require, verify-ca, verify-full")
    }
  }

  func testParamsHoldingAConnectionStringAreStoredRedacted() throws {
    let run = RunRecord(
      notebookPath: "nb.md", notebookSHA256: "ab", paramsJSON: #"{"db":"postgres://ana:S3cretPW@h/m","n":1}"#, seed: 1,
      folioVersion: "v")
    XCTAssertEqual(run.paramsJSON, #"{"db":"postgres://ana@h/m","n":1}"#)
    let same = RunRecord(
      notebookPath: "nb.md", notebookSHA256: "ab", paramsJSON: #"{"db":"postgres://ana@h/m","n":1}"#, seed: 1, folioVersion: "v")
    XCTAssertEqual(run.runID, same.runID, "the run id never depends on a password")
    let path = NSTemporaryDirectory() + "folio-runs-\(UUID().uuidString.prefix(8)).sqlite"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try SQLiteResultStore.write([], run: run, to: path)
    let stored = try SQLiteSource.query(path: path, sql: "SELECT params_json FROM folio_runs")
    XCTAssertEqual(stored["params_json"]?[0], .string(#"{"db":"postgres://ana@h/m","n":1}"#))
  }
}
