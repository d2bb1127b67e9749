import Foundation

/// Derivative-free global minimization by differential evolution, the
/// `TwoPointsDE` variant of nevergrad (Meta's gradient-free optimization
/// library), usable on any objective `[Double] → Double` over a box.
///
/// The algorithm, step by step (sequential, one evaluation at a time, exactly
/// as nevergrad runs with `num_workers = 1`):
/// 1. **Initialization.** The first `populationSize` evaluations are points
///    drawn uniformly in the box; they form the population.
/// 2. **Mutation** ("current-to-best/1"). Parents are visited round-robin.
///    For parent x, two members a, b are drawn uniformly (with replacement)
///    and the donor is `x + F1·(a − b) + F2·(best − x)`, F1 = F2 = 0.8, with
///    `best` the population's lowest loss so far.
/// 3. **Two-points crossover** (dimension ≥ 4): two cut points 0 ≤ i < j ≤ d
///    are drawn; with probability ½ the donor keeps the parent's values on
///    [i, j), otherwise outside it — so the child always mixes both. For
///    dimension < 4 nevergrad falls back to variable-wise crossover with
///    CR = 0.5 (one random coordinate always comes from the donor); so do we.
/// 4. **Bounds.** Coordinates outside the box are reflected back into it
///    ("bouncing", nevergrad's default for bounded arrays).
/// 5. **Selection.** The child replaces its parent when its loss is ≤ the
///    parent's. The answer is the best point ever evaluated ("optimistic"
///    recommendation).
///
/// A NaN loss counts as +∞ (the point is never selected). The result is a
/// pure function of `(dimension, options, objective)`: all randomness comes
/// from `SplitMix64(seed:)`.
///
/// - Complexity: `budget` objective evaluations plus O(budget · dimension)
///   bookkeeping; no allocation per evaluation beyond the objective's own.
public enum DifferentialEvolution {
  /// Settings of a minimization.
  public struct Options: Sendable, Equatable {
    /// Number of objective evaluations (initial population included). Default 500.
    public var budget: Int
    /// Population size λ; `nil` means nevergrad's "standard" size, 30.
    /// Values below 4 are raised to 4 (mutation needs distinct members).
    public var populationSize: Int?
    /// Lower bound per dimension; a single value applies to every dimension.
    public var lower: [Double]
    /// Upper bound per dimension; a single value applies to every dimension.
    public var upper: [Double]
    /// Seed of the generator: equal seeds give equal searches.
    public var seed: UInt64
    /// Differential weight on (a − b). nevergrad's default 0.8.
    public var f1: Double
    /// Weight on (best − x), the pull towards the best member. Default 0.8.
    public var f2: Double

    /// - Parameters:
    ///   - budget: objective evaluations (default 500).
    ///   - populationSize: λ (default nil → 30).
    ///   - lower, upper: the box (default [−5, 5] in every dimension, the
    ///     range the marketing-mix search uses before its sigmoid mapping).
    ///   - seed: generator seed (default 0).
    public init(
      budget: Int = 500, populationSize: Int? = nil, lower: [Double] = [-5], upper: [Double] = [5],
      seed: UInt64 = 0, f1: Double = 0.8, f2: Double = 0.8
    ) {
      self.budget = budget
      self.populationSize = populationSize
      self.lower = lower
      self.upper = upper
      self.seed = seed
      self.f1 = f1
      self.f2 = f2
    }

    /// The population size actually used: `populationSize ?? 30`, at least 4.
    public var effectivePopulationSize: Int { max(4, populationSize ?? 30) }
  }

  /// The outcome of a minimization.
  public struct Result: Sendable, Equatable {
    /// The best point evaluated.
    public var best: [Double]
    /// Its loss (NaN losses are reported as +∞).
    public var bestLoss: Double
    /// Objective evaluations made (equals the budget).
    public var evaluations: Int
    /// Best-so-far loss after each evaluation, `evaluations` values,
    /// non-increasing: the convergence curve.
    public var history: [Double]
  }

