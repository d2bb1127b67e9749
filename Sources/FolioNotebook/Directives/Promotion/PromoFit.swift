import FolioData
import FolioModels

/// The typed result of `{promo_model}`: the fitted hierarchical model, which
/// `{promo_plan}` reads as itself (no refit, no rebuilding from records).
struct PromoFit: BlockModel {
  static let kind = "promo_fit"
  static let description = "a {promo_model} block's fitted promotion model"

  var model: PromoModel
  /// The dataset the panel was built from, its column roles and hold-out.
  var frame: Frame
  var columns: PromoColumns
  var holdoutWeeks: Int
  var view: Value

  /// The cache keeps the dataset, the column roles and the parameters at
  /// full precision; decoding rebuilds the panel (deterministic) and wraps
  /// the stored parameters, so no training happens.
  func encode(_ w: inout BinaryWriter) {
    w.frame(frame)
    for c in [columns.sku, columns.week, columns.sales, columns.volume] { w.string(c) }
    w.strings(columns.hierarchy)
    w.strings(columns.discounts)
    w.optional(columns.promoTypes) { $0.strings($1) }
    w.strings(columns.macro)
    w.int(holdoutWeeks)
    w.raw(model.parameters)
    let s = model.settings
    for d in [s.skuPenalty, s.globalPenalty, s.learningRate, s.volumeWeight] { w.double(d) }
    for i in [s.epochs, s.patience, model.epochsRun, model.bestEpoch] { w.int(i) }
    w.string(String(s.seed))
    w.double(model.trainingLoss)
    w.double(model.holdoutLoss)
    w.value(view)
  }

  static func decode(_ r: inout BinaryReader) throws -> PromoFit {
    let frame = try r.frame()
    var columns = PromoColumns()
    columns.sku = try r.string()
    columns.week = try r.string()
    columns.sales = try r.string()
    columns.volume = try r.string()
    columns.hierarchy = try r.strings()
    columns.discounts = try r.strings()
    columns.promoTypes = try r.optional { try $0.strings() }
    columns.macro = try r.strings()
    let holdout = try r.int()
    let parameters = try r.raw(Double.self)
    var s = PromoTrainingSettings()
    s.skuPenalty = try r.double()
    s.globalPenalty = try r.double()
    s.learningRate = try r.double()
    s.volumeWeight = try r.double()
    s.epochs = try r.int()
    s.patience = try r.int()
    let epochsRun = try r.int(), bestEpoch = try r.int()
    guard let seed = UInt64(try r.string()) else { throw BinaryReader.Corrupt() }
    s.seed = seed
    let trainingLoss = try r.double(), holdoutLoss = try r.double()
    let view = try r.value()
    guard let panel = try? PromoPanel(frame: frame, columns: columns, holdoutWeeks: holdout), parameters.count == panel.layout.count else {
      throw BinaryReader.Corrupt()
    }
    let model = PromoModel(
      panel: panel, parameters: parameters, settings: s, epochsRun: epochsRun, bestEpoch: bestEpoch,
      trainingLoss: trainingLoss, holdoutLoss: holdoutLoss)
    return PromoFit(model: model, frame: frame, columns: columns, holdoutWeeks: holdout, view: view)
  }
}
