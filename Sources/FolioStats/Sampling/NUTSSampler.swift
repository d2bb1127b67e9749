import Foundation

/// The No-U-Turn sampler (Hoffman & Gelman 2014) in the form Stan runs it:
/// multinomial trajectory sampling with the generalized U-turn criterion
/// (Betancourt 2017), dual-averaging step-size adaptation and windowed
/// diagonal (optionally dense) mass-matrix adaptation during warm-up, over
/// any `DifferentiableLogDensity`.
///
/// Chains run in parallel on up to `threads` threads. Chain k's generator is
/// derived from `(seed, k)` alone, so the draws are bit-identical for a
/// seed whatever the thread count or machine (the arithmetic is IEEE double
/// in a fixed order; no reductions across threads).
///
/// ```swift
/// let draws = try NUTSSampler.sample(density, options: .init(chains: 4, seed: 1))
/// let summary = draws.summary(parameter: 0)   // mean, sd, R-hat, ESS
/// ```
public enum NUTSSampler {
  /// Settings of a run; defaults are Stan's.
  public struct Options: Sendable, Equatable {
    /// Number of chains (default 4).
    public var chains: Int
    /// Warm-up iterations per chain, discarded (default 1000).
    public var warmup: Int
    /// Kept iterations per chain (default 1000).
    public var draws: Int
    /// Seed: equal seeds give equal draws.
    public var seed: UInt64
    /// Target mean acceptance statistic δ of step-size adaptation (default
    /// 0.8; raise towards 0.95 to remove divergences at the cost of smaller steps).
    public var targetAcceptance: Double
    /// Maximum tree depth: at most 2^depth − 1 leapfrog steps per iteration (default 10).
    public var maxTreeDepth: Int
    /// Diagonal (default) or dense mass matrix.
    public var metric: EuclideanMetric.Kind
    /// Worker threads; nil → the machine's active processor count.
    public var threads: Int?
    /// Random starting points are uniform in [−r, r]ᵈ (default 2, as Stan).
    public var initialRadius: Double
    /// A fixed starting point for every chain instead of random ones.
    public var initialPoint: [Double]?

    public init(
      chains: Int = 4, warmup: Int = 1000, draws: Int = 1000, seed: UInt64 = 0, targetAcceptance: Double = 0.8,
      maxTreeDepth: Int = 10, metric: EuclideanMetric.Kind = .diagonal, threads: Int? = nil,
      initialRadius: Double = 2, initialPoint: [Double]? = nil
    ) {
      self.chains = chains
      self.warmup = warmup
      self.draws = draws
      self.seed = seed
      self.targetAcceptance = targetAcceptance
      self.maxTreeDepth = maxTreeDepth
      self.metric = metric
      self.threads = threads
      self.initialRadius = initialRadius
      self.initialPoint = initialPoint
    }
  }

  /// Draws from the density with the given options.
  ///
  /// - Throws: `SamplingError.invalidOptions` for counts < 1 (draws < 1,
  ///   chains < 1), δ outside (0, 1) or a start of the wrong length;
  ///   `.initializationFailed` / `.stepSizeSearchFailed` from a chain (the
  ///   lowest-numbered failing chain is reported).
  public static func sample(
    _ density: any DifferentiableLogDensity, options: Options
  ) throws(SamplingError) -> PosteriorDraws {
    guard options.chains >= 1, options.draws >= 1, options.warmup >= 0 else {
      throw .invalidOptions("expected chains ≥ 1, draws ≥ 1, warmup ≥ 0")
    }
    guard options.targetAcceptance > 0 && options.targetAcceptance < 1 else {
      throw .invalidOptions("expected 0 < targetAcceptance < 1, got \(options.targetAcceptance)")
    }
    guard options.maxTreeDepth >= 1 else { throw .invalidOptions("expected maxTreeDepth ≥ 1") }
    if let start = options.initialPoint, start.count != density.dimension {
      throw .invalidOptions("initialPoint has \(start.count) values, expected \(density.dimension)")
    }
    let results = ChainResults(count: options.chains)
    let workers = max(1, min(options.chains, options.threads ?? ProcessInfo.processInfo.activeProcessorCount))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for chain in stride(from: worker, to: options.chains, by: workers) {
        let runner = NUTSChainRunner(density: density, options: options, chain: chain)
        let outcome: Result<NUTSChain, SamplingError>
        outcome = Result { () throws(SamplingError) -> NUTSChain in try runner.run() }
        results.store(outcome, at: chain)
      }
    }
    var chains: [NUTSChain] = []
    for outcome in results.all() {
      switch outcome {
      case .success(let c): chains.append(c)
      case .failure(let e): throw e
      case nil: throw .invalidOptions("a chain did not run")
      }
    }
    return PosteriorDraws(chains: chains)
  }
}

/// Per-chain outcomes written by worker threads, one slot per chain.
private final class ChainResults: @unchecked Sendable {
  private var slots: [Result<NUTSChain, SamplingError>?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func store(_ r: Result<NUTSChain, SamplingError>, at i: Int) {
    lock.lock()
    slots[i] = r
    lock.unlock()
  }
  func all() -> [Result<NUTSChain, SamplingError>?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
