import Foundation

/// Runs one chain: initialization, Stan's warm-up (step-size search, dual
/// averaging, windowed metric adaptation) and the sampling iterations.
struct NUTSChainRunner {
  let density: any DifferentiableLogDensity
  let options: NUTSSampler.Options
  let chain: Int

  /// The chain's generator: a function of (seed, chain index) only, so a
  /// chain's draws do not depend on which thread runs it or how many run.
  static func generator(seed: UInt64, chain: Int) -> SplitMix64 {
    var mixer = SplitMix64(seed: seed ^ (0xD1B5_4A32_D192_ED03 &* (UInt64(chain) &+ 1)))
    _ = mixer.next()
    return SplitMix64(seed: mixer.next())
  }

  func run() throws(SamplingError) -> NUTSChain {
    let d = density.dimension
    var rng = NUTSChainRunner.generator(seed: options.seed, chain: chain)
    let metricKind = options.metric
    var kernel = NUTSKernel(
      density: density, metric: .identity(metricKind, dimension: d), stepSize: 1,
      maxTreeDepth: options.maxTreeDepth)
    var z = try initialPoint(kernel: kernel, rng: &rng)
    try findReasonableStepSize(&kernel, at: z, rng: &rng)

    var stepAdapt = StepSizeAdaptation(targetAcceptance: options.targetAcceptance)
    stepAdapt.mu = log(10 * kernel.stepSize)
    var schedule = WindowSchedule(warmup: options.warmup)
    var estimator = CovarianceEstimator(dimension: d, dense: metricKind == .dense)
    var warmupDivergences = 0, warmupLeapfrogSteps = 0
    for _ in 0..<options.warmup {
      let (next, stats) = kernel.transition(from: z, rng: &rng)
      z = next
      if stats.divergent { warmupDivergences += 1 }
      warmupLeapfrogSteps += stats.leapfrogSteps
      kernel.stepSize = stepAdapt.learn(acceptStat: stats.acceptStat)
      if schedule.inSlowWindow { estimator.add(z.q) }
      if schedule.endsWindow {
        if let m = estimator.regularizedMetric() { kernel.metric = m }
        estimator.restart()
        try findReasonableStepSize(&kernel, at: z, rng: &rng)
        stepAdapt.mu = log(10 * kernel.stepSize)
        stepAdapt.restart()
      }
      schedule.advance()
    }
    if options.warmup > 0 { kernel.stepSize = stepAdapt.finalStepSize }

    var draws = [Double](), stats = [NUTSDrawStats]()
    draws.reserveCapacity(options.draws * d)
    stats.reserveCapacity(options.draws)
    for _ in 0..<options.draws {
      let (next, s) = kernel.transition(from: z, rng: &rng)
      z = next
      draws.append(contentsOf: z.q)
      stats.append(
        NUTSDrawStats(
          acceptStat: s.acceptStat, treeDepth: s.treeDepth, leapfrogSteps: s.leapfrogSteps,
          divergent: s.divergent, energy: s.energy, logDensity: z.logDensity))
    }
    return NUTSChain(
      dimension: d, draws: draws, stats: stats, stepSize: kernel.stepSize, metric: kernel.metric,
      warmupDivergences: warmupDivergences, warmupLeapfrogSteps: warmupLeapfrogSteps, maxTreeDepth: options.maxTreeDepth)
  }

  /// The given start, or uniform draws in [−r, r]ᵈ until log p and its
  /// gradient are finite (100 tries, as Stan).
  private func initialPoint(kernel: NUTSKernel, rng: inout SplitMix64) throws(SamplingError) -> PhasePoint {
    let d = density.dimension
    var z = PhasePoint(
      q: [Double](repeating: 0, count: d), p: [Double](repeating: 0, count: d), logDensity: 0,
      gradient: [Double](repeating: 0, count: d), velocity: [Double](repeating: 0, count: d))
    for attempt in 0..<100 {
      if let start = options.initialPoint, attempt == 0 {
        z.q = start
      } else {
        if options.initialPoint != nil { break }
        for i in 0..<d { z.q[i] = options.initialRadius * (2 * rng.uniform() - 1) }
      }
      kernel.evaluate(&z)
      if z.logDensity.isFinite && z.gradient.allSatisfy({ $0.isFinite }) { return z }
    }
    throw .initializationFailed(chain: chain)
  }

  /// Stan's `init_stepsize`: doubles or halves ε until one leapfrog step's
  /// acceptance exp(H₀ − H) crosses 0.8.
  private func findReasonableStepSize(
    _ kernel: inout NUTSKernel, at start: PhasePoint, rng: inout SplitMix64
  ) throws(SamplingError) {
    func energyDrop() -> Double {
      var z = start
      kernel.refreshMomentum(&z, &rng)
      let h0 = kernel.hamiltonian(z)
      kernel.leapfrog(&z, kernel.stepSize)
      return h0 - kernel.hamiltonian(z)
    }
    let threshold = log(0.8)
    let direction = energyDrop() > threshold ? 1.0 : -1.0
    while true {
      let delta = energyDrop()
      if direction == 1 && !(delta > threshold) { break }
      if direction == -1 && !(delta < threshold) { break }
      kernel.stepSize = direction == 1 ? 2 * kernel.stepSize : 0.5 * kernel.stepSize
      if kernel.stepSize > 1e7 || kernel.stepSize == 0 {
        throw .stepSizeSearchFailed(chain: chain, stepSize: kernel.stepSize)
      }
    }
  }
}
