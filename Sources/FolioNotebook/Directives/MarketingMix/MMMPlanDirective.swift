import FolioData
import FolioModels

/// `{plan}`: the budget allocation that maximizes predicted weekly media
/// revenue, budget-neutral by default, each channel within ±`change` of its
/// current spend (and optional per-channel floors and caps), solved exactly
/// (`BudgetAllocator`: concave envelopes + bisection on the multiplier) with
/// a KKT check. When the `roi:` block holds posterior draws (method
/// "posterior", a Bayesian fit), the plan maximizes *expected* revenue over
/// the draws (`ExpectedResponseAllocator`) and the lift is reported as its
/// posterior: mean, median, central interval and P(lift > 0).
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
  static let model = DirectiveOption.reference("model", "A {search} block.")
  static let roi = DirectiveOption.reference(optional: "roi", "A {roi} block (optional): ROI intervals in MODEL_RESULTS.")
  static let cv = DirectiveOption.reference(optional: "cv", "A {cv} block (optional): CV metrics in MODEL_METADATA.")
  static let change = DirectiveOption.number("change", default: 0.3, in: .nonNegative, "Largest relative change per channel (0.3 = ±30%).")
  static let totalChange = DirectiveOption.number(
    "total_change", default: 0, in: NumberBounds(lower: -1, lowerInclusive: false), "Relative change of the total weekly budget (0: budget-neutral).")
  static let total = DirectiveOption.number("total", in: .nonNegative, "Absolute total weekly budget (instead of total_change).")
  static let spend = DirectiveOption.item(.number(.nonNegative)) { node, name throws(NotebookError) in try OptionScalars.number(node, name, .nonNegative) }
  static let floors = DirectiveOption.map("floors", of: spend, "Minimum weekly spend per channel: {channel: amount}.")
  static let caps = DirectiveOption.map("caps", of: spend, "Maximum weekly spend per channel: {channel: amount}.")
  static let currentWeeks = DirectiveOption.integer("current_weeks", atLeast: 1, unit: "weeks", "Current spend = mean weekly spend over the last n weeks (default: all weeks).")
  public static let options: [any AnyOptionDeclaration] = [model, roi, cv, change, totalChange, total, floors, caps, currentWeeks]

  public static func validate(_ parsed: ParsedOptions) -> [NotebookError] {
    parsed.isPresent(total) && parsed.isPresent(totalChange)
      ? [NotebookError(parsed.location(of: totalChange), "give either total or total_change, not both")] : []
  }

  /// `{channel: amount}` → one value per channel (`fill` where not given);
  /// keys may be display labels or channel keys.
  static func perChannel(_ entries: [OptionEntry<Double>]?, _ name: String, fit: MMMFit, fill: Double) throws(NotebookError) -> [Double]? {
    guard let entries else { return nil }
    var out = [Double](repeating: fill, count: fit.labels.count)
    for e in entries {
      guard let c = fit.labels.firstIndex(of: e.key) ?? fit.model.input.channels.firstIndex(of: e.key) else {
        throw NotebookError(e.keyLocation, "\(name): unknown channel '\(e.key)'\(NearMatches.hint(for: e.key, in: fit.labels, noun: "channel"))")
      }
      out[c] = e.value
    }
    return out
  }

  public static func run(_ parsed: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = parsed[Self.model]
    let fitted = try context.model(MMMFit.self, reference)
    let model = fitted.model, labels = fitted.labels, input = model.input
    var options = BudgetAllocator.Options()
    options.maxChange = parsed[change]
    options.budgetChange = parsed[totalChange]
    options.total = parsed[total]
    options.floors = try perChannel(parsed[floors], "floors", fit: fitted, fill: 0)
    options.caps = try perChannel(parsed[caps], "caps", fit: fitted, fill: .infinity)
    let recent = parsed[currentWeeks] ?? input.weekCount
    guard recent <= input.weekCount else {
      throw NotebookError(parsed.location(of: currentWeeks), "current_weeks: expected 1 to \(input.weekCount) weeks, found \(recent)")
    }
    let current = input.spend.map { s in s.suffix(recent).reduce(0, +) / Double(recent) }

    let bootstrap = try parsed[roi].map { r throws(NotebookError) -> MMMBootstrap in
      let b = try context.model(MMMBootstrap.self, r)
      try b.check(against: fitted, r)
      return b
    }
    let posterior = bootstrap.map(isPosterior) ?? false
    let plan: BudgetPlan
    do {
      if let b = bootstrap, posterior {
        plan = try ExpectedResponseAllocator.optimize(model, draws: b.boot, currentSpend: current, options: options)
      } else {
        plan = try BudgetAllocator.optimize(model, currentSpend: current, options: options)
      }
    } catch {
      let e = NotebookError.wrapping(error, at: parsed.blockLocation)
      throw NotebookError(e.location, "\(e.message); loosen change, floors or caps, or the total")
    }
    let validation = try parsed[cv].map { r throws(NotebookError) in try context.model(MMMValidation.self, r) }
    let results = try MMMResultTables.modelResults(model: model, labels: labels, plan: plan, roi: bootstrap)
    let metadata = try MMMResultTables.metadata(
      fit: fitted, cv: validation, roi: bootstrap, plan: plan, options: options, currentWeeks: recent)

    let changePct = plan.current.indices.map { plan.current[$0] > 0 ? 100 * (plan.recommended[$0] - plan.current[$0]) / plan.current[$0] : .nan }
    let pct0 = NumberFormat(.fixed, digits: 0)
    func moves(_ up: Bool) -> String {
      let idx = plan.current.indices.filter { up ? changePct[$0] > 0.5 : changePct[$0] < -0.5 }
        .sorted { up ? changePct[$0] > changePct[$1] : changePct[$0] < changePct[$1] }
      return MMMText.list(idx.map { "\(labels[$0]) (\(changePct[$0] > 0 ? "+" : "")\(pct0.format(changePct[$0]))%)" })
    }
    let channels: [(String, Value)] = labels.indices.map { c in (labels[c], MMMResultTables.record(results, row: c)) }
    let meanRevenue = input.revenue.reduce(0, +) / Double(input.weekCount)
    // The plan's lift re-evaluated under every bootstrap resample (or posterior draw) of the {roi} block.
    let liftDraws = bootstrap.map { BootstrapResponse.liftDraws(model, $0.boot, current: plan.current, recommended: plan.recommended) }
    var liftInterval: (low: Double, high: Double)? = nil
    if let d = liftDraws, let b = bootstrap { liftInterval = BootstrapResponse.interval(d, level: b.level) }
    let liftPositive = liftDraws.map(BootstrapResponse.probabilityPositive)
    let liftFields: [(String, Value)] = posterior ? posteriorFields(liftDraws ?? []) : []
    let value = Value.object([
      ("model", .string(reference.path)),
      ("change", .number(options.maxChange)),
      ("current_weeks", .integer(recent)),
      ("current_total", .number(plan.current.reduce(0, +))),
      ("recommended_total", .number(plan.recommended.reduce(0, +))),
      ("predicted_current", .number(plan.predictedCurrent)),
      ("predicted_recommended", .number(plan.predictedRecommended)),
      ("lift", .number(plan.lift)),
      ("lift_percent", .number(plan.liftPercent)),
      ("lift_low", liftInterval.map { .number($0.low) } ?? .null),
      ("lift_high", liftInterval.map { .number($0.high) } ?? .null),
      ("lift_probability_positive", liftPositive.map { .number($0) } ?? .null),
    ] + liftFields + [
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
      columns: ["Channel", "Current weekly", "Recommended", "Change", "Allowed range", posterior ? "Marginal ROI (posterior mean)" : "Marginal ROI", "Bound"].enumerated().map {
        TableSpec.Column(header: $1, isNumeric: $0 > 0 && $0 < 6)
      }, rows: rows, totalRows: rows.count)
    let kktText = "KKT check: common marginal ROI λ = \(NumberFormat(.fixed, digits: 4).format(plan.kkt.multiplier)); largest deviation among channels inside their bounds \(NumberFormat(.sci, digits: 2).format(plan.kkt.maxInteriorDeviation)); bound channels on the correct side of λ: \(plan.kkt.complementarySlacknessHolds ? "yes" : "no (violation \(NumberFormat(.sci, digits: 2).format(plan.kkt.maxSlacknessViolation)))"); optimality gap at most \(money.format(plan.optimalityGap)) per week."
    var liftText = "; no {roi} block given, so the lift has no interval"
    if let i = liftInterval, let p = liftPositive, let b = bootstrap {
      let signed = { (x: Double) in (x < 0 ? "−" : "+") + money.format(abs(x)) }
      let pct = NumberFormat(.percent, digits: 0)
      if posterior, let d = liftDraws {
        let mean = d.reduce(0, +) / Double(max(1, d.count)), median = BootstrapROI.quantile(d, 0.5)
        liftText = "; posterior mean \(signed(mean)), median \(signed(median)), \(pct.format(b.level)) posterior interval \(signed(i.low)) to \(signed(i.high)) per week, probability the lift is positive \(pct.format(p)) (the plan evaluated on each of \(d.count) posterior draws)"
      } else {
        liftText = "; \(pct.format(b.level)) bootstrap interval \(signed(i.low)) to \(signed(i.high)) per week, probability the lift is positive \(pct.format(p)) (the plan re-evaluated on each of \(b.resamples) resampled models)"
      }
    }
    let predicted = posterior ? "expected weekly media revenue (mean over the posterior draws)" : "predicted weekly media revenue"
    let note = "Reallocating \(money.format(plan.total)) per week (±\(pct0.format(100 * options.maxChange))% per channel) lifts \(predicted) from \(money.format(plan.predictedCurrent)) to \(money.format(plan.predictedRecommended)): +\(money.format(plan.lift)) (\(f1.format(plan.liftPercent))%)\(liftText). Method: \(plan.method)."
    return DirectiveResult(value: value, outputs: [
      .note(note), .chart(MMMCharts.spendComparison(labels: labels, current: plan.current, recommended: plan.recommended)),
      .table(table), .note(kktText),
    ], tables: [ResultTable(name: "MODEL_RESULTS", frame: results), ResultTable(name: "MODEL_METADATA", frame: metadata)])
  }

  /// Whether a `{roi}` result holds posterior draws rather than bootstrap resamples.
  static func isPosterior(_ b: MMMBootstrap) -> Bool { b.method == "posterior" }

  /// The lift's posterior summary: mean, median and the draw count.
  static func posteriorFields(_ draws: [Double]) -> [(String, Value)] {
    [
      ("lift_mean", draws.isEmpty ? .null : .number(draws.reduce(0, +) / Double(draws.count))),
      ("lift_median", draws.isEmpty ? .null : .number(BootstrapROI.quantile(draws, 0.5))),
      ("lift_draws", .integer(draws.count)),
      ("lift_interval", .string("posterior")),
    ]
  }
}
