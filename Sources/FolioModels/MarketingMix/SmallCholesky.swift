/// An allocation-free Cholesky solve for the small (p ≲ 50) symmetric
/// positive definite systems of the ridge hot path, where a LAPACK call's
/// overhead would dominate. Internal.
enum SmallCholesky {
  /// Solves A x = b in place: `a` (p × p, row-major, symmetric) is
  /// overwritten by its lower Cholesky factor, `b` by x. Returns false when a
  /// pivot is not positive (A not positive definite, or NaN).
  @inline(__always)
  static func solveInPlace(_ a: inout [Double], _ b: inout [Double], _ p: Int) -> Bool {
    a.withUnsafeMutableBufferPointer { A in
      b.withUnsafeMutableBufferPointer { B in solve(A, B, p) }
    }
  }

  static func solve(_ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>, _ p: Int) -> Bool {
    for j in 0..<p {
      var d = a[j * p + j]
      for k in 0..<j { d -= a[j * p + k] * a[j * p + k] }
      guard d > 0, d.isFinite else { return false }
      let l = d.squareRoot()
      a[j * p + j] = l
      for i in (j + 1)..<max(p, j + 1) {
        var s = a[i * p + j]
        for k in 0..<j { s -= a[i * p + k] * a[j * p + k] }
        a[i * p + j] = s / l
      }
    }
    for i in 0..<p {  // L y = b
      var s = b[i]
      for k in 0..<i { s -= a[i * p + k] * b[k] }
      b[i] = s / a[i * p + i]
    }
    for i in stride(from: p - 1, through: 0, by: -1) {  // Lᵀ x = y
      var s = b[i]
      for k in (i + 1)..<max(p, i + 1) { s -= a[k * p + i] * b[k] }
      b[i] = s / a[i * p + i]
    }
    return true
  }
}
