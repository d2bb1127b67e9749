/// Forecasts over a planning horizon after the last observed week.
///
/// Planning assumptions (documented in the report): the horizon's weeks
/// follow the data's last week; macro variables are held at their last
/// observed values; the trend continues (t = weeks, weeks+1, …); the lag runs
/// recursively from the last observed sales; a plan spends `D[s·K + k]` in
/// total over the horizon on SKU s and promo type k, evenly, `D/H` a week.
/// With the model frozen, horizon sales and volume are then exactly affine in
/// D: the uplift enters linearly and the lag recursion keeps it affine.
extension PromoModel {
  /// Per-SKU horizon totals (unscaled) at zero spend and their exact slopes
  /// per unit of total horizon spend: `sales(D)_s = baseSales[s] + Σ_k
  /// salesSlope[s·K+k]·D[s·K+k]`, likewise volume.
  public struct HorizonResponse: Sendable, Equatable {
    public var weeks: Int
    public var baseSales: [Double]
    public var salesSlope: [Double]
    public var baseVolume: [Double]
    public var volumeSlope: [Double]

    public init(weeks: Int, baseSales: [Double], salesSlope: [Double], baseVolume: [Double], volumeSlope: [Double]) {
      self.weeks = weeks
      self.baseSales = baseSales
      self.salesSlope = salesSlope
      self.baseVolume = baseVolume
      self.volumeSlope = volumeSlope
    }

    /// Per-SKU horizon totals under plan D by the affine map itself.
    public func totals(spend D: [Double]) -> (sales: [Double], volume: [Double]) {
      let k = salesSlope.count / max(1, baseSales.count)
      var sales = baseSales, volume = baseVolume
      for s in 0..<baseSales.count {
        for j in 0..<k {
          sales[s] += salesSlope[s * k + j] * D[s * k + j]
          volume[s] += volumeSlope[s * k + j] * D[s * k + j]
        }
      }
      return (sales, volume)
    }
  }

  /// The affine horizon response, derived by propagating the recursion's
  /// derivative (D_t = lag·M·D_{t−1} + R·cd_k, exact, no differencing).
  public func horizonResponse(weeks H: Int) -> HorizonResponse {
    let P = panel, K = P.promoTypes
    var out = HorizonResponse(weeks: H, baseSales: [], salesSlope: [], baseVolume: [], volumeSlope: [])
    let zero = [Double](repeating: 0, count: K)
    for s in 0..<P.skus {
      let e = effects(sku: s)
      let x = lastMacro(sku: s)
      let (m, r) = e.multipliers(macro: x[...])
      let mp = m.reduce(1, *), rp = r.reduce(1, *)
      let base = recursion(sku: s, weeks: H, weeklyScaledSpend: zero)
      out.baseSales.append(base.reduce(0, +) * P.salesScale[s])
      out.baseVolume.append((e.volumeSlope * base.reduce(0, +) + Double(H) * e.volumeIntercept) * P.volumeScale[s])
      for k in 0..<K {
        // Derivative of Σ_t y_t (scaled) w.r.t. the scaled weekly spend.
        var dPrev = 0.0, total = 0.0
        for _ in 0..<H {
          dPrev = e.lag * mp * dPrev + rp * e.uplift[k]
          total += dPrev
        }
        // Unscaled: weekly spend = D/H, scaled by salesScale; sales unscaled ×salesScale.
        out.salesSlope.append(total / Double(H))
        out.volumeSlope.append(e.volumeSlope * total / Double(H) * P.volumeScale[s] / P.salesScale[s])
      }
    }
    return out
  }

  /// Per-SKU horizon totals of sales and volume (unscaled) under plan `D`
  /// (total spend per SKU × type), by running the model's recursion in
  /// double precision: the independent re-check of the LP's affine map.
  public func horizonTotals(weeks H: Int, spend D: [Double]) -> (sales: [Double], volume: [Double]) {
    let P = panel, K = P.promoTypes
    var sales: [Double] = [], volume: [Double] = []
    for s in 0..<P.skus {
      let e = effects(sku: s)
      let weekly = (0..<K).map { D[s * K + $0] / Double(H) / P.salesScale[s] }
      let path = recursion(sku: s, weeks: H, weeklyScaledSpend: weekly)
      let total = path.reduce(0, +)
      sales.append(total * P.salesScale[s])
      volume.append((e.volumeSlope * total + Double(H) * e.volumeIntercept) * P.volumeScale[s])
    }
    return (sales, volume)
  }

  /// The current plan: per SKU × type, H × the mean weekly spend over the last
  /// H weeks of the data (all weeks when H exceeds them), unscaled.
  public func currentPlan(weeks H: Int) -> [Double] {
    let P = panel, T = P.weeks, K = P.promoTypes
    let span = min(H, T)
    var D = [Double](repeating: 0, count: P.skus * K)
    for s in 0..<P.skus {
      for k in 0..<K {
        var sum = 0.0
        for t in (T - span)..<T { sum += P.discounts[(s * T + t) * K + k] * P.salesScale[s] }
        D[s * K + k] = Double(H) * sum / Double(span)
      }
    }
    return D
  }

  private func lastMacro(sku s: Int) -> [Double] {
    let P = panel, p = P.macroVariables, row = s * P.weeks + P.weeks - 1
    return Array(P.macro[(row * p)..<(row * p + p)])
  }

  /// Scaled weekly sales over the horizon for constant scaled weekly spend.
  private func recursion(sku s: Int, weeks H: Int, weeklyScaledSpend d: [Double]) -> [Double] {
    let P = panel, e = effects(sku: s), x = lastMacro(sku: s)
    var lagged = P.sales[s * P.weeks + P.weeks - 1]
    var out: [Double] = []
    for h in 0..<H {
      let y = e.predict(lagged: lagged, time: P.timeScale * Double(P.weeks + h), macro: x[...], discounts: d[...])
      out.append(y)
      lagged = y
    }
    return out
  }
}
