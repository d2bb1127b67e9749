import FolioData
import FolioModels

/// `{curves}`: steady-state response curves per channel — weekly revenue at
/// a constant weekly spend, β·Hill(s/(1 − θ)) — with marginal ROI and the
/// zone at current (mean) spend.
///
/// ```yaml
/// model: fit             # a {search} block
/// roi: boot              # optional {roi} block: bands ± z·coef_sd·Hill
/// points: 100            # per curve, from 0 to max_multiple × max weekly spend
/// max_multiple: 3
/// efficient_above: 1.5   # marginal ROI above: EFFICIENT
/// saturated_below: 0.8   # below: SATURATED; between: DIMINISHING
/// band_z: 1.645
/// ```
/// Writes the result table RESPONSE_CURVES (one row per channel and point).
public enum MMMCurvesDirective: Directive {
  public static let name = "curves"
  public static let summary = "Response curves per channel with bands, marginal ROI and efficiency zone at current spend."
  static let model = DirectiveOption.reference("model", "A {search} or {bayes} block.")
  static let roi = DirectiveOption.reference(optional: "roi", "A {roi} block for the uncertainty bands (optional).")
  static let points = DirectiveOption.integer("points", default: 100, in: 2...10_000, unit: "points", "Points per curve.")
  static let maxMultiple = DirectiveOption.number("max_multiple", default: 3, in: .positive, "Curve end as a multiple of max weekly spend.")
  static let efficientAbove = DirectiveOption.number("efficient_above", default: 1.5, "Marginal ROI above which a channel is EFFICIENT.")
  static let saturatedBelow = DirectiveOption.number("saturated_below", default: 0.8, "Marginal ROI below which a channel is SATURATED.")
  static let bandZ = DirectiveOption.number("band_z", default: 1.645, in: .nonNegative, "Band half-width in bootstrap coefficient sds (with a {bayes} model the bands are posterior intervals instead).")
  public static let options: [any AnyOptionDeclaration] = [model, roi, points, maxMultiple, efficientAbove, saturatedBelow, bandZ]

  public static func validate(_ parsed: ParsedOptions) -> [NotebookError] {
    guard parsed[saturatedBelow] <= parsed[efficientAbove] else {
      return [NotebookError(parsed.location(of: saturatedBelow),
        "saturated_below (\(parsed[saturatedBelow])) must not exceed efficient_above (\(parsed[efficientAbove]))")]
    }
    return []
  }

