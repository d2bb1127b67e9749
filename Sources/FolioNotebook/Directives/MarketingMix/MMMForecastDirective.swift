import FolioData
import FolioModels

/// `{forecast}`: predicted weekly revenue, with bootstrap or posterior
/// intervals, for a future spend plan (`MMMForecast`). On a `{bayes}` fit
/// each posterior draw carries its own baseline (intercept and control
/// coefficients) as well as its media effects, and the prediction is the
/// posterior mean; on a `{search}` fit the resamples vary the media effects
/// and the baseline stays at the fitted model's.
///
/// ```yaml
/// model: fit                 # a {search} block
/// roi: boot                  # optional {roi} block: intervals from its resamples or posterior draws
/// plan: next_weeks           # a dataset: one row per planned week, one column per channel
/// week_column: WEEK_START    # the plan's week column (a `week`-typed column)
/// level: 0.9                 # interval level (default: the {roi} block's)
/// ```
/// Without `plan:`, the block forecasts `weeks:` weeks of spending as
/// lately: each channel and market control at its mean over the last
/// `recent_weeks:` observed weeks (`MMMForecastPlan.recent`), so it runs on
/// any data with no plan file.
/// The plan's weeks must be consecutive and start the week after the
/// model's last week (so carry-over from the observed weeks flows into the
/// plan). Every other plan column is a channel, named by its label or its
/// key as in the model, or a market control of the model (`PMI_INDEX`,
/// `COMPETITOR_SOV`) giving its planned value; calendar controls (trend,
/// seasonality, quarter flags) are computed from the planned weeks. A
/// missing channel or market control, an unknown column or negative spend
/// is an error at the `plan:` reference. Writes the result table FORECAST
/// (one row per planned week).
public enum MMMForecastDirective: Directive {
  public static let name = "forecast"
  public static let summary = "What-if forecast: predicted weekly revenue with bootstrap intervals for a future spend plan (weeks × channels); writes FORECAST."
  static let model = DirectiveOption.reference("model", "A {search} or {bayes} block.")
  static let roi = DirectiveOption.reference(optional: "roi", "A {roi} block (optional): intervals from its resamples.")
  static let plan = DirectiveOption.reference(
    optional: "plan", "A dataset: one row per planned week, a week column and one spend column per channel (the market controls too). Without it: `weeks` weeks at the recent mean spend.")
  static let weeks = DirectiveOption.integer(
    "weeks", default: 8, in: 1...520, unit: "weeks", "Without `plan`: how many weeks after the data to forecast.")
  static let recentWeeks = DirectiveOption.integer(
    "recent_weeks", default: 13, in: 1...520, unit: "weeks",
    "Without `plan`: each channel's spend and each market control is its mean over this many last observed weeks.")
  static let weekColumn = DirectiveOption.column("week_column", default: "WEEK_START", "The plan's week column (read with `types: {COL: week}`).")
  static let level = DirectiveOption.number(
    "level", in: .openUnit,
    "Interval level (default: the {roi} block's level).")
  public static let options: [any AnyOptionDeclaration] = [model, roi, plan, weekColumn, weeks, recentWeeks, level]

  public static func validate(_ options: ParsedOptions) -> [NotebookError] {
    guard options.isPresent(plan) else { return [] }
    let planOnly: [any AnyOptionDeclaration] = [weeks, recentWeeks]
    return planOnly.filter { options.isPresent($0) }.map {
      NotebookError(options.location(of: $0), "'\($0.name)' describes the plan made without `plan:`; remove it or remove `plan:`")
    }
  }

