/// Sampler statistics of one kept iteration (Stan's `accept_stat__`,
/// `treedepth__`, `n_leapfrog__`, `divergent__`, `energy__`, `lp__`).
public struct NUTSDrawStats: Sendable, Equatable {
  /// Mean Metropolis acceptance probability over the trajectory.
  public var acceptStat: Double
  /// Tree depth reached.
  public var treeDepth: Int
  /// Leapfrog steps (gradient evaluations) taken.
  public var leapfrogSteps: Int
  /// Whether the trajectory diverged (energy error > 1000).
  public var divergent: Bool
  /// Hamiltonian at the kept state.
  public var energy: Double
  /// log p at the kept state (up to the density's constant).
  public var logDensity: Double
}

/// One chain's kept draws and what its warm-up settled on.
public struct NUTSChain: Sendable, Equatable {
  /// Number of coordinates d.
  public let dimension: Int
  /// Draws, iteration-major: draw i is `draws[i*d ..< (i+1)*d]`.
  public let draws: [Double]
  /// Statistics per kept iteration.
  public let stats: [NUTSDrawStats]
  /// Adapted step size ε.
  public let stepSize: Double
  /// Adapted metric M⁻¹.
  public let metric: EuclideanMetric
  /// Divergent transitions during warm-up (expected early on; not a failure).
  public let warmupDivergences: Int
  /// Leapfrog steps (gradient evaluations) spent in warm-up.
  public let warmupLeapfrogSteps: Int
  /// The tree-depth limit the chain ran with.
  public let maxTreeDepth: Int

  /// Number of kept draws.
  public var count: Int { stats.count }

  /// Coordinate `j` of every kept draw.
  public func values(_ j: Int) -> [Double] { (0..<count).map { draws[$0 * dimension + j] } }

  /// Divergent kept transitions.
  public var divergences: Int { stats.reduce(0) { $0 + ($1.divergent ? 1 : 0) } }

  /// Kept iterations that hit the tree-depth limit (the trajectory was cut
  /// before it turned: efficiency, not validity, suffers).
  public var treeDepthSaturations: Int { stats.reduce(0) { $0 + ($1.treeDepth >= maxTreeDepth ? 1 : 0) } }

  /// Energy Bayesian fraction of missing information,
  /// E-BFMI = Σₙ (Eₙ − Eₙ₋₁)² / Σₙ (Eₙ − Ē)²; below 0.3 the momentum
  /// resampling explores the energy distribution poorly (heavy tails, funnels).
  public var energyBFMI: Double {
    let e = stats.map(\.energy)
    guard e.count > 1 else { return .nan }
    let mean = e.reduce(0, +) / Double(e.count)
    var num = 0.0, den = 0.0
    for i in e.indices {
      den += (e[i] - mean) * (e[i] - mean)
      if i > 0 { num += (e[i] - e[i - 1]) * (e[i] - e[i - 1]) }
    }
    return num / den
  }

  /// Mean acceptance statistic over the kept iterations.
  public var meanAcceptStat: Double { stats.reduce(0) { $0 + $1.acceptStat } / Double(max(1, count)) }
}
