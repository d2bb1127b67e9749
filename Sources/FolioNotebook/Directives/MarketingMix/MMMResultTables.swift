import FolioData
import FolioModels

/// The seed pipeline's result tables, written by `{plan}` as CSV and into
/// the run's SQLite file:
/// - MODEL_RESULTS: one row per channel — CHANNEL (key), LABEL, THETA, SHAPE,
///   SCALE, ALPHA, GAMMA, COEF, ROI, ROI_LOW, ROI_HIGH, IS_SIGNIFICANT, MROI
///   (marginal ROI at current spend), SPEND (current weekly spend),
///   RECOMMENDED_SPEND, CHANGE_PCT (percent); ROI_LOW/HIGH and IS_SIGNIFICANT
///   are missing without a `{roi}` block. With a posterior (`{bayes}`), ROI
///   is the posterior median and THETA…COEF are posterior means.
/// - MODEL_METADATA: KEY, VALUE text pairs describing the run (data window,
///   settings, seeds, fit and CV metrics, plan totals and lift), numbers at
///   full precision (shortest round-trip text).
enum MMMResultTables {
  static func modelResults(model: MMMModel, labels: [String], plan: BudgetPlan, roi: MMMBootstrap?) throws -> Frame {
    let m = model.input.channelCount
    let nan = [Double](repeating: .nan, count: m)
    let significant: [String?] = roi.map { $0.isSignificant.map { $0 ? "true" : "false" } } ?? [String?](repeating: nil, count: m)
    var f = Frame()
    try f.append("CHANNEL", .string(StringColumn(model.input.channels.map { Optional($0) })))
    try f.append("LABEL", .string(StringColumn(labels.map { Optional($0) })))
    try f.append("THETA", .number(model.parameters.map(\.theta)))
    try f.append("SHAPE", .number(model.parameters.map(\.shape)))
    try f.append("SCALE", .number(model.parameters.map(\.scale)))
    try f.append("ALPHA", .number(model.parameters.map(\.alpha)))
    try f.append("GAMMA", .number(model.parameters.map(\.gamma)))
    try f.append("COEF", .number(model.mediaCoefficients))
    // A posterior's ROI is its median, the centre of ROI_LOW–ROI_HIGH (the
    // ROI at the posterior-mean parameters is not a posterior summary).
    let isPosterior = roi?.method == "posterior"
    try f.append("ROI", .number(isPosterior ? roi?.boot.map(\.roi) ?? model.roi : model.roi))
    try f.append("ROI_LOW", .number(roi?.roiLow ?? nan))
    try f.append("ROI_HIGH", .number(roi?.roiHigh ?? nan))
    try f.append("IS_SIGNIFICANT", .string(StringColumn(significant)))
    try f.append("MROI", .number((0..<m).map { model.marginalROI(channel: $0, weeklySpend: plan.current[$0]) }))
    try f.append("SPEND", .number(plan.current))
    try f.append("RECOMMENDED_SPEND", .number(plan.recommended))
    try f.append("CHANGE_PCT", .number((0..<m).map { plan.current[$0] > 0 ? 100 * (plan.recommended[$0] - plan.current[$0]) / plan.current[$0] : .nan }))
    return f
  }

  /// Row `row` of MODEL_RESULTS as a record with lower-case field names
  /// (plus `roi_ci`), the per-channel value of `{plan}`.
  static func record(_ f: Frame, row: Int) -> Value {
    var fields: [(String, Value)] = []
    for (name, column) in zip(f.columnNames, f.columns) {
      fields.append((name.lowercased(), Value(column[row])))
      if name == "ROI_HIGH", let low = f["ROI_LOW"] { fields.append(("roi_ci", .array([Value(low[row]), Value(column[row])]))) }
    }
    return .object(fields.map { name, v in
      if name == "is_significant", case .string(let s) = v { return (name, .bool(s == "true")) }
      return (name, v)
    })
  }

