import Foundation

/// Lift-test calibration of `BayesianMMMDensity` (issue 17 part 4).
///
/// The model's implied lift for a test on channel c over weeks f … ℓ is
///   Δ = ȳ · β̃ · Σ_{t=f}^{ℓ} (hₜ − h⁰ₜ),
/// the model's revenue over the test weeks with the channel's actual spend
/// minus the same with its spend set to zero in weeks f … ℓ (everything
/// else, including the channel's spend before f, unchanged); hₜ is the
/// saturated adstock with actual spend, h⁰ₜ with the counterfactual spend,
/// β̃ the channel's coefficient (held at its value on the actual data).
/// Carry-over: spend before f reaches both series equally and cancels;
/// spend in early test weeks carried into later test weeks is counted;
/// carry-over after ℓ is not counted, as an experiment that measures over
/// its own weeks does not see it. Saturation is evaluated on the actual
/// series, so a test on a saturated channel implies less lift than its
/// average ROI would.
///
/// How the others do it: PyMC-Marketing's `add_lift_test_measurements`
/// takes (spend level x, spend change Δx, revenue change Δy, σ) and
/// compares Δy with the saturation curve's rise from x to x + Δx, with no
/// adstock and no weeks (a steady-state lift); Robyn compares the lift with
/// the channel's decomposed contribution over the study window (its
/// "immediate" scope leaves carry-over out, "total" counts it). Folio's
/// definition is the full time-series counterfactual over the window: it
/// keeps adstock within the window and saturation at the spend actually
/// seen, and counts neither spend before the test nor effects after it.
///
/// Likelihood, per test: Normal(measured | Δ, se²), in scaled units
/// (measured/ȳ, se/ȳ) so the added log density is −½((m − Δ)/se)².
extension BayesianMMMDensity {
  /// The model's implied lift (currency) of `test` at the unconstrained
  /// point `q`: see the extension's documentation. Also valid for a test not
  /// given to the density (for model-versus-experiment charts), provided its
  /// channel and weeks are in range.
  public func impliedLift(_ test: MMMLiftTest, at q: [Double]) -> Double {
    let c = test.channel, n = y.count, blocks = 1 + layout.shapeParameters
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: blocks * n) { scratch in
      let own = ChannelBlocks(weeks: n, base: scratch.baseAddress!)
      let s = channelState(c, q, own)
      return revenueScale * s.beta * liftPieces(test, q, actual: own).difference
    }
  }

  /// Σ_{t=f}^{ℓ} (hₜ − h⁰ₜ) and its derivatives in channel c's shape
  /// coordinates, given the actual series (and derivatives) in `actual`.
  func liftPieces(_ test: MMMLiftTest, _ q: [Double], actual: ChannelBlocks) -> (
    difference: Double, derivative: SIMD4<Double>
  ) {
    let c = test.channel, f = test.firstWeek, last = test.lastWeek, weeks = last + 1
    let p = layout.shapeParameters
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: (2 + p) * weeks) { scratch in
      let spend = scratch.baseAddress!
      x[c].withUnsafeBufferPointer { xs in
        for t in 0..<weeks { spend[t] = t >= f ? 0 : xs[t] }
      }
      let counter = ChannelBlocks(weeks: weeks, base: spend + weeks)
      _ = saturatedMedia(c, q, spend: spend, weeks: weeks, into: counter)
      var difference = 0.0, derivative = SIMD4<Double>(repeating: 0)
      for t in f...last {
        difference += actual.block(0)[t] - counter.block(0)[t]
        for k in 0..<p { derivative[k] += actual.block(1 + k)[t] - counter.block(1 + k)[t] }
      }
      return (difference, derivative)
    }
  }

  /// Adds every lift test's log likelihood and its gradient (before the
  /// baseline rescaling of `evaluate`, which lift terms do not touch).
  func liftLogLikelihood(_ q: [Double], _ states: [ChannelState], _ work: ChannelWork, _ g: inout [Double]) -> Double {
    var lp = 0.0
    let L = layout
    for test in liftTests {
      let c = test.channel, s = states[c]
      let pieces = liftPieces(test, q, actual: work.channel(c))
      let implied = s.beta * pieces.difference
      let measured = test.incrementalRevenue / revenueScale, se = test.standardError / revenueScale
      let r = (measured - implied) / se
      lp += -0.5 * r * r
      let dImplied = r / se  // ∂lp/∂implied
      // implied = β̃ D. Shape k: β̃ D′ₖ, plus −β̃ D S′ₖ/S in the ROI form
      // (β̃ ∝ 1/S); log effect: β̃ D.
      for k in 0..<L.shapeParameters {
        var d = s.beta * pieces.derivative[k]
        if s.roiParameterized, s.sumH > 0 { d -= implied * s.sumD[k] / s.sumH }
        g[L.shape(c, k)] += dImplied * d
      }
      g[L.logMediaEffect(c)] += dImplied * implied
    }
    return lp
  }
}
