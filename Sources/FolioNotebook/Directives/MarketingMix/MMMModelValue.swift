import FolioData
import FolioModels

/// The result value of `{search}` and the way back from it to an `MMMModel`,
/// so `cv`, `roi`, `curves` and `plan` can refit the model from a label.
///
/// Refitting is one ridge solve (microseconds) and exact: the transform
/// parameters are stored at full precision in `parameters`, so the rebuilt
/// model equals the searched one bit for bit.
enum MMMModelValue {
  /// Columns of the per-channel `parameters` dataset.
  static let parameterColumns = ["THETA", "ALPHA", "GAMMA", "SHAPE", "SCALE"]

  static func make(_ result: MMMSearchResult, dataLabel: String, labels: [String], options: MMMSearch.Options) throws -> Value {
    let model = result.model
    let input = model.input
    let coef = model.mediaCoefficients, roi = model.roi
    let contributions = model.contributions.map { $0.reduce(0, +) }
    let spend = input.spend.map { $0.reduce(0, +) }
    var parameters = Frame()
    try parameters.append("CHANNEL", .string(StringColumn(input.channels.map { Optional($0) })))
    try parameters.append("LABEL", .string(StringColumn(labels.map { Optional($0) })))
    try parameters.append("THETA", .number(model.parameters.map(\.theta)))
    try parameters.append("ALPHA", .number(model.parameters.map(\.alpha)))
    try parameters.append("GAMMA", .number(model.parameters.map(\.gamma)))
    try parameters.append("SHAPE", .number(model.parameters.map(\.shape)))
    try parameters.append("SCALE", .number(model.parameters.map(\.scale)))
    try parameters.append("COEF", .number(coef))
    try parameters.append("ROI", .number(roi))
    try parameters.append("SPEND", .number(spend))
    try parameters.append("CONTRIBUTION", .number(contributions))
    let channels: [(String, Value)] = input.channels.indices.map { c in
      let p = model.parameters[c]
      var fields: [(String, Value)] = [("key", .string(input.channels[c]))]
      switch model.adstockKind {
      case .geometric: fields.append(("theta", .number(p.theta)))
      case .weibull: fields += [("shape", .number(p.shape)), ("scale", .number(p.scale))]
      }
      fields += [
        ("alpha", .number(p.alpha)), ("gamma", .number(p.gamma)), ("coef", .number(coef[c])), ("roi", .number(roi[c])),
        ("spend", .number(spend[c])), ("mean_weekly_spend", .number(input.meanWeeklySpend[c])),
        ("contribution", .number(contributions[c])),
      ]
      return (labels[c], .object(fields))
    }
    let totalContribution = contributions.reduce(0, +)
    return .object([
      ("data", .string(dataLabel)),
      ("adstock", .string(model.adstockKind.rawValue)),
      ("ridge_alpha", .number(model.ridgeAlpha)),
      ("budget", .integer(options.budget)),
      ("seed", .string(String(options.seed))),
      ("evaluations", .integer(result.evaluations)),
      ("loss", .number(result.loss)),
      ("r2", .number(model.r2)), ("rmse", .number(model.rmse)), ("mae", .number(model.mae)),
      ("mape", .number(model.mape)), ("nrmse", .number(model.nrmse)),
      ("intercept", .number(model.ridge.intercept)),
      ("media_contribution", .number(totalContribution)),
      ("media_share", .number(totalContribution / input.revenue.reduce(0, +))),
      ("channels", .object(channels)),
      ("parameters", .table(parameters)),
      ("history", Value(result.history)),
    ])
  }

  /// A model rebuilt from a `{search}` result, with the display labels of its channels.
  struct Fitted {
    var model: MMMModel
    var labels: [String]
    /// Label of the `{mmm_data}` block the model was fitted on.
    var dataLabel: String
  }

  static func read(_ reference: String, context: ExecutionContext, at location: SourceLocation) throws -> Fitted {
    let value = try context.result(reference, at: location)
    guard case .string(let dataLabel)? = value["data"], case .table(let parameters)? = value["parameters"],
      case .string(let adstockText)? = value["adstock"], let kind = AdstockKind(rawValue: adstockText),
      let ridgeAlpha = value["ridge_alpha"]?.doubleValue
    else {
      throw NotebookError(location, "'\(reference)' is not the result of a {search} block; expected a fitted marketing-mix model")
    }
    let prepared = try MMMDataValue.read(dataLabel, context: context, at: location)
    let columns = parameterColumns.map { parameters[$0]?.doubles ?? [] }
    guard columns.allSatisfy({ $0.count == prepared.input.channelCount }) else {
      throw NotebookError(location, "'\(reference).parameters' does not match the channels of '\(dataLabel)'")
    }
    let params = (0..<prepared.input.channelCount).map {
      ChannelParameters(theta: columns[0][$0], alpha: columns[1][$0], gamma: columns[2][$0], shape: columns[3][$0], scale: columns[4][$0])
    }
    do {
      let model = try MMMModel.fit(prepared.input, parameters: params, adstock: kind, ridgeAlpha: ridgeAlpha)
      return Fitted(model: model, labels: prepared.labels, dataLabel: dataLabel)
    } catch {
      throw NotebookError.wrapping(error, at: location)
    }
  }

  /// `folio check`: the directive names its model.
  static func checkModelOption(_ call: DirectiveCall, directive: String) -> [NotebookError] {
    call.options["model"] == nil ? [NotebookError(call.location, "{\(directive)} needs 'model: <label>' naming a {search} block above")] : []
  }

  /// The `model:` option of a directive, read and refitted.
  static func model(of call: DirectiveCall, context: ExecutionContext, directive: String) throws -> Fitted {
    guard let node = call.options["model"] else {
      throw NotebookError(call.location, "{\(directive)} needs 'model: <label>' naming a {search} block above")
    }
    return try read(try node.string("model"), context: context, at: node.location)
  }
}
