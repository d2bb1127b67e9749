import FolioStats

/// A GLM design matrix X (n × p) stored by structure, never as dense dummies.
///
/// Numeric columns (intercept, numeric terms, numeric interactions) form a
/// dense n × d block. Each categorical term is a `FactorBlock`: per row the
/// index of the one design column that is non-zero (or −1 for the reference
/// level) and, for numeric × categorical interactions, its value. A design
/// with C(sku) (500 levels) + C(store) (50) on 1M rows therefore costs
/// 1M × (d doubles + 2 codes), not 1M × 560 doubles.
///
/// All products IRLS needs (Xβ, XᵀWX, XᵀWz) are exact: the same numbers
/// as with dense dummies, up to summation order.
public struct GLMDesign: Sendable {
  /// A categorical (or numeric × categorical) term: at most one non-zero
  /// design column per row.
  public struct FactorBlock: Sendable {
    /// Design index of the block's first column.
    public var firstColumn: Int
    /// Number of design columns in the block.
    public var width: Int
    /// Per row, the column within the block (0..<width), or −1 for none.
    public var index: [Int32]
    /// Per row, the value in that column (`nil`: 1, a plain dummy).
    public var values: [Double]?
  }

  /// Column names in design order (patsy spelling: `C(sku)[T.B]`, `x1:x2`).
  public var columnNames: [String]
  /// Number of rows n.
  public var rowCount: Int
  /// The dense numeric columns, n × d.
  public var dense: Matrix
  /// Design index of each dense column.
  public var denseColumns: [Int]
  /// The categorical blocks.
  public var blocks: [FactorBlock]

  /// p, the number of design columns.
  public var columnCount: Int { columnNames.count }

  /// A design from its parts (`build(_:from:extraColumns:)` is the usual way).
  /// The structured products are exact, so they are used at every size; no
  /// switch to dense dummies exists or is needed.
  public init(columnNames: [String], rowCount: Int, dense: Matrix, denseColumns: [Int], blocks: [FactorBlock]) {
    self.columnNames = columnNames
    self.rowCount = rowCount
    self.dense = dense
    self.denseColumns = denseColumns
    self.blocks = blocks
  }

  /// Xβ (+ `offset` when given).
  ///
  /// - Complexity: O(n · (d + number of blocks)).
  public func linearPredictor(_ beta: [Double], offset: [Double]? = nil) -> [Double] {
    let db = denseColumns.map { beta[$0] }
    var eta = dense.multiplied(by: db)
    if let offset { for i in 0..<rowCount { eta[i] += offset[i] } }
    for b in blocks {
      let bb = Array(beta[b.firstColumn..<(b.firstColumn + b.width)])
      b.index.withUnsafeBufferPointer { idx in
        bb.withUnsafeBufferPointer { bp in
          eta.withUnsafeMutableBufferPointer { e in
            if let vals = b.values {
              vals.withUnsafeBufferPointer { v in
                for i in 0..<idx.count where idx[i] >= 0 { e[i] += bp[Int(idx[i])] * v[i] }
              }
            } else {
              for i in 0..<idx.count where idx[i] >= 0 { e[i] += bp[Int(idx[i])] }
            }
          }
        }
      }
    }
    return eta
  }

