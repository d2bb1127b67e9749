import FolioData
import FolioModels

/// `{roi}`: bootstrap intervals for every channel's ROI (revenue per unit of
/// spend, Σ contribution / Σ spend) and media coefficient.
///
/// ```yaml
/// model: fit        # a {search} block
/// resamples: 100
/// level: 0.9        # central percentile interval
/// method: iid       # or block (moving blocks of block_length weeks)
/// block_length: 4
/// refit: false      # true: rerun the search in every resample
/// budget: 500       # search evaluations per resample when refit (default: the model's)
/// seed: 7           # default: from the notebook seed and the block label
/// ```
/// Value per channel (`channels.<name>`): roi, roi_low, roi_high, roi_ci,
/// coef, coef_low, coef_high, coef_sd, is_significant (roi_low > 0); plus
/// `ranked` (channels by ROI, highest first) and `results` (a dataset).
public enum MMMROIDirective: Directive {
  public static let name = "roi"
  public static let summary = "Bootstrap intervals of each channel's ROI and coefficient (iid or moving blocks, optional full refit)."
  static let model = DirectiveOption.reference("model", "A {search} or {bayes} block.")
  static let resamples = DirectiveOption.integer("resamples", default: 100, in: 2...100_000, unit: "resamples", "Bootstrap resamples.")
  static let level = DirectiveOption.number("level", default: 0.9, in: .openUnit, "Central interval level.")
  static let method = DirectiveOption.choice("method", default: BootstrapMethodName.iid, "Resampling of weeks.")
  static let blockLength = DirectiveOption.integer("block_length", default: 4, atLeast: 1, unit: "weeks", "Weeks per block for method: block.")
  static let refit = DirectiveOption.bool("refit", default: false, "Rerun the hyperparameter search in every resample.")
  static let budget = DirectiveOption.integer("budget", in: 1...1_000_000, unit: "evaluations", "Search evaluations per resample when refit (default: the model's budget).")
  static let seed = DirectiveOption.seed(help: "Bootstrap seed (default: from the notebook seed and the block label).")
  public static let options: [any AnyOptionDeclaration] = [model, resamples, level, method, blockLength, refit, budget, seed]

  /// The `method:` names.
  enum BootstrapMethodName: String, Sendable, CaseIterable { case iid, block }

  public static func run(_ parsed: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = parsed[Self.model]
    let fitted = try context.model(MMMFit.self, reference)
    let model = fitted.model, labels = fitted.labels
    if let posterior = fitted.posterior { return try posteriorSummary(parsed, posterior, fitted: fitted, reference: reference) }
    var options = BootstrapROI.Options(seed: parsed[seed] ?? BlockSeed.derive(context.seed, label: parsed.label))
    options.resamples = parsed[resamples]
    options.level = parsed[level]
    let length = parsed[blockLength]
    guard length <= model.input.weekCount else {
      throw NotebookError(parsed.location(of: blockLength), "block_length: expected 1 to \(model.input.weekCount) weeks, found \(length)")
    }
    switch parsed[method] {
    case .iid: options.method = .iid
    case .block: options.method = .block(length: length)
    }
    options.refit = parsed[refit]
    options.search = MMMSearch.Options(budget: parsed[budget] ?? fitted.options.budget, ridgeAlpha: model.ridgeAlpha, adstock: model.adstockKind)
    let displayName = parsed.label ?? "roi@\(parsed.blockLocation.line)"

    let bar = TerminalProgress("roi \(displayName)")
    let boot: [ChannelBootstrap]
    do {
      boot = try BootstrapROI.run(model, options: options) { done, total in bar.update(done: done, total: total) }
    } catch { throw NotebookError.wrapping(error, at: parsed.blockLocation) }

    let methodLabel: String
    switch options.method {
    case .iid: methodLabel = "iid"
    case .block(let L): methodLabel = "block(\(L))"
    }
    let pct = NumberFormat(.percent, digits: 0).format(options.level)
    let note = "\(options.resamples) \(methodLabel) bootstrap resamples\(options.refit ? ", each with a full \(options.search.budget)-evaluation search" : " (ridge refitted, transforms fixed)"), \(pct) percentile intervals; \(boot.filter(\.isSignificant).count) of \(boot.count) channels have a lower bound above 0."
    return try result(
      boot, labels: labels, reference: reference, resamples: options.resamples, level: options.level, method: methodLabel,
      refit: options.refit, seed: options.seed, note: note, intervalName: "bootstrap")
  }

