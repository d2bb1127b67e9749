import Foundation

/// Predicted weekly revenue of a fitted marketing-mix model under a future
/// spend plan ("what if we spend this for the next W weeks?").
///
/// For planned week t (0 ≤ t < W) the prediction is
/// ŷ[t] = β₀ + Σ_k δ_k·control_k[t] + Σ_c β_c·Hill_c(adstock_c(history_c ++ plan_c)[n + t]),
/// with the model's intercept β₀, control coefficients δ_k, media
/// coefficients β_c and transform parameters. The adstock runs over the
/// observed spend followed by the plan, so the first planned week already
/// carries the decayed pressure of the last observed weeks (the plan is taken
/// to start the week after the model's last week).
///
/// With bootstrap draws (`ChannelBootstrap`, one per channel) every resample b
/// is evaluated on the plan with its own media coefficient β_c,b and, when the
/// resample refitted them, its own transform parameters; the interval of a
/// quantity is the percentile interval of its B values (type-7 quantiles, as
/// `BootstrapROI`). The bootstrap records media effects only, so there the
/// baseline β₀ + Σ δ_k·control_k stays at the fitted model's in every draw.
///
/// With posterior draws (`baselineDraws`, a Bayesian fit's thinned
/// `BayesianMMMPosterior.draws`, in the order of the `ChannelBootstrap`
/// draws made from them) draw d also carries its own baseline,
/// ŷ_d[t] = β₀,d + Σ_k δ_k,d·control_k[t] + Σ_c β_c,d·Hill_c,d(adstock_c,d(…)),
/// and every point value (weekly prediction, baseline, contributions,
/// totals) is the posterior mean over the draws, so the interval and the
/// point describe the same distribution.
///
/// No week-level noise is added: the interval is for the expected revenue
/// given the model's uncertainty, not a prediction interval for one observed
/// week.
public struct MMMForecast: Sendable, Equatable {
  /// Predicted revenue per planned week (currency).
  public var predicted: [Double]
  /// Baseline (intercept + controls) per planned week.
  public var baseline: [Double]
  /// Media contribution per channel and planned week, `[channel][week]`.
  public var contributions: [[Double]]
  /// Percentile interval of the weekly prediction; NaN without bootstrap.
  public var low: [Double]
  public var high: [Double]
  /// Σ over planned weeks of the prediction, and its interval.
  public var total: Double
  public var totalLow: Double
  public var totalHigh: Double
  /// Σ over planned weeks of each channel's contribution, and its interval.
  public var channelTotals: [Double]
  public var channelTotalLow: [Double]
  public var channelTotalHigh: [Double]
  /// Number of bootstrap draws evaluated (0 without bootstrap).
  public var draws: Int
  /// Central interval level used.
  public var level: Double

  /// Number of planned weeks.
  public var weekCount: Int { predicted.count }

