import Foundation

/// Exact budget allocation across channels with S-shaped response curves.
///
/// Maximizes Σ_c f_c(s_c), f_c(s) = β_c·Hill_c(m_c·s) the steady-state weekly
/// response, subject to Σ s_c = T and l_c ≤ s_c ≤ u_c, where the box is
/// [(1 − maxChange)·current, (1 + maxChange)·current] ∩ [floor, cap].
///
/// **Method.** Each f_c is one-dimensional and smooth with at most one
/// inflection point, so its concave envelope f̂_c on the box is known in
/// closed form up to one tangent point (`ChannelResponseEnvelope`). The
/// relaxed problem max Σ f̂_c is a separable concave resource allocation: for
/// a multiplier λ every channel takes the largest s with f̂′_c(s) ≥ λ, total
/// spend is monotone in λ, and bisection on λ hits T exactly. Channels whose
/// spend jumps at the final λ sit on linear stretches of their envelopes;
/// filling them one at a time leaves at most one channel strictly inside a
/// stretch, where f̂ > f. That channel is resolved by a 1-D search over its
/// spend (the others re-allocated exactly for each value), keeping the best
/// allocation by the *true* f: the optimum is max over s_j of
/// f_j(s_j) + G(T − s_j), G the (exact, concave) optimum of the other
/// channels, searched on a 41-point grid over s_j's feasible range (plus the
/// stretch's ends) and refined by golden section. The relaxation's optimum
/// is an upper bound on every allocation, so `optimalityGap` certifies how
/// close the plan is: exactly 0 when no channel ends inside a stretch, else
/// the envelope's excess, which the true optimum cannot close.
///
/// **Why not a general NLP solver.** With α > 1 a channel's response is
/// convex on part of its box, so equal marginal ROI is necessary but not
/// sufficient, and SLSQP-type solvers stop at a stationary point — or, with
/// raw-dollar scaling, fail at the start ("Inequality constraints
/// incompatible") and return the current allocation. The envelope method
/// exploits the separable structure: global, exact to bisection precision,
/// deterministic, and O(channels × 60²) response evaluations.
public enum BudgetAllocator {
  /// Plan settings.
  public struct Options: Sendable, Equatable {
    /// Largest relative change per channel (default 0.3 → ±30%).
    public var maxChange: Double
    /// Change of the total budget as a fraction of the current total
    /// (default 0: budget-neutral). Ignored when `total` is set.
    public var budgetChange: Double
    /// Absolute total weekly budget, overriding `budgetChange`.
    public var total: Double?
    /// Per-channel minimum weekly spend (nil: none).
    public var floors: [Double]?
    /// Per-channel maximum weekly spend (nil: none).
    public var caps: [Double]?

    public init(maxChange: Double = 0.3, budgetChange: Double = 0, total: Double? = nil,
                floors: [Double]? = nil, caps: [Double]? = nil) {
      self.maxChange = maxChange
      self.budgetChange = budgetChange
      self.total = total
      self.floors = floors
      self.caps = caps
    }
  }

  /// Optimizes the allocation of `currentSpend` (weekly, one per channel)
  /// on the model's steady-state response curves.
  ///
  /// - Throws: `MMMError.infeasibleBudget` when a floor exceeds its box or
  ///   cap, or the total lies outside [Σ l, Σ u]; `.lengthMismatch` for a
  ///   wrong count; `.invalidOption` for negative spend or maxChange < 0;
  ///   `.numerical` when the response is not finite.
  public static func optimize(
    _ model: MMMModel, currentSpend: [Double], options: Options = Options()
  ) throws(MMMError) -> BudgetPlan {
    let responses = (0..<model.input.channelCount).map { c in
      ChannelResponse(
        beta: model.mediaCoefficients[c], multiplier: model.steadyStateMultiplier(channel: c),
        saturation: model.parameters[c].saturation)
    }
    return try optimize(responses: responses, channels: model.input.channels, currentSpend: currentSpend, options: options)
  }

  /// Optimizes over explicit response curves f_c(s) = β_c·Hill_c(m_c·s).
  public static func optimize(
    responses: [ChannelResponse], channels: [String], currentSpend: [Double], options: Options = Options()
  ) throws(MMMError) -> BudgetPlan {
    let box = try boxes(channels: channels, curveCount: responses.count, currentSpend: currentSpend, options: options)
    let envelopes = responses.indices.map { c in
      ChannelResponseEnvelope(
        beta: responses[c].beta, multiplier: responses[c].multiplier,
        hill: responses[c].saturation, lower: box.lower[c], upper: box.upper[c])
    }
    return try allocate(
      envelopes, channels: channels, currentSpend: currentSpend, box: box,
      method: "exact separable allocation: concave envelopes of the response curves, bisection on the "
        + "marginal-ROI multiplier, 1-D resolution of the one channel on a convex stretch")
  }

  /// The per-channel boxes and the total of a plan, checked for feasibility.
  struct Box {
    var lower: [Double], upper: [Double], total: Double, slack: Double
  }

