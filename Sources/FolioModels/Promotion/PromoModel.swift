/// A fitted hierarchical promotion model: the panel it was trained on, the
/// flat parameter vector (see `PromoParameterLayout`) and how training went.
///
/// Predictions are reported unscaled (sales and volume in the data's units).
/// In-sample weeks use the observed y[t−1] as lag (teacher forcing, as in
/// training); holdout weeks run the lag recursively from the last training
/// week, as planning does, so the holdout fit is a genuine multi-week forecast.
public struct PromoModel: Sendable {
  public let panel: PromoPanel
  public let parameters: [Double]
  public let settings: PromoTrainingSettings
  /// Adam steps taken, and the step whose parameters were kept.
  public let epochsRun: Int
  public let bestEpoch: Int
  /// Penalized training loss and unpenalized holdout loss (scaled units) at `bestEpoch`.
  public let trainingLoss: Double
  public let holdoutLoss: Double

  public init(
    panel: PromoPanel, parameters: [Double], settings: PromoTrainingSettings, epochsRun: Int,
    bestEpoch: Int, trainingLoss: Double, holdoutLoss: Double
  ) {
    self.panel = panel
    self.parameters = parameters
    self.settings = settings
    self.epochsRun = epochsRun
    self.bestEpoch = bestEpoch
    self.trainingLoss = trainingLoss
    self.holdoutLoss = holdoutLoss
  }

  public var layout: PromoParameterLayout { panel.layout }

  /// SKU `s`'s effective quantities.
  public func effects(sku s: Int) -> PromoSKUEffects { PromoSKUEffects(parameters, layout: layout, sku: s) }

  /// Fitted sales and volume, unscaled, SKU-major like the panel; week 0 of
  /// each SKU has no lag and is NaN.
  public func fitted() -> (sales: [Double], volume: [Double]) {
    let P = panel, T = P.weeks, k = P.promoTypes, p = P.macroVariables
    var ys = [Double](repeating: .nan, count: P.sales.count), vs = ys
    for s in 0..<P.skus {
      let e = effects(sku: s)
      var lagged = P.sales[s * T]
      for t in 1..<T {
        let row = s * T + t
        if t <= P.trainingWeeks { lagged = P.sales[row - 1] }
        let y = e.predict(
          lagged: lagged, time: P.timeScale * Double(t), macro: P.macro[(row * p)..<(row * p + p)],
          discounts: P.discounts[(row * k)..<(row * k + k)])
        ys[row] = y * P.salesScale[s]
        vs[row] = (e.volumeSlope * y + e.volumeIntercept) * P.volumeScale[s]
        lagged = y
      }
    }
    return (ys, vs)
  }

  /// Fit on the holdout weeks (recursive forecast), unscaled sales pooled
  /// over SKU × week: R² = 1 − SSE/SST around the holdout mean, and MAPE in
  /// percent (rows with zero sales are skipped in MAPE).
  public func holdoutFit() -> (r2: Double, mape: Double) {
    let P = panel, T = P.weeks
    let f = fitted().sales
    var actual: [Double] = [], predicted: [Double] = []
    for s in 0..<P.skus {
      for t in P.trainingWeeks..<T {
        actual.append(P.sales[s * T + t] * P.salesScale[s])
        predicted.append(f[s * T + t])
      }
    }
    return Self.fitStatistics(actual: actual, predicted: predicted)
  }

  /// R² and MAPE (percent) of `predicted` against `actual`.
  public static func fitStatistics(actual: [Double], predicted: [Double]) -> (r2: Double, mape: Double) {
    guard !actual.isEmpty else { return (.nan, .nan) }
    let mean = actual.reduce(0, +) / Double(actual.count)
    var sse = 0.0, sst = 0.0, ape = 0.0, nape = 0
    for i in 0..<actual.count {
      sse += (actual[i] - predicted[i]) * (actual[i] - predicted[i])
      sst += (actual[i] - mean) * (actual[i] - mean)
      if actual[i] != 0 {
        ape += abs((actual[i] - predicted[i]) / actual[i])
        nape += 1
      }
    }
    return (1 - sse / sst, nape > 0 ? 100 * ape / Double(nape) : .nan)
  }

  /// Mean over all weeks of the marginal effect ∂ŷ/∂d_k (sales per unit of
  /// discount spend in the same week) for SKU `s` and promo type `k`.
  public func meanMarginalEffect(sku s: Int, type k: Int) -> Double {
    let P = panel, T = P.weeks, p = P.macroVariables
    let e = effects(sku: s)
    var total = 0.0
    for t in 0..<T {
      let row = s * T + t
      total += e.marginalEffect(type: k, macro: P.macro[(row * p)..<(row * p + p)])
    }
    return total / Double(T)
  }
}
