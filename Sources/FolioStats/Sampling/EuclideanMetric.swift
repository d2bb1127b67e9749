import Foundation

/// The mass matrix M of Hamiltonian Monte Carlo, stored as its inverse M⁻¹
/// (the posterior covariance estimate, as Stan does), either diagonal or dense.
///
/// Kinetic energy K(p) = ½ pᵀM⁻¹p; momenta are drawn p ~ N(0, M); the
/// position moves along the velocity M⁻¹p.
public struct EuclideanMetric: Sendable, Equatable {
  /// Which form of M⁻¹ is stored.
  public enum Kind: String, Sendable, Equatable {
    /// M⁻¹ = diag(v): one variance per coordinate (Stan's `diag_e`, default).
    case diagonal
    /// Full M⁻¹ (Stan's `dense_e`): for posteriors with strong correlations.
    case dense
  }

  /// Diagonal or dense.
  public let kind: Kind
  /// Number of coordinates d.
  public let dimension: Int
  /// M⁻¹: d values for `.diagonal`, d×d row-major for `.dense`.
  public let inverse: [Double]
  /// For `.dense`: L, lower triangle row-major with M⁻¹ = LLᵀ; for `.diagonal`: √v.
  private let factor: [Double]

  /// The unit metric M = I of the given kind.
  public static func identity(_ kind: Kind, dimension d: Int) -> EuclideanMetric {
    switch kind {
    case .diagonal: return EuclideanMetric(diagonal: [Double](repeating: 1, count: d))
    case .dense:
      var m = [Double](repeating: 0, count: d * d)
      for i in 0..<d { m[i * d + i] = 1 }
      return EuclideanMetric(dense: m, dimension: d) ?? EuclideanMetric(diagonal: [Double](repeating: 1, count: d))
    }
  }

  /// A diagonal metric from the variances v (M⁻¹ = diag v, every vᵢ > 0).
  public init(diagonal v: [Double]) {
    kind = .diagonal
    dimension = v.count
    inverse = v
    factor = v.map { $0.squareRoot() }
  }

  /// A dense metric from a symmetric positive definite M⁻¹ (row-major d×d);
  /// nil when the Cholesky factorization fails.
  public init?(dense m: [Double], dimension d: Int) {
    guard m.count == d * d, let l = EuclideanMetric.cholesky(m, d) else { return nil }
    kind = .dense
    dimension = d
    inverse = m
    factor = l
  }

  /// Velocity M⁻¹p (Stan's `dtau_dp`), written into `out`.
  @inline(__always)
  func velocity(_ p: [Double], into out: inout [Double]) {
    let d = dimension
    switch kind {
    case .diagonal:
      for i in 0..<d { out[i] = inverse[i] * p[i] }
    case .dense:
      inverse.withUnsafeBufferPointer { m in
        p.withUnsafeBufferPointer { pp in
          out.withUnsafeMutableBufferPointer { o in
            for i in 0..<d {
              var s = 0.0
              let row = m.baseAddress! + i * d
              for j in 0..<d { s += row[j] * pp[j] }
              o[i] = s
            }
          }
        }
      }
    }
  }

  /// A momentum p ~ N(0, M): p = L⁻ᵀu with u standard normal (M⁻¹ = LLᵀ).
  func drawMomentum(_ rng: inout SplitMix64, into p: inout [Double]) {
    let d = dimension
    for i in 0..<d { p[i] = rng.normal() }
    switch kind {
    case .diagonal:
      for i in 0..<d { p[i] /= factor[i] }
    case .dense:
      // Back substitution Lᵀp = u.
      for i in stride(from: d - 1, through: 0, by: -1) {
        var s = p[i]
        for k in (i + 1)..<max(d, i + 1) where k < d { s -= factor[k * d + i] * p[k] }
        p[i] = s / factor[i * d + i]
      }
    }
  }

  /// Lower Cholesky factor (row-major) of a symmetric matrix, nil unless
  /// positive definite.
  static func cholesky(_ a: [Double], _ d: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
      for j in 0...i {
        var s = a[i * d + j]
        for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
        if i == j {
          guard s > 0, s.isFinite else { return nil }
          l[i * d + i] = s.squareRoot()
        } else {
          l[i * d + j] = s / l[j * d + j]
        }
      }
    }
    return l
  }
}
