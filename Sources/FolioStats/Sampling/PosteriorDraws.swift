/// The kept draws of every chain of a NUTS run, with per-parameter summaries
/// and run-level diagnostics.
public struct PosteriorDraws: Sendable, Equatable {
  /// The chains, in chain-index order.
  public let chains: [NUTSChain]

  public init(chains: [NUTSChain]) { self.chains = chains }

  /// Number of coordinates d.
  public var dimension: Int { chains.first?.dimension ?? 0 }

  /// Coordinate `j` as `[chain][draw]`, the input of `ConvergenceDiagnostics`.
  public func values(_ j: Int) -> [[Double]] { chains.map { $0.values(j) } }

  /// Any function of a draw (e.g. a constrained parameter, an ROI) as
  /// `[chain][draw]`; `f` receives the d coordinates of one draw.
  public func map<T>(_ f: (ArraySlice<Double>) -> T) -> [[T]] {
    chains.map { c in
      (0..<c.count).map { i in f(c.draws[(i * c.dimension)..<((i + 1) * c.dimension)]) }
    }
  }

  /// Kept divergent transitions over all chains (0 is the bar).
  public var divergences: Int { chains.reduce(0) { $0 + $1.divergences } }

  /// Kept iterations at the tree-depth limit, over all chains.
  public var treeDepthSaturations: Int { chains.reduce(0) { $0 + $1.treeDepthSaturations } }

  /// E-BFMI per chain (below 0.3 signals poor energy exploration).
  public var energyBFMI: [Double] { chains.map(\.energyBFMI) }

  /// Summary of coordinate `j`.
  public func summary(_ j: Int) -> PosteriorSummary { PosteriorSummary(values(j)) }
}

/// Mean, sd, quantiles and convergence diagnostics of one scalar quantity's
/// draws (`[chain][draw]`).
public struct PosteriorSummary: Sendable, Equatable {
  /// Posterior mean over all draws.
  public var mean: Double
  /// Posterior standard deviation (n − 1 denominator).
  public var standardDeviation: Double
  /// 5% and 95% quantiles: the central 90% interval.
  public var q05: Double, q95: Double
  /// Rank-normalized split R-hat.
  public var rHat: Double
  /// Bulk and tail effective sample sizes.
  public var bulkESS: Double, tailESS: Double
  /// Monte-Carlo standard error of the mean, sd/√ESS (classic ESS of the mean).
  public var meanMCSE: Double

  public init(_ chains: [[Double]]) {
    let flat = chains.flatMap { $0 }
    mean = ConvergenceDiagnostics.mean(flat)
    standardDeviation = ConvergenceDiagnostics.variance(flat).squareRoot()
    q05 = ConvergenceDiagnostics.quantile(flat, 0.05)
    q95 = ConvergenceDiagnostics.quantile(flat, 0.95)
    rHat = ConvergenceDiagnostics.rankNormalizedSplitRHat(chains)
    bulkESS = ConvergenceDiagnostics.bulkESS(chains)
    tailESS = ConvergenceDiagnostics.tailESS(chains)
    meanMCSE = standardDeviation / ConvergenceDiagnostics.meanESS(chains).squareRoot()
  }
}
