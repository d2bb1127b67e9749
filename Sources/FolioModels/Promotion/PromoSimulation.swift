import FolioData
import FolioStats
import Foundation

/// Weekly promotion data simulated from the promotion model itself with known
/// parameters, for tests, the benchmark and the shipped notebook data.
///
/// Shape (issue 6): 3 brands × 2 price segments × 2 pack types × 2 sizes = 24
/// SKUs, 104 weeks, 3 promo types (TPR, DISPLAY, FEATURE), 2 macro variables
/// (standardized AR(1) indices shared by all SKUs), 3% multiplicative noise
/// on sales and volume. SKU s has a sales level `L_s` (currency per week) and
/// unit price `price_s`; the true model runs in units of `L_s` with time
/// scale a = 1/(weeks − holdout) and the observed y[t−1] as lag:
/// `sales_t = L_s·ŷ_t·(1 + 0.03ε)`, `volume_t = (L_s/price_s)·v̂_t·(1 + 0.03ε')`.
/// Each promo type runs in a week with probability 0.3, spending
/// `L_s·U(0.03, 0.12)`. True uplift σ(wd): TPR 0.5, DISPLAY 0.85, FEATURE 0.1
/// (SKU deviations σ(wd^h) ≈ 0.5 ± 0.1), ROI weights wr ≈ 0.25 per type.
public struct PromoSimulation: Sendable {
  public static let brands = ["Aurora", "Borealis", "Cirrus"]
  public static let segments = ["Value", "Premium"]
  public static let packs = ["Bottle", "Can"]
  public static let sizes = ["Small", "Large"]
  public static let promoTypes = ["TPR", "DISPLAY", "FEATURE"]
  public static let macroNames = ["CONSUMER_CONFIDENCE", "FUEL_PRICE"]

  /// The simulated, scaled panel (scales from the data, as a user's would be).
  public let panel: PromoPanel
  /// The true parameters, in the layout of `panel.layout`, in units of `L_s`.
  public let truth: [Double]
  /// SKU sales levels L_s and unit prices.
  public let levels: [Double]
  public let prices: [Double]
  /// Unscaled SKU-major arrays as they appear in the data.
  public let sales: [Double], volume: [Double], discounts: [Double]

