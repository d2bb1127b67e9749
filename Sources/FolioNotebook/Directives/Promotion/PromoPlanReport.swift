import FolioData
import FolioModels
import Foundation

/// Tables, charts, prose and the value `{promo_plan}` returns for a plan.
struct PromoPlanReport {
  let planFrame: Frame
  let skuFrame: Frame
  let constraintFrame: Frame
  let value: Value
  let outputs: [BlockOutput]

  init(model: PromoModel, plan: PromoPlan, constraints C: PromoPlanConstraints) throws {
    let P = model.panel, K = P.promoTypes
    let level = { (name: String) in P.hierarchyNames.firstIndex(of: name) ?? 0 }
    let bi = level(C.brandLevel), si = level(C.segmentLevel), pi = level(C.packLevel)
    func finite(_ x: Double) -> Double { x.isFinite ? x : .nan }
    // Per SKU × type.
    var sku: [String?] = [], brand: [String?] = [], segment: [String?] = [], pack: [String?] = [], type: [String?] = []
    var cur: [Double] = [], rec: [Double] = [], lift: [Double] = [], sales: [Double] = [], vol: [Double] = []
    for s in 0..<P.skus {
      for k in 0..<K {
        sku.append(P.skuNames[s]); brand.append(P.hierarchy[s][bi]); segment.append(P.hierarchy[s][si])
        pack.append(P.hierarchy[s][pi]); type.append(P.promoTypeNames[k])
        cur.append(plan.currentSpend[s * K + k]); rec.append(plan.spend[s * K + k])
        lift.append(plan.netRevenueLift[s * K + k]); sales.append(plan.sales[s]); vol.append(plan.volume[s])
      }
    }
    planFrame = try Frame([
      ("SKU", .string(StringColumn(sku))), ("BRAND", .string(StringColumn(brand))),
      ("PRICE_SEGMENT", .string(StringColumn(segment))), ("PACK_TYPE", .string(StringColumn(pack))),
      ("PROMO_TYPE", .string(StringColumn(type))), ("CURRENT_SPEND", .number(cur)), ("RECOMMENDED_SPEND", .number(rec)),
      ("NR_LIFT", .number(lift)), ("PREDICTED_SALES", .number(sales)), ("PREDICTED_VOLUME", .number(vol)),
    ])
    // Per SKU.
    let skuSpend = (0..<P.skus).map { s in (0..<K).reduce(0.0) { $0 + plan.spend[s * K + $1] } }
    let skuCurrent = (0..<P.skus).map { s in (0..<K).reduce(0.0) { $0 + plan.currentSpend[s * K + $1] } }
    let skuLift = (0..<P.skus).map { s in (0..<K).reduce(0.0) { $0 + plan.netRevenueLift[s * K + $1] } }
    skuFrame = try Frame([
      ("SKU", .string(StringColumn(P.skuNames))), ("BRAND", .string(StringColumn(P.hierarchy.map { $0[bi] }))),
      ("CURRENT_SPEND", .number(skuCurrent)), ("RECOMMENDED_SPEND", .number(skuSpend)),
      ("CURRENT_SALES", .number(plan.currentSales)), ("PREDICTED_SALES", .number(plan.sales)),
      ("CURRENT_VOLUME", .number(plan.currentVolume)), ("PREDICTED_VOLUME", .number(plan.volume)),
      ("VOLUME_CHANGE", .number(zip(plan.volume, plan.currentVolume).map { $0 / $1 - 1 })), ("NR_LIFT", .number(skuLift)),
    ])
    let cs = plan.constraints
    constraintFrame = try Frame([
      ("CONSTRAINT", .string(StringColumn(cs.map(\.name)))), ("KIND", .string(StringColumn(cs.map(\.kind)))),
      ("ACTIVITY", .number(cs.map(\.activity))), ("LOWER", .number(cs.map { finite($0.lower) })),
      ("UPPER", .number(cs.map { finite($0.upper) })), ("BINDING", .string(StringColumn(cs.map { $0.binding ?? "" }))),
      ("RELATIVE_VIOLATION", .number(cs.map(\.relativeViolation))),
    ])
    value = .object([
      ("horizon", .integer(plan.horizon)), ("total_spend", .number(plan.totalSpend)),
      ("current_spend", .number(plan.currentTotalSpend)), ("spend_change", .number(plan.totalSpend / plan.currentTotalSpend - 1)),
      ("sales_lift", .number(plan.salesLift)), ("net_revenue_lift", .number(plan.totalNetRevenueLift)),
      ("net_revenue_lift_share", .number(plan.totalNetRevenueLift / Self.netRevenue(plan.currentSales, plan.currentTotalSpend))),
      ("rho", .number(plan.rho)), ("objective", .number(plan.objective)),
      ("max_violation", .number(plan.maxRelativeViolation)),
      ("binding", .array(plan.bindingConstraints.map { .string($0) })), ("binding_count", .integer(plan.bindingConstraints.count)),
      ("linear_programs", .integer(plan.linearProgramsSolved)),
      ("plan", .table(planFrame)), ("skus", .table(skuFrame)), ("constraints", .table(constraintFrame)),
    ])
    var out: [BlockOutput] = []
    out.append(.markdown(Self.interpretation(plan: plan, model: model, brandLevel: bi)))
    out.append(.chart(Self.spendChart(model: model, plan: plan, brandLevel: bi)))
    out.append(.table(Self.brandTypeTable(model: model, plan: plan, brandLevel: bi)))
    out.append(.chart(Self.constraintChart(plan: plan, volumeChange: C.volumeChange)))
    out.append(.note(
      "Solved \(plan.linearProgramsSolved) linear programs (CLP); every constraint re-checked with the model's own "
        + "recursion: largest relative violation \(String(format: "%.1e", plan.maxRelativeViolation))."))
    outputs = out
  }