  static func metadata(
    fit: MMMFit, cv: MMMValidation?, roi: MMMBootstrap?, plan: BudgetPlan,
    options: BudgetAllocator.Options, currentWeeks: Int
  ) throws -> Frame {
    let model = fit.model
    let input = model.input
    var pairs: [(String, String)] = [
      ("folio_version", folioVersion),
      ("first_week", CivilDate.isoString(days: input.weekStarts.first ?? 0)),
      ("last_week", CivilDate.isoString(days: input.weekStarts.last ?? 0)),
      ("weeks", String(input.weekCount)),
      ("channels", input.channels.joined(separator: ";")),
      ("controls", input.controlNames.joined(separator: ";")),
      ("adstock", model.adstockKind.rawValue),
    ]
    if let posterior = fit.posterior {
      let d = posterior.diagnostics
      pairs += [
        ("fit_method", "bayes"),
        ("nuts_chains", String(posterior.chains)), ("nuts_warmup", String(posterior.warmup)),
        ("nuts_draws", String(posterior.draws)), ("nuts_seed", String(posterior.seed)),
        ("nuts_target_accept", posterior.targetAcceptance.description),
        ("nuts_divergences", String(d.divergences)), ("nuts_max_rhat", d.maxRHat.description),
        ("nuts_min_bulk_ess", d.minBulkESS.description), ("nuts_min_tail_ess", d.minTailESS.description),
        ("nuts_converged", d.converged ? "true" : "false"),
      ]
    } else {
      pairs += [
        ("fit_method", "search"),
        ("ridge_alpha", model.ridgeAlpha.description),
        ("search_budget", String(fit.options.budget)),
        ("search_seed", String(fit.options.seed)),
        ("search_evaluations", String(fit.evaluations)),
        ("search_loss", fit.loss.description),
      ]
    }
    pairs += [
      ("r2_in_sample", model.r2.description), ("rmse_in_sample", model.rmse.description),
      ("mae_in_sample", model.mae.description), ("mape_in_sample", model.mape.description),
      ("nrmse_in_sample", model.nrmse.description),
    ]
    if let cv {
      pairs += [("cv_train_weeks", String(cv.train)), ("cv_test_weeks", String(cv.test)), ("cv_step_weeks", String(cv.step)),
                ("cv_folds", String(cv.foldCount))]
      for m in cv.metrics { pairs += [("cv_\(m.name)_mean", m.mean.description), ("cv_\(m.name)_sd", m.sd.description)] }
      pairs.append(("model_quality", cv.quality))
    }
    if let roi, roi.method == "posterior" {
      pairs += [("interval_method", "posterior"), ("interval_level", roi.level.description)]
    } else if let roi {
      pairs += [("bootstrap_resamples", String(roi.resamples)), ("bootstrap_level", roi.level.description),
                ("bootstrap_method", roi.method), ("bootstrap_refit", roi.refit ? "true" : "false"),
                ("bootstrap_seed", String(roi.seed))]
    }
    pairs += [
      ("plan_max_change", options.maxChange.description),
      ("plan_current_weeks", String(currentWeeks)),
      ("plan_total_weekly", plan.total.description),
      ("plan_predicted_current", plan.predictedCurrent.description),
      ("plan_predicted_recommended", plan.predictedRecommended.description),
      ("plan_lift", plan.lift.description), ("plan_lift_percent", plan.liftPercent.description),
      ("plan_kkt_multiplier", plan.kkt.multiplier.description),
      ("plan_kkt_max_interior_deviation", plan.kkt.maxInteriorDeviation.description),
      ("plan_kkt_complementary_slackness", plan.kkt.complementarySlacknessHolds ? "true" : "false"),
      ("plan_optimality_gap", plan.optimalityGap.description),
      ("plan_method", plan.method),
    ]
    return try Frame([
      ("KEY", .string(StringColumn(pairs.map { Optional($0.0) }))),
      ("VALUE", .string(StringColumn(pairs.map { Optional($0.1) }))),
    ])
  }
}
