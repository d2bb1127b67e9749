/// Welford's running mean and (co)variance of the warm-up draws that feed a
/// metric estimate, as Stan's `welford_var_estimator` /
/// `welford_covar_estimator`.
struct CovarianceEstimator {
  let dimension: Int
  let dense: Bool
  private(set) var count = 0
  private var mean: [Double]
  private var m2: [Double]

  init(dimension: Int, dense: Bool) {
    self.dimension = dimension
    self.dense = dense
    mean = [Double](repeating: 0, count: dimension)
    m2 = [Double](repeating: 0, count: dense ? dimension * dimension : dimension)
  }

  mutating func restart() {
    count = 0
    for i in mean.indices { mean[i] = 0 }
    for i in m2.indices { m2[i] = 0 }
  }

  mutating func add(_ q: [Double]) {
    count += 1
    let d = dimension
    var delta = [Double](repeating: 0, count: d)
    for i in 0..<d {
      delta[i] = q[i] - mean[i]
      mean[i] += delta[i] / Double(count)
    }
    if dense {
      for i in 0..<d { for j in 0..<d { m2[i * d + j] += (q[i] - mean[i]) * delta[j] } }
    } else {
      for i in 0..<d { m2[i] += (q[i] - mean[i]) * delta[i] }
    }
  }

  /// The regularized estimate Stan uses as M⁻¹:
  /// (n/(n+5)) S + 10⁻³ (5/(n+5)) I, S the sample (co)variance.
  func regularizedMetric() -> EuclideanMetric? {
    let n = Double(count)
    guard count > 1 else { return nil }
    let d = dimension
    let w = n / (n + 5), shrink = 1e-3 * 5 / (n + 5)
    if dense {
      var c = m2.map { w * $0 / (n - 1) }
      for i in 0..<d { c[i * d + i] += shrink }
      return EuclideanMetric(dense: c, dimension: d)
    }
    return EuclideanMetric(diagonal: m2.map { w * $0 / (n - 1) + shrink })
  }
}