  static func netRevenue(_ sales: [Double], _ spend: Double) -> Double { sales.reduce(0, +) - spend }

  static func interpretation(plan: PromoPlan, model: PromoModel, brandLevel bi: Int) -> String {
    let money = NumberFormat(.currency, digits: 0), pct = NumberFormat(.percent, digits: 1)
    let f2 = NumberFormat(.fixed, digits: 2)
    let P = model.panel, K = P.promoTypes
    var typeShift: [(String, Double)] = []
    for k in 0..<K {
      var d = 0.0
      for s in 0..<P.skus { d += plan.spend[s * K + k] - plan.currentSpend[s * K + k] }
      typeShift.append((P.promoTypeNames[k], d))
    }
    let up = typeShift.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.map { "\($0.0) (+\(money.format($0.1)))" }
    let down = typeShift.filter { $0.1 < 0 }.sorted { $0.1 < $1.1 }.map { "\($0.0) (−\(money.format(-$0.1)))" }
    var text = "Over the next \(plan.horizon) weeks the recommended plan spends \(money.format(plan.totalSpend)) on "
      + "discounts against \(money.format(plan.currentTotalSpend)) in the current plan "
      + "(\(pct.format(plan.totalSpend / plan.currentTotalSpend - 1))). The model predicts "
      + "\(money.format(plan.salesLift)) more sales and a net revenue gain of \(money.format(plan.totalNetRevenueLift)); "
      + "each unit of discount spend returns ρ = \(f2.format(plan.rho)) of incremental sales."
    if !up.isEmpty { text += " Spend moves toward \(up.joined(separator: ", "))" }
    if !down.isEmpty { text += (up.isEmpty ? " Spend moves" : " and") + " away from \(down.joined(separator: ", "))" }
    if !up.isEmpty || !down.isEmpty { text += "." }
    let binding = plan.bindingConstraints
    text += binding.isEmpty
      ? " No constraint binds: the optimum is interior."
      : " \(binding.count) constraints bind (" + binding.prefix(6).joined(separator: "; ")
        + (binding.count > 6 ? "; …" : "") + "): loosening them is what would raise the gain further."
    return text
  }

