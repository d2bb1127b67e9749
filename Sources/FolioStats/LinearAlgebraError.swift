/// Why a factorization could not be used. Carries the numbers a caller needs
/// to name the problem (which pivot failed, the rank found).
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Cholesky found a non-positive pivot: the matrix is not positive definite
  /// (rank deficient or indefinite). `pivot` is zero-based.
  case notPositiveDefinite(pivot: Int)
  /// A triangular factor has an exactly zero diagonal (singular matrix).
  case singular(index: Int)
  /// A LAPACK routine reported an illegal argument (a bug, not bad data).
  case lapack(routine: String, info: Int)
  /// A matrix or vector contained NaN or ±inf.
  case nonFinite

  public var description: String {
    switch self {
    case .notPositiveDefinite(let k): return "matrix is not positive definite (pivot \(k + 1))"
    case .singular(let k): return "matrix is singular (diagonal \(k + 1) is zero)"
    case .lapack(let r, let info): return "LAPACK \(r) failed with info \(info)"
    case .nonFinite: return "matrix contains NaN or infinite values"
    }
  }
}
