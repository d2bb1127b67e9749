import FolioData
import FolioModels

/// `{cv}`: rolling-window time-series cross-validation of a fitted
/// marketing-mix model (hyperparameters fixed at the search's; the ridge is
/// refitted on each training window, which always ends before its test window).
///
/// ```yaml
/// model: fit      # a {search} block
/// train: 52       # weeks per training window
/// test: 13        # weeks per test window
/// step: 13        # weeks between fold starts
/// expanding: false
/// ```
/// Value: `in_sample` and `cv` records (r2, rmse, mae, mape, nrmse; `cv` adds
/// `<metric>_sd` over folds), `quality` (by mean CV MAPE: excellent < 10,
/// good < 20, acceptable < 30, else needs work), `folds` (a dataset).
public enum MMMCVDirective: Directive {
  public static let name = "cv"
  public static let summary = "Rolling-window cross-validation of a marketing-mix model: R², RMSE, MAE, MAPE, NRMSE per fold."
  static let model = DirectiveOption.reference("model", "A {search} or {bayes} block.")
  static let train = DirectiveOption.integer("train", default: 52, atLeast: 2, unit: "weeks", "Training window in weeks.")
  static let test = DirectiveOption.integer("test", default: 13, atLeast: 1, unit: "weeks", "Test window in weeks.")
  static let step = DirectiveOption.integer("step", default: 13, atLeast: 1, unit: "weeks", "Weeks between fold starts.")
  static let expanding = DirectiveOption.bool("expanding", default: false, "Train on all earlier weeks instead of a rolling window.")
  public static let options: [any AnyOptionDeclaration] = [model, train, test, step, expanding]

  static let metricNames: [(String, KeyPath<MMMMetrics, Double>)] = [
    ("r2", \.r2), ("rmse", \.rmse), ("mae", \.mae), ("mape", \.mape), ("nrmse", \.nrmse),
  ]

  public static func run(_ parsed: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = parsed[Self.model]
    let fitted = try context.model(MMMFit.self, reference)
    let model = fitted.model
    let n = model.input.weekCount
    var options = RollingCV.Options()
    options.train = parsed[train]
    options.test = parsed[test]
    options.step = parsed[step]
    options.expanding = parsed[expanding]
    for (d, v) in [(train, options.train), (test, options.test), (step, options.step)] where v > n {
      throw NotebookError(parsed.location(of: d), "\(d.name): expected at most \(n) weeks (the data's length), found \(v)")
    }
    guard options.train + options.test <= n else {
      throw NotebookError(parsed.location(of: train),
        "train + test = \(options.train + options.test) weeks, but the data have \(n); expected a shorter window")
    }
    let report: CVReport
    do {
      report = try RollingCV.evaluate(model.input, parameters: model.parameters, adstock: model.adstockKind,
                                      ridgeAlpha: model.ridgeAlpha, options: options)
    } catch { throw NotebookError.wrapping(error, at: parsed.blockLocation) }

    let weeks = model.input.weekStarts
    func day(_ t: Int) -> String { CivilDate.isoString(days: weeks[t]) }
    var folds = Frame()
    try folds.append("FOLD", .integer(IntegerColumn(values: report.folds.map { $0.index + 1 })))
    try folds.append("TRAIN_START", .date(DateColumn(days: report.folds.map { Int32(weeks[$0.window.train.lowerBound]) })))
    try folds.append("TRAIN_END", .date(DateColumn(days: report.folds.map { Int32(weeks[$0.window.train.upperBound - 1]) })))
    try folds.append("TEST_START", .date(DateColumn(days: report.folds.map { Int32(weeks[$0.window.test.lowerBound]) })))
    try folds.append("TEST_END", .date(DateColumn(days: report.folds.map { Int32(weeks[$0.window.test.upperBound - 1]) })))
    for (name, path) in metricNames { try folds.append(name.uppercased(), .number(report.folds.map { $0.metrics[keyPath: path] })) }

    let inSample = Value.object(metricNames.map { ($0.0, .number(report.inSample[keyPath: $0.1])) })
    var cvFields: [(String, Value)] = []
    for (name, path) in metricNames {
      cvFields.append((name, .number(report.mean(path))))
      cvFields.append(("\(name)_sd", .number(report.standardDeviation(path))))
    }
    let value = Value.object([
      ("model", .string(reference.path)),
      ("train", .integer(options.train)), ("test", .integer(options.test)), ("step", .integer(options.step)),
      ("expanding", .bool(options.expanding)),
      ("fold_count", .integer(report.folds.count)),
      ("in_sample", inSample), ("cv", .object(cvFields)),
      ("quality", .string(report.quality.rawValue)),
      ("folds", .table(folds)),
    ])

    var predictions = [Double](repeating: .nan, count: n)
    for f in report.folds { for (t, p) in zip(f.window.test, f.predicted) { predictions[t] = p } }
    let windows = report.folds.map { (from: $0.window.test.lowerBound, to: $0.window.test.upperBound - 1) }
    let f3 = NumberFormat(.fixed, digits: 3), f1 = NumberFormat(.fixed, digits: 1), money = NumberFormat(.thousands, digits: 0)
    let formats: [String: NumberFormat] = ["r2": f3, "rmse": money, "mae": money, "mape": f1, "nrmse": f1]
    let titles = ["r2": "R²", "rmse": "RMSE", "mae": "MAE", "mape": "MAPE (%)", "nrmse": "NRMSE (% of mean)"]
    let summaryRows = metricNames.map { name, path -> [String] in
      let f = formats[name] ?? f3
      return [titles[name] ?? name, f.format(report.inSample[keyPath: path]), f.format(report.mean(path)), f.format(report.standardDeviation(path))]
    }
    let summaryTable = TableSpec(
      columns: ["Metric", "In-sample", "CV mean", "CV sd"].enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 > 0) },
      rows: summaryRows, totalRows: summaryRows.count)
    let foldRows = report.folds.map { f -> [String] in
      [String(f.index + 1), "\(day(f.window.train.lowerBound)) – \(day(f.window.train.upperBound - 1))",
       "\(day(f.window.test.lowerBound)) – \(day(f.window.test.upperBound - 1))",
       f3.format(f.metrics.r2), money.format(f.metrics.rmse), f1.format(f.metrics.mape)]
    }
    let foldTable = TableSpec(
      columns: ["Fold", "Train weeks", "Test weeks", "R²", "RMSE", "MAPE (%)"].enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 == 0 || $0 > 2) },
      rows: foldRows, totalRows: foldRows.count)
    let note = "\(report.folds.count) folds of \(options.train) training weeks (\(options.expanding ? "expanding" : "rolling")) and \(options.test) test weeks, every \(options.step) weeks; mean CV MAPE \(f1.format(report.mean(\.mape)))% → \(report.quality.rawValue).\(fitted.posterior == nil ? "" : " '\(reference.path)' is a Bayesian fit: each fold refits the regression (ridge α \(NumberFormat.automatic.format(model.ridgeAlpha))) with adstock and saturation fixed at their posterior means, so this measures how well those transforms predict unseen weeks, not the full posterior's predictive accuracy.")"
    let validation = MMMValidation(
      train: options.train, test: options.test, step: options.step, foldCount: report.folds.count,
      metrics: metricNames.map { ($0.0, report.mean($0.1), report.standardDeviation($0.1)) }, quality: report.quality.rawValue,
      view: value)
    return DirectiveResult(model: validation, outputs: [
      .note(note), .table(summaryTable),
      .chart(MMMCharts.actualVsPredicted(model, testWindows: windows, foldPredictions: predictions)), .table(foldTable),
    ])
  }
}
