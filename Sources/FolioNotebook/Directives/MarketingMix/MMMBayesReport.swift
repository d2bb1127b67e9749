import FolioData
import FolioModels
import FolioStats

/// The outputs and the value of a `{bayes}` block: a note, the per-channel
/// table, the convergence section, the prior-vs-posterior chart, the
/// decomposition and (with lift tests) model against experiment.
struct MMMBayesReport {
  var value: Value
  var outputs: [BlockOutput]

  init(fit: BayesianMMM.Fit, record: MMMPosteriorRecord, labels: [String], dataLabel: String, level: Double, liftTests: [MMMLiftTest]) {
    let posterior = record.posterior, model = posterior.pointModel, input = model.input, d = record.diagnostics
    let boot = posterior.channelBootstraps(level: level)
    let comparison = BayesianMMMPriorComparison.compare(fit)
    let m = input.channelCount
    // Per channel: ROI R-hat and bulk ESS over chains, mean Σ contribution.
    let roiChains = (0..<m).map { c in fit.draws.map { fit.density.channelQuantities(c, at: $0).roi } }
    let roiRHat = fit.channels.map(\.roiRHat)
    let roiESS = roiChains.map { ConvergenceDiagnostics.bulkESS($0) }
    let spend = input.spend.map { $0.reduce(0, +) }
    let contribution = (0..<m).map { c in spend[c] * posterior.roiDraws[c].reduce(0, +) / Double(posterior.roiDraws[c].count) }
    let totalContribution = contribution.reduce(0, +)
    let uninformed = (0..<m).filter { comparison[$0].isUninformed }.map { labels[$0] }
    let lift = Self.liftSummaries(fit: fit, tests: liftTests, level: level)

    let f2 = NumberFormat(.fixed, digits: 2), f3 = NumberFormat(.fixed, digits: 3), money = NumberFormat(.currency, digits: 0)
    let f0 = NumberFormat(.thousands, digits: 0), pct = NumberFormat(.percent, digits: 0).format(level)
    let weibull = model.adstockKind != .geometric
    // The adstock columns: θ, or the Weibull shape k and scale λ.
    func adstockFields(_ p: ChannelParameters) -> [(String, Value)] {
      weibull ? [("shape", .number(p.shape)), ("scale", .number(p.scale))] : [("theta", .number(p.theta))]
    }
    // Value.
    let channels: [(String, Value)] = (0..<m).map { c in
      let p = model.parameters[c]
      return (labels[c], .object([
        ("key", .string(input.channels[c])), ("roi", .number(boot[c].roi)), ("roi_low", .number(boot[c].roiLow)),
        ("roi_high", .number(boot[c].roiHigh))] + adstockFields(p) + [("alpha", .number(p.alpha)),
        ("gamma", .number(p.gamma)), ("coef", .number(model.mediaCoefficients[c])), ("contribution", .number(contribution[c])),
        ("spend", .number(spend[c])), ("rhat", .number(roiRHat[c])), ("ess", .number(roiESS[c])),
        ("prior_sd_ratio", comparison[c].roiRatio.map { .number($0) } ?? .null), ("informed", .bool(!comparison[c].isUninformed)),
      ]))
    }
    let problems = d.problems
    let diagnostics = Value.object([
      ("max_rhat", .number(d.maxRHat)), ("min_ess", .number(min(d.minBulkESS, d.minTailESS))),
      ("min_bulk_ess", .number(d.minBulkESS)), ("min_tail_ess", .number(d.minTailESS)), ("divergences", .integer(d.divergences)),
      ("min_ebfmi", d.minEBFMI.isFinite ? .number(d.minEBFMI) : .null), ("tree_depth_share", .number(d.treeDepthShare)),
      ("converged", .bool(d.converged)), ("problems", .string(problems.joined(separator: " "))),
    ])
    let liftValues: [Value] = lift.map { s in
      .object([
        ("channel", .string(labels[s.test.channel])), ("first_week", .string(CivilDate.isoString(days: input.weekStarts[s.test.firstWeek]))),
        ("last_week", .string(CivilDate.isoString(days: input.weekStarts[s.test.lastWeek]))),
        ("measured", .number(s.test.incrementalRevenue)), ("se", .number(s.test.standardError)),
        ("implied", .number(s.median)), ("implied_low", .number(s.low)), ("implied_high", .number(s.high)),
      ])
    }
    value = .object([
      ("data", .string(dataLabel)), ("method", .string("bayes")), ("adstock", .string(weibull ? "weibull" : "geometric")),
      ("chains", .integer(record.chains)), ("warmup", .integer(record.warmup)), ("draws", .integer(record.draws)),
      ("seed", .string(String(record.seed))), ("target_accept", .number(record.targetAcceptance)), ("level", .number(level)),
      ("r2", .number(model.r2)), ("mape", .number(model.mape)), ("nrmse", .number(model.nrmse)),
      ("media_contribution", .number(totalContribution)),
      ("media_share", .number(totalContribution / input.revenue.reduce(0, +))),
      ("channels", .object(channels)), ("diagnostics", diagnostics),
      ("uninformed", .string(MMMText.list(uninformed))), ("uninformed_count", .integer(uninformed.count)),
      ("lift_tests", .array(liftValues)),
    ])

    // Outputs.
    var out: [BlockOutput] = []
    out.append(.note("NUTS: \(record.chains) chains × \(record.draws) draws after \(record.warmup) warm-up iterations (seed \(record.seed), target acceptance \(f2.format(record.targetAcceptance)))\(liftTests.isEmpty ? "" : ", calibrated with \(liftTests.count) lift test\(liftTests.count == 1 ? "" : "s")"). ROI is the posterior median with its central \(pct) interval; \(weibull ? "the Weibull shape k and scale λ (in units of the 13-week window)" : "θ"), α, γ and the coefficient are posterior means. The model at the posterior means has in-sample R² \(f3.format(model.r2)), MAPE \(f2.format(model.mape))%."))
    let rows = (0..<m).map { c -> [String] in
      let p = model.parameters[c]
      return [
        labels[c], f2.format(boot[c].roi), "\(f2.format(boot[c].roiLow)) – \(f2.format(boot[c].roiHigh))",
      ] + (weibull ? [f3.format(p.shape), f3.format(p.scale)] : [f3.format(p.theta)]) + [
        f2.format(p.alpha), money.format(p.gamma), money.format(contribution[c]), f3.format(roiRHat[c]), f0.format(roiESS[c]),
        comparison[c].isUninformed ? "no: the prior decides" : "yes",
      ]
    }
    let headers = ["Channel", "ROI", "\(pct) interval"] + (weibull ? ["Weibull shape k", "Weibull scale λ"] : ["θ (carry-over)"]) + ["α (shape)", "γ (half-saturation)", "Contribution", "R-hat", "Bulk ESS", "Data inform it?"]
    out.append(.table(TableSpec(
      columns: headers.enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 > 0 && $0 < headers.count - 1) }, rows: rows, totalRows: rows.count)))
    out.append(.markdown(Self.convergenceSection(d)))
    if !uninformed.isEmpty {
      out.append(.note("The data barely inform \(MMMText.list(uninformed)): the posterior sd of log ROI is more than 0.7 of the prior's (the posterior keeps over half the prior's variance), so \(uninformed.count == 1 ? "its" : "their") ROI interval mostly restates the prior. An experiment (lift test) on \(uninformed.count == 1 ? "it" : "them") would say more than more weeks of the same data."))
    }
    out.append(.chart(Self.priorPosteriorChart(comparison, medians: boot.map(\.roi), labels: labels)))
    out.append(.chart(MMMCharts.decomposition(model, labels: labels)))
    if !lift.isEmpty { out.append(.chart(Self.liftChart(lift, labels: labels, input: input, level: level))) }
    outputs = out
  }

  /// The convergence section: the checks, then a plain verdict.
  static func convergenceSection(_ d: BayesianMMMDiagnostics) -> String {
    let f3 = NumberFormat(.fixed, digits: 3), f2 = NumberFormat(.fixed, digits: 2), f0 = NumberFormat(.thousands, digits: 0)
    let pct = NumberFormat(.percent, digits: 1)
    var s = "**Convergence.** Largest R-hat \(f3.format(d.maxRHat)) (want ≤ 1.01), smallest bulk ESS \(f0.format(d.minBulkESS)) and tail ESS \(f0.format(d.minTailESS)) (want ≥ 400), \(d.divergences) divergent transitions (want 0), smallest E-BFMI \(d.minEBFMI.isFinite ? f2.format(d.minEBFMI) : "n/a") (want ≥ 0.3), \(pct.format(d.treeDepthShare)) of transitions at the maximum tree depth."
    let problems = d.problems
    if problems.isEmpty {
      s += " Every check passes: the intervals above can be read as the model's posterior."
    } else {
      s += "\n\n**Do not rely on these numbers yet.** " + problems.joined(separator: " ")
    }
    return s
  }

  /// Prior and posterior 90% ROI intervals, two rows per channel.
  static func priorPosteriorChart(_ comparison: [BayesianMMMPriorComparison], medians: [Double], labels: [String]) -> ChartSpec {
    var categories: [String] = [], estimate: [Double] = [], low: [Double] = [], high: [Double] = []
    for (c, k) in comparison.enumerated() {
      if let p = k.priorROIInterval {
        categories.append("\(labels[c]) · prior")
        estimate.append((p.low * p.high).squareRoot())  // the log-normal median exp(μ)
        low.append(p.low)
        high.append(p.high)
      }
      categories.append("\(labels[c]) · posterior")
      estimate.append(medians[c])
      low.append(k.posteriorROIInterval.low)
      high.append(k.posteriorROIInterval.high)
    }
    return ChartSpec(
      title: "What the data added to the priors", subtitle: "90% interval of each channel's ROI before (prior) and after (posterior) seeing the data; dashed line: break-even (1.0)",
      description: "Interval chart of the prior and posterior 90% ROI intervals of \(labels.count) channels.",
      x: ChartAxis(label: "Revenue per $1 of spend", scale: .numeric(NumberFormat(.fixed, digits: 1)), includeZero: true),
      y: ChartAxis(scale: .categorical(categories)),
      layers: [.interval(IntervalLayer(name: "ROI", categories: categories, estimate: estimate, low: low, high: high, reference: 1))])
  }

  struct LiftSummary {
    var test: MMMLiftTest
    var median: Double, low: Double, high: Double
  }

  /// The model's implied lift of every test under every draw.
  static func liftSummaries(fit: BayesianMMM.Fit, tests: [MMMLiftTest], level: Double) -> [LiftSummary] {
    tests.map { test in
      let draws = fit.draws.map { fit.density.impliedLift(test, at: Array($0)) }.flatMap { $0 }
      let q = (1 - level) / 2
      return LiftSummary(
        test: test, median: ConvergenceDiagnostics.quantile(draws, 0.5), low: ConvergenceDiagnostics.quantile(draws, q),
        high: ConvergenceDiagnostics.quantile(draws, 1 - q))
    }
  }

  /// Model-implied lift (posterior median and interval) against each
  /// experiment (measured ± 1.645 se), two rows per test.
  static func liftChart(_ lift: [LiftSummary], labels: [String], input: MMMInput, level: Double) -> ChartSpec {
    var categories: [String] = [], estimate: [Double] = [], low: [Double] = [], high: [Double] = []
    for (i, s) in lift.enumerated() {
      let name = "Test \(i + 1) \(labels[s.test.channel]) \(CivilDate.isoString(days: input.weekStarts[s.test.firstWeek]))"
      categories += ["\(name) · experiment", "\(name) · model"]
      estimate += [s.test.incrementalRevenue, s.median]
      low += [s.test.incrementalRevenue - 1.6448536269514722 * s.test.standardError, s.low]
      high += [s.test.incrementalRevenue + 1.6448536269514722 * s.test.standardError, s.high]
    }
    return ChartSpec(
      title: "Model vs experiment: incremental revenue of each lift test",
      subtitle: "Experiment: measured lift ± 1.645 standard errors; model: posterior median with its \(NumberFormat(.percent, digits: 0).format(level)) interval",
      description: "Interval chart comparing \(lift.count) measured lift tests with the model's implied lift.",
      x: ChartAxis(label: "Incremental revenue over the test weeks", scale: .numeric(MMMCharts.compact), includeZero: true),
      y: ChartAxis(scale: .categorical(categories)),
      layers: [.interval(IntervalLayer(name: "Lift", categories: categories, estimate: estimate, low: low, high: high, reference: 0))])
  }
}
