import _FolioLAPACK

/// Matrix products through BLAS (`cblas_dgemm`, `cblas_dsyrk`, `cblas_dgemv`):
/// never hand-written loops, so large products use OpenBLAS's kernels.
extension Matrix {
  /// The product `self · other`; column counts must match (precondition).
  ///
  /// - Complexity: O(rows · columns · other.columns).
  public func multiplied(by other: Matrix) -> Matrix {
    precondition(columns == other.rows, "Matrix product dimension mismatch")
    var out = Matrix(rows: rows, columns: other.columns)
    if rows == 0 || other.columns == 0 || columns == 0 { return out }
    storage.withUnsafeBufferPointer { a in
      other.storage.withUnsafeBufferPointer { b in
        out.storage.withUnsafeMutableBufferPointer { c in
          cblas_dgemm(
            CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(other.columns), Int32(columns),
            1, a.baseAddress, Int32(max(1, rows)), b.baseAddress, Int32(max(1, other.rows)), 0,
            c.baseAddress, Int32(max(1, rows)))
        }
      }
    }
    return out
  }

  /// The Gram matrix `selfᵀ · self` (columns × columns, symmetric), via `dsyrk`.
  ///
  /// - Complexity: O(rows · columns²).
  public func gram() -> Matrix {
    var out = Matrix(rows: columns, columns: columns)
    if rows == 0 || columns == 0 { return out }
    storage.withUnsafeBufferPointer { a in
      out.storage.withUnsafeMutableBufferPointer { c in
        cblas_dsyrk(
          CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), 1, a.baseAddress,
          Int32(rows), 0, c.baseAddress, Int32(columns))
      }
    }
    out.symmetrizeFromUpper()
    return out
  }

  /// The matrix–vector product `self · x` via `dgemv`.
  public func multiplied(by x: [Double]) -> [Double] {
    precondition(x.count == columns, "Matrix–vector dimension mismatch")
    return gemv(CblasNoTrans, x, resultCount: rows)
  }

  /// The product `selfᵀ · x` via `dgemv`.
  public func transposeMultiplied(by x: [Double]) -> [Double] {
    precondition(x.count == rows, "Matrix–vector dimension mismatch")
    return gemv(CblasTrans, x, resultCount: columns)
  }

  /// `op(self) · x` with `op` the identity or the transpose; `x`'s length already checked.
  private func gemv(_ op: CBLAS_TRANSPOSE, _ x: [Double], resultCount: Int) -> [Double] {
    var y = [Double](repeating: 0, count: resultCount)
    if rows == 0 || columns == 0 { return y }
    storage.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { xp in
        y.withUnsafeMutableBufferPointer { yp in
          cblas_dgemv(
            CblasColMajor, op, Int32(rows), Int32(columns), 1, a.baseAddress, Int32(rows),
            xp.baseAddress, 1, 0, yp.baseAddress, 1)
        }
      }
    }
    return y
  }
}

extension Matrix {
  /// The product `selfᵀ · other` via `dgemm` (rows must match).
  ///
  /// - Complexity: O(rows · columns · other.columns).
  public func transposeMultiplied(by other: Matrix) -> Matrix {
    precondition(rows == other.rows, "Matrix product dimension mismatch")
    var out = Matrix(rows: columns, columns: other.columns)
    if rows == 0 || columns == 0 || other.columns == 0 { return out }
    storage.withUnsafeBufferPointer { a in
      other.storage.withUnsafeBufferPointer { b in
        out.storage.withUnsafeMutableBufferPointer { c in
          cblas_dgemm(
            CblasColMajor, CblasTrans, CblasNoTrans, Int32(columns), Int32(other.columns), Int32(rows),
            1, a.baseAddress, Int32(rows), b.baseAddress, Int32(rows), 0, c.baseAddress, Int32(max(1, columns)))
        }
      }
    }
    return out
  }
}
