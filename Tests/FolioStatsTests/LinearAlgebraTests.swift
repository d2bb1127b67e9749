import FolioStats
import FolioTestSupport
import XCTest

final class LinearAlgebraTests: XCTestCase {
  // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]]: hand-checked Cholesky and inverse.
  let spd = Matrix(rowMajor: [[4, 2, 0], [2, 5, 1], [0, 1, 3]])

  func testCholeskySolveReproducesRightHandSide() throws {
    let c = try Cholesky(spd)
    // U = [[2, 1, 0], [0, 2, 0.5], [0, 0, sqrt(2.75)]]
    assertApproximatelyEqual(c.factor[0, 0], 2, relative: 1e-15)
    assertApproximatelyEqual(c.factor[1, 2], 0.5, relative: 1e-15)
    assertApproximatelyEqual(c.factor[2, 2], 2.75.squareRoot(), relative: 1e-15)
    let x = c.solve([2, 7, 7])  // exact solution (0, 1, 2)
    assertApproximatelyEqual(x, [0, 1, 2], relative: 1e-14, absolute: 1e-14)
    // det A = 4·5·3 − 4·1 − 2·2·3 = 44
    assertApproximatelyEqual(c.logDeterminant, log(44.0), relative: 1e-14)
  }

  func testCholeskyInverseTimesMatrixIsIdentity() throws {
    let inv = try Cholesky(spd).inverse()
    let id = inv.multiplied(by: spd)
    for i in 0..<3 { for j in 0..<3 { assertApproximatelyEqual(id[i, j], i == j ? 1 : 0, absolute: 1e-14) } }
  }

  func testCholeskyRejectsSingularMatrixNamingThePivot() {
    // Third column = first + second.
    let s = Matrix(rowMajor: [[1, 0, 1], [0, 1, 1], [1, 1, 2]])
    XCTAssertThrowsError(try Cholesky(s)) { e in
      XCTAssertEqual(e as? LinearAlgebraError, .notPositiveDefinite(pivot: 2))
    }
  }

  func testPivotedQRLeastSquaresMatchesNormalEquations() throws {
    // y = 1 + 2x exactly at x = 0…4, plus a column x².
    let x: [Double] = [0, 1, 2, 3, 4]
    let a = Matrix(columns: [[1, 1, 1, 1, 1], x, x.map { $0 * $0 }])
    let y = x.map { 1 + 2 * $0 + 0.5 * $0 * $0 }
    let qr = try PivotedQR(a)
    XCTAssertEqual(qr.rank, 3)
    assertApproximatelyEqual(try qr.solve(y), [1, 2, 0.5], relative: 1e-13)
    let inv = try qr.inverseGram()
    let ref = try Cholesky(a.gram()).inverse()
    assertApproximatelyEqual(inv.storage, ref.storage, relative: 1e-10)
  }

  func testPivotedQRNamesTheAliasedColumn() throws {
    // Column 3 = 2·column 1 − column 0.
    let a = Matrix(columns: [[1, 1, 1, 1], [0, 1, 2, 3], [5, 1, 4, 2], [-1, 1, 3, 5]])
    let qr = try PivotedQR(a)
    XCTAssertEqual(qr.rank, 3)
    XCTAssertEqual(qr.aliasedColumns.count, 1)
  }

  func testGramAndProductsUseBLASCorrectly() {
    let a = Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
    XCTAssertEqual(a.gram(), Matrix(rowMajor: [[35, 44], [44, 56]]))
    XCTAssertEqual(a.multiplied(by: [1, -1]), [-1, -1, -1])
    XCTAssertEqual(a.transposeMultiplied(by: [1, 0, 1]), [6, 8])
    XCTAssertEqual(a.transposed.multiplied(by: a), a.gram())
  }
}
