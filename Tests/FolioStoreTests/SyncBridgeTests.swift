import Foundation
import XCTest

@testable import FolioStore

final class SyncBridgeTests: XCTestCase {
  func testResultAndErrorCrossTheBridge() throws {
    XCTAssertEqual(try SyncBridge.run(timeout: 5, what: "adding") { 40 + 2 }, 42)
    XCTAssertThrowsError(try SyncBridge.run(timeout: 5, what: "failing") { () async throws -> Int in
      throw DatabaseAccessError(.sql, "SQL error: boom")
    }) { XCTAssertEqual($0 as? DatabaseAccessError, DatabaseAccessError(.sql, "SQL error: boom")) }
  }

  func testWorkThatOutlivesTheTimeoutIsCancelledAndReported() {
    let start = Date()
    XCTAssertThrowsError(try SyncBridge.run(timeout: 0.2, what: "the query on postgres://a@h:1/db") { () async throws -> Int in
      try await Task.sleep(nanoseconds: 30_000_000_000)
      return 1
    }) {
      XCTAssertEqual(
        $0 as? DatabaseAccessError, DatabaseAccessError(.timeout, "the query on postgres://a@h:1/db did not finish within 0.2 seconds"))
    }
    XCTAssertLessThan(Date().timeIntervalSince(start), 5)
  }
}
