import Foundation
import FolioData

/// The row filters of `{{ … }}`: sort, take, pick and count rows of a result
/// table, and turn rows into text, so prose can follow the data instead of
/// naming values from a sample.
///
/// A *row set* is a dataset (`.table`) or a list of records (`.array` of
/// `.object`, e.g. `boot.ranked`); filters that reorder or select rows return
/// a dataset, so they chain:
///
///     {{ boot.results | top: 2, ROI | each: "{LABEL} {ROI | fixed: 2}" | join: ", ", " and " }}
///
/// | Filter | Result |
/// |:--|:--|
/// | `sort: COL` / `sort: -COL` | rows ascending / descending by COL (more columns break ties); missing values last |
/// | `top: n, COL` / `bottom: n, COL` | the n rows with the largest / smallest COL, in that order |
/// | `take: n` | the first n rows (or items of any list) |
/// | `max_by: COL` / `min_by: COL` | the row (a record) where COL is largest / smallest; null when there are no rows |
/// | `where: "EXPR"` | the rows where EXPR (the `filter` expression language) is true |
/// | `count_where: "EXPR"` | how many rows meet EXPR |
/// | `each: "PATTERN"` | one text per row: `{COL}` or `{COL \| filter: arg}` filled from the row (`{.}` is a list item itself) |
/// | `get: FIELD` | a record's field; over rows, the list of that column's values |
///
/// A record of plain values (`fit.marginal_effect`: promo type → effect) counts
/// as rows with columns `key` and `value`: `{{ fit.marginal_effect | sort: -value | each: "{key} {value | fixed: 2}" }}`.
/// | `or: "TEXT"` | TEXT when the value is null, empty text, an empty list or a dataset without rows |
/// | `unique` | a list without repeated values, in first-appearance order (`{{ sales.SKU \| unique \| count }}` SKUs) |
/// | `equals: X` | true when the value is X (numbers compare as numbers, anything else as its text) |
enum TemplateRows {
  static let names = [
    "sort", "top", "bottom", "take", "max_by", "min_by", "where", "count_where", "each", "get", "or", "unique", "equals",
  ]

  static func apply(_ f: InlineExpression.Filter, to value: Value) throws(InlineTemplateError) -> Value {
    func fail(_ m: String) -> InlineTemplateError { InlineTemplateError(offset: f.offset, message: m) }
    func argument(_ i: Int, _ what: String) throws(InlineTemplateError) -> String {
      guard f.arguments.indices.contains(i), !f.arguments[i].isEmpty else {
        throw fail("filter '\(f.name)' needs \(what), e.g. \(example(f.name))")
      }
      return f.arguments[i]
    }
    func count(_ i: Int) throws(InlineTemplateError) -> Int {
      let a = try argument(i, "a number of rows")
      guard let n = Int(a), n >= 0 else { throw fail("filter '\(f.name)': expected a number of rows ≥ 0, found '\(a)'") }
      return n
    }
    switch f.name {
    case "sort":
      guard !f.arguments.isEmpty else { throw fail("filter 'sort' needs a column, e.g. \(example("sort"))") }
      return .table(try sorted(try frame(value, f), by: f.arguments.map(sortKey), f))
    case "top", "bottom":
      let n = try count(0)
      let column = try argument(1, "a column after the number of rows")
      let rows = try sorted(try frame(value, f), by: [(column, f.name == "top")], f)
      return .table(rows.gather(Array(0..<min(n, rows.rowCount))))
    case "take":
      let n = try count(0)
      if case .array(let items) = value { return .array(Array(items.prefix(n))) }
      let rows = try frame(value, f)
      return .table(rows.gather(Array(0..<min(n, rows.rowCount))))
    case "max_by", "min_by":
      let column = try argument(0, "a column")
      let rows = try sorted(try frame(value, f), by: [(column, f.name == "max_by")], f)
      return rows.rowCount == 0 ? .null : record(rows, 0)
    case "where", "count_where":
      let text = try argument(0, "a condition in quotes")
      let rows = try frame(value, f)
      let matching: [Int]
      do { matching = try Expression.parse(text).matchingRows(in: rows) } catch {
        throw fail("filter '\(f.name)': \(error.message)")
      }
      return f.name == "where" ? .table(rows.gather(matching)) : .integer(matching.count)
    case "each":
      let pattern = try argument(0, "a pattern in quotes")
      let items: [Value]
      if case .array(let a) = value, !a.contains(where: { if case .object = $0 { return true } else { return false } }) {
        items = a
      } else {
        let rows = try frame(value, f)
        items = (0..<rows.rowCount).map { record(rows, $0) }
      }
      var out: [Value] = []
      for item in items { out.append(.string(try fill(pattern, with: item, f))) }
      return .array(out)
    case "get":
      let field = try argument(0, "a field or column name")
      if case .object = value {
        guard let v = value[field] else { throw fail("filter 'get': the record has no field '\(field)'") }
        return v
      }
      let rows = try frame(value, f)
      guard let column = rows[field] else {
        throw fail("filter 'get': no column '\(field)'\(NearMatches.hint(for: field, in: rows.columnNames, noun: "column"))")
      }
      return .array((0..<column.count).map { Value(column[$0]) })
    case "unique":
      guard case .array(let items) = value else { throw fail("filter 'unique' expects a list (e.g. a dataset column), found \(value.typeName)") }
      // Texts are keyed by themselves (the key "text:<s>" of any other value
      // could never equal them), so a 5M-row text column needs no formatting.
      // A repeat of the previous text (sorted or panel data) skips hashing.
      var seenText = Set<String>(), seen = Set<String>(), out: [Value] = []
      var previousText: String?
      for v in items {
        let fresh: Bool
        if case .string(let s) = v {
          if s == previousText { continue }
          previousText = s
          fresh = seenText.insert(s).inserted
        } else {
          fresh = seen.insert("\(v.typeName):\(TemplateFilters.displayText(v))").inserted
        }
        if fresh { out.append(v) }
      }
      return .array(out)
    case "equals":
      let other = try argument(0, "a value to compare with")
      if let x = value.doubleValue, let y = Double(other) { return .bool(x == y) }
      return .bool(TemplateFilters.displayText(value) == other)
    case "or":
      let fallback = Value.string(try argument(0, "a fallback text"))
      switch value {
      case .null: return fallback
      case .string(let s): return s.isEmpty ? fallback : value
      case .array(let a): return a.isEmpty ? fallback : value
      case .table(let t): return t.rowCount == 0 ? fallback : value
      default: return value
      }
    default:
      throw fail("unknown filter '\(f.name)'")
    }
  }

