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
  static let data = DirectiveOption.reference(optional: "data", "Earlier dataset of long weekly rows.")
  static let csv = DirectiveOption.inputFile("csv", "Or: path of a CSV of long weekly rows, relative to the notebook.")
  static let geoLevel = DirectiveOption.choice("geo_level", default: GeoLevel.global, "Geography of the channel keys.")
  static let productLevel = DirectiveOption.choice("product_level", default: ProductLevel.all, "Product level of the channel keys.")
  static let minSpend = DirectiveOption.number("min_spend", default: 1000, in: .nonNegative, "Drop channel keys whose total spend is below this.")
  static let weekColumn = DirectiveOption.column("week_column", default: "WEEK_START", "Week start column.")
  static let channelColumn = DirectiveOption.column("channel_column", default: "CHANNEL", "Channel column.")
  static let spendColumn = DirectiveOption.column("spend_column", default: "SPEND", "Spend column.")
  static let revenueColumn = DirectiveOption.column("revenue_column", default: "REVENUE", "Revenue column.")
  public static let options: [any AnyOptionDeclaration] = [
    data, csv, geoLevel, productLevel, minSpend, weekColumn, channelColumn, spendColumn, revenueColumn,
  ]
  static let oneSource = "{mmm_data} needs exactly one source: 'data: <label>' or 'csv: <path>'"

  public static func validate(_ options: ParsedOptions) -> [NotebookError] {
    options.isPresent(data) == options.isPresent(csv) ? [NotebookError(options.blockLocation, oneSource)] : []
  }

  public static func run(_ options: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let frame: Frame
    let source: String
    if let reference = options[data] {
      source = reference.path
      frame = try context.dataset(reference)
    } else if let file = options[csv] {
      source = file.path
      frame = try DataDirective.load(file, declared: [:], missing: nil, context: &context)
    } else {
      throw NotebookError(options.blockLocation, oneSource)
    }
    var prep = MMMPreparation()
    prep.geoLevel = options[geoLevel]
    prep.productLevel = options[productLevel]
    prep.minimumSpend = options[minSpend]
    prep.columns.week = options[weekColumn]
    prep.columns.channel = options[channelColumn]
    prep.columns.spend = options[spendColumn]
    prep.columns.revenue = options[revenueColumn]
    let prepared: PreparedMarketingData
    do { prepared = try prep.prepare(frame) } catch {
      throw NotebookError(options.blockLocation, "\(source): \(error.message)")
    }
    let value = try MMMDataValue.make(prepared, geoLevel: prep.geoLevel, productLevel: prep.productLevel, minimumSpend: prep.minimumSpend)
    let input = prepared.input
    let labels = MMMDataValue.labels(prepared.keyParts, keys: input.channels)
    let model = MMMPreparedData(input: input, labels: labels, view: value)

    var note = "Prepared \(input.weekCount) weeks (\(CivilDate.isoString(days: input.weekStarts[0])) to \(CivilDate.isoString(days: input.weekStarts[input.weekCount - 1]))) from \(prepared.rowCount.grouped) rows: \(input.channelCount) channel keys at \(prep.geoLevel.rawValue) × \(prep.productLevel.rawValue), \(input.controlNames.count) controls (\(input.controlNames.joined(separator: ", ")))."
    if !prepared.dropped.isEmpty {
      let money = NumberFormat(.currency, digits: 0)
      note += " Dropped for total spend below \(money.format(prep.minimumSpend)): " + prepared.dropped.map { "\($0.key) (\(money.format($0.totalSpend)))" }.joined(separator: ", ") + "."
    }
    return DirectiveResult(model: model, outputs: [.note(note), .table(spendTable(input, labels: labels)), .chart(MMMCharts.weeklySpend(input, labels: labels))])
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
