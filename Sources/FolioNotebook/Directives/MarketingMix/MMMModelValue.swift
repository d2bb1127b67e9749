import FolioData
import FolioModels

/// The record view of `{search}`'s typed result (`MMMFit`): what inline
/// values and results.json read. Later blocks read the `MMMFit` itself.
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
      case .weibull, .weibullPDF: fields += [("shape", .number(p.shape)), ("scale", .number(p.scale))]
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
}
