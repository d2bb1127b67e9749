import FolioData
import FolioModels
import Foundation

/// `{promo_model}`: fits the hierarchical promotion model (global parameters
/// plus SKU deviations, see `PromoParameterLayout`) to weekly SKU data.
///
/// ```yaml
/// data: sales                 # a dataset with one row per SKU and week
/// discounts: [DISC_TPR, DISC_DISPLAY, DISC_FEATURE]
/// promo_types: [TPR, DISPLAY, FEATURE]   # optional display names
/// macro: [CONSUMER_CONFIDENCE, FUEL_PRICE]
/// sku: SKU                    # defaults shown for the remaining columns
/// week: WEEK
/// hierarchy: [BRAND, PRICE_SEGMENT, PACK_TYPE, SIZE]
/// sales: SALES
/// volume: VOLUME
/// holdout_weeks: 13           # last weeks held out for early stopping and the fit report
/// lambda_h: 0.01              # penalty on SKU deviations
/// lambda_r: 0.0001            # penalty on global parameters
/// learning_rate: 0.02
/// epochs: 4000
/// patience: 400
/// seed: 1                     # default: derived from the notebook seed and the label
/// tables: true                # or {marginal_effects: NAME, global_parameters: NAME, sku_deviations: NAME, fitted: NAME}
/// ```
///
/// Value: `holdout_r2`, `holdout_mape` (percent), `epochs_run`, `best_epoch`,
/// `marginal_effect` (per promo type, mean over SKUs of ∂sales/∂spend),
/// tables `marginal_effects`, `global_parameters`, `sku_deviations`, and what
/// `{promo_plan}` needs to rebuild the model (`data`, `columns`, `parameters`).
public enum PromoModelDirective: Directive {
  public static let name = "promo_model"
  public static let summary = "Fit the hierarchical promotion model (global + SKU deviations) with Adam and early stopping."
  public static let options: [OptionSpec] = [
    OptionSpec("data", reference: true, "Label of the weekly SKU dataset."),
    OptionSpec("discounts", "Discount spend columns, one per promo type."),
    OptionSpec("promo_types", "Display names of the promo types (default: the discount column names)."),
    OptionSpec("macro", "Macro-economic columns (standardized indices)."),
    OptionSpec("sku", "SKU column (default SKU)."),
    OptionSpec("week", "Week column ordering rows within a SKU (default WEEK)."),
    OptionSpec("hierarchy", "Hierarchy columns (default [BRAND, PRICE_SEGMENT, PACK_TYPE, SIZE])."),
    OptionSpec("sales", "Sales column (default SALES)."),
    OptionSpec("volume", "Volume column (default VOLUME)."),
    OptionSpec("holdout_weeks", "Last weeks held out for early stopping and the fit report (default 13)."),
    OptionSpec("lambda_h", "Ridge penalty λ_h on SKU deviations (default 0.01)."),
    OptionSpec("lambda_r", "Ridge penalty λ_r on global parameters (default 0.0001)."),
    OptionSpec("learning_rate", "Adam learning rate (default 0.02)."),
    OptionSpec("epochs", "Maximum Adam epochs (default 4000)."),
    OptionSpec("patience", "Early-stopping patience in epochs (default 400)."),
    OptionSpec("volume_weight", "Weight of the volume error relative to sales (default 1)."),
    OptionSpec("seed", "Seed of the initial parameters (default: from the notebook seed and the label)."),
    OptionSpec("tables", "Result tables: true, or {marginal_effects|global_parameters|sku_deviations|fitted: NAME}."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    var errors: [NotebookError] = []
    if call.options["data"] == nil { errors.append(NotebookError(call.location, "{promo_model} needs 'data: <label>'")) }
    if call.options["discounts"] == nil {
      errors.append(NotebookError(call.location, "{promo_model} needs 'discounts: [columns]', one discount spend column per promo type"))
    }
    return errors
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    guard let dataNode = call.options["data"] else { throw NotebookError(call.location, "{promo_model} needs 'data: <label>'") }
    let dataLabel = try dataNode.string("data")
    let frame = try context.dataset(dataLabel, at: dataNode.location)
    let columns = try PromoDirectiveSupport.columns(call)
    let o = call.options
    let holdout = try o["holdout_weeks"]?.int("holdout_weeks") ?? 13
    var settings = PromoTrainingSettings()
    if let n = o["lambda_h"] { settings.skuPenalty = try n.double("lambda_h") }
    if let n = o["lambda_r"] { settings.globalPenalty = try n.double("lambda_r") }
    if let n = o["learning_rate"] { settings.learningRate = try n.double("learning_rate") }
    if let n = o["epochs"] { settings.epochs = try n.int("epochs") }
    if let n = o["patience"] { settings.patience = try n.int("patience") }
    if let n = o["volume_weight"] { settings.volumeWeight = try n.double("volume_weight") }
    if let n = o["seed"] {
      let s = try n.int("seed")
      guard s >= 0 else { throw NotebookError(n.location, "seed: expected a whole number ≥ 0") }
      settings.seed = UInt64(s)
    } else {
      settings.seed = PromoDirectiveSupport.seed(notebook: context.seed, label: call.label)
    }
    let panel: PromoPanel
    do { panel = try PromoPanel(frame: frame, columns: columns, holdoutWeeks: holdout) } catch {
      throw NotebookError(o["holdout_weeks"]?.location ?? dataNode.location, error.message)
    }
    let model: PromoModel
    do { model = try PromoTrainer.fit(panel, settings: settings) } catch {
      throw NotebookError(call.location, error.message)
    }
    let report = try PromoModelReport(model: model)
    var fields: [(String, Value)] = [
      ("data", .string(dataLabel)), ("columns", PromoDirectiveSupport.value(of: columns)),
      ("holdout_weeks", .integer(holdout)), ("lambda_h", .number(settings.skuPenalty)),
      ("lambda_r", .number(settings.globalPenalty)), ("learning_rate", .number(settings.learningRate)),
      ("seed", .string(String(settings.seed))), ("skus", .integer(panel.skus)), ("weeks", .integer(panel.weeks)),
      ("epochs_run", .integer(model.epochsRun)), ("best_epoch", .integer(model.bestEpoch)),
      ("training_loss", .number(model.trainingLoss)), ("holdout_loss", .number(model.holdoutLoss)),
      ("holdout_r2", .number(report.r2)), ("holdout_mape", .number(report.mape)),
      ("marginal_effect", .object(zip(panel.promoTypeNames, report.meanEffectByType).map { ($0.0, .number($0.1)) })),
      ("marginal_effects", .table(report.marginalEffects)), ("global_parameters", .table(report.globalParameters)),
      ("sku_deviations", .table(report.skuDeviations)),
    ]
    fields.append(("parameters", Value(model.parameters)))
    let tables = try PromoDirectiveSupport.resultTables(call, available: [
      ("marginal_effects", "PROMO_MARGINAL_EFFECTS", report.marginalEffects),
      ("global_parameters", "PROMO_GLOBAL_PARAMETERS", report.globalParameters),
      ("sku_deviations", "PROMO_SKU_DEVIATIONS", report.skuDeviations),
      ("fitted", "PROMO_FITTED", report.fittedFrame),
    ])
    return DirectiveResult(value: .object(fields), outputs: report.outputs, tables: tables)
  }
}
