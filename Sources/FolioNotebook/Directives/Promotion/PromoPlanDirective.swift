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
  static let model = DirectiveOption.reference("model", "Label of a {promo_model} block.")
  static let horizon = DirectiveOption.integer("horizon", default: 13, atLeast: 1, unit: "weeks", "Planning horizon in weeks.")
  static let amount = DirectiveOption.item(.number(.nonNegative)) { node, name throws(NotebookError) in try OptionScalars.number(node, name, .nonNegative) }
  static let bounds = DirectiveOption.item(.record([RecordField("min", .number(.nonNegative)), RecordField("max", .number(.nonNegative))])) {
    node, name throws(NotebookError) -> (lower: Double, upper: Double, location: SourceLocation) in
    var lo = 0.0, hi = Double.infinity
    for f in try node.entries(name) {
      switch f.key {
      case "min": lo = try OptionScalars.number(f.value, "\(name).min", .nonNegative)
      case "max": hi = try OptionScalars.number(f.value, "\(name).max", .nonNegative)
      default: throw NotebookError(f.keyLocation, "\(name): unknown key '\(f.key)'; expected min and/or max")
      }
    }
    return (lo, hi, node.location)
  }
  static let brandCaps = DirectiveOption.map("brand_caps", of: amount, "Maximum total horizon spend per brand: {brand: amount}.")
  static let packLimits = DirectiveOption.map("pack_limits", of: amount, "Maximum total horizon spend per pack type: {pack: amount}.")
  static let segmentBounds = DirectiveOption.map("segment_bounds", of: bounds, "Total horizon spend per price segment: {segment: {min: a, max: b}}.")
  static let spendRange = DirectiveOption.structured(
    "spend_range", kind: .record([RecordField("min", .number(.nonNegative)), RecordField("max", .number(.nonNegative))]),
    "Bounds on each SKU × type's spend as multiples of its current spend: {min: a, max: b}."
  ) { node, name throws(NotebookError) -> ClosedRange<Double> in
    let (lo, hi, _) = try bounds.decode(node)
    guard lo <= hi, hi.isFinite else {
      throw NotebookError(node.location, "spend_range: expected 0 ≤ min ≤ max with a finite max, e.g. {min: 0.5, max: 3}")
    }
    return lo...hi
  }
  static let volumeChange = DirectiveOption.number(
    "volume_change", default: 0.2, in: NumberBounds(lower: 0, upper: 1, upperInclusive: false),
    "Allowed change of each SKU's horizon volume vs the current plan.")
  static let lambdaRho = DirectiveOption.number("lambda_rho", default: 0, in: .nonNegative, "Weight of ρ = ΔSales/(spend + ε) in the objective.")
  static let epsilon = DirectiveOption.number("epsilon", default: 1, in: .positive, "ε in ρ's denominator, in currency.")
  static let brand = DirectiveOption.column("brand", default: PromoPlanConstraints().brandLevel, "Hierarchy column of brands.")
  static let packType = DirectiveOption.column("pack_type", default: PromoPlanConstraints().packLevel, "Hierarchy column of pack types.")
  static let priceSegment = DirectiveOption.column("price_segment", default: PromoPlanConstraints().segmentLevel, "Hierarchy column of price segments.")
  static let tables = PromoDirectiveSupport.tablesOption(kinds: ["plan", "skus", "constraints"])
  static let multiple = NumberBounds.nonNegative
  static let brandCapMultiple = DirectiveOption.number(
    "brand_cap_multiple", in: multiple, "Cap every brand not in brand_caps at this multiple of its current-plan spend.")
  static let packLimitMultiple = DirectiveOption.number(
    "pack_limit_multiple", in: multiple, "Limit every pack type not in pack_limits at this multiple of its current-plan spend.")
  static let segmentBoundMultiples = DirectiveOption.structured(
    "segment_bound_multiples", kind: .record([RecordField("min", .number(multiple)), RecordField("max", .number(multiple))]),
    "Bound every price segment not in segment_bounds: {min: a, max: b} × its current-plan spend."
  ) { node, name throws(NotebookError) -> (lower: Double, upper: Double) in
    let (lo, hi, _) = try bounds.decode(node)
    guard lo <= hi else { throw NotebookError(node.location, "segment_bound_multiples: min \(lo) is above max \(hi)") }
    return (lo, hi)
  }
  public static let options: [any AnyOptionDeclaration] = [
    model, horizon, brandCaps, packLimits, segmentBounds, spendRange, volumeChange, lambdaRho, epsilon, brand, packType, priceSegment, tables,
    brandCapMultiple, packLimitMultiple, segmentBoundMultiples,
  ]

  public static func validate(_ options: ParsedOptions) -> [NotebookError] {
    do { _ = try planConstraints(options) } catch { return [error] }
    return []
  }

  public static func run(_ o: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let fit = try context.model(PromoFit.self, o[model])
    var constraints = try planConstraints(o)
    try PromoPlanDerivedLimits.add(o, model: fit.model, to: &constraints)
    let plan: PromoPlan
    do { plan = try PromoPlanner.plan(fit.model, constraints: constraints) } catch {
      throw NotebookError(errorLocation(error, o), error.message)
    }
    let report = try PromoPlanReport(model: fit.model, plan: plan, constraints: constraints)
    let result = PromoDirectiveSupport.resultTables(o[tables], available: [
      ("plan", "PROMO_PLAN", report.planFrame), ("skus", "PROMO_PLAN_SKUS", report.skuFrame),
      ("constraints", "PROMO_CONSTRAINTS", report.constraintFrame),
    ])
    return DirectiveResult(value: report.value, outputs: report.outputs, tables: result)
  }

  /// Points a planner error at the option it concerns, when one does.
  static func errorLocation(_ error: PromoError, _ o: ParsedOptions) -> SourceLocation {
    switch error {
    case .unknownGroup(_, let kind, _):
      if kind == "brand" { return o.location(of: brandCaps) }
      if kind == "pack type" { return o.location(of: packLimits) }
      return o.location(of: segmentBounds)
    default: return o.blockLocation
    }
  }

  static func planConstraints(_ o: ParsedOptions) throws(NotebookError) -> PromoPlanConstraints {
    var c = PromoPlanConstraints()
    c.horizon = o[horizon]
    for e in o[brandCaps] ?? [] { c.brandCaps.append(.init(e.key, maximum: e.value)) }
    for e in o[packLimits] ?? [] { c.packLimits.append(.init(e.key, maximum: e.value)) }
    for e in o[segmentBounds] ?? [] {
      var b = PromoPlanConstraints.Bounds(e.key)
      b.lower = e.value.lower
      b.upper = e.value.upper
      guard b.lower <= b.upper else {
        throw NotebookError(e.value.location, "segment_bounds.\(e.key): min \(b.lower) is above max \(b.upper)")
      }
      c.segmentBounds.append(b)
    }
    if let r = o[spendRange] { c.spendRange = r }
    c.volumeChange = o[volumeChange]
    c.lambdaRho = o[lambdaRho]
    c.epsilon = o[epsilon]
    c.brandLevel = o[brand]
    c.packLevel = o[packType]
    c.segmentLevel = o[priceSegment]
    return c
  }
}
