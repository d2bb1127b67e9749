import FolioStats

/// Ridge regression on standardized features with an unpenalized intercept —
/// scikit-learn's `Ridge(alpha)` fitted on `StandardScaler()` output.
///
/// Each feature column j is standardized zⱼ = (xⱼ − x̄ⱼ)/sⱼ with the
/// population standard deviation sⱼ (divisor n, as `StandardScaler`; a
/// constant column gets sⱼ = 1, so it is all zeros and its coefficient 0).
/// Then v minimizes ‖y − ȳ − Zv‖² + α‖v‖², i.e. (ZᵀZ + αI)v = Zᵀ(y − ȳ),
/// solved by Cholesky. α is on the scale of the *sum* of squares (sklearn's
/// convention, not glmnet's mean): with n weeks, α = 10 shrinks a
/// standardized coefficient by about 10/(n + 10). Coefficients on the
/// original scale are βⱼ = vⱼ/sⱼ and the intercept is ȳ − Σ βⱼ x̄ⱼ.
///
/// Optional row weights (non-negative; bootstrap counts, or 0/1 masks for a
/// training window) weight both the standardization and the loss.
public enum RidgeRegression {
  /// Fits the ridge.
  ///
  /// - Parameters:
  ///   - features: n × p design (no intercept column).
  ///   - target: n values.
  ///   - alpha: penalty α ≥ 0 on standardized coefficients (default 10).
  ///   - weights: optional n non-negative row weights.
  /// - Throws: `MMMError.lengthMismatch` for a wrong target/weight length,
  ///   `.nonFinite` for NaN/inf, `.invalidParameter` for α < 0 or zero total
  ///   weight, `.numerical` when ZᵀZ + αI is singular (α = 0 with collinear
  ///   features).
  /// - Complexity: O(n p² + p³).
  public static func fit(
    features: Matrix, target: [Double], alpha: Double = 10, weights: [Double]? = nil
  ) throws(MMMError) -> RidgeFit {
    let n = features.rows, p = features.columns
    guard target.count == n else { throw .lengthMismatch(what: "ridge target", expected: n, got: target.count) }
    if let w = weights, w.count != n { throw .lengthMismatch(what: "ridge weights", expected: n, got: w.count) }
    guard alpha >= 0, alpha.isFinite else { throw .invalidParameter("ridge alpha must be ≥ 0, got \(alpha)") }
    for (t, v) in target.enumerated() where !v.isFinite { throw .nonFinite(series: "ridge target", week: t + 1) }
    for (i, v) in features.storage.enumerated() where !v.isFinite {
      throw .nonFinite(series: "ridge feature \(i / max(1, n) + 1)", week: i % max(1, n) + 1)
    }
    let w = weights ?? [Double](repeating: 1, count: n)
    let totalWeight = w.reduce(0, +)
    guard totalWeight > 0, w.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw .invalidParameter("ridge weights must be ≥ 0 with a positive total")
    }
    var yMean = 0.0
    for t in 0..<n { yMean += w[t] * target[t] }
    yMean /= totalWeight
    var means = [Double](repeating: 0, count: p), scales = [Double](repeating: 1, count: p)
    var z = features.storage  // standardized in place, column-major
    for j in 0..<p {
      var m = 0.0
      for t in 0..<n { m += w[t] * z[t + j * n] }
      m /= totalWeight
      var v = 0.0
      for t in 0..<n {
        let d = z[t + j * n] - m
        z[t + j * n] = d
        v += w[t] * d * d
      }
      v /= totalWeight
      let s = v > 0 ? v.squareRoot() : 1
      for t in 0..<n { z[t + j * n] /= s }
      means[j] = m
      scales[j] = s
    }
    var gram = [Double](repeating: 0, count: p * p), rhs = [Double](repeating: 0, count: p)
    var sst = 0.0
    for t in 0..<n { sst += w[t] * (target[t] - yMean) * (target[t] - yMean) }
    for j in 0..<p {
      var b = 0.0
      for t in 0..<n { b += w[t] * z[t + j * n] * (target[t] - yMean) }
      rhs[j] = b
      for k in j..<p {
        var g = 0.0
        for t in 0..<n { g += w[t] * z[t + j * n] * z[t + k * n] }
        gram[j * p + k] = g
        gram[k * p + j] = g
      }
    }
    var system = gram
    for j in 0..<p { system[j * p + j] += alpha }
    var v = rhs
    guard SmallCholesky.solveInPlace(&system, &v, p) else {
      throw .numerical("ridge normal equations are singular (collinear features with alpha = 0)")
    }
    let beta = (0..<p).map { v[$0] / scales[$0] }
    var intercept = yMean
    for j in 0..<p { intercept -= beta[j] * means[j] }
    return RidgeFit(
      intercept: intercept, coefficients: beta, standardizedCoefficients: v,
      featureMeans: means, featureScales: scales, alpha: alpha)
  }
}

/// A fitted ridge: intercept and coefficients on the original feature scale,
/// plus the standardized coefficients and the scaler that produced them.
public struct RidgeFit: Sendable, Equatable {
  /// ŷ at all features zero, original scale.
  public var intercept: Double
  /// βⱼ per feature, original scale (currency per feature unit).
  public var coefficients: [Double]
  /// vⱼ = βⱼ·sⱼ, the coefficients on standardized features (what α shrinks).
  public var standardizedCoefficients: [Double]
  /// Feature means x̄ⱼ used for standardization.
  public var featureMeans: [Double]
  /// Feature population standard deviations sⱼ (1 for constant columns).
  public var featureScales: [Double]
  /// The penalty α.
  public var alpha: Double

  public init(
    intercept: Double, coefficients: [Double], standardizedCoefficients: [Double],
    featureMeans: [Double], featureScales: [Double], alpha: Double
  ) {
    self.intercept = intercept
    self.coefficients = coefficients
    self.standardizedCoefficients = standardizedCoefficients
    self.featureMeans = featureMeans
    self.featureScales = featureScales
    self.alpha = alpha
  }

  /// ŷ = intercept + Xβ for an n × p matrix with the fit's p columns.
  public func predict(_ x: Matrix) -> [Double] {
    precondition(x.columns == coefficients.count, "predict needs the fitted feature count")
    var out = [Double](repeating: intercept, count: x.rows)
    for j in 0..<x.columns {
      let b = coefficients[j]
      for i in 0..<x.rows { out[i] += b * x[i, j] }
    }
    return out
  }
}
