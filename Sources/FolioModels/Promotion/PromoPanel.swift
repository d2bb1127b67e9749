/// A balanced weekly panel of SKUs, mean-scaled, ready for the promotion
/// model: every SKU has the same `weeks`, in time order.
///
/// Scaling (documented because every reported number is unscaled again):
/// SKU s's sales and its discount spend are divided by `salesScale[s]`, the
/// SKU's mean sales over the training weeks (all but the holdout); its volume
/// by `volumeScale[s]`, its mean volume over the same weeks. Discounts share
/// the sales scale, so the uplift coefficient is "sales per unit of discount
/// spend" in both scales and ∂ŷ/∂d needs no conversion. Macro variables are
/// used as given (they should be centred/standardized indices). Time enters
/// as `t/trainingWeeks`, so the trend slope is the change over the training span.
///
/// Arrays are SKU-major: row `s·weeks + t`; discounts are `[row·K + k]`,
/// macro values `[row·P + p]`.
public struct PromoPanel: Sendable, Equatable {
  public var skuNames: [String]
  /// Hierarchy attributes per SKU, in the order of `hierarchyNames`
  /// (e.g. brand, price segment, pack type, size).
  public var hierarchy: [[String]]
  public var hierarchyNames: [String]
  public var promoTypeNames: [String]
  public var macroNames: [String]
  /// Week labels (as text) of the first SKU, in time order.
  public var weekLabels: [String]
  public var weeks: Int
  /// Weeks at the end kept out of training for early stopping and the fit report.
  public var holdoutWeeks: Int
  public var salesScale: [Double]
  public var volumeScale: [Double]
  /// Scaled sales, volume, discounts and raw macro values (layout above).
  public var sales: [Double]
  public var volume: [Double]
  public var discounts: [Double]
  public var macro: [Double]

  public var skus: Int { skuNames.count }
  public var promoTypes: Int { promoTypeNames.count }
  public var macroVariables: Int { macroNames.count }
  public var trainingWeeks: Int { weeks - holdoutWeeks }
  /// The time scale `a` of the baseline trend: t is multiplied by this.
  public var timeScale: Double { 1 / Double(trainingWeeks) }

  public init(
    skuNames: [String], hierarchy: [[String]], hierarchyNames: [String], promoTypeNames: [String],
    macroNames: [String], weekLabels: [String], holdoutWeeks: Int, salesScale: [Double],
    volumeScale: [Double], sales: [Double], volume: [Double], discounts: [Double], macro: [Double]
  ) {
    self.skuNames = skuNames
    self.hierarchy = hierarchy
    self.hierarchyNames = hierarchyNames
    self.promoTypeNames = promoTypeNames
    self.macroNames = macroNames
    self.weekLabels = weekLabels
    self.weeks = weekLabels.count
    self.holdoutWeeks = holdoutWeeks
    self.salesScale = salesScale
    self.volumeScale = volumeScale
    self.sales = sales
    self.volume = volume
    self.discounts = discounts
    self.macro = macro
  }

  /// Builds a panel from unscaled SKU-major arrays (sales, volume and discount
  /// spend in currency/units as observed), computing the scales over the
  /// training weeks.
  public static func scaling(
    skuNames: [String], hierarchy: [[String]], hierarchyNames: [String], promoTypeNames: [String],
    macroNames: [String], weekLabels: [String], holdoutWeeks: Int,
    sales: [Double], volume: [Double], discounts: [Double], macro: [Double]
  ) throws(PromoError) -> PromoPanel {
    let weeks = weekLabels.count, k = promoTypeNames.count
    guard holdoutWeeks >= 1, weeks >= holdoutWeeks + 4 else {
      throw .tooFewWeeks(weeks: weeks, holdout: holdoutWeeks)
    }
    let train = weeks - holdoutWeeks
    var salesScale: [Double] = [], volumeScale: [Double] = []
    var ys = sales, vs = volume, ds = discounts
    for s in 0..<skuNames.count {
      let base = s * weeks
      let my = (0..<train).reduce(0.0) { $0 + sales[base + $1] } / Double(train)
      let mv = (0..<train).reduce(0.0) { $0 + volume[base + $1] } / Double(train)
      guard my > 0, my.isFinite else { throw .nonPositiveScale(sku: skuNames[s], column: "sales") }
      guard mv > 0, mv.isFinite else { throw .nonPositiveScale(sku: skuNames[s], column: "volume") }
      salesScale.append(my)
      volumeScale.append(mv)
      for t in 0..<weeks {
        ys[base + t] /= my
        vs[base + t] /= mv
        for j in 0..<k { ds[(base + t) * k + j] /= my }
      }
    }
    return PromoPanel(
      skuNames: skuNames, hierarchy: hierarchy, hierarchyNames: hierarchyNames,
      promoTypeNames: promoTypeNames, macroNames: macroNames, weekLabels: weekLabels,
      holdoutWeeks: holdoutWeeks, salesScale: salesScale, volumeScale: volumeScale,
      sales: ys, volume: vs, discounts: ds, macro: macro)
  }

  /// The parameter layout for this panel's SKUs, promo types and macro variables.
  public var layout: PromoParameterLayout {
    PromoParameterLayout(promoTypes: promoTypes, macroVariables: macroVariables, skus: skus)
  }

  /// Distinct values of hierarchy attribute `level` in first-appearance order.
  public func levels(of level: Int) -> [String] {
    var seen: [String] = []
    for h in hierarchy where !seen.contains(h[level]) { seen.append(h[level]) }
    return seen
  }
}
