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
  static let data = DirectiveOption.reference("data", "An {mmm_data} block.")
  static let budget = DirectiveOption.integer("budget", default: 500, in: 1...1_000_000, unit: "evaluations", "Objective evaluations.")
  static let seed = DirectiveOption.seed(help: "Search seed (default: from the notebook seed and the block label).")
  static let ridgeAlpha = DirectiveOption.number("ridge_alpha", default: 10, in: .nonNegative, "Ridge penalty on standardized features.")
  static let adstock = DirectiveOption.choice("adstock", default: AdstockName.geometric, "Adstock family (weibull: Robyn's Weibull-CDF decay).")
  static let population = DirectiveOption.integer("population", in: 4...10_000, unit: "members", "Differential-evolution population size (default 30).")
  public static let options: [any AnyOptionDeclaration] = [data, budget, seed, ridgeAlpha, adstock, population]

  /// The `adstock:` names `{search}` offers: `AdstockKind` without the
  /// Weibull-pdf form, which is `{bayes}`'s kernel.
  enum AdstockName: String, Sendable, CaseIterable {
    case geometric, weibull
    var kind: AdstockKind { self == .geometric ? .geometric : .weibull }
  }

  /// The search settings of a block (shared with `{roi}`'s refit).
  static func searchOptions(_ options: ParsedOptions, context: ExecutionContext) -> MMMSearch.Options {
    var o = MMMSearch.Options(seed: options[seed] ?? BlockSeed.derive(context.seed, label: options.label))
    o.budget = options[budget]
    o.ridgeAlpha = options[ridgeAlpha]
    o.adstock = options[adstock].kind
    o.populationSize = options[population]
    return o
  }

  public static func run(_ parsed: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = parsed[data]
    let prepared = try context.model(MMMPreparedData.self, reference)
    let dataLabel = reference.path
    let options = searchOptions(parsed, context: context)
    let displayName = parsed.label ?? "search@\(parsed.blockLocation.line)"
    let bar = TerminalProgress("search \(displayName)")
    let result: MMMSearchResult
    do {
      result = try MMMSearch.run(prepared.input, options: options) { done, total, best in
        bar.update(done: done, total: total, detail: "best loss \(NumberFormat(.fixed, digits: 4).format(best))")
      }
    } catch {
      throw NotebookError.wrapping(error, at: parsed.blockLocation)
    }
    let value = try MMMModelValue.make(result, dataLabel: dataLabel, labels: prepared.labels, options: options)
    let model = result.model
    let hits = MMMSearch.boundaryHits(result.searchVector, adstock: options.adstock, maxSpend: model.input.maxWeeklySpend)
    let boundary = MMMBoundaryReport(hits: hits, labels: prepared.labels, channels: model.input.channels)
    let fit = MMMFit(
      model: model, labels: prepared.labels, dataLabel: dataLabel, options: options, evaluations: result.evaluations, loss: result.loss,
      view: boundary.adding(to: value))
    let f2 = NumberFormat(.fixed, digits: 2), f3 = NumberFormat(.fixed, digits: 3), money = NumberFormat(.currency, digits: 0)
    let note = "Searched \(result.evaluations) parameter sets (\(options.adstock.rawValue) adstock, ridge α = \(NumberFormat.automatic.format(options.ridgeAlpha)), seed \(options.seed)): best loss \(NumberFormat(.fixed, digits: 4).format(result.loss)), in-sample R² \(f3.format(model.r2)), MAPE \(f2.format(model.mape))%."
    let contributions = model.contributions.map { $0.reduce(0, +) }
    var headers = ["Channel"]
    headers += options.adstock == .geometric ? ["θ (carry-over)"] : ["Weibull shape", "Weibull scale"]
    headers += ["α (shape)", "γ (half-saturation)", "Coefficient", "Contribution", "ROI", "At search bound"]
    let rows = model.input.channels.indices.map { c -> [String] in
      let p = model.parameters[c]
      var row = [prepared.labels[c]]
      row += options.adstock == .geometric ? [f3.format(p.theta)] : [f3.format(p.shape), f3.format(p.scale)]
      row += [f2.format(p.alpha), money.format(p.gamma), money.format(model.mediaCoefficients[c]), money.format(contributions[c]), f2.format(model.roi[c])]
      row.append(boundary.cell(channel: c))
      return row
    }
    let table = TableSpec(
      columns: headers.enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 > 0 && $0 < headers.count - 1) }, rows: rows, totalRows: rows.count)
    var outputs: [BlockOutput] = [.note(note), .table(table)]
    outputs += boundary.notes
    outputs += [
      .chart(MMMCharts.convergence(result.history)),
      .chart(MMMCharts.decomposition(model, labels: prepared.labels)), .chart(MMMCharts.adstockDecay(model, labels: prepared.labels)),
    ]
    return DirectiveResult(model: fit, outputs: outputs)
  }
}
