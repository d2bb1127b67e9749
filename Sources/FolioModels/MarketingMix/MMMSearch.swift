import Foundation
import FolioStats

/// The hyperparameter search of the marketing-mix model: differential
/// evolution (nevergrad's TwoPointsDE, `DifferentialEvolution`) over every
/// channel's transform parameters, each ridge refitted per candidate.
///
/// Each parameter is searched as v ∈ [−5, 5] and mapped by the logistic
/// sigmoid σ(v) = 1/(1 + e^{−v}) onto its range:
/// - geometric: θ = 0.95σ ∈ [0, 0.95], α = 0.5 + 2.5σ ∈ [0.5, 3],
///   γ = σ·max weekly spend of the channel ∈ [0, max spend];
/// - Weibull (either form): shape = 0.5 + 4.5σ ∈ [0.5, 5], scale = σ ∈
///   [0, 1] (of the 13-week window), α and γ as above. `{search}` offers
///   only the CDF form; the pdf form (`weibullPDF`) is searched the same way
///   when a caller asks for it.
/// The vector is laid out channel by channel: (θ, α, γ) or (shape, scale, α, γ).
///
/// Loss = 1 − R² + 10·Σ_c min(v_c, 0)², with v_c the *standardized* media
/// coefficients (sklearn's `coef_` on scaled features): a soft constraint
/// that media does not destroy revenue. R² is in-sample over the weeks with
/// positive weight.
public enum MMMSearch {
  /// Search settings.
  public struct Options: Sendable, Equatable {
    /// Objective evaluations (default 500).
    public var budget: Int
    /// DE seed; equal seeds give equal searches.
    public var seed: UInt64
    /// Ridge penalty α (default 10).
    public var ridgeAlpha: Double
    /// Adstock family (default geometric).
    public var adstock: AdstockKind
    /// DE population size (nil: nevergrad's 30).
    public var populationSize: Int?
    /// Weight of the negative-coefficient penalty (default 10).
    public var negativeCoefficientPenalty: Double

    public init(
      budget: Int = 500, seed: UInt64 = 0, ridgeAlpha: Double = 10, adstock: AdstockKind = .geometric,
      populationSize: Int? = nil, negativeCoefficientPenalty: Double = 10
    ) {
      self.budget = budget
      self.seed = seed
      self.ridgeAlpha = ridgeAlpha
      self.adstock = adstock
      self.populationSize = populationSize
      self.negativeCoefficientPenalty = negativeCoefficientPenalty
    }
  }

  /// Number of searched coordinates per channel (3 geometric, 4 Weibull).
  public static func parametersPerChannel(_ kind: AdstockKind) -> Int { kind == .geometric ? 3 : 4 }

  /// Maps a search vector in [−5, 5]^d to channel parameters (see the type
  /// doc for the ranges). `maxSpend` is each channel's max weekly spend.
  /// Missing coordinates (a vector shorter than channels × per-channel
  /// count) read as 0, the middle of each range.
  public static func decode(_ v: [Double], adstock: AdstockKind, maxSpend: [Double]) -> [ChannelParameters] {
    let k = parametersPerChannel(adstock)
    let v = v.count >= k * maxSpend.count ? v : v + [Double](repeating: 0, count: k * maxSpend.count - v.count)
    func s(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    return maxSpend.indices.map { c in
      let o = c * k
      switch adstock {
      case .geometric:
        return ChannelParameters(theta: 0.95 * s(v[o]), alpha: 0.5 + 2.5 * s(v[o + 1]), gamma: maxSpend[c] * s(v[o + 2]))
      case .weibull, .weibullPDF:
        return ChannelParameters(
          theta: 0, alpha: 0.5 + 2.5 * s(v[o + 2]), gamma: maxSpend[c] * s(v[o + 3]),
          shape: 0.5 + 4.5 * s(v[o]), scale: s(v[o + 1]))
      }
    }
  }

  /// Runs the search and fits the final model at the best parameters.
  ///
  /// - Parameters:
  ///   - weights: optional per-week weights (bootstrap counts); nil = all 1.
  ///   - progress: (done, total, best loss) after every evaluation.
  /// - Throws: `MMMError.invalidOption` for a budget < 1; fit errors.
  public static func run(
    _ input: MMMInput, options: Options = Options(), weights: [Double]? = nil,
    progress: ((_ done: Int, _ total: Int, _ best: Double) -> Void)? = nil
  ) throws(MMMError) -> MMMSearchResult {
    guard options.budget >= 1 else { throw .invalidOption("search budget must be at least 1, got \(options.budget)") }
    guard options.ridgeAlpha >= 0 else { throw .invalidOption("ridge alpha must be ≥ 0, got \(options.ridgeAlpha)") }
    let objective = try MMMObjective(input, adstock: options.adstock, ridgeAlpha: options.ridgeAlpha,
                                     weights: weights, penalty: options.negativeCoefficientPenalty)
    let dim = input.channelCount * parametersPerChannel(options.adstock)
    let de = DifferentialEvolution.minimize(
      dimension: dim,
      options: .init(budget: options.budget, populationSize: options.populationSize, lower: [-5], upper: [5], seed: options.seed),
      progress: progress, objective: { objective.loss($0) })
    let params = decode(de.best, adstock: options.adstock, maxSpend: input.maxWeeklySpend)
    let model = try MMMModel.fit(input, parameters: params, adstock: options.adstock, ridgeAlpha: options.ridgeAlpha,
                                 weights: weights)
    return MMMSearchResult(model: model, loss: de.bestLoss, history: de.history, evaluations: de.evaluations,
                           searchVector: de.best)
  }
}

/// The outcome of `MMMSearch.run`.
public struct MMMSearchResult: Sendable, Equatable {
  /// The model refitted at the best hyperparameters.
  public var model: MMMModel
  /// The best loss 1 − R² + penalty.
  public var loss: Double
  /// Best-so-far loss after each evaluation (the convergence curve).
  public var history: [Double]
  /// Evaluations made.
  public var evaluations: Int
  /// The best point in the [−5, 5] search space.
  public var searchVector: [Double]
}
