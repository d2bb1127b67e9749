import FolioStats

/// A fitted marketing-mix model: per channel adstock + Hill transforms of
/// spend, then a ridge regression of weekly revenue on the transformed media
/// and the controls.
///
/// ŷ[t] = β₀ + Σ_c β_c·Hill_c(adstock_c(spend_c)[t]) + Σ_k δ_k·control_k[t].
/// The media contribution of channel c in week t is β_c·Hill_c(…)[t]
/// (currency), its ROI is Σ_t contribution / Σ_t spend (currency returned
/// per currency spent; NaN for a channel that never spent).
public struct MMMModel: Sendable, Equatable {
  /// The data the model was fitted on.
  public var input: MMMInput
  /// Transform hyperparameters, one per channel.
  public var parameters: [ChannelParameters]
  /// The ridge on [media features | controls], in that column order.
  public var ridge: RidgeFit
  /// The adstock family used.
  public var adstockKind: AdstockKind
  /// The ridge penalty α.
  public var ridgeAlpha: Double
  /// Hill(adstock(spend)), `[channel][week]`, each in [0, 1].
  public var transformedSpend: [[Double]]
  /// ŷ per week, over all weeks.
  public var fitted: [Double]
  /// In-sample fit metrics (over the weeks with positive weight).
  public var metrics: MMMMetrics

  /// Fits the ridge for fixed transform hyperparameters.
  ///
  /// - Parameters:
  ///   - weights: optional per-week weights (bootstrap counts or a 0/1
  ///     training mask). Transforms always run over the whole series in time
  ///     order (adstock only looks back), then weeks are weighted in the fit.
  /// - Throws: `MMMError.invalidParameter` (wrong parameter count, θ ∉ [0,1),
  ///   α ≤ 0, γ < 0), ridge errors.
  public static func fit(
    _ input: MMMInput, parameters: [ChannelParameters], adstock: AdstockKind = .geometric,
    ridgeAlpha: Double = 10, weights: [Double]? = nil
  ) throws(MMMError) -> MMMModel {
    try validate(parameters, channels: input.channelCount)
    let media = (0..<input.channelCount).map {
      MMMTransform.transformed(input.spend[$0], kind: adstock, parameters[$0])
    }
    let x = Matrix(columns: media + input.controls)
    let ridge = try RidgeRegression.fit(features: x, target: input.revenue, alpha: ridgeAlpha, weights: weights)
    let fitted = ridge.predict(x)
    let metrics: MMMMetrics
    if let w = weights {
      let kept = input.revenue.indices.filter { w[$0] > 0 }
      metrics = MMMMetrics(actual: kept.map { input.revenue[$0] }, predicted: kept.map { fitted[$0] })
    } else {
      metrics = MMMMetrics(actual: input.revenue, predicted: fitted)
    }
    return MMMModel(
      input: input, parameters: parameters, ridge: ridge, adstockKind: adstock, ridgeAlpha: ridgeAlpha,
      transformedSpend: media, fitted: fitted, metrics: metrics)
  }

  static func validate(_ parameters: [ChannelParameters], channels: Int) throws(MMMError) {
    guard parameters.count == channels else {
      throw .invalidParameter("\(parameters.count) parameter sets for \(channels) channels")
    }
    for (c, p) in parameters.enumerated() {
      guard p.theta >= 0, p.theta < 1 else { throw .invalidParameter("channel \(c + 1): theta \(p.theta) is outside [0, 1)") }
      guard p.alpha > 0, p.alpha.isFinite else { throw .invalidParameter("channel \(c + 1): alpha \(p.alpha) must be > 0") }
      guard p.gamma >= 0, p.gamma.isFinite else { throw .invalidParameter("channel \(c + 1): gamma \(p.gamma) must be ≥ 0") }
      guard p.shape >= 0, p.scale >= 0, p.scale <= 1 else {
        throw .invalidParameter("channel \(c + 1): Weibull shape must be ≥ 0 and scale in [0, 1]")
      }
    }
  }

  // MARK: - Derived quantities

  /// Media coefficients β_c (currency per unit of Hill output, i.e. the
  /// revenue at full saturation), one per channel.
  public var mediaCoefficients: [Double] { Array(ridge.coefficients.prefix(input.channelCount)) }

  /// Standardized media coefficients (what the search's sign penalty sees).
  public var standardizedMediaCoefficients: [Double] {
    Array(ridge.standardizedCoefficients.prefix(input.channelCount))
  }

  /// Contribution β_c·feature_c[t], `[channel][week]`, currency.
  public var contributions: [[Double]] {
    let b = mediaCoefficients
    return transformedSpend.enumerated().map { c, f in f.map { b[c] * $0 } }
  }

  /// Baseline per week: intercept plus control effects (ŷ minus media).
  public var baseline: [Double] {
    let contrib = contributions
    return fitted.indices.map { t in fitted[t] - contrib.reduce(0) { $0 + $1[t] } }
  }

  /// Σ contribution / Σ spend per channel (NaN when a channel never spent).
  public var roi: [Double] {
    let b = mediaCoefficients
    return (0..<input.channelCount).map { c in
      let spend = input.spend[c].reduce(0, +)
      return spend > 0 ? b[c] * transformedSpend[c].reduce(0, +) / spend : .nan
    }
  }

  public var r2: Double { metrics.r2 }
  public var rmse: Double { metrics.rmse }
  public var mae: Double { metrics.mae }
  public var mape: Double { metrics.mape }
  public var nrmse: Double { metrics.nrmse }

  /// The steady-state adstock multiplier of channel c: 1/(1 − θ) (geometric)
  /// or Σ wₖ (Weibull; 1 for the normalized Weibull pdf).
  public func steadyStateMultiplier(channel c: Int) -> Double {
    MMMTransform.steadyStateMultiplier(kind: adstockKind, parameters[c])
  }

  /// Weekly revenue contributed by channel c at a constant weekly spend s:
  /// β_c·Hill_c(s·m_c) with m_c the steady-state multiplier. Currency per week.
  public func response(channel c: Int, weeklySpend s: Double) -> Double {
    mediaCoefficients[c] * parameters[c].saturation.apply(s * steadyStateMultiplier(channel: c))
  }

  /// d response / d s = β_c·m_c·Hill′(s·m_c): revenue from the next unit of
  /// weekly spend (marginal ROI). +∞ at s = 0 when α < 1 and β > 0.
  public func marginalROI(channel c: Int, weeklySpend s: Double) -> Double {
    let m = steadyStateMultiplier(channel: c)
    let b = mediaCoefficients[c]
    if b == 0 { return 0 }
    return b * m * parameters[c].saturation.derivative(s * m)
  }

  /// Adstock decay weights of channel c for lags 0..<lags (for decay charts).
  public func decayWeights(channel c: Int, lags: Int = 13) -> [Double] {
    let p = parameters[c]
    switch adstockKind {
    case .geometric: return (0..<lags).map { GeometricAdstock(theta: p.theta).weight(lag: $0) }
    case .weibull:
      let w = WeibullAdstock(shape: p.shape, scale: p.scale, maxLag: MMMTransform.weibullWindow).weights
      return (0..<lags).map { $0 < w.count ? w[$0] : 0 }
    case .weibullPDF:
      let w = WeibullPDFAdstock(shape: p.shape, scale: p.scale, maxLag: MMMTransform.weibullWindow).weights
      return (0..<lags).map { $0 < w.count ? w[$0] : 0 }
    }
  }
}
