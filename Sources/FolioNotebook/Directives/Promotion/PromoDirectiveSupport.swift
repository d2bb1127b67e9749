import Foundation
import FolioData
import FolioModels

/// Option parsing and value plumbing shared by `{promo_model}` and `{promo_plan}`.
enum PromoDirectiveSupport {
  /// Column roles from the options, with the defaults of `PromoColumns`.
  static func columns(_ call: DirectiveCall) throws(NotebookError) -> PromoColumns {
    var c = PromoColumns()
    let o = call.options
    if let n = o["sku"] { c.sku = try n.string("sku") }
    if let n = o["week"] { c.week = try n.string("week") }
    if let n = o["hierarchy"] { c.hierarchy = try names(n, "hierarchy") }
    if let n = o["sales"] { c.sales = try n.string("sales") }
    if let n = o["volume"] { c.volume = try n.string("volume") }
    guard let d = o["discounts"] else {
      throw NotebookError(call.location, "{promo_model} needs 'discounts: [columns]', one discount spend column per promo type")
    }
    c.discounts = try names(d, "discounts")
    if let n = o["promo_types"] {
      let types = try names(n, "promo_types")
      c.promoTypes = types.isEmpty ? nil : types
    }
    if let n = o["macro"] { c.macro = try names(n, "macro") }
    return c
  }

  /// A list of names, written as a YAML list or as one comma-separated text
  /// (`"DISC_TPR, DISC_DISPLAY"`, so a notebook param can hold it; `""` is
  /// no names).
  static func names(_ node: OptionNode, _ what: String) throws(NotebookError) -> [String] {
    guard case .scalar(let s, _) = node.kind else { return try node.stringList(what) }
    return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The columns as a record for the block's value (so `{promo_plan}` can rebuild the panel).
  static func value(of c: PromoColumns) -> Value {
    .object([
      ("sku", .string(c.sku)), ("week", .string(c.week)), ("hierarchy", .array(c.hierarchy.map { .string($0) })),
      ("sales", .string(c.sales)), ("volume", .string(c.volume)),
      ("discounts", .array(c.discounts.map { .string($0) })),
      ("promo_types", c.promoTypes.map { .array($0.map { .string($0) }) } ?? .null),
      ("macro", .array(c.macro.map { .string($0) })),
    ])
  }

  static func columns(from v: Value?) -> PromoColumns? {
    guard let v else { return nil }
    func text(_ k: String) -> String? { if case .string(let s)? = v[k] { return s } else { return nil } }
    func list(_ k: String) -> [String]? {
      guard case .array(let items)? = v[k] else { return nil }
      return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
    guard let sku = text("sku"), let week = text("week"), let hierarchy = list("hierarchy"), let sales = text("sales"),
      let volume = text("volume"), let discounts = list("discounts"), let macro = list("macro")
    else { return nil }
    var c = PromoColumns()
    c.sku = sku
    c.week = week
    c.hierarchy = hierarchy
    c.sales = sales
    c.volume = volume
    c.discounts = discounts
    c.promoTypes = list("promo_types")
    c.macro = macro
    return c
  }

  /// Rebuilds the fitted model a `{promo_model}` block recorded in its value:
  /// the panel from the same dataset and columns, the parameters as stored
  /// (full precision), so no refit happens.
  static func model(from reference: String, at location: SourceLocation, in context: ExecutionContext)
    throws(NotebookError) -> PromoModel
  {
    let v = try context.result(reference, at: location)
    guard case .string(let dataLabel)? = v["data"], let columns = columns(from: v["columns"]),
      let holdout = v["holdout_weeks"]?.doubleValue, case .array(let raw)? = v["parameters"]
    else {
      throw NotebookError(location, "'\(reference)' is not a {promo_model} result")
    }
    let frame = try context.dataset(dataLabel, at: location)
    let panel: PromoPanel
    do { panel = try PromoPanel(frame: frame, columns: columns, holdoutWeeks: Int(holdout)) } catch {
      throw NotebookError(location, error.message)
    }
    let parameters = raw.compactMap(\.doubleValue)
    guard parameters.count == panel.layout.count else {
      throw NotebookError(location, "'\(reference)' has \(parameters.count) parameters; the data need \(panel.layout.count)")
    }
    var settings = PromoTrainingSettings()
    settings.skuPenalty = v["lambda_h"]?.doubleValue ?? settings.skuPenalty
    settings.globalPenalty = v["lambda_r"]?.doubleValue ?? settings.globalPenalty
    return PromoModel(
      panel: panel, parameters: parameters, settings: settings, epochsRun: Int(v["epochs_run"]?.doubleValue ?? 0),
      bestEpoch: Int(v["best_epoch"]?.doubleValue ?? 0), trainingLoss: v["training_loss"]?.doubleValue ?? .nan,
      holdoutLoss: v["holdout_loss"]?.doubleValue ?? .nan)
  }

  /// The result tables a block writes: `tables: true` writes all under their
  /// default names; a mapping `{kind: NAME}` picks and renames; absent writes none.
  static func resultTables(_ call: DirectiveCall, available: [(kind: String, defaultName: String, frame: Frame)])
    throws(NotebookError) -> [ResultTable]
  {
    guard let node = call.options["tables"] else { return [] }
    if let all = try? node.bool("tables") {
      return all ? available.map { ResultTable(name: $0.defaultName, frame: $0.frame) } : []
    }
    var out: [ResultTable] = []
    for e in try node.entries("tables") {
      guard let t = available.first(where: { $0.kind == e.key }) else {
        throw NotebookError(
          e.keyLocation,
          "tables: unknown table '\(e.key)'\(NearMatches.hint(for: e.key, in: available.map(\.kind), noun: "table"))")
      }
      let name = try e.value.string("tables.\(e.key)")
      guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
        throw NotebookError(e.value.location, "tables.\(e.key): expected a name of letters, digits and _, found '\(name)'")
      }
      out.append(ResultTable(name: name, frame: t.frame))
    }
    return out
  }

  /// A table output from a frame with per-column number formats.
  static func tableSpec(_ frame: Frame, formats: [String: NumberFormat], headers: [String: String] = [:], maxRows: Int = 30)
    -> TableSpec
  {
    TableSpec(
      columns: zip(frame.columnNames, frame.columns).map {
        TableSpec.Column(header: headers[$0.0] ?? $0.0, isNumeric: $0.1.type == .number || $0.1.type == .integer)
      },
      rows: (0..<min(maxRows, frame.rowCount)).map { r in
        zip(frame.columnNames, frame.columns).map { name, col in CellText.format(col[r], formats[name]) }
      },
      totalRows: frame.rowCount)
  }

  /// A per-block seed: the notebook seed mixed with the FNV-1a hash of the label.
  static func seed(notebook seed: UInt64, label: String?) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in (label ?? "promo_model").utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return seed ^ h
  }
}
