import Foundation
import _FolioLAPACK

/// The Cholesky factorization A = UᵀU of a symmetric positive definite
/// matrix, by LAPACK `dpotrf` (upper triangle).
///
/// Used for the normal equations XᵀWX β = XᵀWz of IRLS. The rank check is
/// twofold: `dpotrf` fails on a non-positive pivot, and `init` also rejects a
/// pivot whose square is below `relativeTolerance` times the matching
/// diagonal of A (a column that is numerically a combination of earlier ones).
public struct Cholesky: Sendable {
  /// The factor U, upper triangle of an n × n matrix (lower part is zero).
  public let factor: Matrix

  /// Factors `a` (symmetric; only the upper triangle is read).
  ///
  /// - Parameter relativeTolerance: a pivot uᵢᵢ² ≤ tol · aᵢᵢ counts as
  ///   rank deficient. The default 1e-10 flags columns whose part not
  ///   explained by earlier columns is below 1e-5 of their norm.
  /// - Throws: `.notPositiveDefinite(pivot:)` naming the first bad pivot,
  ///   `.nonFinite` for NaN/inf input.
  public init(_ a: Matrix, relativeTolerance: Double = 1e-10) throws(LinearAlgebraError) {
    precondition(a.rows == a.columns, "Cholesky needs a square matrix")
    let n = a.rows
    guard a.storage.allSatisfy({ $0.isFinite }) else { throw .nonFinite }
    var u = a
    let info = u.storage.withUnsafeMutableBufferPointer { p in
      LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), p.baseAddress, Int32(max(1, n)))
    }
    if info > 0 { throw .notPositiveDefinite(pivot: Int(info) - 1) }
    if info < 0 { throw .lapack(routine: "dpotrf", info: Int(info)) }
    for j in 0..<n {
      for i in (j + 1)..<max(n, j + 1) where i < n { u[i, j] = 0 }
      if u[j, j] * u[j, j] <= relativeTolerance * a[j, j] { throw .notPositiveDefinite(pivot: j) }
    }
    factor = u
  }

  /// Solves A x = b (`dpotrs`).
  public func solve(_ b: [Double]) -> [Double] {
    var x = b
    let n = factor.rows
    factor.storage.withUnsafeBufferPointer { u in
      x.withUnsafeMutableBufferPointer { xp in
        _ = LAPACKE_dpotrs(
          LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), 1, u.baseAddress, Int32(max(1, n)),
          xp.baseAddress, Int32(max(1, n)))
      }
    }
    return x
  }

  /// A⁻¹ from the factor (`dpotri`), full symmetric matrix.
  public func inverse() -> Matrix {
    var inv = factor
    let n = factor.rows
    inv.storage.withUnsafeMutableBufferPointer { p in
      _ = LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), p.baseAddress, Int32(max(1, n)))
    }
    inv.symmetrizeFromUpper()
    return inv
  }

  /// log det A = 2 Σ log uᵢᵢ.
  public var logDeterminant: Double {
    (0..<factor.rows).reduce(0) { $0 + 2 * log(factor[$1, $1]) }
  }
}

