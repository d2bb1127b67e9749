import XCTest

@testable import FolioRender

/// LTTB against a worked example and the properties the algorithm promises.
final class LargestTriangleThreeBucketsTests: XCTestCase {
  /// Worked by hand from Steinarsson's definition (triangle area ×2):
  /// 7 points, threshold 4 → 2 buckets of 2.5 points over the inner 5.
  /// Bucket 1 = {1, 2}, next-bucket mean of {3, 4, 5} = (4, 2), previous
  /// kept = (0, 0): |(0−4)(1−0) − (0−1)(2−0)| = 2 for (1, 1) and
  /// |(0−4)(0−0) − (0−2)(2−0)| = 4 for (2, 0) → keep 2.
  /// Bucket 2 = {3, 4, 5}, next = last point (6, 0), previous = (2, 0):
  /// 20 for (3, 5), 0 for (4, 0), 4 for (5, 1) → keep 3.
  func testSmallExampleKeepsTheHandWorkedPoints() {
    let x: [Double] = [0, 1, 2, 3, 4, 5, 6]
    let y: [Double] = [0, 1, 0, 5, 0, 1, 0]
    XCTAssertEqual(LargestTriangleThreeBuckets.indices(x: x, y: y, threshold: 4), [0, 2, 3, 6])
  }

  func testOutputHasThresholdPointsInXOrderWithFirstAndLast() {
    let n = 10_000
    let x = (0..<n).map(Double.init)
    let y = x.map { sin($0 / 37) + 0.3 * sin($0 / 3.1) }
    for threshold in [3, 10, 500, 1_440, 9_999] {
      let kept = LargestTriangleThreeBuckets.indices(x: x, y: y, threshold: threshold)
      XCTAssertEqual(kept.count, threshold)
      XCTAssertEqual(kept.first, 0)
      XCTAssertEqual(kept.last, n - 1)
      XCTAssertTrue(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 }, "strictly increasing indices")
    }
  }

  func testASpikeAndADipSurviveHeavyDownsampling() {
    let n = 100_000
    let x = (0..<n).map(Double.init)
    var y = x.map { 0.5 * sin($0 / 11) }
    y[31_337] = 100
    y[77_777] = -80
    let kept = Set(LargestTriangleThreeBuckets.indices(x: x, y: y, threshold: 200))
    XCTAssertTrue(kept.contains(31_337), "the maximum is kept")
    XCTAssertTrue(kept.contains(77_777), "the minimum is kept")
  }

  func testUnderThresholdEveryPointIsKept() {
    let x: [Double] = [1, 2, 3, 4]
    XCTAssertEqual(LargestTriangleThreeBuckets.indices(x: x, y: x, threshold: 4), [0, 1, 2, 3])
    XCTAssertEqual(LargestTriangleThreeBuckets.indices(x: x, y: x, threshold: 10), [0, 1, 2, 3])
    XCTAssertEqual(LargestTriangleThreeBuckets.indices(x: x, y: x, threshold: 2), [0, 1, 2, 3])
  }

  /// Rescaling an axis scales every triangle by the same factor, so the
  /// choice is the same in data units and in pixels.
  func testChoiceIsInvariantUnderLinearRescaling() {
    let n = 5_000
    let x = (0..<n).map { Double($0) }
    let y = x.map { cos($0 / 17) * exp(-$0 / 3_000) }
    let a = LargestTriangleThreeBuckets.indices(x: x, y: y, threshold: 300)
    let b = LargestTriangleThreeBuckets.indices(
      x: x.map { 3 + 0.128 * $0 }, y: y.map { 400 - 250 * $0 }, threshold: 300)
    XCTAssertEqual(a, b)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