  /// Simulates `weeks` weeks (the last `holdout` form the time holdout) from `seed`.
  public init(seed: UInt64 = 20_260_601, weeks: Int = 104, holdout: Int = 13, noise: Double = 0.03) throws(PromoError) {
    var rng = SplitMix64(seed: seed)
    var skuNames: [String] = [], hierarchy: [[String]] = []
    var levels: [Double] = [], prices: [Double] = []
    for b in Self.brands {
      for g in Self.segments {
        for pk in Self.packs {
          for z in Self.sizes {
            skuNames.append("\(b.prefix(3).uppercased())-\(g.prefix(1))\(pk.prefix(1))\(z.prefix(1))")
            hierarchy.append([b, g, pk, z])
            levels.append((z == "Large" ? 9000 : 5000) * (g == "Premium" ? 0.7 : 1.2) * (0.8 + 0.4 * rng.uniform()))
            prices.append((g == "Premium" ? 3.5 : 2.0) * (z == "Large" ? 1.8 : 1) * (pk == "Can" ? 0.9 : 1))
          }
        }
      }
    }
    let K = Self.promoTypes.count, P = Self.macroNames.count, S = skuNames.count
    let L = PromoParameterLayout(promoTypes: K, macroVariables: P, skus: S)
    var truth = [Double](repeating: 0, count: L.count)
    func logit(_ p: Double) -> Double { log(p / (1 - p)) }
    truth[L.level] = logit(0.45)
    truth[L.trend] = atanh(0.06)
    truth[L.lag] = atanh(0.3)
    let macroGlobal: [[Double]] = [[0.08, -0.05], [0.05, -0.08], [0.06, 0.03]]
    let upliftGlobal = [0.5, 0.85, 0.1]
    for j in 0..<K {
      for p in 0..<P { truth[L.macro(j, p)] = macroGlobal[j][p] }
      truth[L.roi(j)] = 0.25
      truth[L.uplift(j)] = logit(upliftGlobal[j])
    }
    truth[L.volumeSlope] = logit(0.7)
    truth[L.volumeIntercept] = atanh(0.25)
    for s in 0..<S {
      let o = L.deviationOffset(sku: s)
      truth[o + L.level] = 0.2 * rng.normal()
      truth[o + L.trend] = 0.03 * rng.normal()
      truth[o + L.lag] = 0.08 * rng.normal()
      for j in 0..<K {
        for p in 0..<P { truth[o + L.macro(j, p)] = 0.03 * rng.normal() }
        truth[o + L.roi(j)] = 0.08 * rng.normal()
        truth[o + L.uplift(j)] = 0.4 * rng.normal()
      }
      truth[o + L.volumeSlope] = 0.2 * rng.normal()
      truth[o + L.volumeIntercept] = 0.1 * rng.normal()
    }
    // Macro indices: standardized AR(1), shared by all SKUs.
    var macroSeries = [[Double]](repeating: [Double](repeating: 0, count: P), count: weeks)
    for p in 0..<P {
      var x = rng.normal()
      for t in 0..<weeks {
        x = 0.85 * x + (1 - 0.85 * 0.85).squareRoot() * rng.normal()
        macroSeries[t][p] = x
      }
    }
    let a = 1 / Double(weeks - holdout)
    var sales = [Double](repeating: 0, count: S * weeks), volume = sales
    var disc = [Double](repeating: 0, count: S * weeks * K), macro = [Double](repeating: 0, count: S * weeks * P)
    for s in 0..<S {
      let e = PromoSKUEffects(truth, layout: L, sku: s)
      var lagged = 1.0
      for t in 0..<weeks {
        let row = s * weeks + t
        var d = [Double](repeating: 0, count: K)
        for j in 0..<K where rng.uniform() < 0.3 { d[j] = 0.03 + 0.09 * rng.uniform() }
        let yhat = e.predict(lagged: lagged, time: a * Double(t), macro: macroSeries[t][...], discounts: d[...])
        let y = yhat * (1 + noise * rng.normal())
        let v = (e.volumeSlope * yhat + e.volumeIntercept) * (1 + noise * rng.normal())
        sales[row] = y * levels[s]
        volume[row] = v * levels[s] / prices[s]
        for j in 0..<K { disc[row * K + j] = d[j] * levels[s] }
        for p in 0..<P { macro[row * P + p] = macroSeries[t][p] }
        lagged = y
      }
    }
    let weekLabels = (0..<weeks).map { CivilDate.isoString(days: CivilDate.days(year: 2024, month: 1, day: 1) + 7 * $0) }
    panel = try PromoPanel.scaling(
      skuNames: skuNames, hierarchy: hierarchy, hierarchyNames: ["BRAND", "PRICE_SEGMENT", "PACK_TYPE", "SIZE"],
      promoTypeNames: Self.promoTypes, macroNames: Self.macroNames, weekLabels: weekLabels, holdoutWeeks: holdout,
      sales: sales, volume: volume, discounts: disc, macro: macro)
    self.truth = truth
    self.levels = levels
    self.prices = prices
    self.sales = sales
    self.volume = volume
    self.discounts = disc
  }

  /// True mean marginal effect ∂ŷ/∂d_k (sales per unit of discount spend,
  /// averaged over all weeks) of SKU `s` and promo type `k`.
  public func trueMarginalEffect(sku s: Int, type k: Int) -> Double {
    let P = panel, T = P.weeks, p = P.macroVariables
    let e = PromoSKUEffects(truth, layout: P.layout, sku: s)
    var total = 0.0
    for t in 0..<T {
      let row = s * T + t
      total += e.marginalEffect(type: k, macro: P.macro[(row * p)..<(row * p + p)])
    }
    return total / Double(T)
  }
}
