import FolioStats
import Foundation

/// A Bayesian MMM fit expressed in the DE model's currency units: every
/// posterior draw converted by `BayesianMMMDensity.currencyDraw`, an even
/// deterministic thinning of them for the blocks that evaluate curves per
/// draw, a posterior-mean point `MMMModel`, and per-channel summaries in the
/// bootstrap's shape (`ChannelBootstrap`), so response curves, marginal ROI,
/// plans and forecasts take the posterior the way they take resamples.
public struct BayesianMMMPosterior: Sendable {
  /// Thinned draws (at most `maxDraws`, evenly spaced over the chains
  /// concatenated in chain order: draw k of m is number ⌊k·N/m⌋ of N).
  public var draws: [BayesianMMMDraw]
  /// Every kept draw's ROI, `[channel][draw]`, chains concatenated: the
  /// intervals use all of them.
  public var roiDraws: [[Double]]
  /// Every kept draw's coefficient β (currency), `[channel][draw]`.
  public var coefficientDraws: [[Double]]
  /// Posterior means of θ (or Weibull k, λ), α, γ, β, intercept and control coefficients as
  /// one model (for decomposition charts and `{cv}`'s refits). A summary,
  /// not a draw: its ROI is the mean β's, not the mean ROI.
  public var pointModel: MMMModel

  /// A posterior from its parts (as stored by a cache).
  public init(draws: [BayesianMMMDraw], roiDraws: [[Double]], coefficientDraws: [[Double]], pointModel: MMMModel) {
    self.draws = draws
    self.roiDraws = roiDraws
    self.coefficientDraws = coefficientDraws
    self.pointModel = pointModel
  }

  /// Converts `fit` (geometric adstock, or Weibull over the 13-week window
  /// as `AdstockKind.weibullPDF`).
  /// - Parameters:
  ///   - input: the data the fit was made on.
  ///   - maxDraws: cap on `draws` (default 1000: curves and plans evaluate
  ///     every draw at every spend point, and 1000 keeps their Monte Carlo
  ///     error of a 90% interval end near 1% of the posterior sd).
  ///   - ridgeAlpha: recorded on the point model; `{cv}` refits the
  ///     regression per fold with it (default 10, the `{search}` default).
  /// - Throws: `MMMError.invalidOption` under a Weibull window other than
  ///   `MMMTransform.weibullWindow` weeks.
  public init(fit: BayesianMMM.Fit, input: MMMInput, maxDraws: Int = 1000, ridgeAlpha: Double = 10) throws(MMMError) {
    let density = fit.density
    let kind = try density.adstock.modelAdstock()
    var all: [BayesianMMMDraw] = []
    for chain in fit.draws.chains {
      for i in 0..<chain.count {
        all.append(try density.currencyDraw(at: chain.draws[(i * chain.dimension)..<((i + 1) * chain.dimension)], input: input))
      }
    }
    let total = all.count, kept = max(1, min(maxDraws, total))
    draws = (0..<kept).map { all[$0 * total / kept] }
    let channels = input.channelCount
    roiDraws = (0..<channels).map { c in all.map { $0.roi[c] } }
    coefficientDraws = (0..<channels).map { c in all.map { $0.coefficients[c] } }
    func mean(_ f: (BayesianMMMDraw) -> Double) -> Double { all.reduce(0) { $0 + f($1) } / Double(total) }
    let parameters = (0..<channels).map { c in
      ChannelParameters(
        theta: mean { $0.parameters[c].theta }, alpha: mean { $0.parameters[c].alpha }, gamma: mean { $0.parameters[c].gamma },
        shape: mean { $0.parameters[c].shape }, scale: mean { $0.parameters[c].scale })
    }
    pointModel = Self.pointModel(
      input, adstock: kind, parameters: parameters, intercept: mean(\.intercept),
      controlCoefficients: input.controls.indices.map { j in mean { $0.controlCoefficients[j] } },
      coefficients: (0..<channels).map { c in mean { $0.coefficients[c] } }, ridgeAlpha: ridgeAlpha)
  }

  /// An `MMMModel` with given parameters and coefficients (no regression
  /// is fitted): ŷ = intercept + Σ β_c·Hill_c(adstock_c) + Σ δ_j·control_j.
  /// The `ridge` record carries the coefficients, the features' means and
  /// population sds, and the standardized coefficients β·sd.
  public static func pointModel(
    _ input: MMMInput, adstock: AdstockKind = .geometric, parameters: [ChannelParameters], intercept: Double, controlCoefficients: [Double],
    coefficients: [Double], ridgeAlpha: Double
  ) -> MMMModel {
    let media = input.channels.indices.map { MMMTransform.transformed(input.spend[$0], kind: adstock, parameters[$0]) }
    let features = media + input.controls, all = coefficients + controlCoefficients
    let n = Double(input.weekCount)
    let means = features.map { $0.reduce(0, +) / n }
    let scales = features.indices.map { j -> Double in
      let sd = (features[j].reduce(0) { $0 + ($1 - means[j]) * ($1 - means[j]) } / n).squareRoot()
      return sd > 0 ? sd : 1
    }
    var fitted = [Double](repeating: intercept, count: input.weekCount)
    for (j, f) in features.enumerated() { for t in f.indices { fitted[t] += all[j] * f[t] } }
    let ridge = RidgeFit(
      intercept: intercept, coefficients: all, standardizedCoefficients: all.indices.map { all[$0] * scales[$0] },
      featureMeans: means, featureScales: scales, alpha: ridgeAlpha)
    return MMMModel(
      input: input, parameters: parameters, ridge: ridge, adstockKind: adstock, ridgeAlpha: ridgeAlpha,
      transformedSpend: media, fitted: fitted, metrics: MMMMetrics(actual: input.revenue, predicted: fitted))
  }

  /// Per-channel posterior summaries in the bootstrap's shape: `roi` is
  /// the posterior median ROI, `roiLow`/`roiHigh` the central `level`
  /// interval of all draws (type-7 quantiles, as `BayesianMMM.fit`),
  /// `roiSD` their sd; `coef` the posterior mean β with its interval and sd;
  /// `roiDraws`, `coefDraws`, `parameterDraws` the thinned draws (one index
  /// per draw across the three). `isSignificant` keeps its meaning,
  /// roiLow > 0.
  public func channelBootstraps(level: Double) -> [ChannelBootstrap] {
    let lo = (1 - level) / 2, hi = 1 - lo
    return pointModel.input.channels.indices.map { c in
      let roi = roiDraws[c], coef = coefficientDraws[c]
      let roiLow = ConvergenceDiagnostics.quantile(roi, lo)
      return ChannelBootstrap(
        channel: pointModel.input.channels[c], roi: ConvergenceDiagnostics.quantile(roi, 0.5), roiLow: roiLow,
        roiHigh: ConvergenceDiagnostics.quantile(roi, hi), roiSD: Self.sd(roi), coef: pointModel.mediaCoefficients[c],
        coefLow: ConvergenceDiagnostics.quantile(coef, lo), coefHigh: ConvergenceDiagnostics.quantile(coef, hi),
        coefSD: Self.sd(coef), isSignificant: roiLow > 0, roiDraws: draws.map { $0.roi[c] },
        coefDraws: draws.map { $0.coefficients[c] }, parameterDraws: draws.map { $0.parameters[c] })
    }
  }

  /// Sample sd (divisor N − 1); 0 for fewer than two values.
  static func sd(_ x: [Double]) -> Double {
    guard x.count > 1 else { return 0 }
    let m = x.reduce(0, +) / Double(x.count)
    return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
  }
}
