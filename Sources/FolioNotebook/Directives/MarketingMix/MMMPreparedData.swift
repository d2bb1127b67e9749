import FolioData
import FolioModels

/// The typed result of `{mmm_data}`: the weekly model input and the display
/// labels of its channels. `{search}` reads it as itself; its `view` (built
/// once, by `MMMDataValue.make`) is what inline values and results.json see.
struct MMMPreparedData: BlockModel {
  static let kind = "mmm_data"
  static let description = "an {mmm_data} block's prepared marketing data"

  var input: MMMInput
  /// Display names, parallel to `input.channels`.
  var labels: [String]
  var view: Value

  func encode(_ w: inout BinaryWriter) {
    MMMInputCoding.encode(input, &w)
    w.strings(labels)
    w.value(view)
  }

  static func decode(_ r: inout BinaryReader) throws -> MMMPreparedData {
    MMMPreparedData(input: try MMMInputCoding.decode(&r), labels: try r.strings(), view: try r.value())
  }
}

/// `MMMInput` in the block cache: every series at full precision.
enum MMMInputCoding {
  static func encode(_ input: MMMInput, _ w: inout BinaryWriter) {
    w.raw(input.weekStarts)
    w.strings(input.channels)
    w.int(input.spend.count)
    for s in input.spend { w.raw(s) }
    w.raw(input.revenue)
    w.strings(input.controlNames)
    w.int(input.controls.count)
    for c in input.controls { w.raw(c) }
  }

  static func decode(_ r: inout BinaryReader) throws -> MMMInput {
    let weeks = try r.raw(Int.self)
    let channels = try r.strings()
    var spend: [[Double]] = []
    for _ in 0..<(try r.count()) { spend.append(try r.raw(Double.self)) }
    let revenue = try r.raw(Double.self)
    let controlNames = try r.strings()
    var controls: [[Double]] = []
    for _ in 0..<(try r.count()) { controls.append(try r.raw(Double.self)) }
    do {
      return try MMMInput(weekStarts: weeks, channels: channels, spend: spend, revenue: revenue, controlNames: controlNames, controls: controls)
    } catch {
      throw BinaryReader.Corrupt()
    }
  }
}

/// The typed result of `{search}`: the fitted model, the labels of its
/// channels and the search's own record. `{cv}`, `{roi}`, `{curves}` and
/// `{plan}` read the model directly; nothing is rebuilt from records.
struct MMMFit: BlockModel {
  static let kind = "mmm_fit"
  static let description = "a {search} or {bayes} block's fitted marketing-mix model"

  var model: MMMModel
  var labels: [String]
  /// Label of the `{mmm_data}` block the model was fitted on.
  var dataLabel: String
  /// The search options (refits in `{roi}` reuse them).
  var options: MMMSearch.Options
  /// Objective evaluations run and the best loss found.
  var evaluations: Int
  var loss: Double
  var view: Value
  /// The posterior of a `{bayes}` fit (nil for `{search}`). `model` is
  /// then its posterior-mean point model, `options` carry the seed and the
  /// ridge α that `{cv}` refits with, and `evaluations` / `loss` are 0 / NaN.
  var posterior: MMMPosteriorRecord? = nil

  /// The cache keeps the input, the parameters at full precision and the
  /// search record; decoding refits the ridge (one solve), which reproduces
  /// the searched model bit for bit.
  func encode(_ w: inout BinaryWriter) {
    MMMInputCoding.encode(model.input, &w)
    w.int(model.parameters.count)
    for p in model.parameters { for x in [p.theta, p.alpha, p.gamma, p.shape, p.scale] { w.double(x) } }
    w.string(model.adstockKind.rawValue)
    w.double(model.ridgeAlpha)
    w.strings(labels)
    w.string(dataLabel)
    w.int(options.budget)
    w.string(String(options.seed))
    w.double(options.ridgeAlpha)
    w.string(options.adstock.rawValue)
    w.optional(options.populationSize) { $0.int($1) }
    w.double(options.negativeCoefficientPenalty)
    w.int(evaluations)
    w.double(loss)
    w.value(view)
    w.optional(posterior) { $1.encode(&$0) }
  }

  static func decode(_ r: inout BinaryReader) throws -> MMMFit {
    let input = try MMMInputCoding.decode(&r)
    var parameters: [ChannelParameters] = []
    for _ in 0..<(try r.count()) {
      parameters.append(ChannelParameters(theta: try r.double(), alpha: try r.double(), gamma: try r.double(), shape: try r.double(), scale: try r.double()))
    }
    guard let kind = AdstockKind(rawValue: try r.string()) else { throw BinaryReader.Corrupt() }
    let ridgeAlpha = try r.double()
    let labels = try r.strings()
    let dataLabel = try r.string()
    var options = MMMSearch.Options()
    options.budget = try r.int()
    guard let seed = UInt64(try r.string()) else { throw BinaryReader.Corrupt() }
    options.seed = seed
    options.ridgeAlpha = try r.double()
    guard let searchKind = AdstockKind(rawValue: try r.string()) else { throw BinaryReader.Corrupt() }
    options.adstock = searchKind
    options.populationSize = try r.optional { try $0.int() }
    options.negativeCoefficientPenalty = try r.double()
    let evaluations = try r.int(), loss = try r.double()
    let view = try r.value()
    let posterior = try r.optional { try MMMPosteriorRecord.decode(&$0, input: input, adstock: kind) }
    if let posterior {
      return MMMFit(
        model: posterior.posterior.pointModel, labels: labels, dataLabel: dataLabel, options: options, evaluations: evaluations,
        loss: loss, view: view, posterior: posterior)
    }
    do {
      let model = try MMMModel.fit(input, parameters: parameters, adstock: kind, ridgeAlpha: ridgeAlpha)
      return MMMFit(model: model, labels: labels, dataLabel: dataLabel, options: options, evaluations: evaluations, loss: loss, view: view)
    } catch {
      throw BinaryReader.Corrupt()
    }
  }
}