  /// Minimizes `objective` over the box of `options`.
  ///
  /// - Parameters:
  ///   - dimension: number of coordinates (≥ 1).
  ///   - options: budget, population, box, seed.
  ///   - progress: called after every evaluation with (done, total, best
  ///     loss so far); use it for a progress bar. Never affects the result.
  ///   - objective: the loss; NaN counts as +∞.
  /// - Returns: the best point, its loss and the convergence history. With a
  ///   zero budget or dimension the best point is the box centre and the
  ///   loss +∞ (nothing was evaluated).
  public static func minimize(
    dimension: Int, options: Options, progress: ((_ done: Int, _ total: Int, _ best: Double) -> Void)? = nil,
    objective: ([Double]) -> Double
  ) -> Result {
    let d = max(0, dimension)
    let lo = (0..<d).map { options.lower.isEmpty ? -5 : options.lower[min($0, options.lower.count - 1)] }
    let hi = (0..<d).map { options.upper.isEmpty ? 5 : options.upper[min($0, options.upper.count - 1)] }
    let centre = (0..<d).map { (lo[$0] + hi[$0]) / 2 }
    let budget = max(0, options.budget)
    guard d > 0, budget > 0 else {
      return Result(best: centre, bestLoss: .infinity, evaluations: 0, history: [])
    }
    let lambda = options.effectivePopulationSize
    var rng = SplitMix64(seed: options.seed)
    var population: [[Double]] = []
    population.reserveCapacity(lambda)
    var losses: [Double] = []
    losses.reserveCapacity(lambda)
    var bestPoint = centre, bestLoss = Double.infinity, bestIndex = 0
    var history: [Double] = []
    history.reserveCapacity(budget)
    var child = [Double](repeating: 0, count: d)
    var parentCursor = 0

    func clean(_ v: Double) -> Double { v.isNaN ? .infinity : v }

    for evaluation in 0..<budget {
      let loss: Double
      if population.count < lambda {
        for k in 0..<d { child[k] = lo[k] + (hi[k] - lo[k]) * rng.uniform() }
        loss = clean(objective(child))
        population.append(child)
        losses.append(loss)
        if loss < bestLoss || population.count == 1 { bestIndex = population.count - 1 }
      } else {
        let p = parentCursor
        parentCursor = (parentCursor + 1) % lambda
        let a = rng.index(below: lambda), b = rng.index(below: lambda)
        let parent = population[p], pa = population[a], pb = population[b], pbest = population[bestIndex]
        for k in 0..<d {
          child[k] = parent[k] + options.f1 * (pa[k] - pb[k]) + options.f2 * (pbest[k] - parent[k])
        }
        crossover(donor: &child, parent: parent, rng: &rng)
        for k in 0..<d { child[k] = reflect(child[k], lo[k], hi[k]) }
        loss = clean(objective(child))
        if loss <= losses[p] {
          population[p] = child
          losses[p] = loss
          if loss <= losses[bestIndex] { bestIndex = p }
        }
      }
      if loss < bestLoss || evaluation == 0 {
        bestLoss = loss
        bestPoint = child
      }
      history.append(bestLoss)
      progress?(evaluation + 1, budget, bestLoss)
    }
    return Result(best: bestPoint, bestLoss: bestLoss, evaluations: budget, history: history)
  }

  /// nevergrad's crossover: two-points for d ≥ 4, else variable-wise with
  /// CR = 0.5. Copies parent values into the donor in place.
  static func crossover(donor: inout [Double], parent: [Double], rng: inout SplitMix64) {
    let d = donor.count
    if d >= 4 {
      var i = rng.index(below: d + 1), j = rng.index(below: d)
      if j >= i { j += 1 }  // two distinct cut points in 0...d
      if i > j { swap(&i, &j) }
      if i == 0 && j == d {  // at least one coordinate must come from each side
        let cut = 1 + rng.index(below: d - 1)
        if rng.index(below: 2) == 0 { i = cut } else { j = cut }
      }
      if rng.index(below: 2) == 0 {
        for k in i..<j { donor[k] = parent[k] }
      } else {
        for k in 0..<i { donor[k] = parent[k] }
        for k in j..<d { donor[k] = parent[k] }
      }
    } else {
      let keep = rng.index(below: d)
      for k in 0..<d where k != keep && rng.uniform() > 0.5 { donor[k] = parent[k] }
    }
  }

  /// Reflects `v` into [lo, hi] (repeatedly, for far-out values); a
  /// non-finite value goes to the centre.
  static func reflect(_ v: Double, _ lo: Double, _ hi: Double) -> Double {
    guard v.isFinite else { return (lo + hi) / 2 }
    let width = hi - lo
    guard width > 0 else { return lo }
    var t = (v - lo).truncatingRemainder(dividingBy: 2 * width)
    if t < 0 { t += 2 * width }
    return t <= width ? lo + t : hi - (t - width)
  }
}
