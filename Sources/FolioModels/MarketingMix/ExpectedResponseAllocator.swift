import Foundation

/// Budget allocation that maximizes *expected* weekly media revenue over
/// posterior draws.
///
/// Maximizes Σ_c F_c(s_c) with F_c(s) = (1/B) Σ_b β_c,b·Hill_c,b(m_c,b·s),
/// the channel's response averaged over its B draws, subject to Σ s_c = T
/// and l_c ≤ s_c ≤ u_c (the boxes and total of `BudgetAllocator.Options`).
/// Maximizing the mean is the decision that is best on average over the
/// posterior; optimizing the posterior-mean *parameters* instead would plan
/// on a curve no draw believes in.
///
/// **Method: exact, the same as `BudgetAllocator`'s.** The objective is
/// still separable, so the global optimum is reached through the concave
/// envelopes F̂_c: maximize Σ F̂_c by bisection on the common marginal ROI λ
/// (spend(λ) monotone), fill channels whose spend jumps at λ one at a time,
/// and resolve the at most one channel left inside a linear stretch by a 1-D
/// search with the others re-allocated exactly (`SeparableAllocation`). What
/// changes is the envelope: F_c is a mean of S-curves with different shapes
/// and may have several inflections, so F̂_c is the upper hull of a fine
/// grid with its stretch ends refined to the tangent points
/// (`MeanResponseEnvelope`). Σ F̂_c at the relaxed optimum bounds every
/// allocation from above, so `optimalityGap` (bound − plan's expected value)
/// bounds the distance to the global optimum; the KKT check is on the true
/// F_c. A local NLP solver would stop at any stationary point of a
/// non-concave F_c; sampling allocations would not be exact.
public enum ExpectedResponseAllocator {
  /// Optimizes over explicit draws: `responseDraws[c]` holds channel c's
  /// response curve in each draw (any number ≥ 1 per channel).
  ///
  /// - Throws: as `BudgetAllocator.optimize`, and `MMMError.invalidOption`
  ///   when a channel has no draws.
  public static func optimize(
    responseDraws: [[ChannelResponse]], channels: [String], currentSpend: [Double],
    options: BudgetAllocator.Options = .init()
  ) throws(MMMError) -> BudgetPlan {
    let box = try BudgetAllocator.boxes(
      channels: channels, curveCount: responseDraws.count, currentSpend: currentSpend, options: options)
    if let c = responseDraws.firstIndex(where: \.isEmpty) {
      throw .invalidOption("\(channels[c]) has no posterior draws to plan on")
    }
    let envelopes = responseDraws.indices.map { c in
      MeanResponseEnvelope(draws: responseDraws[c], lower: box.lower[c], upper: box.upper[c])
    }
    let count = responseDraws.map(\.count).min() ?? 0
    return try BudgetAllocator.allocate(
      envelopes, channels: channels, currentSpend: currentSpend, box: box,
      method: "exact separable allocation on the expected response over \(count) posterior draws: concave "
        + "envelopes of the mean curves (refined upper hulls), bisection on the marginal-ROI multiplier, "
        + "1-D resolution of the one channel on a convex stretch")
  }

  /// Optimizes on the draws of `boot` (one entry per channel of `model`):
  /// draw b of channel c is β = coefDraws[b] with parameterDraws[b] (the
  /// model's transform parameters when there are none), as
  /// `BootstrapResponse` evaluates them.
  public static func optimize(
    _ model: MMMModel, draws boot: [ChannelBootstrap], currentSpend: [Double], options: BudgetAllocator.Options = .init()
  ) throws(MMMError) -> BudgetPlan {
    let m = model.input.channelCount
    guard boot.count == m else { throw .lengthMismatch(what: "posterior draws", expected: m, got: boot.count) }
    let draws = (0..<m).map { c in
      boot[c].coefDraws.indices.map { b in
        let p = BootstrapResponse.parameters(model, boot[c], channel: c, draw: b)
        return ChannelResponse(
          beta: boot[c].coefDraws[b], multiplier: MMMTransform.steadyStateMultiplier(kind: model.adstockKind, p),
          saturation: p.saturation)
      }
    }
    return try optimize(responseDraws: draws, channels: model.input.channels, currentSpend: currentSpend, options: options)
  }
}
