import FolioData
import FolioModels

/// `{mmm_data}`: turns long weekly marketing rows into the weekly model
/// input of the marketing-mix directives (`search`, `cv`, `roi`, `curves`,
/// `plan`).
///
/// ```yaml
/// data: raw                  # an earlier dataset; or csv: "{{ params.data }}"
/// geo_level: GLOBAL          # GLOBAL, SUPER_REGION, REGION or COUNTRY
/// product_level: ALL         # ALL, SEGMENT, DIVISION or CATEGORY
/// min_spend: 1000            # keys with less total spend are dropped (and listed)
/// week_column: WEEK_START    # also channel_column, spend_column, revenue_column
/// ```
/// Channel keys are `CHANNEL_GEO_PRODUCT`; the target is total weekly
/// revenue; controls are trend, two Fourier pairs, Q1/Q3 flags and the
/// weekly mean of PMI_INDEX and COMPETITOR_SOV when present
/// (`MMMPreparation` documents each step).
public enum MMMDataDirective: Directive {
  public static let name = "mmm_data"
  public static let summary = "Prepare weekly marketing-mix data: channel keys, spend per key and week, revenue target, controls."
  public static let options: [OptionSpec] = [
    OptionSpec("data", reference: true, "Earlier dataset of long weekly rows."),
    OptionSpec("csv", "Or: path of a CSV of long weekly rows, relative to the notebook."),
    OptionSpec("geo_level", "GLOBAL (default), SUPER_REGION, REGION or COUNTRY."),
    OptionSpec("product_level", "ALL (default), SEGMENT, DIVISION or CATEGORY."),
    OptionSpec("min_spend", "Drop channel keys whose total spend is below this (default 1000)."),
    OptionSpec("week_column", "Week start column (default WEEK_START)."),
    OptionSpec("channel_column", "Channel column (default CHANNEL)."),
    OptionSpec("spend_column", "Spend column (default SPEND)."),
    OptionSpec("revenue_column", "Revenue column (default REVENUE)."),
  ]

  public static func check(_ call: DirectiveCall, in context: CheckContext) -> [NotebookError] {
    (call.options["data"] == nil) == (call.options["csv"] == nil)
      ? [NotebookError(call.location, "{mmm_data} needs exactly one source: 'data: <label>' or 'csv: <path>'")] : []
  }

  static func level<L: RawRepresentable & CaseIterable>(_ node: OptionNode?, _ what: String, default d: L) throws -> L where L.RawValue == String {
    guard let node else { return d }
    let text = try node.string(what)
    guard let v = L(rawValue: text.uppercased()) else {
      let names = L.allCases.map(\.rawValue)
      throw NotebookError(node.location, "\(what): expected one of \(names.joined(separator: ", ")), found '\(text)'\(NearMatches.hint(for: text.uppercased(), in: names, noun: "level"))")
    }
    return v
  }

  public static func run(_ call: DirectiveCall, in context: inout ExecutionContext) throws -> DirectiveResult {
    let o = call.options
    let frame: Frame
    let source: String
    switch (o["data"], o["csv"]) {
    case (let d?, nil):
      source = try d.string("data")
      frame = try context.dataset(source, at: d.location)
    case (nil, let c?):
      source = try c.string("csv")
      frame = try DataDirective.load(path: source, call: call, at: c.location, context: &context)
    default:
      throw NotebookError(call.location, "{mmm_data} needs exactly one source: 'data: <label>' or 'csv: <path>'")
    }
    var prep = MMMPreparation()
    prep.geoLevel = try level(o["geo_level"], "geo_level", default: GeoLevel.global)
    prep.productLevel = try level(o["product_level"], "product_level", default: ProductLevel.all)
    if let m = o["min_spend"] {
      prep.minimumSpend = try m.double("min_spend")
      guard prep.minimumSpend >= 0, prep.minimumSpend.isFinite else {
        throw NotebookError(m.location, "min_spend: expected a total spend of 0 or more, found \(prep.minimumSpend)")
      }
    }
    if let n = o["week_column"] { prep.columns.week = try n.string("week_column") }
    if let n = o["channel_column"] { prep.columns.channel = try n.string("channel_column") }
    if let n = o["spend_column"] { prep.columns.spend = try n.string("spend_column") }
    if let n = o["revenue_column"] { prep.columns.revenue = try n.string("revenue_column") }
    let prepared: PreparedMarketingData
    do { prepared = try prep.prepare(frame) } catch {
      throw NotebookError(call.location, "\(source): \(error.message)")
    }
    let value = try MMMDataValue.make(prepared, geoLevel: prep.geoLevel, productLevel: prep.productLevel, minimumSpend: prep.minimumSpend)
    let input = prepared.input
    let labels = MMMDataValue.labels(prepared.keyParts, keys: input.channels)

    var note = "Prepared \(input.weekCount) weeks (\(CivilDate.isoString(days: input.weekStarts[0])) to \(CivilDate.isoString(days: input.weekStarts[input.weekCount - 1]))) from \(prepared.rowCount.grouped) rows: \(input.channelCount) channel keys at \(prep.geoLevel.rawValue) × \(prep.productLevel.rawValue), \(input.controlNames.count) controls (\(input.controlNames.joined(separator: ", ")))."
    if !prepared.dropped.isEmpty {
      let money = NumberFormat(.currency, digits: 0)
      note += " Dropped for total spend below \(money.format(prep.minimumSpend)): " + prepared.dropped.map { "\($0.key) (\(money.format($0.totalSpend)))" }.joined(separator: ", ") + "."
    }
    return DirectiveResult(value: value, outputs: [.note(note), .table(spendTable(input, labels: labels)), .chart(MMMCharts.weeklySpend(input, labels: labels))])
  }

  /// One row per channel key: total, mean and peak weekly spend, share, active weeks.
  static func spendTable(_ input: MMMInput, labels: [String]) -> TableSpec {
    let money = NumberFormat(.currency, digits: 0), pct = NumberFormat(.percent, digits: 1)
    let totals = input.spend.map { $0.reduce(0, +) }
    let grand = totals.reduce(0, +)
    let rows = input.channels.indices.map { c -> [String] in
      [labels[c], input.channels[c], money.format(totals[c]), money.format(input.meanWeeklySpend[c]), money.format(input.maxWeeklySpend[c]),
       pct.format(grand > 0 ? totals[c] / grand : .nan), String(input.spend[c].filter { $0 > 0 }.count)]
    }
    let headers = ["Channel", "Key", "Total spend", "Mean weekly", "Peak weekly", "Share", "Active weeks"]
    return TableSpec(columns: headers.enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 >= 2) }, rows: rows, totalRows: rows.count)
  }
}
