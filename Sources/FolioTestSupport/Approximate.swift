import XCTest

/// Asserts |a − b| ≤ max(absolute, relative·max(|a|, |b|)), the tolerance
/// used against reference values (statsmodels, scipy, closed forms).
public func assertApproximatelyEqual(
  _ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 0,
  _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
  let tol = max(absolute, relative * max(abs(a), abs(b)))
  if a.isNaN && b.isNaN { return }
  XCTAssert(abs(a - b) <= tol, "\(a) vs \(b) (tol \(tol)) \(message())", file: file, line: line)
}

/// Element-wise `assertApproximatelyEqual` for equally long arrays.
public func assertApproximatelyEqual(
  _ a: [Double], _ b: [Double], relative: Double = 1e-9, absolute: Double = 0,
  _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(a.count, b.count, "length \(message())", file: file, line: line)
  for (i, (x, y)) in zip(a, b).enumerated() {
    assertApproximatelyEqual(x, y, relative: relative, absolute: absolute, "[\(i)] \(message())", file: file, line: line)
  }
}