  /// The value, table and chart of `{roi}` from per-channel summaries.
  static func result(
    _ boot: [ChannelBootstrap], labels: [String], reference: BlockReference, resamples: Int, level: Double, method methodLabel: String,
    refit: Bool, seed: UInt64, note: String, intervalName: String
  ) throws -> DirectiveResult {
    var results = Frame()
    try results.append("CHANNEL", .string(StringColumn(boot.map { Optional($0.channel) })))
    try results.append("LABEL", .string(StringColumn(labels.map { Optional($0) })))
    try results.append("ROI", .number(boot.map(\.roi)))
    try results.append("ROI_LOW", .number(boot.map(\.roiLow)))
    try results.append("ROI_HIGH", .number(boot.map(\.roiHigh)))
    try results.append("COEF", .number(boot.map(\.coef)))
    try results.append("COEF_LOW", .number(boot.map(\.coefLow)))
    try results.append("COEF_HIGH", .number(boot.map(\.coefHigh)))
    try results.append("COEF_SD", .number(boot.map(\.coefSD)))
    try results.append("IS_SIGNIFICANT", .string(StringColumn(boot.map { Optional($0.isSignificant ? "true" : "false") })))

    func record(_ c: Int) -> Value {
      let b = boot[c]
      return .object([
        ("channel", .string(labels[c])), ("key", .string(b.channel)),
        ("roi", .number(b.roi)), ("roi_low", .number(b.roiLow)), ("roi_high", .number(b.roiHigh)),
        ("roi_ci", .array([.number(b.roiLow), .number(b.roiHigh)])), ("roi_sd", .number(b.roiSD)),
        ("coef", .number(b.coef)), ("coef_low", .number(b.coefLow)), ("coef_high", .number(b.coefHigh)),
        ("coef_sd", .number(b.coefSD)), ("is_significant", .bool(b.isSignificant)),
      ])
    }
    let order = boot.indices.sorted { (boot[$0].roi.isNaN ? -.infinity : boot[$0].roi) > (boot[$1].roi.isNaN ? -.infinity : boot[$1].roi) }
    let value = Value.object([
      ("model", .string(reference.path)),
      ("resamples", .integer(resamples)), ("level", .number(level)),
      ("method", .string(methodLabel)), ("refit", .bool(refit)), ("seed", .string(String(seed))),
      ("significant_count", .integer(boot.filter(\.isSignificant).count)),
      ("significant", .string(MMMText.list(order.filter { boot[$0].isSignificant }.map { labels[$0] }))),
      ("not_significant", .string(MMMText.list(order.filter { !boot[$0].isSignificant }.map { labels[$0] }))),
      ("channels", .object(boot.indices.map { (labels[$0], record($0)) })),
      ("ranked", .array(order.map(record))),
      ("highest", order.first.map(record) ?? .null),
      ("lowest", order.last.map(record) ?? .null),
      ("results", .table(results)),
    ])

    let f2 = NumberFormat(.fixed, digits: 2), money = NumberFormat(.currency, digits: 0)
    let pct = NumberFormat(.percent, digits: 0).format(level)
    let rows = order.map { c -> [String] in
      let b = boot[c]
      return [labels[c], f2.format(b.roi), "\(f2.format(b.roiLow)) – \(f2.format(b.roiHigh))", money.format(b.coef), money.format(b.coefSD), b.isSignificant ? "yes" : "no"]
    }
    let table = TableSpec(
      columns: ["Channel", "ROI", "\(pct) interval", "Coefficient", "Coefficient sd", "Credibly > 0"].enumerated().map {
        TableSpec.Column(header: $1, isNumeric: $0 > 0 && $0 < 5)
      }, rows: rows, totalRows: rows.count)
    let bootstrap = MMMBootstrap(
      boot: boot, resamples: resamples, level: level, method: methodLabel, refit: refit, seed: seed, view: value)
    return DirectiveResult(model: bootstrap, outputs: [
      .note(note),
      .chart(MMMCharts.roiForest(labels: labels, roi: boot.map(\.roi), low: boot.map(\.roiLow), high: boot.map(\.roiHigh), level: level, intervalName: intervalName)),
      .table(table),
    ])
  }
}
