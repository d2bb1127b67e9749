import FolioData
import FolioModels

/// `{search}`: fits the marketing-mix model, searching every channel's
/// adstock and Hill parameters by differential evolution (nevergrad's
/// TwoPointsDE) with a ridge regression refitted per candidate.
///
/// ```yaml
/// data: mmm            # an {mmm_data} block
/// budget: 500          # objective evaluations
/// seed: 42             # default: derived from the notebook seed and the label
/// ridge_alpha: 10      # ridge penalty on standardized features
/// adstock: geometric   # or weibull
/// ```
/// The value holds the loss, in-sample metrics, per-channel parameters,
/// coefficients and ROI (`channels.<name>.roi`) and the convergence history;
/// later blocks refer to it as `model: <label>`.
public enum MMMSearchDirective: Directive {
  public static let name = "search"
  public static let summary = "Marketing-mix model: differential-evolution search of adstock and Hill parameters, ridge fit per candidate."
  public static let options: [OptionSpec] = [
    OptionSpec("data", reference: true, "An {mmm_data} block."),
    OptionSpec("budget", "Objective evaluations (default 500)."),
    OptionSpec("seed", "Search seed (default: from the notebook seed and the block label)."),
    OptionSpec("ridge_alpha", "Ridge penalty on standardized features (default 10)."),
    OptionSpec("adstock", "geometric (default) or weibull."),
    OptionSpec("population", "Differential-evolution population size (default 30)."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    var errors: [NotebookError] = []
    if call.options["data"] == nil { errors.append(NotebookError(call.location, "{search} needs 'data: <label>' naming an {mmm_data} block")) }
    if let a = call.options["adstock"], case .scalar(let s, _) = a.kind, !s.contains("{{"), AdstockKind(rawValue: s) == nil {
      errors.append(adstockError(s, at: a.location))
    }
    return errors
  }

  static func adstockError(_ s: String, at location: SourceLocation) -> NotebookError {
    let names = AdstockKind.allCases.map(\.rawValue)
    return NotebookError(location, "adstock: expected \(names.joined(separator: " or ")), found '\(s)'\(NearMatches.hint(for: s, in: names, noun: "adstock"))")
  }

  /// Reads budget, seed, ridge_alpha, adstock and population from `o` (shared with `{roi}`'s refit).
  static func searchOptions(_ o: OptionNode, label: String?, context: ExecutionContext) throws -> MMMSearch.Options {
    var options = MMMSearch.Options(seed: BlockSeed.derive(context.seed, label: label))
    if let b = o["budget"] {
      options.budget = try b.int("budget")
      guard (1...1_000_000).contains(options.budget) else {
        throw NotebookError(b.location, "budget: expected 1 to 1,000,000 evaluations, found \(options.budget)")
      }
    }
    if let s = o["seed"] {
      let text = try s.string("seed")
      guard let seed = UInt64(text) else { throw NotebookError(s.location, "seed: expected a whole number ≥ 0, found '\(text)'") }
      options.seed = seed
    }
    if let r = o["ridge_alpha"] {
      options.ridgeAlpha = try r.double("ridge_alpha")
      guard options.ridgeAlpha >= 0, options.ridgeAlpha.isFinite else {
        throw NotebookError(r.location, "ridge_alpha: expected a penalty of 0 or more, found \(options.ridgeAlpha)")
      }
    }
    if let a = o["adstock"] {
      let text = try a.string("adstock")
      guard let kind = AdstockKind(rawValue: text) else { throw adstockError(text, at: a.location) }
      options.adstock = kind
    }
    if let p = o["population"] {
      let n = try p.int("population")
      guard (4...10_000).contains(n) else { throw NotebookError(p.location, "population: expected 4 to 10,000 members, found \(n)") }
      options.populationSize = n
    }
    return options
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    guard let dataNode = call.options["data"] else {
      throw NotebookError(call.location, "{search} needs 'data: <label>' naming an {mmm_data} block")
    }
    let dataLabel = try dataNode.string("data")
    let prepared = try MMMDataValue.read(dataLabel, context: context, at: dataNode.location)
    let options = try searchOptions(call.options, label: call.label, context: context)
    let bar = TerminalProgress("search \(call.displayName)")
    let result: MMMSearchResult
    do {
      result = try MMMSearch.run(prepared.input, options: options) { done, total, best in
        bar.update(done: done, total: total, detail: "best loss \(NumberFormat(.fixed, digits: 4).format(best))")
      }
    } catch {
      throw NotebookError.wrapping(error, at: call.location)
    }
    let value = try MMMModelValue.make(result, dataLabel: dataLabel, labels: prepared.labels, options: options)
    let model = result.model
    let f2 = NumberFormat(.fixed, digits: 2), f3 = NumberFormat(.fixed, digits: 3), money = NumberFormat(.currency, digits: 0)
    let note = "Searched \(result.evaluations) parameter sets (\(options.adstock.rawValue) adstock, ridge α = \(NumberFormat.automatic.format(options.ridgeAlpha)), seed \(options.seed)): best loss \(NumberFormat(.fixed, digits: 4).format(result.loss)), in-sample R² \(f3.format(model.r2)), MAPE \(f2.format(model.mape))%."
    let contributions = model.contributions.map { $0.reduce(0, +) }
    var headers = ["Channel"]
    headers += options.adstock == .geometric ? ["θ (carry-over)"] : ["Weibull shape", "Weibull scale"]
    headers += ["α (shape)", "γ (half-saturation)", "Coefficient", "Contribution", "ROI"]
    let rows = model.input.channels.indices.map { c -> [String] in
      let p = model.parameters[c]
      var row = [prepared.labels[c]]
      row += options.adstock == .geometric ? [f3.format(p.theta)] : [f3.format(p.shape), f3.format(p.scale)]
      row += [f2.format(p.alpha), money.format(p.gamma), money.format(model.mediaCoefficients[c]), money.format(contributions[c]), f2.format(model.roi[c])]
      return row
    }
    let table = TableSpec(columns: headers.enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 > 0) }, rows: rows, totalRows: rows.count)
    return DirectiveResult(value: value, outputs: [
      .note(note), .table(table), .chart(MMMCharts.convergence(result.history)),
      .chart(MMMCharts.decomposition(model, labels: prepared.labels)), .chart(MMMCharts.adstockDecay(model, labels: prepared.labels)),
    ])
  }
}