  /// Xᵀ diag(w) X, p × p symmetric. Weights may be negative (observed information).
  ///
  /// Dense × dense by one `dgemm`; dense × block, block × block by one
  /// scatter-add pass each; a block with itself is diagonal.
  /// - Complexity: O(n · (d² + d·B + B²)) for d dense columns and B blocks.
  public func weightedGram(_ w: [Double]) -> Matrix {
    let p = columnCount, n = rowCount, d = denseColumns.count
    var g = Matrix(rows: p, columns: p)
    // Dense block.
    var wx = dense
    wx.storage.withUnsafeMutableBufferPointer { s in
      w.withUnsafeBufferPointer { wp in
        for j in 0..<d { for i in 0..<n { s[i + j * n] *= wp[i] } }
      }
    }
    let dd = dense.transposeMultiplied(by: wx)
    for a in 0..<d { for b in 0..<d { g[denseColumns[a], denseColumns[b]] = dd[a, b] } }
    // Per-row effective weight of each block: w·value.
    let bw: [[Double]] = blocks.map { b in
      guard let v = b.values else { return w }
      return (0..<n).map { w[$0] * v[$0] }
    }
    for (k, b) in blocks.enumerated() {
      let wk = bw[k]
      // Dense × block.
      for a in 0..<d {
        var acc = [Double](repeating: 0, count: b.width)
        wx.storage.withUnsafeBufferPointer { s in
          b.index.withUnsafeBufferPointer { idx in
            acc.withUnsafeMutableBufferPointer { ap in
              if let v = b.values {
                for i in 0..<n where idx[i] >= 0 { ap[Int(idx[i])] += s[i + a * n] * v[i] }
              } else {
                for i in 0..<n where idx[i] >= 0 { ap[Int(idx[i])] += s[i + a * n] }
              }
            }
          }
        }
        for c in 0..<b.width {
          g[denseColumns[a], b.firstColumn + c] = acc[c]
          g[b.firstColumn + c, denseColumns[a]] = acc[c]
        }
      }
      // Block × itself: diagonal.
      var diag = [Double](repeating: 0, count: b.width)
      b.index.withUnsafeBufferPointer { idx in
        wk.withUnsafeBufferPointer { wp in
          if let v = b.values {
            for i in 0..<n where idx[i] >= 0 { diag[Int(idx[i])] += wp[i] * v[i] }
          } else {
            for i in 0..<n where idx[i] >= 0 { diag[Int(idx[i])] += wp[i] }
          }
        }
      }
      for c in 0..<b.width { g[b.firstColumn + c, b.firstColumn + c] = diag[c] }
      // Block × later blocks.
      for l in (k + 1)..<max(k + 1, blocks.count) {
        let o = blocks[l]
        let rowsP = p
        g.storage.withUnsafeMutableBufferPointer { gs in
          b.index.withUnsafeBufferPointer { ia in
            o.index.withUnsafeBufferPointer { ib in
              wk.withUnsafeBufferPointer { wp in
                for i in 0..<n where ia[i] >= 0 && ib[i] >= 0 {
                  let r = b.firstColumn + Int(ia[i]), c = o.firstColumn + Int(ib[i])
                  gs[r + c * rowsP] += wp[i] * (o.values?[i] ?? 1)
                }
              }
            }
          }
        }
        for r in b.firstColumn..<(b.firstColumn + b.width) {
          for c in o.firstColumn..<(o.firstColumn + o.width) { g[c, r] = g[r, c] }
        }
      }
    }
    return g
  }

  /// Xᵀ v for a length-n vector v (e.g. v = w ∘ z for IRLS).
  public func transposeTimes(_ v: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: columnCount)
    let dv = dense.transposeMultiplied(by: Matrix(rows: rowCount, columns: 1, columnMajor: v))
    for (a, j) in denseColumns.enumerated() { out[j] = dv[a, 0] }
    for b in blocks {
      var acc = [Double](repeating: 0, count: b.width)
      b.index.withUnsafeBufferPointer { idx in
        v.withUnsafeBufferPointer { vp in
          if let vals = b.values {
            for i in 0..<idx.count where idx[i] >= 0 { acc[Int(idx[i])] += vp[i] * vals[i] }
          } else {
            for i in 0..<idx.count where idx[i] >= 0 { acc[Int(idx[i])] += vp[i] }
          }
        }
      }
      for c in 0..<b.width { out[b.firstColumn + c] = acc[c] }
    }
    return out
  }

  /// Adds `scale · xᵢ` (row i of X) into `target` starting at `base`.
  @inlinable public func addRow(_ i: Int, scaledBy scale: Double, into target: inout [Double], at base: Int = 0) {
    for (a, j) in denseColumns.enumerated() { target[base + j] += scale * dense[i, a] }
    for b in blocks where b.index[i] >= 0 {
      target[base + b.firstColumn + Int(b.index[i])] += scale * (b.values?[i] ?? 1)
    }
  }

  /// The dense n × p matrix (tests and small designs only).
  public func denseMatrix() -> Matrix {
    var m = Matrix(rows: rowCount, columns: columnCount)
    for (a, j) in denseColumns.enumerated() { for i in 0..<rowCount { m[i, j] = dense[i, a] } }
    for b in blocks {
      for i in 0..<rowCount where b.index[i] >= 0 {
        m[i, b.firstColumn + Int(b.index[i])] = b.values?[i] ?? 1
      }
    }
    return m
  }
}