  public static func run(_ parsed: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = parsed[Self.model]
    let fitted = try context.model(MMMFit.self, reference)
    let model = fitted.model, labels = fitted.labels, input = model.input
    let bootstrap = try parsed[roi].map { r throws(NotebookError) -> MMMBootstrap in
      let b = try context.model(MMMBootstrap.self, r)
      try b.check(against: fitted, r)
      return b
    }
    let planReference = parsed[plan]
    let table: MMMForecastPlan
    if let planReference {
      table = try MMMForecastPlan.read(try context.dataset(planReference), week: parsed[weekColumn], fit: fitted, at: planReference)
    } else {
      table = MMMForecastPlan.recent(fit: fitted, weeks: parsed[weeks], recentWeeks: parsed[recentWeeks])
    }
    let planName = planReference?.path ?? "recent \(min(parsed[recentWeeks], input.weekCount))-week mean"
    let lvl = parsed[level] ?? bootstrap?.level ?? 0.9
    let forecast: MMMForecast
    do {
      // A posterior's draws carry their own baseline (intercept and control
      // coefficients); the {roi} block's draws are the same thinned draws.
      let baselineDraws = bootstrap.flatMap { $0.method == "posterior" ? fitted.posterior?.posterior.draws : nil }
      forecast = try MMMForecast.predict(
        model, spend: table.spend, controls: table.controls, bootstrap: bootstrap?.boot, baselineDraws: baselineDraws, level: lvl)
    } catch {
      throw NotebookError(planReference?.location ?? parsed.blockLocation, "plan '\(planName)': \(error.message)")
    }

    let weeks = table.weekStarts
    var results = Frame()
    try results.append("WEEK", .date(DateColumn(days: weeks.map { Int32($0) })))
    try results.append("PREDICTED", .number(forecast.predicted))
    try results.append("LOW", .number(forecast.low))
    try results.append("HIGH", .number(forecast.high))
    try results.append("BASELINE", .number(forecast.baseline))
    try results.append("MEDIA", .number(zip(forecast.predicted, forecast.baseline).map { $0 - $1 }))
    try results.append("SPEND", .number(weeks.indices.map { t in table.spend.reduce(0) { $0 + $1[t] } }))
    var byChannel = Frame()
    try byChannel.append("LABEL", .string(StringColumn(labels.map { Optional($0) })))
    try byChannel.append("SPEND", .number(table.spend.map { $0.reduce(0, +) }))
    try byChannel.append("CONTRIBUTION", .number(forecast.channelTotals))
    try byChannel.append("CONTRIBUTION_LOW", .number(forecast.channelTotalLow))
    try byChannel.append("CONTRIBUTION_HIGH", .number(forecast.channelTotalHigh))

    let totalSpend = table.spend.reduce(0) { $0 + $1.reduce(0, +) }
    let interval = { (x: Double) -> Value in x.isNaN ? .null : .number(x) }
    let value = Value.object([
      ("model", .string(reference.path)),
      ("plan", .string(planName)),
      ("weeks", .integer(weeks.count)),
      ("first_week", .string(CivilDate.isoString(days: weeks[0]))),
      ("last_week", .string(CivilDate.isoString(days: weeks[weeks.count - 1]))),
      ("level", .number(lvl)),
      ("draws", .integer(forecast.draws)),
      ("total", .number(forecast.total)),
      ("total_low", interval(forecast.totalLow)),
      ("total_high", interval(forecast.totalHigh)),
      ("total_spend", .number(totalSpend)),
      ("media_total", .number(forecast.channelTotals.reduce(0, +))),
      ("weekly_mean", .number(forecast.total / Double(weeks.count))),
      ("results", .table(results)),
      ("channels", .table(byChannel)),
    ])

    let money = NumberFormat(.currency, digits: 0), pct = NumberFormat(.percent, digits: 0)
    let hasInterval = forecast.draws > 0
    let rows = weeks.indices.map { t -> [String] in
      [CivilDate.isoString(days: weeks[t]), money.format(results["SPEND"]?.doubles?[t] ?? .nan), money.format(forecast.predicted[t]),
       hasInterval ? money.format(forecast.low[t]) : "–", hasInterval ? money.format(forecast.high[t]) : "–"]
    }
    let tableSpec = TableSpec(
      columns: ["Week", "Planned spend", "Predicted revenue", "Low", "High"].enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 > 0) },
      rows: rows, totalRows: rows.count)
    let channelRows = labels.indices.map { c -> [String] in
      [labels[c], money.format(table.spend[c].reduce(0, +)), money.format(forecast.channelTotals[c]),
       hasInterval ? money.format(forecast.channelTotalLow[c]) : "–", hasInterval ? money.format(forecast.channelTotalHigh[c]) : "–"]
    }
    let channelSpec = TableSpec(
      columns: ["Channel", "Planned spend", "Media revenue", "Low", "High"].enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 > 0) },
      rows: channelRows, totalRows: channelRows.count)
    var note = "Over \(weeks.count) planned weeks (\(CivilDate.isoString(days: weeks[0])) to \(CivilDate.isoString(days: weeks[weeks.count - 1]))) spending \(money.format(totalSpend)), the model predicts \(money.format(forecast.total)) of revenue, \(money.format(forecast.channelTotals.reduce(0, +))) of it from media (carry-over from the observed weeks included)"
    if let b = bootstrap, b.method == "posterior" {
      note += "; \(pct.format(lvl)) interval \(money.format(forecast.totalLow)) to \(money.format(forecast.totalHigh)) (the plan evaluated under each of \(forecast.draws) posterior draws, each with its own baseline, media effects and transforms; the prediction is their mean). The interval covers the expected revenue given the posterior of the media effects and the baseline; week-to-week noise is not included."
    } else if let b = bootstrap {
      note += "; \(pct.format(lvl)) interval \(money.format(forecast.totalLow)) to \(money.format(forecast.totalHigh)) (the plan evaluated under each of \(forecast.draws) resampled models\(b.refit ? ", each with its own transforms" : "")). The interval covers the uncertainty of the media effects; the baseline is held at the fitted model's and week-to-week noise is not included."
    } else {
      note += "; no {roi} block given, so no intervals."
    }
    var layers: [ChartLayer] = []
    let x = weeks.map(Double.init)
    if hasInterval { layers.append(.band(BandLayer(name: "\(pct.format(lvl)) interval", x: x, low: forecast.low, high: forecast.high))) }
    layers.append(.line([ChartSeries(name: "Predicted revenue", x: x, y: forecast.predicted), ChartSeries(name: "Baseline", x: x, y: forecast.baseline)]))
    let chart = ChartSpec(
      title: "Predicted weekly revenue under the plan",
      subtitle: hasInterval
        ? (bootstrap?.method == "posterior"
          ? "Band: \(pct.format(lvl)) posterior interval of the expected revenue (media and baseline); baseline: posterior mean of intercept, trend, season and market"
          : "Band: \(pct.format(lvl)) bootstrap interval of the media effects; baseline: intercept, trend, season and market")
        : "Baseline: intercept, trend, season and market",
      description: "Line chart of predicted weekly revenue and baseline over \(weeks.count) planned weeks\(hasInterval ? ", with an interval band" : "").",
      x: ChartAxis(label: "Week", scale: .date), y: ChartAxis(label: "Revenue per week", scale: .numeric(MMMCharts.compact)),
      layers: layers)
    return DirectiveResult(value: value, outputs: [.note(note), .chart(chart), .table(tableSpec), .table(channelSpec)],
                           tables: [ResultTable(name: "FORECAST", frame: results)])
  }
}
