import FolioData
import FolioStats

/// Parameter covariance matrices, as statsmodels 0.15 computes them for GLM.
enum GLMCovariance {
  /// The covariance of `type` at the IRLS solution.
  ///
  /// - nonrobust: scale · (XᵀWX)⁻¹.
  /// - HC0–HC3: H⁻¹ M H⁻¹ with H = Xᵀ diag(oᵢ) X the observed information
  ///   (oᵢ = eᵢ(1 + (yᵢ − μᵢ)(V g″ + V′ g′)/(g′ V)), eᵢ = iwᵢnᵢ/(g′²V)) and
  ///   M = Σ uᵢ² xᵢxᵢᵀ / freqᵢ, uᵢ = iwᵢnᵢ(yᵢ − μᵢ)/(g′V) (scale cancels).
  /// - cluster: G/(G−1)·(N−1)/(N−k) · H⁻¹ (Σ_g S_g S_gᵀ) H⁻¹, S_g = Σ_{i∈g} uᵢxᵢ.
  static func matrix(
    _ type: CovarianceType, solution sol: IRLSFitter.Solution, design: GLMDesign, y: [Double],
    prior: [Double], freq: [Double], trials: [Double], family: any Family, scale: Double, data: Frame,
    rows: [Int]
  ) throws(GLMError) -> Matrix {
    let n = design.rowCount, p = design.columnCount
    if type == .nonrobust {
      var c = sol.normalizedCovariance
      for k in 0..<c.storage.count { c.storage[k] *= scale }
      return c
    }
    let link = family.link
    var u = [Double](repeating: 0, count: n), o = u
    for i in 0..<n {
      let m = sol.mu[i], v = family.variance(m), g1 = link.derivative(m)
      let iw = prior[i] * trials[i]
      u[i] = iw * (y[i] - m) / (g1 * v)
      let e = iw / (g1 * g1 * v)
      let tmp = (y[i] - m) * (v * link.secondDerivative(m) + family.varianceDerivative(m) * g1) / (g1 * v)
      o[i] = e * (1 + tmp)
    }
    let hinv: Matrix
    do { hinv = try inverseSymmetric(design.weightedGram(o)) } catch {
      throw .numerical("the observed information is singular; robust covariance is undefined")
    }
    var meat: Matrix
    var factor = 1.0
    switch type {
    case .cluster(let column):
      guard let col = data[column] else { throw .unknownColumn(column, offset: nil, available: data.columnNames) }
      // Group ids in order of first appearance (deterministic).
      var ids: [Int] = []
      ids.reserveCapacity(n)
      var seen: [String: Int] = [:]
      func id(_ key: String) -> Int {
        if let g = seen[key] { return g }
        seen[key] = seen.count
        return seen.count - 1
      }
      if case .string(let sc) = col {
        // By dictionary code: each level's text is looked up once, not once per row.
        var idOfCode = [Int](repeating: -1, count: sc.levels.count)
        for r in rows {
          let code = Int(sc.codes[r])
          if code < 0 { ids.append(id(col[r].text)); continue }
          if idOfCode[code] < 0 { idOfCode[code] = id(sc.levels[code]) }
          ids.append(idOfCode[code])
        }
      } else {
        for r in rows { ids.append(id(col[r].text)) }
      }
      let g = seen.count
      guard g > 1 else { throw .numerical("cluster covariance needs at least two clusters in '\(column)'") }
      guard Double(g) * Double(p) <= 2e8 else {
        throw .numerical("cluster covariance with \(g) clusters × \(p) parameters is too large")
      }
      var sums = [Double](repeating: 0, count: g * p)
      for i in 0..<n { design.addRow(i, scaledBy: u[i], into: &sums, at: ids[i] * p) }
      let s = Matrix(rows: p, columns: g, columnMajor: sums)
      meat = s.multiplied(by: s.transposed)
      factor = Double(g) / Double(g - 1) * Double(n - 1) / Double(n - p)
    default:
      let w2 = (0..<n).map { u[$0] * u[$0] / freq[$0] }
      meat = design.weightedGram(w2)
    }
    var c = hinv.multiplied(by: meat).multiplied(by: hinv)
    for k in 0..<c.storage.count { c.storage[k] *= factor }
    return c
  }

  /// The inverse of a symmetric matrix by Cholesky, falling back to the
  /// pivoted-QR inverse when the matrix is not positive definite (the observed
  /// information can be indefinite away from canonical links).
  static func inverseSymmetric(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
    if let c = try? Cholesky(a, relativeTolerance: 0) { return c.inverse() }
    let qr = try PivotedQR(a, relativeTolerance: 1e-13)
    // A⁻¹ = (AᵀA)⁻¹ Aᵀ for square full-rank A.
    return try qr.inverseGram().multiplied(by: a.transposed)
  }
}
