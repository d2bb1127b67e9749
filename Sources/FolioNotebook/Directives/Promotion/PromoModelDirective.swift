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
  static let data = DirectiveOption.reference("data", "Label of the weekly SKU dataset.")
  static let holdoutWeeks = DirectiveOption.integer("holdout_weeks", default: 13, atLeast: 0, unit: "weeks", "Last weeks held out for early stopping and the fit report.")
  static let lambdaH = DirectiveOption.number("lambda_h", default: 0.01, in: .nonNegative, "Ridge penalty λ_h on SKU deviations.")
  static let lambdaR = DirectiveOption.number("lambda_r", default: 0.0001, in: .nonNegative, "Ridge penalty λ_r on global parameters.")
  static let learningRate = DirectiveOption.number("learning_rate", default: 0.02, in: .positive, "Adam learning rate.")
  static let epochs = DirectiveOption.integer("epochs", default: 4000, atLeast: 1, unit: "epochs", "Maximum Adam epochs.")
  static let patience = DirectiveOption.integer("patience", default: 400, atLeast: 1, unit: "epochs", "Early-stopping patience in epochs.")
  static let volumeWeight = DirectiveOption.number("volume_weight", default: 1, in: .nonNegative, "Weight of the volume error relative to sales.")
  static let seed = DirectiveOption.seed(help: "Seed of the initial parameters (default: from the notebook seed and the label).")
  static let tables = PromoDirectiveSupport.tablesOption(kinds: ["marginal_effects", "global_parameters", "sku_deviations", "fitted"])
  public static let options: [any AnyOptionDeclaration] =
    [data] + PromoDirectiveSupport.columnOptions + [holdoutWeeks, lambdaH, lambdaR, learningRate, epochs, patience, volumeWeight, seed, tables]

  public static func validate(_ options: ParsedOptions) -> [NotebookError] {
    options.isPresent(PromoDirectiveSupport.discounts) ? [] : [
      NotebookError(options.blockLocation, "{promo_model} needs 'discounts: [columns]', one discount spend column per promo type"),
    ]
  }

  public static func run(_ o: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = o[data]
    let frame = try context.dataset(reference)
    let columns = try PromoDirectiveSupport.columns(o)
    let holdout = o[holdoutWeeks]
    var settings = PromoTrainingSettings()
    settings.skuPenalty = o[lambdaH]
    settings.globalPenalty = o[lambdaR]
    settings.learningRate = o[learningRate]
    settings.epochs = o[epochs]
    settings.patience = o[patience]
    settings.volumeWeight = o[volumeWeight]
    settings.seed = o[seed] ?? PromoDirectiveSupport.seed(notebook: context.seed, label: o.label)
    let panel: PromoPanel
    do { panel = try PromoPanel(frame: frame, columns: columns, holdoutWeeks: holdout) } catch {
      throw NotebookError(o.isPresent(holdoutWeeks) ? o.location(of: holdoutWeeks) : reference.location, error.message)
    }
    let model: PromoModel
    do { model = try PromoTrainer.fit(panel, settings: settings) } catch {
      throw NotebookError(o.blockLocation, error.message)
    }
    let report = try PromoModelReport(model: model)
    var fields: [(String, Value)] = [
      ("data", .string(reference.path)), ("columns", PromoDirectiveSupport.value(of: columns)),
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
    let result = PromoDirectiveSupport.resultTables(o[tables], available: [
      ("marginal_effects", "PROMO_MARGINAL_EFFECTS", report.marginalEffects),
      ("global_parameters", "PROMO_GLOBAL_PARAMETERS", report.globalParameters),
      ("sku_deviations", "PROMO_SKU_DEVIATIONS", report.skuDeviations),
      ("fitted", "PROMO_FITTED", report.fittedFrame),
    ])
    let fit = PromoFit(model: model, frame: frame, columns: columns, holdoutWeeks: holdout, view: .object(fields))
    return DirectiveResult(model: fit, outputs: report.outputs, tables: result)
  }
}
