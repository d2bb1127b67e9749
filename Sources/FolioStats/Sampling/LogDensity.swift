/// A log-density known up to a constant, with its gradient: what the NUTS
/// sampler needs of a model (as `DifferentialEvolution` needs only an
/// objective).
///
/// The density lives on an unconstrained space ℝᵈ: a model with bounded
/// parameters maps them with log/logit transforms and adds the log-Jacobian
/// itself. Conforming types must be safe to call from several threads at once
/// (one chain per thread), hence `Sendable`; keep per-call scratch local.
public protocol DifferentiableLogDensity: Sendable {
  /// Number of coordinates d of the unconstrained space.
  var dimension: Int { get }

  /// log p(x) up to an additive constant, writing ∇ log p(x) into `gradient`
  /// (already sized `dimension`).
  ///
  /// Return `-.infinity` (or NaN) where the density is zero or cannot be
  /// evaluated; the sampler treats such a point as a divergence and never
  /// accepts it.
  func logDensity(at x: [Double], gradient: inout [Double]) -> Double
}

/// A `DifferentiableLogDensity` from a closure `(x) -> (log p, ∇ log p)`.
public struct ClosureLogDensity: DifferentiableLogDensity {
  /// Number of coordinates.
  public let dimension: Int
  private let body: @Sendable ([Double]) -> (logDensity: Double, gradient: [Double])

  /// - Parameters:
  ///   - dimension: d.
  ///   - body: returns log p(x) and its gradient (d values).
  public init(dimension: Int, _ body: @escaping @Sendable ([Double]) -> (logDensity: Double, gradient: [Double])) {
    self.dimension = dimension
    self.body = body
  }

  public func logDensity(at x: [Double], gradient: inout [Double]) -> Double {
    let (value, g) = body(x)
    for i in 0..<min(g.count, gradient.count) { gradient[i] = g[i] }
    return value
  }
}
