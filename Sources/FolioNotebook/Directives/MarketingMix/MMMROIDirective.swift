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
  public static let options: [OptionSpec] = [
    OptionSpec("model", reference: true, "A {search} block."),
    OptionSpec("resamples", "Bootstrap resamples (default 100)."),
    OptionSpec("level", "Central interval level (default 0.9)."),
    OptionSpec("method", "iid (default) or block."),
    OptionSpec("block_length", "Weeks per block for method: block (default 4)."),
    OptionSpec("refit", "Rerun the hyperparameter search in every resample (default false)."),
    OptionSpec("budget", "Search evaluations per resample when refit (default: the model's budget)."),
    OptionSpec("seed", "Bootstrap seed (default: from the notebook seed and the block label)."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    MMMModelValue.checkModelOption(call, directive: name)
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    let fitted = try MMMModelValue.model(of: call, context: context, directive: name)
    let model = fitted.model, labels = fitted.labels
    let o = call.options
    let modelValue = try context.result(try o["model"]?.string("model") ?? "", at: call.location)
    var options = BootstrapROI.Options(seed: BlockSeed.derive(context.seed, label: call.label))
    options.resamples = try MMMOptionReading.int(o, "resamples", default: 100, range: 2...100_000, unit: "resamples")
    options.level = try MMMOptionReading.double(o, "level", default: 0.9, valid: { $0 > 0 && $0 < 1 }, expected: "a level between 0 and 1 (e.g. 0.9)")
    let methodText = try o["method"]?.string("method") ?? "iid"
    let blockLength = try MMMOptionReading.int(o, "block_length", default: 4, range: 1...model.input.weekCount, unit: "weeks")
    switch methodText {
    case "iid": options.method = .iid
    case "block": options.method = .block(length: blockLength)
    default:
      throw NotebookError(o["method"]?.location ?? call.location,
        "method: expected iid or block, found '\(methodText)'\(NearMatches.hint(for: methodText, in: ["iid", "block"], noun: "method"))")
    }
    options.refit = try o["refit"]?.bool("refit") ?? false
    let modelBudget = modelValue["budget"].flatMap { if case .integer(let b) = $0 { return b } else { return nil } } ?? 500
    options.search = MMMSearch.Options(
      budget: try MMMOptionReading.int(o, "budget", default: modelBudget, range: 1...1_000_000, unit: "evaluations"),
      ridgeAlpha: model.ridgeAlpha, adstock: model.adstockKind)
    if let s = o["seed"] {
      let text = try s.string("seed")
      guard let seed = UInt64(text) else { throw NotebookError(s.location, "seed: expected a whole number ≥ 0, found '\(text)'") }
      options.seed = seed
    }

    let bar = TerminalProgress("roi \(call.displayName)")
    let boot: [ChannelBootstrap]
    do {
      boot = try BootstrapROI.run(model, options: options) { done, total in bar.update(done: done, total: total) }
    } catch { throw NotebookError.wrapping(error, at: call.location) }

    var results = Frame()
    try results.append("CHANNEL", .string(StringColumn(model.input.channels.map { Optional($0) })))
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
    let methodLabel: String
    switch options.method {
    case .iid: methodLabel = "iid"
    case .block(let L): methodLabel = "block(\(L))"
    }
    let value = Value.object([
      ("model", .string(try o["model"]?.string("model") ?? "")),
      ("resamples", .integer(options.resamples)), ("level", .number(options.level)),
      ("method", .string(methodLabel)), ("refit", .bool(options.refit)), ("seed", .string(String(options.seed))),
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
    let pct = NumberFormat(.percent, digits: 0).format(options.level)
    let rows = order.map { c -> [String] in
      let b = boot[c]
      return [labels[c], f2.format(b.roi), "\(f2.format(b.roiLow)) – \(f2.format(b.roiHigh))", money.format(b.coef), money.format(b.coefSD), b.isSignificant ? "yes" : "no"]
    }
    let table = TableSpec(
      columns: ["Channel", "ROI", "\(pct) interval", "Coefficient", "Coefficient sd", "Credibly > 0"].enumerated().map {
        TableSpec.Column(header: $1, isNumeric: $0 > 0 && $0 < 5)
      }, rows: rows, totalRows: rows.count)
    let note = "\(options.resamples) \(methodLabel) bootstrap resamples\(options.refit ? ", each with a full \(options.search.budget)-evaluation search" : " (ridge refitted, transforms fixed)"), \(pct) percentile intervals; \(boot.filter(\.isSignificant).count) of \(boot.count) channels have a lower bound above 0."
    return DirectiveResult(value: value, outputs: [
      .note(note),
      .chart(MMMCharts.roiForest(labels: labels, roi: boot.map(\.roi), low: boot.map(\.roiLow), high: boot.map(\.roiHigh), level: options.level)),
      .table(table),
    ])
  }
}
