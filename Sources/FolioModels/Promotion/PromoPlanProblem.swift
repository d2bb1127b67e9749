import Foundation

/// The linear structure of one planning problem: the model's affine horizon
/// response, the current plan and the named constraint rows over the spend
/// vector D (`[s·K + k]`, total horizon spend).
struct PromoPlanProblem {
  struct Row {
    var name: String
    var kind: String
    var coefficients: [Double]
    /// Bounds on Σ coefficients·D (for volume rows: minus the zero-spend volume).
    var lower: Double
    var upper: Double
    /// Volume rows: the SKU index whose recursive volume re-checks the row.
    var sku: Int?
    /// Added to the LP activity to report the constraint's own quantity.
    var offset: Double
  }

  enum Objective { case totalSpend, sales, row(Int, negate: Bool) }

  let input: PromoPlanInput
  let constraints: PromoPlanConstraints
  /// Horizon totals (sales, volume per SKU) of a plan for the re-check: the
  /// model's recursion when planning from a model, else the affine map.
  let recheck: (_ spend: [Double]) -> (sales: [Double], volume: [Double])
  var response: PromoModel.HorizonResponse { input.response }
  var currentSpend: [Double] { input.currentSpend }
  let currentVolume: [Double]
  var rows: [Row] = []
  var n: Int { currentSpend.count }

  init(
    input: PromoPlanInput, constraints C: PromoPlanConstraints,
    recheck: @escaping (_ spend: [Double]) -> (sales: [Double], volume: [Double])
  ) throws(PromoError) {
    self.input = input
    self.constraints = C
    self.recheck = recheck
    let P = input, K = input.promoTypes
    let response = input.response, currentSpend = input.currentSpend
    var volume0: [Double] = []
    for s in 0..<P.skus {
      var v = response.baseVolume[s]
      for k in 0..<K { v += response.volumeSlope[s * K + k] * currentSpend[s * K + k] }
      volume0.append(v)
    }
    currentVolume = volume0
    func levelIndex(_ name: String) throws(PromoError) -> Int {
      guard let i = P.hierarchyNames.firstIndex(of: name) else {
        throw .unknownColumn(name, role: "hierarchy", available: P.hierarchyNames)
      }
      return i
    }
    let n = P.skus * K
    func groupRow(level: Int, group: String, kind: String) throws(PromoError) -> [Double] {
      let groups = P.levels(of: level)
      guard groups.contains(group) else { throw .unknownGroup(group, kind: kind, available: groups) }
      var c = [Double](repeating: 0, count: n)
      for s in 0..<P.skus where P.hierarchy[s][level] == group {
        for k in 0..<K { c[s * K + k] = 1 }
      }
      return c
    }
    let brand = try levelIndex(C.brandLevel), pack = try levelIndex(C.packLevel)
    let segment = try levelIndex(C.segmentLevel)
    for l in C.brandCaps {
      let c = try groupRow(level: brand, group: l.group, kind: "brand")
      rows.append(Row(name: "brand cap · \(l.group)", kind: "brand cap", coefficients: c, lower: -.infinity,
        upper: l.maximum, sku: nil, offset: 0))
    }
    for l in C.packLimits {
      let c = try groupRow(level: pack, group: l.group, kind: "pack type")
      rows.append(Row(name: "pack-type limit · \(l.group)", kind: "pack-type limit", coefficients: c,
        lower: -.infinity, upper: l.maximum, sku: nil, offset: 0))
    }
    for b in C.segmentBounds {
      let c = try groupRow(level: segment, group: b.group, kind: "price segment")
      rows.append(Row(name: "price segment · \(b.group)", kind: "price segment", coefficients: c,
        lower: b.lower > 0 ? b.lower : -.infinity, upper: b.upper, sku: nil, offset: 0))
    }
    let pct = String(format: "%g", C.volumeChange * 100)
    for s in 0..<P.skus {
      var c = [Double](repeating: 0, count: n)
      for k in 0..<K { c[s * K + k] = response.volumeSlope[s * K + k] }
      let base = response.baseVolume[s], v0 = currentVolume[s]
      rows.append(Row(name: "volume ±\(pct)% · \(P.skuNames[s])", kind: "volume", coefficients: c,
        lower: v0 * (1 - C.volumeChange) - base, upper: v0 * (1 + C.volumeChange) - base, sku: s, offset: base))
    }
  }

  /// The LP over D ≥ 0 with every row (bounds optionally relaxed), the
  /// objective chosen, and Σ D fixed at `totalSpend` when given.
  func program(objective: Objective, totalSpend: Double? = nil, relaxLower: Bool = false, relaxUpper: Bool = false,
    skipping skipped: Int? = nil) -> PromoLinearProgram
  {
    var lp = PromoLinearProgram(columns: n)
    if let r = constraints.spendRange {
      lp.colLower = currentSpend.map { r.lowerBound * $0 }
      lp.colUpper = currentSpend.map { r.upperBound * $0 }
    }
    switch objective {
    case .totalSpend: lp.objective = [Double](repeating: 1, count: n)
    case .sales: lp.objective = response.salesSlope
    case .row(let i, let negate): lp.objective = rows[i].coefficients.map { negate ? -$0 : $0 }
    }
    for (i, r) in rows.enumerated() where i != skipped {
      lp.addRow(r.coefficients, lower: relaxLower ? -.infinity : r.lower, upper: relaxUpper ? .infinity : r.upper)
    }
    if let s = totalSpend { lp.addRow([Double](repeating: 1, count: n), lower: s, upper: s) }
    return lp
  }

  /// Why no plan exists: each bound that cannot be met even with all other
  /// rows' opposite sides relaxed (a lower bound against the caps and
  /// ceilings, an upper bound against the floors and d ≥ 0).
  func diagnoseInfeasibility() -> String {
    var reasons: [String] = []
    for (i, r) in rows.enumerated() {
      if r.lower.isFinite,
        case .optimal(_, let best) = program(objective: .row(i, negate: false), relaxLower: true, skipping: i)
          .solve(maximize: true), best < r.lower - 1e-9 * max(1, abs(r.lower))
      {
        reasons.append(
          "\(r.name) needs at least \(Self.format(r.lower + r.offset)) but the upper limits allow at most \(Self.format(best + r.offset))")
      }
      if r.upper.isFinite,
        case .optimal(_, let least) = program(objective: .row(i, negate: false), relaxUpper: true, skipping: i)
          .solve(maximize: false), least > r.upper + 1e-9 * max(1, abs(r.upper))
      {
        reasons.append(
          "\(r.name) allows at most \(Self.format(r.upper + r.offset)) but the lower limits and d ≥ 0 force at least \(Self.format(least + r.offset))")
      }
    }
    if reasons.isEmpty {
      return "the lower bounds (price-segment minimums and volume floors) cannot all be met together within the caps, limits and volume ceilings"
    }
    return reasons.joined(separator: "; ")
  }

  static func format(_ x: Double) -> String { String(format: "%.2f", x) }
}
