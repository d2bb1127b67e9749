import FolioData
import FolioModels

/// `{plan}`: the budget allocation that maximizes predicted weekly media
/// revenue, budget-neutral by default, each channel within ±`change` of its
/// current spend (and optional per-channel floors and caps), solved exactly
/// (`BudgetAllocator`: concave envelopes + bisection on the multiplier) with
/// a KKT check.
///
/// ```yaml
/// model: fit            # a {search} block
/// roi: boot             # optional {roi} block: intervals in MODEL_RESULTS
/// cv: validation        # optional {cv} block: CV metrics in MODEL_METADATA
/// change: 0.3           # largest relative change per channel
/// total_change: 0       # change of the total budget, e.g. 0.1 for +10%
/// total: 250000         # or an absolute weekly total
/// floors: {TV: 40000}   # weekly minimum per channel (name or key)
/// caps: {Email: 6000}   # weekly maximum per channel
/// current_weeks: 13     # current spend = mean of the last n weeks (default: all)
/// ```
/// Writes the result tables MODEL_RESULTS (one row per channel) and
/// MODEL_METADATA (key/value facts of the run).
public enum MMMPlanDirective: Directive {
  public static let name = "plan"
  public static let summary = "Budget optimizer: exact reallocation across channels within bounds, lift and KKT check; writes MODEL_RESULTS and MODEL_METADATA."
  public static let options: [OptionSpec] = [
    OptionSpec("model", reference: true, "A {search} block."),
    OptionSpec("roi", reference: true, "A {roi} block (optional): ROI intervals in MODEL_RESULTS."),
    OptionSpec("cv", reference: true, "A {cv} block (optional): CV metrics in MODEL_METADATA."),
    OptionSpec("change", "Largest relative change per channel (default 0.3)."),
    OptionSpec("total_change", "Relative change of the total weekly budget (default 0: budget-neutral)."),
    OptionSpec("total", "Absolute total weekly budget (instead of total_change)."),
    OptionSpec("floors", "Minimum weekly spend per channel: {channel: amount}."),
    OptionSpec("caps", "Maximum weekly spend per channel: {channel: amount}."),
    OptionSpec("current_weeks", "Current spend = mean weekly spend over the last n weeks (default: all weeks)."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    var errors = MMMModelValue.checkModelOption(call, directive: name)
    if call.options["total"] != nil, let t = call.options["total_change"] {
      errors.append(NotebookError(t.location, "give either total or total_change, not both"))
    }
    return errors
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    let fitted = try MMMModelValue.model(of: call, context: context, directive: name)
    let model = fitted.model, labels = fitted.labels, input = model.input
    let o = call.options
    if o["total"] != nil, let t = o["total_change"] { throw NotebookError(t.location, "give either total or total_change, not both") }
    var options = BudgetAllocator.Options()
    options.maxChange = try MMMOptionReading.double(o, "change", default: 0.3, valid: { $0 >= 0 }, expected: "a relative change of 0 or more (0.3 = ±30%)")
    options.budgetChange = try MMMOptionReading.double(o, "total_change", default: 0, valid: { $0 > -1 }, expected: "a relative change above -1 (0.1 = +10%)")
    if o["total"] != nil {
      options.total = try MMMOptionReading.double(o, "total", default: 0, valid: { $0 >= 0 }, expected: "a weekly total of 0 or more")
    }
    options.floors = try MMMOptionReading.perChannel(o, "floors", labels: labels, keys: input.channels).map { $0.map { $0.isNaN ? 0 : $0 } }
    options.caps = try MMMOptionReading.perChannel(o, "caps", labels: labels, keys: input.channels).map { $0.map { $0.isNaN ? .infinity : $0 } }
    let recent = try MMMOptionReading.int(o, "current_weeks", default: input.weekCount, range: 1...input.weekCount, unit: "weeks")
    let current = input.spend.map { s in s.suffix(recent).reduce(0, +) / Double(recent) }

    let plan: BudgetPlan
    do { plan = try BudgetAllocator.optimize(model, currentSpend: current, options: options) } catch {
      let e = NotebookError.wrapping(error, at: call.location)
      throw NotebookError(e.location, "\(e.message); loosen change, floors or caps, or the total")
    }
    let roiValue = try o["roi"].map { try context.result(try $0.string("roi"), at: $0.location) }
    let cvValue = try o["cv"].map { try context.result(try $0.string("cv"), at: $0.location) }
    let results = try MMMResultTables.modelResults(model: model, labels: labels, plan: plan, roi: roiValue)
    let metadata = try MMMResultTables.metadata(
      model: model, modelValue: try context.result(try o["model"]?.string("model") ?? "", at: call.location),
      cv: cvValue, roi: roiValue, plan: plan, options: options, currentWeeks: recent)

    let changePct = plan.current.indices.map { plan.current[$0] > 0 ? 100 * (plan.recommended[$0] - plan.current[$0]) / plan.current[$0] : .nan }
    let pct0 = NumberFormat(.fixed, digits: 0)
    func moves(_ up: Bool) -> String {
      let idx = plan.current.indices.filter { up ? changePct[$0] > 0.5 : changePct[$0] < -0.5 }
        .sorted { up ? changePct[$0] > changePct[$1] : changePct[$0] < changePct[$1] }
      return MMMText.list(idx.map { "\(labels[$0]) (\(changePct[$0] > 0 ? "+" : "")\(pct0.format(changePct[$0]))%)" })
    }
    let channels: [(String, Value)] = labels.indices.map { c in (labels[c], MMMResultTables.record(results, row: c)) }
    let meanRevenue = input.revenue.reduce(0, +) / Double(input.weekCount)
    let value = Value.object([
      ("model", .string(try o["model"]?.string("model") ?? "")),
      ("change", .number(options.maxChange)),
      ("current_weeks", .integer(recent)),
      ("current_total", .number(plan.current.reduce(0, +))),
      ("recommended_total", .number(plan.recommended.reduce(0, +))),
      ("predicted_current", .number(plan.predictedCurrent)),
      ("predicted_recommended", .number(plan.predictedRecommended)),
      ("lift", .number(plan.lift)),
      ("lift_percent", .number(plan.liftPercent)),
      ("lift_annual", .number(52 * plan.lift)),
      ("lift_percent_of_revenue", .number(100 * plan.lift / meanRevenue)),
      ("upper_bound", .number(plan.upperBound)),
      ("optimality_gap", .number(plan.optimalityGap)),
      ("kkt", .object([
        ("multiplier", .number(plan.kkt.multiplier)),
        ("max_interior_deviation", .number(plan.kkt.maxInteriorDeviation)),
        ("complementary_slackness", .bool(plan.kkt.complementarySlacknessHolds)),
        ("max_slackness_violation", .number(plan.kkt.maxSlacknessViolation)),
      ])),
      ("at_upper", .string(MMMText.list(labels.indices.filter { plan.binding[$0] == .upper }.map { labels[$0] }))),
      ("at_lower", .string(MMMText.list(labels.indices.filter { plan.binding[$0] == .lower }.map { labels[$0] }))),
      ("interior", .string(MMMText.list(labels.indices.filter { plan.binding[$0] == .interior }.map { labels[$0] }))),
      ("increase", .string(moves(true))),
      ("decrease", .string(moves(false))),
      ("method", .string(plan.method)),
      ("channels", .object(channels)),
      ("results", .table(results)),
    ])

    let money = NumberFormat(.currency, digits: 0), f2 = NumberFormat(.fixed, digits: 2), f1 = NumberFormat(.fixed, digits: 1)
    let rows = labels.indices.map { c -> [String] in
      [labels[c], money.format(plan.current[c]), money.format(plan.recommended[c]),
       changePct[c].isNaN ? "–" : "\(changePct[c] > 0 ? "+" : "")\(f1.format(changePct[c]))%",
       money.format(plan.lowerBounds[c]) + " – " + money.format(plan.upperBounds[c]),
       f2.format(plan.marginalROI[c]), plan.binding[c].rawValue]
    }
    let table = TableSpec(
      columns: ["Channel", "Current weekly", "Recommended", "Change", "Allowed range", "Marginal ROI", "Bound"].enumerated().map {
        TableSpec.Column(header: $1, isNumeric: $0 > 0 && $0 < 6)
      }, rows: rows, totalRows: rows.count)
    let kktText = "KKT check: common marginal ROI λ = \(NumberFormat(.fixed, digits: 4).format(plan.kkt.multiplier)); largest deviation among channels inside their bounds \(NumberFormat(.sci, digits: 2).format(plan.kkt.maxInteriorDeviation)); bound channels on the correct side of λ: \(plan.kkt.complementarySlacknessHolds ? "yes" : "no (violation \(NumberFormat(.sci, digits: 2).format(plan.kkt.maxSlacknessViolation)))"); optimality gap at most \(money.format(plan.optimalityGap)) per week."
    let note = "Reallocating \(money.format(plan.total)) per week (±\(pct0.format(100 * options.maxChange))% per channel) lifts predicted weekly media revenue from \(money.format(plan.predictedCurrent)) to \(money.format(plan.predictedRecommended)): +\(money.format(plan.lift)) (\(f1.format(plan.liftPercent))%). Method: \(plan.method)."
    return DirectiveResult(value: value, outputs: [
      .note(note), .chart(MMMCharts.spendComparison(labels: labels, current: plan.current, recommended: plan.recommended)),
      .table(table), .note(kktText),
    ], tables: [ResultTable(name: "MODEL_RESULTS", frame: results), ResultTable(name: "MODEL_METADATA", frame: metadata)])
  }
}
