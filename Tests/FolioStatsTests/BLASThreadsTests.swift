import FolioStats
import FolioTestSupport
import Foundation
import XCTest

/// Stopping OpenBLAS's worker pool: one thread left, and BLAS still works.
final class BLASThreadsTests: XCTestCase {
  func threads() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count }

  func testStoppingThePoolEndsItsWorkersAndLAPACKStillSolves() throws {
    let before = try threads()
    BLASThreads.useOneThreadAndStopPool()
    XCTAssertEqual(BLASThreads.count, 1)
    // OpenBLAS starts (cores − 1) workers when it loads, unless told otherwise.
    if ProcessInfo.processInfo.activeProcessorCount > 1, getenv("OPENBLAS_NUM_THREADS") == nil {
      XCTAssertEqual(try threads(), before - (ProcessInfo.processInfo.activeProcessorCount - 1))
    }
    let c = try Cholesky(Matrix(rowMajor: [[4, 2, 0], [2, 5, 1], [0, 1, 3]]))
    let x = c.solve([2, 7, 7])
    for (got, want) in zip(x, [0.0, 1, 2]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
  }
}
