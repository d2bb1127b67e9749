import FolioStats
import FolioTestSupport
import Foundation
import XCTest

/// Stopping OpenBLAS's worker pool: one thread left, and BLAS still works.
final class BLASThreadsTests: XCTestCase {
  func threads() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count }

  func testStoppingThePoolEndsItsWorkersAndLAPACKStillSolves() throws {
    // In the one test process, an earlier test (or folio code under test) may
    // have stopped the pool already; only a running pool has workers to end.
    let pool = BLASThreads.count
    let before = try threads()
    BLASThreads.useOneThreadAndStopPool()
    XCTAssertEqual(BLASThreads.count, 1)
    // A running pool of n threads is the caller plus n − 1 workers.
    // Workers may take a moment to exit after the shutdown returns: wait up to 2 s.
    if pool > 1 {
      var after = try threads()
      for _ in 0..<40 where after > before - (pool - 1) {
        usleep(50_000)
        after = try threads()
      }
      XCTAssertEqual(after, before - (pool - 1))
    }
    let c = try Cholesky(Matrix(rowMajor: [[4, 2, 0], [2, 5, 1], [0, 1, 3]]))
    let x = c.solve([2, 7, 7])
    for (got, want) in zip(x, [0.0, 1, 2]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
  }
}
