import FolioData
import FolioModels
import Foundation

/// The tables, chart and notes `{promo_model}` shows for a fitted model. All
/// numbers are unscaled (sales and volume in the data's units).
struct PromoModelReport {
  let model: PromoModel
  let r2: Double, mape: Double
  let meanEffectByType: [Double]
  let marginalEffects: Frame
  let globalParameters: Frame
  let skuDeviations: Frame
  let fittedFrame: Frame
  let outputs: [BlockOutput]

  init(model: PromoModel) throws {
    self.model = model
    let P = model.panel, L = P.layout, K = P.promoTypes, T = P.weeks
    (r2, mape) = model.holdoutFit()
    let names = L.names(promoTypes: P.promoTypeNames, macroVariables: P.macroNames)
    // Marginal effects per SKU × type.
    var skuCol: [String?] = [], brandCol: [String?] = [], typeCol: [String?] = []
    var effect: [Double] = [], coefficient: [Double] = [], roi: [Double] = []
    var byType = [[Double]](repeating: [], count: K)
    for s in 0..<P.skus {
      let e = model.effects(sku: s)
      for k in 0..<K {
        let me = model.meanMarginalEffect(sku: s, type: k)
        skuCol.append(P.skuNames[s])
        brandCol.append(P.hierarchy[s].first ?? "")
        typeCol.append(P.promoTypeNames[k])
        effect.append(me)
        coefficient.append(e.uplift[k])
        roi.append(me / e.uplift[k])
        byType[k].append(me)
      }
    }
    meanEffectByType = byType.map { $0.reduce(0, +) / Double(max(1, $0.count)) }
    let firstLevel = P.hierarchyNames.first ?? "GROUP"
    marginalEffects = try Frame([
      ("SKU", .string(StringColumn(skuCol))), (firstLevel, .string(StringColumn(brandCol))),
      ("PROMO_TYPE", .string(StringColumn(typeCol))), ("MARGINAL_EFFECT", .number(effect)),
      ("UPLIFT_COEFFICIENT", .number(coefficient)), ("ROI_MULTIPLIER", .number(roi)),
    ])
    // Global parameters and the spread of SKU deviations.
    var devMean: [Double] = [], devSD: [Double] = []
    for i in 0..<L.blockSize {
      let d = (0..<P.skus).map { model.parameters[L.deviationOffset(sku: $0) + i] }
      let m = d.reduce(0, +) / Double(d.count)
      devMean.append(m)
      devSD.append((d.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(1, d.count - 1))).squareRoot())
    }
    globalParameters = try Frame([
      ("PARAMETER", .string(StringColumn(names))), ("GLOBAL", .number(Array(model.parameters[0..<L.blockSize]))),
      ("SKU_DEVIATION_MEAN", .number(devMean)), ("SKU_DEVIATION_SD", .number(devSD)),
    ])
    var dSku: [String?] = [], dName: [String?] = [], dValue: [Double] = []
    for s in 0..<P.skus {
      for i in 0..<L.blockSize {
        dSku.append(P.skuNames[s])
        dName.append(names[i])
        dValue.append(model.parameters[L.deviationOffset(sku: s) + i])
      }
    }
    skuDeviations = try Frame([
      ("SKU", .string(StringColumn(dSku))), ("PARAMETER", .string(StringColumn(dName))), ("DEVIATION", .number(dValue)),
    ])
    // Fitted values.
    let fitted = model.fitted()
    var fSku: [String?] = [], fWeek: [String?] = [], actual: [Double] = [], actualVol: [Double] = []
    var holdout: [Int] = []
    for s in 0..<P.skus {
      for t in 0..<T {
        fSku.append(P.skuNames[s])
        fWeek.append(P.weekLabels[t])
        actual.append(P.sales[s * T + t] * P.salesScale[s])
        actualVol.append(P.volume[s * T + t] * P.volumeScale[s])
        holdout.append(t >= P.trainingWeeks ? 1 : 0)
      }
    }
    fittedFrame = try Frame([
      ("SKU", .string(StringColumn(fSku))), ("WEEK", .string(StringColumn(fWeek))), ("SALES", .number(actual)),
      ("FITTED_SALES", .number(fitted.sales)), ("VOLUME", .number(actualVol)),
      ("FITTED_VOLUME", .number(fitted.volume)), ("HOLDOUT", .integer(IntegerColumn(values: holdout))),
    ])
    var out: [BlockOutput] = []
    let grouped = NumberFormat(.thousands, digits: 0)
    out.append(.note(
      "Fitted on \(P.skus) SKUs × \(P.trainingWeeks) weeks, last \(P.holdoutWeeks) weeks held out: "
        + "\(grouped.format(Double(model.epochsRun))) Adam epochs, parameters kept from epoch "
        + "\(grouped.format(Double(model.bestEpoch))) (lowest holdout loss). Holdout R² "
        + "\(NumberFormat(.fixed, digits: 3).format(r2)), MAPE \(NumberFormat(.fixed, digits: 1).format(mape))%."))
    out.append(.chart(Self.fitChart(model: model, fitted: fitted.sales)))
    out.append(.table(Self.effectTable(names: P.promoTypeNames, byType: byType)))
    let f4 = NumberFormat(.fixed, digits: 4)
    out.append(.table(PromoDirectiveSupport.tableSpec(
      globalParameters, formats: ["GLOBAL": f4, "SKU_DEVIATION_MEAN": f4, "SKU_DEVIATION_SD": f4],
      headers: [
        "PARAMETER": "Parameter", "GLOBAL": "Global part w", "SKU_DEVIATION_MEAN": "Mean SKU deviation wʰ",
        "SKU_DEVIATION_SD": "SD of SKU deviations",
      ])))
    out.append(.table(Self.skuTable(model: model)))
    self.outputs = out
  }

  /// Per-SKU effects: the marginal effect of each promo type and the lag
  /// coefficient (global part + SKU deviation), showing how SKUs differ.
  static func skuTable(model: PromoModel) -> TableSpec {
    let P = model.panel, f2 = NumberFormat(.fixed, digits: 2)
    var columns: [TableSpec.Column] = [
      .init(header: "SKU", isNumeric: false), .init(header: P.hierarchyNames.first ?? "Group", isNumeric: false),
    ]
    columns += P.promoTypeNames.map { .init(header: $0, isNumeric: true) }
    columns.append(.init(header: "Lag", isNumeric: true))
    let rows = (0..<P.skus).map { s -> [String] in
      [P.skuNames[s], P.hierarchy[s].first ?? ""]
        + (0..<P.promoTypes).map { f2.format(model.meanMarginalEffect(sku: s, type: $0)) }
        + [f2.format(model.effects(sku: s).lag)]
    }
    return TableSpec(columns: columns, rows: rows, totalRows: rows.count)
  }

  /// Marginal effect of one unit of discount spend on same-week sales, by promo type, across SKUs.
  static func effectTable(names: [String], byType: [[Double]]) -> TableSpec {
    let f = NumberFormat(.fixed, digits: 2)
    return TableSpec(
      columns: [
        .init(header: "Promo type", isNumeric: false), .init(header: "Sales per 1 of spend (mean)", isNumeric: true),
        .init(header: "Lowest SKU", isNumeric: true), .init(header: "Highest SKU", isNumeric: true),
      ],
      rows: zip(names, byType).map { name, v in
        [name, f.format(v.reduce(0, +) / Double(max(1, v.count))), f.format(v.min() ?? .nan), f.format(v.max() ?? .nan)]
      },
      totalRows: names.count)
  }

  /// Weekly actual and fitted sales summed by the first hierarchy level (brand), holdout shaded.
  static func fitChart(model: PromoModel, fitted: [Double]) -> ChartSpec {
    let P = model.panel, T = P.weeks
    let days = P.weekLabels.map(Self.isoDays)
    let isDate = days.allSatisfy { $0 != nil }
    let x = isDate ? days.map { Double($0 ?? 0) } : (0..<T).map { Double($0 + 1) }
    var series: [ChartSeries] = []
    for brand in P.levels(of: 0) {
      var actual = [Double](repeating: 0, count: T), fit = [Double](repeating: 0, count: T)
      for s in 0..<P.skus where P.hierarchy[s][0] == brand {
        for t in 0..<T {
          actual[t] += P.sales[s * T + t] * P.salesScale[s]
          fit[t] += fitted[s * T + t]
        }
      }
      series.append(ChartSeries(name: "\(brand) actual", x: x, y: actual))
      series.append(ChartSeries(name: "\(brand) fitted", x: x, y: fit))
    }
    let step = T > 1 ? x[1] - x[0] : 1
    let shade = ShadedRange(from: x[P.trainingWeeks] - step / 2, to: x[T - 1] + step / 2, label: "holdout")
    return ChartSpec(
      title: "Weekly sales by \(P.hierarchyNames.first?.lowercased() ?? "group"): actual vs fitted",
      subtitle: "Fitted with last week's actual sales as lag; holdout weeks forecast recursively",
      description: "Lines of actual and fitted weekly sales per brand; the shaded span is the holdout.",
      x: ChartAxis(label: isDate ? "Week" : "Week number", scale: isDate ? .date : .numeric(nil)),
      y: ChartAxis(label: "Sales", scale: .numeric(NumberFormat(.compact, digits: 0)), includeZero: true),
      layers: [.shade([shade]), .line(series)])
  }

  /// Days since 1970 of an ISO `YYYY-MM-DD` label, or nil.
  static func isoDays(_ s: String) -> Int? {
    let parts = s.split(separator: "-")
    guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      CivilDate.isValid(year: y, month: m, day: d)
    else { return nil }
    return CivilDate.days(year: y, month: m, day: d)
  }
}
