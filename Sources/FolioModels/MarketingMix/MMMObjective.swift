import Foundation
import FolioStats

/// The search loss 1 − R² + penalty·Σ min(v_c, 0)² for one candidate, with
/// everything that does not depend on the candidate precomputed (weighted
/// standardized controls, their Gram block, centered revenue) and all buffers
/// reused, so one evaluation costs O(n·m·(m + q)) flops and no allocation.
/// Not thread-safe: one instance per thread. Internal.
final class MMMObjective {
  let n: Int, m: Int, q: Int, p: Int
  let kind: AdstockKind
  let alpha: Double
  let penalty: Double
  let maxSpend: [Double]
  let spend: [Double]  // m·n, channel-major
  let weights: [Double]
  let totalWeight: Double
  let wyc: [Double]  // w·(y − ȳ)
  let wzc: [Double]  // q·n: w·standardized control
  let sst: Double
  var gram: [Double]  // p×p of standardized features, controls block fixed
  var rhs: [Double]
  var system: [Double]
  var solution: [Double]
  var media: [Double]  // m·n transformed, then standardized in place

  init(_ input: MMMInput, adstock: AdstockKind, ridgeAlpha: Double, weights: [Double]?, penalty: Double) throws(MMMError) {
    n = input.weekCount
    m = input.channelCount
    q = input.controls.count
    p = m + q
    kind = adstock
    alpha = ridgeAlpha
    self.penalty = penalty
    maxSpend = input.maxWeeklySpend
    spend = input.spend.flatMap { $0 }
    let w = weights ?? [Double](repeating: 1, count: n)
    guard w.count == n else { throw .lengthMismatch(what: "week weights", expected: n, got: w.count) }
    guard w.allSatisfy({ $0 >= 0 && $0.isFinite }), w.reduce(0, +) > 0 else {
      throw .invalidParameter("week weights must be ≥ 0 with a positive total")
    }
    self.weights = w
    totalWeight = w.reduce(0, +)
    let y = input.revenue
    var ybar = 0.0
    for t in 0..<n { ybar += w[t] * y[t] }
    ybar /= totalWeight
    let n = self.n, m = self.m, p = self.p, q = self.q
    let wyc = (0..<n).map { w[$0] * (y[$0] - ybar) }
    self.wyc = wyc
    sst = (0..<n).reduce(0) { $0 + w[$1] * (y[$1] - ybar) * (y[$1] - ybar) }
    var z = [Double](repeating: 0, count: q * n)
    for k in 0..<q {
      let c = input.controls[k]
      var mean = 0.0
      for t in 0..<n { mean += w[t] * c[t] }
      mean /= totalWeight
      var v = 0.0
      for t in 0..<n { v += w[t] * (c[t] - mean) * (c[t] - mean) }
      v /= totalWeight
      let s = v > 0 ? v.squareRoot() : 1
      for t in 0..<n { z[k * n + t] = (c[t] - mean) / s }
    }
    var gram = [Double](repeating: 0, count: p * p)
    var rhs = [Double](repeating: 0, count: p)
    for j in 0..<q {
      var b = 0.0
      for t in 0..<n { b += wyc[t] * z[j * n + t] }
      rhs[m + j] = b
      for k in j..<q {
        var g = 0.0
        for t in 0..<n { g += w[t] * z[j * n + t] * z[k * n + t] }
        gram[(m + j) * p + m + k] = g
        gram[(m + k) * p + m + j] = g
      }
    }
    self.gram = gram
    self.rhs = rhs
    wzc = (0..<(q * n)).map { w[$0 % n] * z[$0] }
    system = [Double](repeating: 0, count: p * p)
    solution = [Double](repeating: 0, count: p)
    media = [Double](repeating: 0, count: m * n)
  }

  /// The loss at search vector `v` (NaN/singular → +∞).
  func loss(_ v: [Double]) -> Double {
    let params = MMMSearch.decode(v, adstock: kind, maxSpend: maxSpend)
    return loss(parameters: params)
  }

  func loss(parameters params: [ChannelParameters]) -> Double {
    guard sst > 0 else { return .infinity }
    transformMedia(params)
    standardizeMediaAndFillGram()
    for i in 0..<(p * p) { system[i] = gram[i] }
    for j in 0..<p { system[j * p + j] += alpha }
    for j in 0..<p { solution[j] = rhs[j] }
    guard SmallCholesky.solveInPlace(&system, &solution, p) else { return .infinity }
    // SSE = SST − 2 vᵀb + vᵀGv on centered, standardized data.
    var vb = 0.0, vgv = 0.0
    for j in 0..<p {
      vb += solution[j] * rhs[j]
      var gv = 0.0
      for k in 0..<p { gv += gram[j * p + k] * solution[k] }
      vgv += solution[j] * gv
    }
    let sse = sst - 2 * vb + vgv
    var pen = 0.0
    for c in 0..<m where solution[c] < 0 { pen += solution[c] * solution[c] }
    let loss = sse / sst + penalty * pen
    return loss.isFinite ? loss : .infinity
  }

  private func transformMedia(_ params: [ChannelParameters]) {
    spend.withUnsafeBufferPointer { sp in
      media.withUnsafeMutableBufferPointer { out in
        for c in 0..<m {
          let x = UnsafeBufferPointer(rebasing: sp[(c * n)..<((c + 1) * n)])
          let o = UnsafeMutableBufferPointer(rebasing: out[(c * n)..<((c + 1) * n)])
          let pc = params[c]
          switch kind {
          case .geometric:
            MMMTransform.geometricHill(x, into: o, theta: pc.theta, alpha: pc.alpha, gamma: pc.gamma)
          case .weibull, .weibullPDF:
            let f = MMMTransform.transformed(Array(x), kind: kind, pc)
            for t in 0..<n { o[t] = f[t] }
          }
        }
      }
    }
  }

  private func standardizeMediaAndFillGram() {
    let n = self.n, m = self.m, q = self.q, p = self.p, W = totalWeight
    weights.withUnsafeBufferPointer { w in
      media.withUnsafeMutableBufferPointer { z in
        for c in 0..<m {
          var mean = 0.0
          for t in 0..<n { mean += w[t] * z[c * n + t] }
          mean /= W
          var v = 0.0
          for t in 0..<n {
            let d = z[c * n + t] - mean
            z[c * n + t] = d
            v += w[t] * d * d
          }
          v /= W
          let inv = v > 0 ? 1 / v.squareRoot() : 1
          for t in 0..<n { z[c * n + t] *= inv }
        }
        wyc.withUnsafeBufferPointer { wy in
          wzc.withUnsafeBufferPointer { wz in
            gram.withUnsafeMutableBufferPointer { g in
              rhs.withUnsafeMutableBufferPointer { b in
                for c in 0..<m {
                  var s = 0.0
                  for t in 0..<n { s += wy[t] * z[c * n + t] }
                  b[c] = s
                  for d in c..<m {
                    var gg = 0.0
                    for t in 0..<n { gg += w[t] * z[c * n + t] * z[d * n + t] }
                    g[c * p + d] = gg
                    g[d * p + c] = gg
                  }
                  for k in 0..<q {
                    var gg = 0.0
                    for t in 0..<n { gg += wz[k * n + t] * z[c * n + t] }
                    g[c * p + m + k] = gg
                    g[(m + k) * p + c] = gg
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