  /// Whether a value counts as true in `<!-- if … -->`: not null, false, 0,
  /// empty text, "false", an empty list or record, or a dataset without rows.
  static func isTruthy(_ v: Value) -> Bool {
    switch v {
    case .null: return false
    case .bool(let b): return b
    case .integer(let i): return i != 0
    case .number(let d): return d != 0 && !d.isNaN
    case .string(let s): return !s.isEmpty && s.lowercased() != "false"
    case .array(let a): return !a.isEmpty
    case .object(let o): return !o.isEmpty
    case .table(let t): return t.rowCount > 0
    }
  }

  /// Rows of a dataset or a list of records, as a dataset; a record of
  /// plain values (e.g. `fit.marginal_effect`) gives one row per field, with
  /// columns `key` and `value`.
  static func frame(_ value: Value, _ f: InlineExpression.Filter) throws(InlineTemplateError) -> Frame {
    switch value {
    case .table(let t): return t
    case .object(let fields):
      let plain = fields.allSatisfy { field in
        switch field.1 { case .object, .array, .table: return false; default: return true }
      }
      guard plain else {
        throw InlineTemplateError(offset: f.offset, message: "filter '\(f.name)' expects rows; this record has lists or records as fields")
      }
      return try frame(.array(fields.map { .object([("key", .string($0.0)), ("value", $0.1)]) }), f)
    case .array(let items):
      var names: [String] = []
      for case .object(let fields) in items { for (k, _) in fields where !names.contains(k) { names.append(k) } }
      guard names.count > 0 || items.isEmpty else {
        throw InlineTemplateError(offset: f.offset, message: "filter '\(f.name)' expects rows (a dataset or a list of records), found a list of values")
      }
      var columns: [(String, Column)] = []
      for name in names {
        let cells = items.map { $0[name] ?? .null }
        columns.append((name, column(cells)))
      }
      do { return try Frame(columns) } catch {
        throw InlineTemplateError(offset: f.offset, message: "filter '\(f.name)': \(error.description)")
      }
    default:
      throw InlineTemplateError(offset: f.offset, message: "filter '\(f.name)' expects rows (a dataset or a list of records), found \(value.typeName)")
    }
  }

