import _FolioLAPACK

/// The QR factorization with column pivoting A P = Q R of an m × n matrix,
/// by LAPACK `dgeqp3`, with numerical rank detection.
///
/// Pivoting moves the column with the largest remaining norm forward at each
/// step, so |R₁₁| ≥ |R₂₂| ≥ …; the rank is the number of diagonal entries
/// with |Rₖₖ| > tolerance · |R₁₁|. Columns pivoted past the rank are
/// (numerically) linear combinations of the others: `aliasedColumns`.
public struct PivotedQR: Sendable {
  /// Rows and columns of A.
  public let rows: Int, columns: Int
  /// `dgeqp3` output: R on and above the diagonal, Householder vectors below.
  public let packed: Matrix
  /// Householder scalars τ.
  public let tau: [Double]
  /// Zero-based column permutation: column k of A P is column `pivots[k]` of A.
  public let pivots: [Int]
  /// Numerical rank.
  public let rank: Int

  /// Factors `a`.
  ///
  /// - Parameter relativeTolerance: |Rₖₖ| ≤ tol · |R₁₁| ends the rank. The
  ///   default, 1e-10, is far above rounding (≈ 1e-16 · √n) and far below any
  ///   real signal in data of a sensible scale.
  /// - Throws: `.nonFinite` for NaN/inf input.
  public init(_ a: Matrix, relativeTolerance: Double = 1e-10) throws(LinearAlgebraError) {
    guard a.storage.allSatisfy({ $0.isFinite }) else { throw .nonFinite }
    rows = a.rows
    columns = a.columns
    var work = a
    var jpvt = [Int32](repeating: 0, count: a.columns)
    var t = [Double](repeating: 0, count: min(a.rows, a.columns))
    let info = work.storage.withUnsafeMutableBufferPointer { p in
      LAPACKE_dgeqp3(
        LAPACK_COL_MAJOR, Int32(a.rows), Int32(a.columns), p.baseAddress, Int32(max(1, a.rows)), &jpvt, &t)
    }
    if info != 0 { throw .lapack(routine: "dgeqp3", info: Int(info)) }
    packed = work
    tau = t
    pivots = jpvt.map { Int($0) - 1 }
    let k = min(a.rows, a.columns)
    let r11 = k > 0 ? abs(work[0, 0]) : 0
    var r = 0
    while r < k, abs(work[r, r]) > relativeTolerance * r11, r11 > 0 { r += 1 }
    rank = r
  }

  /// Zero-based indices of the columns of A pivoted past the rank, sorted.
  public var aliasedColumns: [Int] { pivots[rank...].sorted() }

  /// Whether A has full column rank.
  public var isFullColumnRank: Bool { rank == columns }

  /// The n × n upper-triangular R (in pivoted column order).
  public var r: Matrix {
    var m = Matrix(rows: columns, columns: columns)
    for j in 0..<columns { for i in 0...min(j, rows - 1) where i < columns { m[i, j] = packed[i, j] } }
    return m
  }

  /// The least-squares solution of A x ≈ b for full-column-rank A
  /// (Qᵀb by `dormqr`, then R x = Qᵀb by `dtrtrs`, then un-pivot).
  ///
  /// - Throws: `.singular` when A is rank deficient.
  public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    precondition(b.count == rows, "PivotedQR.solve: b has the wrong length")
    guard isFullColumnRank, rows >= columns else { throw .singular(index: rank) }
    var qtb = b
    var a = packed
    var tt = tau
    let info1 = a.storage.withUnsafeMutableBufferPointer { ap in
      LAPACKE_dormqr(
        LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "T")), Int32(rows), 1, Int32(columns),
        ap.baseAddress, Int32(max(1, rows)), &tt, &qtb, Int32(max(1, rows)))
    }
    if info1 != 0 { throw .lapack(routine: "dormqr", info: Int(info1)) }
    let info2 = a.storage.withUnsafeMutableBufferPointer { ap in
      LAPACKE_dtrtrs(
        LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "N")),
        Int32(columns), 1, ap.baseAddress, Int32(max(1, rows)), &qtb, Int32(max(1, rows)))
    }
    if info2 > 0 { throw .singular(index: Int(info2) - 1) }
    var x = [Double](repeating: 0, count: columns)
    for k in 0..<columns { x[pivots[k]] = qtb[k] }
    return x
  }

  /// (AᵀA)⁻¹ = P R⁻¹ R⁻ᵀ Pᵀ for full-column-rank A (`dtrtri` then `dgemm`).
  public func inverseGram() throws(LinearAlgebraError) -> Matrix {
    guard isFullColumnRank else { throw .singular(index: rank) }
    var rinv = r
    let n = columns
    let info = rinv.storage.withUnsafeMutableBufferPointer { p in
      LAPACKE_dtrtri(
        LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int32(n), p.baseAddress,
        Int32(max(1, n)))
    }
    if info > 0 { throw .singular(index: Int(info) - 1) }
    let inner = rinv.multiplied(by: rinv.transposed)
    var out = Matrix(rows: n, columns: n)
    for j in 0..<n { for i in 0..<n { out[pivots[i], pivots[j]] = inner[i, j] } }
    return out
  }
}