  /// Checks the inputs and computes each channel's box
  /// [(1 − maxChange)·current, (1 + maxChange)·current] ∩ [floor, cap] and
  /// the total budget (shared by `ExpectedResponseAllocator`).
  static func boxes(channels: [String], curveCount m: Int, currentSpend: [Double], options: Options) throws(MMMError) -> Box {
    guard channels.count == m else { throw .lengthMismatch(what: "channel names", expected: m, got: channels.count) }
    guard currentSpend.count == m else {
      throw .lengthMismatch(what: "current spend", expected: m, got: currentSpend.count)
    }
    guard currentSpend.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw .invalidOption("current spend must be finite and ≥ 0")
    }
    guard options.maxChange >= 0, options.maxChange.isFinite else {
      throw .invalidOption("max change must be ≥ 0, got \(options.maxChange)")
    }
    if let f = options.floors, f.count != m { throw .lengthMismatch(what: "floors", expected: m, got: f.count) }
    if let c = options.caps, c.count != m { throw .lengthMismatch(what: "caps", expected: m, got: c.count) }
    var lower = [Double](repeating: 0, count: m), upper = [Double](repeating: 0, count: m)
    for c in 0..<m {
      lower[c] = max((1 - options.maxChange) * currentSpend[c], options.floors?[c] ?? 0, 0)
      upper[c] = min((1 + options.maxChange) * currentSpend[c], options.caps?[c] ?? .infinity)
      if lower[c] > upper[c] {
        throw .infeasibleBudget(
          "\(channels[c]): lower bound \(lower[c]) is above upper bound \(upper[c]) (floor, cap and ±\(options.maxChange * 100)% box do not overlap)")
      }
    }
    let currentTotal = currentSpend.reduce(0, +)
    let total = options.total ?? currentTotal * (1 + options.budgetChange)
    let sumL = lower.reduce(0, +), sumU = upper.reduce(0, +)
    let slack = 1e-12 * max(1, sumU)
    guard total.isFinite, total >= sumL - slack, total <= sumU + slack else {
      throw .infeasibleBudget("total \(total) is outside the feasible range [\(sumL), \(sumU)] of the channel bounds")
    }
    return Box(lower: lower, upper: upper, total: total, slack: slack)
  }

  /// The envelope method on any curves: relaxation by multiplier bisection,
  /// 1-D resolution of a fractional channel, the current allocation kept if
  /// better, then the KKT check and the envelope bound on the true curves.
  static func allocate<Curve: ConcaveEnvelopeCurve>(
    _ envelopes: [Curve], channels: [String], currentSpend: [Double], box: Box, method: String
  ) throws(MMMError) -> BudgetPlan {
    let m = envelopes.count, total = box.total, lower = box.lower, upper = box.upper, slack = box.slack
    let currentTotal = currentSpend.reduce(0, +)
    let solver = SeparableAllocation(envelopes: envelopes)
    let relaxed = solver.solve(channels: Array(0..<m), total: total, fixed: [:])
    let upperBound = (0..<m).reduce(0) { $0 + envelopes[$1].envelopeValue(relaxed.spend[$1]) }
    var best = relaxed.spend
    var bestValue = solver.trueValue(best)
    if let j = relaxed.fractional {
      let resolved = solver.resolve(fractional: j, total: total)
      if resolved.value > bestValue {
        best = resolved.spend
        bestValue = resolved.value
      }
    }
    let feasibleCurrent = abs(currentTotal - total) <= slack && (0..<m).allSatisfy {
      currentSpend[$0] >= lower[$0] && currentSpend[$0] <= upper[$0]
    }
    if feasibleCurrent && solver.trueValue(currentSpend) > bestValue {
      best = currentSpend
      bestValue = solver.trueValue(currentSpend)
    }
    let predictedCurrent = solver.trueValue(currentSpend)
    guard bestValue.isFinite, predictedCurrent.isFinite else {
      throw .numerical("the response curves are not finite at the planned spend")
    }
    let kkt = SeparableAllocation.kkt(envelopes: envelopes, spend: best, fallbackMultiplier: relaxed.multiplier)
    return BudgetPlan(
      channels: channels, current: currentSpend, recommended: best, lowerBounds: lower,
      upperBounds: upper, total: total, predictedCurrent: predictedCurrent, predictedRecommended: bestValue,
      lift: bestValue - predictedCurrent,
      liftPercent: predictedCurrent != 0 ? 100 * (bestValue - predictedCurrent) / abs(predictedCurrent) : .nan,
      binding: kkt.status, marginalROI: best.indices.map { envelopes[$0].derivative(best[$0]) }, kkt: kkt.check,
      upperBound: upperBound, optimalityGap: max(0, upperBound - bestValue), method: method)
  }
}

/// One channel's steady-state response curve f(s) = β·Hill(m·s): weekly
/// revenue at a constant weekly spend s.
public struct ChannelResponse: Sendable, Equatable {
  /// Media coefficient β (revenue per week at full saturation).
  public var beta: Double
  /// Steady-state adstock multiplier m (1/(1 − θ) for geometric adstock).
  public var multiplier: Double
  /// The Hill curve.
  public var saturation: HillSaturation

  public init(beta: Double, multiplier: Double, saturation: HillSaturation) {
    self.beta = beta
    self.multiplier = multiplier
    self.saturation = saturation
  }

  /// f(s).
  public func value(_ s: Double) -> Double { beta * saturation.apply(multiplier * s) }
}