  /// One column from record values: integers, numbers, or text (booleans as "true"/"false").
  private static func column(_ cells: [Value]) -> Column {
    let present = cells.filter { $0 != .null }
    if !present.isEmpty, present.allSatisfy({ if case .integer = $0 { return true } else { return false } }) {
      return Column(type: .integer, cells: cells.map { if case .integer(let i) = $0 { return .integer(i) } else { return .missing } })
    }
    if !present.isEmpty, present.allSatisfy({ switch $0 { case .integer, .number: return true; default: return false } }) {
      return Column(type: .number, cells: cells.map { $0.doubleValue.map(Cell.number) ?? .missing })
    }
    return Column(type: .string, cells: cells.map { v -> Cell in
      switch v {
      case .null: return .missing
      case .string(let s): return .string(s)
      default: return .string(TemplateFilters.displayText(v))
      }
    })
  }

  /// Row `i` as a record.
  static func record(_ rows: Frame, _ i: Int) -> Value {
    .object(zip(rows.columnNames, rows.columns).map { ($0, Value($1[i])) })
  }

  private static func sortKey(_ a: String) -> (String, Bool) {
    a.hasPrefix("-") ? (String(a.dropFirst()), true) : (a, false)
  }

  private static func sorted(_ rows: Frame, by keys: [(String, Bool)], _ f: InlineExpression.Filter) throws(InlineTemplateError) -> Frame {
    for (name, _) in keys where rows[name] == nil && rows.rowCount > 0 {
      throw InlineTemplateError(
        offset: f.offset,
        message: "filter '\(f.name)': no column '\(name)'\(NearMatches.hint(for: name, in: rows.columnNames, noun: "column"))")
    }
    guard rows.rowCount > 0 else { return rows }
    do { return try rows.sort(keys.map { (column: $0.0, descending: $0.1) }) } catch {
      throw InlineTemplateError(offset: f.offset, message: "filter '\(f.name)': \(error.message)")
    }
  }

  /// `pattern` with each `{PATH | filters}` filled from `item`.
  static func fill(_ pattern: String, with item: Value, _ f: InlineExpression.Filter) throws(InlineTemplateError) -> String {
    func fail(_ m: String) -> InlineTemplateError { InlineTemplateError(offset: f.offset, message: "filter 'each': \(m)") }
    var out = ""
    var chars = Substring(pattern)
    while let c = chars.first {
      chars = chars.dropFirst()
      guard c == "{" else { out.append(c); continue }
      guard let close = chars.firstIndex(of: "}") else { throw fail("'{' in the pattern is never closed") }
      let inner = String(chars[chars.startIndex..<close])
      chars = chars[chars.index(after: close)...]
      // `{.}` (optionally with filters, `{. | upper}`) is the item itself.
      let trimmed = inner.trimmingCharacters(in: .whitespaces)
      let isSelf = trimmed == "." || trimmed.hasPrefix(".|") || trimmed.hasPrefix(". ")
      let expression: InlineExpression
      do { expression = try InlineExpression.parse(isSelf ? selfName + trimmed.dropFirst() : inner, offset: f.offset) } catch {
        throw fail(error.message)
      }
      var v: Value
      if expression.root == selfName {
        v = item
      } else if case .object = item {
        guard let field = item[expression.root] else {
          let names: [String]
          if case .object(let fields) = item { names = fields.map(\.0) } else { names = [] }
          throw fail("no column '\(expression.root)' in the rows\(NearMatches.hint(for: expression.root, in: names, noun: "column"))")
        }
        v = field
      } else {
        throw fail("'{\(expression.root)}' names a column, but the items are plain values; write '{.}' for the item itself")
      }
      for step in expression.steps { v = try TemplateScope.step(v, step, walked: expression.root, offset: f.offset) }
      for g in expression.filters { v = try TemplateFilters.apply(g, to: v) }
      out += TemplateFilters.displayText(v)
    }
    return out
  }

  /// Stands for the item itself while parsing `{.}`.
  private static let selfName = "_item_"

  private static func example(_ name: String) -> String {
    switch name {
    case "sort": return "sort: -ROI"
    case "top", "bottom": return "\(name): 3, ROI"
    case "take": return "take: 3"
    case "where", "count_where": return "\(name): \"ROI_LOW > 0\""
    case "each": return "each: \"{LABEL} {ROI | fixed: 2}\""
    case "or": return "or: \"none\""
    default: return "\(name): COLUMN"
    }
  }
}
