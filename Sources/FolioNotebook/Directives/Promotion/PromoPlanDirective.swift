import FolioData
import FolioModels

/// `{promo_plan}`: with a `{promo_model}` frozen, chooses discount spend per
/// SKU × promo type over a horizon to maximize ΔNR + λ_ρ·ρ under hard
/// constraints (exact LP per total spend; see `PromoPlanner`).
///
/// ```yaml
/// model: fit                    # label of a {promo_model} block
/// horizon: 13                   # weeks
/// brand_caps: {Aurora: 60000}   # max total horizon spend per brand
/// pack_limits: {Can: 90000}     # max total horizon spend per pack type
/// segment_bounds:               # min and/or max total spend per price segment
///   Premium: {min: 20000, max: 80000}
/// spend_range: {min: 0.5, max: 3}   # each SKU × type between 0.5× and 3× its current spend
/// volume_change: 0.2            # each SKU's volume within ±20% of the current plan's
/// lambda_rho: 1000              # weight of ρ = ΔSales / (spend + ε)
/// epsilon: 1
/// brand: BRAND                  # hierarchy columns (defaults shown)
/// pack_type: PACK_TYPE
/// price_segment: PRICE_SEGMENT
/// tables: true                  # or {plan: NAME, skus: NAME, constraints: NAME}
/// ```
public enum PromoPlanDirective: Directive {
  public static let name = "promo_plan"
  public static let summary = "Optimize discount spend per SKU × promo type under hard caps, limits, bounds and volume limits."
  public static let options: [OptionSpec] = [
    OptionSpec("model", reference: true, "Label of a {promo_model} block."),
    OptionSpec("horizon", "Planning horizon in weeks (default 13)."),
    OptionSpec("brand_caps", "Maximum total horizon spend per brand: {brand: amount}."),
    OptionSpec("pack_limits", "Maximum total horizon spend per pack type: {pack: amount}."),
    OptionSpec("segment_bounds", "Total horizon spend per price segment: {segment: {min: a, max: b}}."),
    OptionSpec("spend_range", "Bounds on each SKU × type's spend as multiples of its current spend: {min: a, max: b}."),
    OptionSpec("volume_change", "Allowed change of each SKU's horizon volume vs the current plan (default 0.2)."),
    OptionSpec("lambda_rho", "Weight of ρ = ΔSales/(spend + ε) in the objective (default 0)."),
    OptionSpec("epsilon", "ε in ρ's denominator, in currency (default 1)."),
    OptionSpec("brand", "Hierarchy column of brands (default BRAND)."),
    OptionSpec("pack_type", "Hierarchy column of pack types (default PACK_TYPE)."),
    OptionSpec("price_segment", "Hierarchy column of price segments (default PRICE_SEGMENT)."),
    OptionSpec("tables", "Result tables: true, or {plan|skus|constraints: NAME}."),
    OptionSpec("brand_cap_multiple", "Cap every brand not in brand_caps at this multiple of its current-plan spend."),
    OptionSpec("pack_limit_multiple", "Limit every pack type not in pack_limits at this multiple of its current-plan spend."),
    OptionSpec("segment_bound_multiples", "Bound every price segment not in segment_bounds: {min: a, max: b} × its current-plan spend."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    call.options["model"] == nil ? [NotebookError(call.location, "{promo_plan} needs 'model: <label>' naming a {promo_model} block")] : []
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    guard let modelNode = call.options["model"] else {
      throw NotebookError(call.location, "{promo_plan} needs 'model: <label>' naming a {promo_model} block")
    }
    let model = try PromoDirectiveSupport.model(from: try modelNode.string("model"), at: modelNode.location, in: context)
    var constraints = try parseConstraints(call)
    try addDerivedLimits(call, model: model, to: &constraints)
    let plan: PromoPlan
    do { plan = try PromoPlanner.plan(model, constraints: constraints) } catch {
      throw NotebookError(errorLocation(error, call), error.message)
    }
    let report = try PromoPlanReport(model: model, plan: plan, constraints: constraints)
    let tables = try PromoDirectiveSupport.resultTables(call, available: [
      ("plan", "PROMO_PLAN", report.planFrame), ("skus", "PROMO_PLAN_SKUS", report.skuFrame),
      ("constraints", "PROMO_CONSTRAINTS", report.constraintFrame),
    ])
    return DirectiveResult(value: report.value, outputs: report.outputs, tables: tables)
  }

  /// Limits given as multiples of each group's spend under the current plan
  /// (`brand_cap_multiple`, `pack_limit_multiple`, `segment_bound_multiples`),
  /// for every group not named explicitly, in the order groups first appear
  /// among the SKUs. They let a notebook constrain data whose brands it does not know.
  static func addDerivedLimits(_ call: DirectiveCall, model: PromoModel, to c: inout PromoPlanConstraints) throws(NotebookError) {
    let o = call.options
    let P = model.panel, K = P.promoTypes
    let current = model.currentPlan(weeks: c.horizon)
    func groups(_ levelName: String, _ option: String) throws(NotebookError) -> [(name: String, spend: Double)] {
      guard let level = P.hierarchyNames.firstIndex(of: levelName) else {
        throw NotebookError(
          o[option]?.location ?? call.location,
          "\(option): the model has no hierarchy column '\(levelName)'; its hierarchy is \(P.hierarchyNames.joined(separator: ", "))")
      }
      var out: [(name: String, spend: Double)] = []
      for s in 0..<P.skus {
        let spend = (0..<K).reduce(0.0) { $0 + current[s * K + $1] }
        if let i = out.firstIndex(where: { $0.name == P.hierarchy[s][level] }) { out[i].spend += spend } else {
          out.append((P.hierarchy[s][level], spend))
        }
      }
      return out
    }
    func multiple(_ node: OptionNode, _ what: String) throws(NotebookError) -> Double {
      let v = try node.double(what)
      guard v >= 0, v.isFinite else { throw NotebookError(node.location, "\(what): expected a multiple ≥ 0, found \(v)") }
      return v
    }
    if let n = o["brand_cap_multiple"] {
      let m = try multiple(n, "brand_cap_multiple")
      for g in try groups(c.brandLevel, "brand_cap_multiple") where !c.brandCaps.contains(where: { $0.group == g.name }) {
        c.brandCaps.append(.init(g.name, maximum: m * g.spend))
      }
    }
    if let n = o["pack_limit_multiple"] {
      let m = try multiple(n, "pack_limit_multiple")
      for g in try groups(c.packLevel, "pack_limit_multiple") where !c.packLimits.contains(where: { $0.group == g.name }) {
        c.packLimits.append(.init(g.name, maximum: m * g.spend))
      }
    }
    if let n = o["segment_bound_multiples"] {
      var lo = 0.0, hi = Double.infinity
      for f in try n.entries("segment_bound_multiples") {
        switch f.key {
        case "min": lo = try multiple(f.value, "segment_bound_multiples.min")
        case "max": hi = try multiple(f.value, "segment_bound_multiples.max")
        default: throw NotebookError(f.keyLocation, "segment_bound_multiples: unknown key '\(f.key)'; expected min and/or max")
        }
      }
      guard lo <= hi else { throw NotebookError(n.location, "segment_bound_multiples: min \(lo) is above max \(hi)") }
      for g in try groups(c.segmentLevel, "segment_bound_multiples") where !c.segmentBounds.contains(where: { $0.group == g.name }) {
        c.segmentBounds.append(.init(g.name, lower: lo * g.spend, upper: hi * g.spend))
      }
    }
  }

  /// Points a planner error at the option it concerns, when one does.
  static func errorLocation(_ error: PromoError, _ call: DirectiveCall) -> SourceLocation {
    switch error {
    case .unknownGroup(_, let kind, _):
      let key = kind == "brand" ? "brand_caps" : kind == "pack type" ? "pack_limits" : "segment_bounds"
      return call.options[key]?.location ?? call.location
    default: return call.location
    }
  }

  static func parseConstraints(_ call: DirectiveCall) throws(NotebookError) -> PromoPlanConstraints {
    var c = PromoPlanConstraints()
    let o = call.options
    if let n = o["horizon"] {
      c.horizon = try n.int("horizon")
      guard c.horizon >= 1 else { throw NotebookError(n.location, "horizon: expected at least 1 week") }
    }
    func amount(_ node: OptionNode, _ what: String) throws(NotebookError) -> Double {
      let v = try node.double(what)
      guard v >= 0, v.isFinite else { throw NotebookError(node.location, "\(what): expected an amount ≥ 0, found \(v)") }
      return v
    }
    for e in try o["brand_caps"]?.entries("brand_caps") ?? [] {
      c.brandCaps.append(.init(e.key, maximum: try amount(e.value, "brand_caps.\(e.key)")))
    }
    for e in try o["pack_limits"]?.entries("pack_limits") ?? [] {
      c.packLimits.append(.init(e.key, maximum: try amount(e.value, "pack_limits.\(e.key)")))
    }
    for e in try o["segment_bounds"]?.entries("segment_bounds") ?? [] {
      var b = PromoPlanConstraints.Bounds(e.key)
      for f in try e.value.entries("segment_bounds.\(e.key)") {
        switch f.key {
        case "min": b.lower = try amount(f.value, "segment_bounds.\(e.key).min")
        case "max": b.upper = try amount(f.value, "segment_bounds.\(e.key).max")
        default:
          throw NotebookError(f.keyLocation, "segment_bounds.\(e.key): unknown key '\(f.key)'; expected min and/or max")
        }
      }
      guard b.lower <= b.upper else {
        throw NotebookError(e.value.location, "segment_bounds.\(e.key): min \(b.lower) is above max \(b.upper)")
      }
      c.segmentBounds.append(b)
    }
    if let n = o["spend_range"] {
      var lo = 0.0, hi = Double.infinity
      for f in try n.entries("spend_range") {
        switch f.key {
        case "min": lo = try amount(f.value, "spend_range.min")
        case "max": hi = try amount(f.value, "spend_range.max")
        default: throw NotebookError(f.keyLocation, "spend_range: unknown key '\(f.key)'; expected min and/or max")
        }
      }
      guard lo <= hi, hi.isFinite else {
        throw NotebookError(n.location, "spend_range: expected 0 ≤ min ≤ max with a finite max, e.g. {min: 0.5, max: 3}")
      }
      c.spendRange = lo...hi
    }
    if let n = o["volume_change"] {
      c.volumeChange = try n.double("volume_change")
      guard c.volumeChange >= 0, c.volumeChange < 1 else {
        throw NotebookError(n.location, "volume_change: expected a fraction in [0, 1), e.g. 0.2 for ±20%")
      }
    }
    if let n = o["lambda_rho"] {
      c.lambdaRho = try n.double("lambda_rho")
      guard c.lambdaRho >= 0, c.lambdaRho.isFinite else { throw NotebookError(n.location, "lambda_rho: expected a number ≥ 0") }
    }
    if let n = o["epsilon"] {
      c.epsilon = try n.double("epsilon")
      guard c.epsilon > 0, c.epsilon.isFinite else { throw NotebookError(n.location, "epsilon: expected a number > 0") }
    }
    if let n = o["brand"] { c.brandLevel = try n.string("brand") }
    if let n = o["pack_type"] { c.packLevel = try n.string("pack_type") }
    if let n = o["price_segment"] { c.segmentLevel = try n.string("price_segment") }
    return c
  }
}