  public static func run(_ parsed: ParsedOptions, in context: inout ExecutionContext) throws -> DirectiveResult {
    let reference = parsed[Self.model]
    let fitted = try context.model(MMMFit.self, reference)
    let model = fitted.model, labels = fitted.labels
    var options = ResponseCurves.Options()
    options.points = parsed[points]
    options.maxMultiple = parsed[maxMultiple]
    options.efficientAbove = parsed[efficientAbove]
    options.saturatedBelow = parsed[saturatedBelow]
    options.bandZ = parsed[bandZ]
    // Coefficient sds from the bootstrap, in the model's channel order.
    var coefSD: [Double]? = nil
    var bootstrap: MMMBootstrap? = nil
    if let r = parsed[roi] {
      let b = try context.model(MMMBootstrap.self, r)
      try b.check(against: fitted, r)
      coefSD = b.coefSD
      bootstrap = b
    }
    let curves = ResponseCurves.compute(model, bootstrap: nil, options: options)
    var lower: [[Double]] = [], upper: [[Double]] = []
    for (c, curve) in curves.enumerated() {
      if let b = bootstrap, b.method == "posterior" {
        // A posterior: the band is the pointwise central interval of every
        // draw's own curve (its β, θ, α, γ), not a ± z·sd band.
        let bands = curve.spend.map { s in
          BootstrapResponse.interval(BootstrapResponse.responseDraws(model, b.boot[c], channel: c, weeklySpend: s), level: b.level)
        }
        lower.append(bands.map(\.low))
        upper.append(bands.map(\.high))
        continue
      }
      let sd = coefSD.map { $0[c].isNaN ? 0 : $0[c] } ?? 0
      let m = model.steadyStateMultiplier(channel: c)
      let half = curve.spend.map { options.bandZ * sd * model.parameters[c].saturation.apply($0 * m) }
      lower.append(zip(curve.response, half).map { $0 - $1 })
      upper.append(zip(curve.response, half).map { $0 + $1 })
    }

    var table = Frame()
    let k = options.points
    try table.append("CHANNEL", .string(StringColumn(curves.flatMap { c in [String?](repeating: c.channel, count: k) })))
    try table.append("LABEL", .string(StringColumn(labels.flatMap { [String?](repeating: $0, count: k) })))
    try table.append("POINT", .integer(IntegerColumn(values: curves.flatMap { _ in Array(0..<k) })))
    try table.append("SPEND", .number(curves.flatMap(\.spend)))
    try table.append("RESPONSE", .number(curves.flatMap(\.response)))
    try table.append("LOWER", .number(lower.flatMap { $0 }))
    try table.append("UPPER", .number(upper.flatMap { $0 }))
    try table.append("MROI", .number(curves.flatMap(\.marginalROI)))
    try table.append("ZONE", .string(StringColumn(curves.flatMap { c in c.marginalROI.map { Optional(options.zone(marginalROI: $0).rawValue) } })))

    // Marginal ROI at current spend under every resample: its interval and the zones it spans.
    let mroiInterval: [(low: Double, high: Double)?] = curves.indices.map { c in
      bootstrap.map { b in
        BootstrapResponse.interval(
          BootstrapResponse.marginalROIDraws(model, b.boot[c], channel: c, weeklySpend: curves[c].currentSpend), level: b.level)
      }
    }
    func zoneRange(_ c: Int) -> String {
      guard let i = mroiInterval[c] else { return curves[c].zone.rawValue }
      let lo = options.zone(marginalROI: i.low), hi = options.zone(marginalROI: i.high)
      return lo == hi ? lo.rawValue : "\(lo.rawValue)–\(hi.rawValue)"
    }
    let channels: [(String, Value)] = curves.indices.map { c in
      let cur = curves[c]
      var fields: [(String, Value)] = [
        ("key", .string(cur.channel)), ("current_spend", .number(cur.currentSpend)),
        ("current_response", .number(cur.currentResponse)), ("mroi", .number(cur.currentMarginalROI)),
        ("zone", .string(cur.zone.rawValue)),
      ]
      if let i = mroiInterval[c] {
        fields += [("mroi_low", .number(i.low)), ("mroi_high", .number(i.high)), ("zone_range", .string(zoneRange(c)))]
      }
      return (labels[c], .object(fields))
    }
    func names(_ zone: ResponseZone) -> String { MMMText.list(curves.indices.filter { curves[$0].zone == zone }.map { labels[$0] }) }
    let value = Value.object([
      ("model", .string(reference.path)),
      ("efficient", .string(names(.efficient))), ("diminishing", .string(names(.diminishing))), ("saturated", .string(names(.saturated))),
      ("channels", .object(channels)),
      ("curves", .table(table)),
    ])

    let money = NumberFormat(.currency, digits: 0), f2 = NumberFormat(.fixed, digits: 2)
    let rows = curves.indices.map { c -> [String] in
      let mroi = f2.format(curves[c].currentMarginalROI) + (mroiInterval[c].map { " (\(f2.format($0.low))–\(f2.format($0.high)))" } ?? "")
      return [labels[c], money.format(curves[c].currentSpend), money.format(curves[c].currentResponse), mroi,
              curves[c].zone.rawValue + (mroiInterval[c] == nil || zoneRange(c) == curves[c].zone.rawValue ? "" : " (interval spans \(zoneRange(c)))")]
    }
    var outputs: [BlockOutput] = [
      .note("Zones by marginal ROI at current mean weekly spend: EFFICIENT above \(f2.format(options.efficientAbove)), SATURATED below \(f2.format(options.saturatedBelow)), DIMINISHING between.\(bootstrap.map { b in b.method == "posterior" ? " Bands: the central \(NumberFormat(.percent, digits: 0).format(b.level)) of the posterior draws' curves at each spend; marginal ROI with its \(NumberFormat(.percent, digits: 0).format(b.level)) posterior interval (each draw's coefficient and transforms), and the zones that interval spans." : " Bands: ± \(NumberFormat.automatic.format(options.bandZ)) bootstrap coefficient sd; marginal ROI with its \(NumberFormat(.percent, digits: 0).format(b.level)) bootstrap interval (each resample's coefficient\(b.refit ? " and transforms" : "")), and the zones that interval spans." } ?? " No {roi} block given, so no bands and no intervals.")"),
      .table(TableSpec(
        columns: ["Channel", "Current weekly spend", "Weekly revenue", "Marginal ROI", "Zone"].enumerated().map { TableSpec.Column(header: $1, isNumeric: $0 > 0 && $0 < 4) },
        rows: rows, totalRows: rows.count)),
    ]
    for c in curves.indices {
      outputs.append(.chart(MMMCharts.responseCurve(
        label: labels[c], spend: curves[c].spend, response: curves[c].response,
        low: coefSD == nil ? nil : lower[c], high: coefSD == nil ? nil : upper[c],
        currentSpend: curves[c].currentSpend, currentResponse: curves[c].currentResponse, zone: curves[c].zone.rawValue)))
    }
    return DirectiveResult(value: value, outputs: outputs, tables: [ResultTable(name: "RESPONSE_CURVES", frame: table)])
  }
}
