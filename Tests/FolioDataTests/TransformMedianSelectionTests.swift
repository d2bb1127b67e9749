import FolioData
import XCTest

/// `median` of large groups selects the middle values instead of sorting
/// each group; the reference is the textbook definition computed here by a
/// full stable sort (the middle value, or the mean of the two middle values).
final class TransformMedianSelectionTests: XCTestCase {
  /// The median by sorting, the definition the selection must reproduce bit for bit.
  private func sortedMedian(_ x: [Double]) -> Double {
    let s = x.filter { !$0.isNaN }.sorted()
    let n = s.count
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
  }

  private func median(_ x: [Double]) throws -> Double {
    let frame = try Frame([("X", .number(x))])
    let out = try frame.aggregate(groupBy: [], [Aggregation("M", .median, "X")])
    guard case .number(let m)? = out["M"] else { throw XCTSkip("median is not a number column") }
    return m[0]
  }

  /// Sizes on both sides of the small-group cutoff, odd and even, in orders
  /// that defeat naive pivots (sorted, reversed, organ pipe, all equal, few distinct).
  func testMedianOfLargeGroupsEqualsTheSortedMiddleInEveryOrder() throws {
    var rng = SystemRandomNumberGenerator()
    for n in [63, 64, 65, 200, 1001, 4096, 50_000] {
      let random = (0..<n).map { _ in Double.random(in: -1000...1000, using: &rng) }
      let cases: [[Double]] = [
        random,
        random.sorted(),
        random.sorted(by: >),
        (0..<n).map { Double(min($0, n - $0)) },
        [Double](repeating: 2.5, count: n),
        (0..<n).map { Double($0 % 3) },
        (0..<n).map { $0 % 7 == 0 ? .nan : Double(($0 * 7919) % 101) },
      ]
      for (k, x) in cases.enumerated() {
        let got = try median(x), want = sortedMedian(x)
        XCTAssertEqual(got.bitPattern, want.bitPattern, "n \(n) case \(k): \(got) vs \(want)")
      }
    }
  }

  /// −0.0 and +0.0 compare equal; a stable sort keeps them in input order,
  /// so which one is the median depends on that order, and so must the selection's.
  func testSignedZerosTiedAtTheMiddleFollowInputOrderLikeAStableSort() throws {
    for n in [65, 66, 301, 302] {
      for shift in 0..<4 {
        let x: [Double] = (0..<n).map { i in
          let r = (i + shift) % 4
          return r == 0 ? -0.0 : r == 1 ? 0.0 : r == 2 ? Double(i % 5 + 1) : -Double(i % 5 + 1)
        }
        let got = try median(x), want = sortedMedian(x)
        XCTAssertEqual(got.bitPattern, want.bitPattern, "n \(n) shift \(shift): \(got) vs \(want)")
      }
    }
  }
}
