import FolioData

/// Which columns of a weekly SKU frame play which role in the promotion model.
public struct PromoColumns: Sendable, Equatable {
  public var sku = "SKU"
  /// Orders weeks within a SKU (date, integer or number; text is compared as text).
  public var week = "WEEK"
  /// Hierarchy attributes, e.g. brand, price segment, pack type, size.
  public var hierarchy = ["BRAND", "PRICE_SEGMENT", "PACK_TYPE", "SIZE"]
  public var sales = "SALES"
  public var volume = "VOLUME"
  /// Discount spend per promo type, one column each.
  public var discounts: [String] = []
  /// Display names of the promo types (default: the discount column names).
  public var promoTypes: [String]? = nil
  /// Macro-economic variables (same value for every SKU in a week, typically).
  public var macro: [String] = []

  public init() {}
}

extension PromoPanel {
  /// Builds a balanced, mean-scaled panel from a frame with one row per SKU
  /// and week. Rows may come in any order; each SKU's rows are sorted by week.
  ///
  /// - Throws: `PromoError` naming the column and the 1-based data row for a
  ///   missing or negative value, a SKU whose hierarchy changes, SKUs with
  ///   different weeks, or too few weeks for the holdout.
  public init(frame: Frame, columns C: PromoColumns, holdoutWeeks: Int) throws(PromoError) {
    func column(_ name: String, role: String) throws(PromoError) -> Column {
      guard let c = frame[name] else { throw .unknownColumn(name, role: role, available: frame.columnNames) }
      return c
    }
    func numbers(_ name: String, role: String, nonNegative: Bool) throws(PromoError) -> [Double] {
      let c = try column(name, role: role)
      guard let v = c.doubles else { throw .wrongColumnType(name, role: role, expected: "numbers", got: c.type) }
      for (i, x) in v.enumerated() {
        guard x.isFinite else { throw .missingValue(column: name, row: i + 1) }
        if nonNegative, x < 0 { throw .negativeValue(column: name, row: i + 1, value: x) }
      }
      return v
    }
    guard !C.discounts.isEmpty else { throw .invalidSetting("discounts: expected at least one discount spend column") }
    if let names = C.promoTypes, names.count != C.discounts.count {
      throw .invalidSetting("promo_types: expected \(C.discounts.count) names (one per discount column), got \(names.count)")
    }
    let skuColumn = try column(C.sku, role: "SKU"), weekColumn = try column(C.week, role: "week")
    let hierarchyColumns = try C.hierarchy.map { (h) throws(PromoError) in try column(h, role: "hierarchy") }
    let sales = try numbers(C.sales, role: "sales", nonNegative: true)
    let volume = try numbers(C.volume, role: "volume", nonNegative: true)
    let discounts = try C.discounts.map { (d) throws(PromoError) in try numbers(d, role: "discount", nonNegative: true) }
    let macros = try C.macro.map { (m) throws(PromoError) in try numbers(m, role: "macro", nonNegative: false) }
    // Group rows by SKU in first-appearance order.
    var skuNames: [String] = [], rowsBySKU: [[Int]] = [], skuIndex: [String: Int] = [:]
    for i in 0..<frame.rowCount {
      guard !skuColumn.isMissing(i) else { throw .missingValue(column: C.sku, row: i + 1) }
      guard !weekColumn.isMissing(i) else { throw .missingValue(column: C.week, row: i + 1) }
      let name = skuColumn[i].text
      if let s = skuIndex[name] {
        rowsBySKU[s].append(i)
      } else {
        skuIndex[name] = skuNames.count
        skuNames.append(name)
        rowsBySKU.append([i])
      }
    }
    guard !skuNames.isEmpty else { throw .unbalancedPanel("the data have no rows") }
    let numericWeeks = weekColumn.type != .string
    func weekKey(_ i: Int) -> (Double, String) {
      switch weekColumn[i] {
      case .date(let d): return (Double(d), "")
      case .integer(let v): return (Double(v), "")
      case .number(let v): return (v, "")
      case .string(let s): return (0, s)
      case .missing: return (0, "")
      }
    }
    for s in 0..<rowsBySKU.count {
      rowsBySKU[s].sort { a, b in
        let ka = weekKey(a), kb = weekKey(b)
        return numericWeeks ? (ka.0, a) < (kb.0, b) : (ka.1, a) < (kb.1, b)
      }
    }
    let first = rowsBySKU[0]
    let weekLabels = first.map { weekColumn[$0].text }
    var hierarchy: [[String]] = []
    for (s, rows) in rowsBySKU.enumerated() {
      guard rows.count == first.count else {
        throw .unbalancedPanel(
          "SKU '\(skuNames[s])' has \(rows.count) weeks but '\(skuNames[0])' has \(first.count); every SKU needs the same weeks")
      }
      for (t, r) in rows.enumerated() {
        let label = weekColumn[r].text
        guard label == weekLabels[t] else {
          throw .unbalancedPanel(
            "SKU '\(skuNames[s])' row \(r + 1) has week \(label) where '\(skuNames[0])' has \(weekLabels[t]) (duplicate or missing week)")
        }
      }
      var attributes: [String] = []
      for (h, col) in hierarchyColumns.enumerated() {
        let value = col[rows[0]].text
        for r in rows where col[r].text != value {
          throw .inconsistentHierarchy(sku: skuNames[s], column: C.hierarchy[h], first: value, row: r + 1, other: col[r].text)
        }
        attributes.append(value)
      }
      hierarchy.append(attributes)
    }
    let order = rowsBySKU.flatMap { $0 }
    let k = C.discounts.count, p = C.macro.count
    var disc = [Double](repeating: 0, count: order.count * k), macro = [Double](repeating: 0, count: order.count * p)
    for (row, i) in order.enumerated() {
      for j in 0..<k { disc[row * k + j] = discounts[j][i] }
      for q in 0..<p { macro[row * p + q] = macros[q][i] }
    }
    self = try PromoPanel.scaling(
      skuNames: skuNames, hierarchy: hierarchy, hierarchyNames: C.hierarchy,
      promoTypeNames: C.promoTypes ?? C.discounts, macroNames: C.macro, weekLabels: weekLabels,
      holdoutWeeks: holdoutWeeks, sales: order.map { sales[$0] }, volume: order.map { volume[$0] },
      discounts: disc, macro: macro)
  }
}
