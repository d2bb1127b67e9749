import Foundation
import FolioData
import FolioModels

/// Option parsing and value plumbing shared by `{promo_model}` and `{promo_plan}`.
enum PromoDirectiveSupport {
  /// The column-role options of `{promo_model}`, with the defaults of `PromoColumns`.
  static let discounts = nameList("discounts", "Discount spend columns, one per promo type.")
  static let promoTypes = nameList("promo_types", "Display names of the promo types (default, or empty: the discount column names).")
  static let macro = nameList("macro", "Macro-economic columns (standardized indices).")
  static let sku = DirectiveOption.column("sku", default: PromoColumns().sku, "SKU column.")
  static let week = DirectiveOption.column("week", default: PromoColumns().week, "Week column ordering rows within a SKU.")
  static let hierarchy = nameList("hierarchy", "Hierarchy columns (default BRAND, PRICE_SEGMENT, PACK_TYPE, SIZE).")
  static let sales = DirectiveOption.column("sales", default: PromoColumns().sales, "Sales column.")
  static let volume = DirectiveOption.column("volume", default: PromoColumns().volume, "Volume column.")
  static let columnOptions: [any AnyOptionDeclaration] = [discounts, promoTypes, macro, sku, week, hierarchy, sales, volume]

  /// A list of names written as a YAML list or as one comma-separated text
  /// (`"DISC_TPR, DISC_DISPLAY"`, so a notebook param can hold it; `""` is no names).
  static func nameList(_ name: String, _ help: String) -> OptionDeclaration<[String]?> {
    DirectiveOption.structured(name, kind: .list(.column), help + " A list, or one comma-separated text.") { node, name throws(NotebookError) in
      try names(node, name)
    }
  }

  /// Column roles from decoded options.
  static func columns(_ o: ParsedOptions) throws(NotebookError) -> PromoColumns {
    var c = PromoColumns()
    guard let d = o[discounts] else {
      throw NotebookError(o.blockLocation, "{promo_model} needs 'discounts: [columns]', one discount spend column per promo type")
    }
    c.discounts = d
    c.promoTypes = o[promoTypes].flatMap { $0.isEmpty ? nil : $0 }
    c.macro = o[macro] ?? []
    c.sku = o[sku]
    c.week = o[week]
    c.hierarchy = o[hierarchy] ?? c.hierarchy
    c.sales = o[sales]
    c.volume = o[volume]
    return c
  }

  /// A list of names, written as a YAML list or as one comma-separated text
  /// (`""` is no names).
  static func names(_ node: OptionNode, _ what: String) throws(NotebookError) -> [String] {
    guard case .scalar(let s, _) = node.kind else { return try node.stringList(what) }
    return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The columns as a record for the block's value.
  static func value(of c: PromoColumns) -> Value {
    .object([
      ("sku", .string(c.sku)), ("week", .string(c.week)), ("hierarchy", .array(c.hierarchy.map { .string($0) })),
      ("sales", .string(c.sales)), ("volume", .string(c.volume)),
      ("discounts", .array(c.discounts.map { .string($0) })),
      ("promo_types", c.promoTypes.map { .array($0.map { .string($0) }) } ?? .null),
      ("macro", .array(c.macro.map { .string($0) })),
    ])
  }

  /// Which result tables a block writes: all under their default names,
  /// none, or the listed kinds under the given names.
  enum TableChoice: Sendable {
    case all
    case off
    case named([(kind: String, name: String, keyLocation: SourceLocation, location: SourceLocation)])
  }

  /// The `tables:` option: `true`, or `{kind: NAME}` with `kinds` the table kinds a directive writes.
  static func tablesOption(kinds: [String]) -> OptionDeclaration<TableChoice?> {
    DirectiveOption.structured(
      "tables", kind: .either([.bool, .map(.text)]), "Result tables: true, or {\(kinds.joined(separator: "|")): NAME}."
    ) { node, _ throws(NotebookError) -> TableChoice in
      if let all = try? node.bool("tables") { return all ? .all : .off }
      var out: [(kind: String, name: String, keyLocation: SourceLocation, location: SourceLocation)] = []
      for e in try node.entries("tables") {
        guard kinds.contains(e.key) else {
          throw NotebookError(e.keyLocation, "tables: unknown table '\(e.key)'\(NearMatches.hint(for: e.key, in: kinds, noun: "table"))")
        }
        let name = try e.value.string("tables.\(e.key)")
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
          throw NotebookError(e.value.location, "tables.\(e.key): expected a name of letters, digits and _, found '\(name)'")
        }
        out.append((e.key, name, e.keyLocation, e.value.location))
      }
      return .named(out)
    }
  }

  /// The result tables a block writes for its `tables:` choice.
  static func resultTables(_ choice: TableChoice?, available: [(kind: String, defaultName: String, frame: Frame)]) -> [ResultTable] {
    switch choice {
    case .all?: return available.map { ResultTable(name: $0.defaultName, frame: $0.frame) }
    case .off?, nil: return []
    case .named(let picks)?:
      return picks.compactMap { p in available.first { $0.kind == p.kind }.map { ResultTable(name: p.name, frame: $0.frame) } }
    }
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