  /// Predicts revenue for `spend` (`[channel][week]`, in the model's channel
  /// order) with `controls` (`[control][week]`, in the model's control order).
  ///
  /// - Throws: `MMMError.lengthMismatch` (wrong channel/control count or
  ///   unequal plan lengths), `.tooFewWeeks` (an empty plan), `.nonFinite`,
  ///   `.negativeSpend` (week is 1-based within the plan),
  /// `baselineDraws` (only with `bootstrap`): the posterior draws the
  /// bootstrap's media draws were taken from, one per draw in the same order
  /// (each draw's β_c must equal the bootstrap's d-th coefficient).
  ///
  /// - Throws: as above, and `.invalidOption` (level ∉ (0, 1), bootstrap of
  ///   other channels, fewer than 2 draws, or baseline draws that are not the
  ///   bootstrap's draws).
  public static func predict(
    _ model: MMMModel, spend: [[Double]], controls: [[Double]], bootstrap: [ChannelBootstrap]? = nil,
    baselineDraws: [BayesianMMMDraw]? = nil, level: Double = 0.9
  ) throws(MMMError) -> MMMForecast {
    let input = model.input, m = input.channelCount
    guard spend.count == m else { throw .lengthMismatch(what: "plan channel list", expected: m, got: spend.count) }
    let w = spend.first?.count ?? 0
    guard w >= 1 else { throw .tooFewWeeks(needed: 1, got: 0, step: "a forecast") }
    for (c, s) in spend.enumerated() {
      if s.count != w { throw .lengthMismatch(what: "plan spend of \(input.channels[c])", expected: w, got: s.count) }
      for (t, v) in s.enumerated() {
        if !v.isFinite { throw .nonFinite(series: "plan spend of \(input.channels[c])", week: t + 1) }
        if v < 0 { throw .negativeSpend(channel: input.channels[c], week: t + 1, value: v) }
      }
    }
    guard controls.count == input.controlNames.count else {
      throw .lengthMismatch(what: "plan control list", expected: input.controlNames.count, got: controls.count)
    }
    for (k, s) in controls.enumerated() {
      if s.count != w { throw .lengthMismatch(what: "plan control \(input.controlNames[k])", expected: w, got: s.count) }
      for (t, v) in s.enumerated() where !v.isFinite { throw .nonFinite(series: "plan control \(input.controlNames[k])", week: t + 1) }
    }
    guard level > 0, level < 1 else { throw .invalidOption("forecast level must be between 0 and 1, got \(level)") }

    let baseline = Self.baseline(model.ridge.intercept, Array(model.ridge.coefficients.dropFirst(m)), controls, weeks: w)
    let beta = model.mediaCoefficients
    let features = (0..<m).map { c in planFeature(model, channel: c, spend[c], model.parameters[c]) }
    let contributions = (0..<m).map { c in features[c].map { beta[c] * $0 } }
    let predicted = (0..<w).map { t in contributions.reduce(baseline[t]) { $0 + $1[t] } }
    let channelTotals = contributions.map { $0.reduce(0, +) }
    let nan = [Double](repeating: .nan, count: w), nanC = [Double](repeating: .nan, count: m)
    var result = MMMForecast(
      predicted: predicted, baseline: baseline, contributions: contributions, low: nan, high: nan,
      total: predicted.reduce(0, +), totalLow: .nan, totalHigh: .nan, channelTotals: channelTotals,
      channelTotalLow: nanC, channelTotalHigh: nanC, draws: 0, level: level)
    guard let boot = bootstrap else { return result }

    guard boot.map(\.channel) == input.channels else {
      throw .invalidOption("the bootstrap is of other channels than the model")
    }
    let b = boot.map(\.coefDraws.count).min() ?? 0
    guard b >= 2 else { throw .invalidOption("a forecast interval needs at least 2 bootstrap draws, got \(b)") }
    if let posterior = baselineDraws {
      guard posterior.count == b, posterior.indices.allSatisfy({ d in
        posterior[d].controlCoefficients.count == controls.count && posterior[d].coefficients.count == m
          && (0..<m).allSatisfy { posterior[d].coefficients[$0] == boot[$0].coefDraws[d] }
      }) else { throw .invalidOption("the forecast's baseline draws are not the posterior draws of its media draws") }
    }
    // weekly[d][t]: draw d's prediction; channelDraws[c][d]: draw d's total of channel c.
    let baselines = baselineDraws.map { $0.map { Self.baseline($0.intercept, $0.controlCoefficients, controls, weeks: w) } }
    var weekly = baselines ?? [[Double]](repeating: baseline, count: b)
    var channelDraws = [[Double]](repeating: [Double](repeating: 0, count: b), count: m)
    var meanContributions = [[Double]](repeating: [Double](repeating: 0, count: w), count: m)
    for c in 0..<m {
      for d in 0..<b {
        let p = BootstrapResponse.parameters(model, boot[c], channel: c, draw: d)
        let base = p == model.parameters[c] ? features[c] : planFeature(model, channel: c, spend[c], p)
        var sum = 0.0
        for t in 0..<w {
          let y = boot[c].coefDraws[d] * base[t]
          weekly[d][t] += y
          meanContributions[c][t] += y / Double(b)
          sum += y
        }
        channelDraws[c][d] = sum
      }
    }
    if let baselines {
      // The point values are the posterior means of the same draws.
      result.baseline = (0..<w).map { t in baselines.reduce(0) { $0 + $1[t] } / Double(b) }
      result.contributions = meanContributions
      result.predicted = (0..<w).map { t in weekly.reduce(0) { $0 + $1[t] } / Double(b) }
      result.total = result.predicted.reduce(0, +)
      result.channelTotals = meanContributions.map { $0.reduce(0, +) }
    }
    let totals = weekly.map { $0.reduce(0, +) }
    for t in 0..<w {
      let i = BootstrapResponse.interval(weekly.map { $0[t] }, level: level)
      result.low[t] = i.low
      result.high[t] = i.high
    }
    (result.totalLow, result.totalHigh) = BootstrapResponse.interval(totals, level: level)
    for c in 0..<m {
      (result.channelTotalLow[c], result.channelTotalHigh[c]) = BootstrapResponse.interval(channelDraws[c], level: level)
    }
    result.draws = b
    return result
  }

  /// intercept + Σ_k δ_k·controls[k][t] for each planned week t.
  static func baseline(_ intercept: Double, _ delta: [Double], _ controls: [[Double]], weeks w: Int) -> [Double] {
    (0..<w).map { t in controls.indices.reduce(intercept) { $0 + delta[$1] * controls[$1][t] } }
  }

  /// Hill(adstock(history ++ plan)) of channel c over the planned weeks only.
  static func planFeature(_ model: MMMModel, channel c: Int, _ plan: [Double], _ p: ChannelParameters) -> [Double] {
    let series = model.input.spend[c] + plan
    return Array(MMMTransform.transformed(series, kind: model.adstockKind, p).suffix(plan.count))
  }
}
