import Foundation

/// Response, marginal ROI and plan lift under each bootstrap resample, so a
/// report can give them intervals instead of single numbers.
///
/// Resample b's weekly response of channel c at constant weekly spend s is
/// β_c,b·Hill_c,b(s·m_c,b), with the resample's coefficient and (with
/// `refit`) its own transform parameters; without refit the transforms are
/// the model's, so only β varies.
public enum BootstrapResponse {
  /// Channel c's parameters in resample b.
  static func parameters(_ model: MMMModel, _ boot: ChannelBootstrap, channel c: Int, draw b: Int) -> ChannelParameters {
    boot.parameterDraws.indices.contains(b) ? boot.parameterDraws[b] : model.parameters[c]
  }

  /// β·Hill(s·m) of channel c at weekly spend `s` in every resample. Currency per week.
  public static func responseDraws(_ model: MMMModel, _ boot: ChannelBootstrap, channel c: Int, weeklySpend s: Double) -> [Double] {
    boot.coefDraws.indices.map { b in
      let p = parameters(model, boot, channel: c, draw: b)
      let m = MMMTransform.steadyStateMultiplier(kind: model.adstockKind, p)
      return boot.coefDraws[b] * p.saturation.apply(s * m)
    }
  }

  /// d response / d s of channel c at weekly spend `s` in every resample (marginal ROI).
  public static func marginalROIDraws(_ model: MMMModel, _ boot: ChannelBootstrap, channel c: Int, weeklySpend s: Double) -> [Double] {
    boot.coefDraws.indices.map { b in
      let beta = boot.coefDraws[b]
      if beta == 0 { return 0 }
      let p = parameters(model, boot, channel: c, draw: b)
      let m = MMMTransform.steadyStateMultiplier(kind: model.adstockKind, p)
      return beta * m * p.saturation.derivative(s * m)
    }
  }

  /// Σ_c [response_b(recommended_c) − response_b(current_c)] for every
  /// resample b: the plan's weekly lift as each resample's model sees it.
  /// `boot` is parallel to the model's channels.
  public static func liftDraws(_ model: MMMModel, _ boot: [ChannelBootstrap], current: [Double], recommended: [Double]) -> [Double] {
    let draws = boot.map(\.coefDraws.count).min() ?? 0
    var lift = [Double](repeating: 0, count: draws)
    for c in boot.indices {
      let after = responseDraws(model, boot[c], channel: c, weeklySpend: recommended[c])
      let before = responseDraws(model, boot[c], channel: c, weeklySpend: current[c])
      for b in 0..<draws { lift[b] += after[b] - before[b] }
    }
    return lift
  }

  /// The central `level` interval of `draws` (type-7 quantiles, as `BootstrapROI`).
  public static func interval(_ draws: [Double], level: Double) -> (low: Double, high: Double) {
    let q = (1 - level) / 2
    return (BootstrapROI.quantile(draws, q), BootstrapROI.quantile(draws, 1 - q))
  }

  /// The share of draws above 0 (NaN draws left out); NaN for no draws.
  public static func probabilityPositive(_ draws: [Double]) -> Double {
    let finite = draws.filter { !$0.isNaN }
    return finite.isEmpty ? .nan : Double(finite.filter { $0 > 0 }.count) / Double(finite.count)
  }
}