  static func spendChart(model: PromoModel, plan: PromoPlan, brandLevel bi: Int) -> ChartSpec {
    let P = model.panel, K = P.promoTypes
    var categories: [String] = [], current: [Double] = [], recommended: [Double] = []
    for b in P.levels(of: bi) {
      for k in 0..<K {
        categories.append("\(b) · \(P.promoTypeNames[k])")
        var c = 0.0, r = 0.0
        for s in 0..<P.skus where P.hierarchy[s][bi] == b {
          c += plan.currentSpend[s * K + k]
          r += plan.spend[s * K + k]
        }
        current.append(c)
        recommended.append(r)
      }
    }
    return ChartSpec(
      title: "Discount spend by brand and promo type: current vs recommended",
      subtitle: "Total spend over the \(plan.horizon)-week horizon",
      description: "Grouped bars of current and recommended discount spend for each brand and promo type.",
      x: ChartAxis(scale: .categorical(categories)),
      y: ChartAxis(label: "Discount spend", scale: .numeric(NumberFormat(.compact, digits: 0)), includeZero: true),
      layers: [.bar(BarLayer(categories: categories, series: [
        .init(name: "Current", values: current), .init(name: "Recommended", values: recommended),
      ]))])
  }

  static func brandTypeTable(model: PromoModel, plan: PromoPlan, brandLevel bi: Int) -> TableSpec {
    let P = model.panel, K = P.promoTypes
    let money = NumberFormat(.currency, digits: 0), pct = NumberFormat(.percent, digits: 0)
    var rows: [[String]] = []
    for b in P.levels(of: bi) {
      for k in 0..<K {
        var c = 0.0, r = 0.0, l = 0.0
        for s in 0..<P.skus where P.hierarchy[s][bi] == b {
          c += plan.currentSpend[s * K + k]
          r += plan.spend[s * K + k]
          l += plan.netRevenueLift[s * K + k]
        }
        rows.append([b, P.promoTypeNames[k], money.format(c), money.format(r), c > 0 ? pct.format(r / c - 1) : "–", money.format(l)])
      }
    }
    return TableSpec(
      columns: [
        .init(header: "Brand", isNumeric: false), .init(header: "Promo type", isNumeric: false),
        .init(header: "Current spend", isNumeric: true), .init(header: "Recommended spend", isNumeric: true),
        .init(header: "Change", isNumeric: true), .init(header: "NR lift", isNumeric: true),
      ], rows: rows, totalRows: rows.count)
  }

  /// Used share of each limit, in percent: group spend over its cap (or
  /// segment maximum), and each SKU's volume change over the allowed change.
  static func constraintChart(plan: PromoPlan, volumeChange: Double) -> ChartSpec {
    var names: [String] = [], used: [Double] = []
    var volumeUse: [(String, Double)] = []
    for c in plan.constraints {
      if c.kind == "volume" {
        let v0 = (c.lower + c.upper) / 2, allowed = (c.upper - c.lower) / 2
        volumeUse.append((c.name, allowed > 0 ? 100 * abs(c.activity - v0) / allowed : 0))
      } else if c.upper.isFinite, c.upper > 0 {
        names.append(c.name)
        used.append(100 * c.activity / c.upper)
      } else if c.lower.isFinite, c.lower > 0 {
        names.append(c.name + " (of min)")
        used.append(100 * c.activity / c.lower)
      }
    }
    // The volume bands used most (ties in SKU order), so the chart stays legible.
    let shown = volumeUse.enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }.prefix(8)
    for (_, v) in shown { names.append(v.0); used.append(v.1) }
    return ChartSpec(
      title: "Constraint use under the recommended plan",
      subtitle: "Percent of each limit used (100% = binding); volume bands: the \(shown.count) SKUs closest to ±\(String(format: "%g", volumeChange * 100))%",
      description: "Horizontal bars of the share of each cap, limit and volume band the plan uses.",
      x: ChartAxis(label: "% of limit used", scale: .numeric(NumberFormat(.fixed, digits: 0)), includeZero: true),
      y: ChartAxis(scale: .categorical(names)),
      layers: [.bar(BarLayer(categories: names, series: [.init(name: "Used", values: used)], horizontal: true)),
        .rule(RuleLayer(.vertical, at: 100, label: "limit"))])
  }
}
