import FolioData

/// The filters of `{{ value | filter: args }}`.
///
/// Formatting filters (`number`, `round`, `fixed`, `thousands`, `percent`,
/// `currency`, `compact`, `sci`) turn a number into text with `NumberFormat`;
/// `round: n` keeps a number (rounded half away from zero) so it can be
/// formatted further. Aggregating filters (`sum`, `mean`, `min`, `max`,
/// `count`, `first`, `last`) reduce a list, e.g. a dataset column, or the
/// rows of a dataset; `join: sep, last` joins a list into text. Row filters
/// (`sort`, `top`, `where`, `each`, …) are `TemplateRows`.
public enum TemplateFilters {
  public static let names = [
    "number", "round", "fixed", "thousands", "percent", "currency", "compact", "sci",
    "abs", "upper", "lower", "sum", "mean", "min", "max", "count", "first", "last", "join",
  ] + TemplateRows.names

  /// Applies one filter.
  public static func apply(_ f: InlineExpression.Filter, to value: Value) throws(InlineTemplateError) -> Value {
    func fail(_ m: String) -> InlineTemplateError { InlineTemplateError(offset: f.offset, message: m) }
    func number() throws(InlineTemplateError) -> Double {
      guard let d = value.doubleValue else { throw fail("filter '\(f.name)' expects a number, found \(value.typeName)") }
      return d
    }
    func digits(_ dflt: Int) throws(InlineTemplateError) -> Int {
      guard let a = f.arguments.first, !a.isEmpty else { return dflt }
      guard let d = Int(a), (0...20).contains(d) else { throw fail("filter '\(f.name)': expected a number of digits 0–20, found '\(a)'") }
      return d
    }
    func list() throws(InlineTemplateError) -> [Value] {
      if case .table(let rows) = value { return (0..<rows.rowCount).map { TemplateRows.record(rows, $0) } }
      guard case .array(let items) = value else { throw fail("filter '\(f.name)' expects a list (e.g. a dataset column), found \(value.typeName)") }
      return items
    }
    func numbers() throws(InlineTemplateError) -> [Double] {
      try list().compactMap { v -> Double? in v.doubleValue.flatMap { $0.isNaN ? nil : $0 } }
    }
    switch f.name {
    case "round":
      let d = try digits(0)
      let x = try number()
      let scale = pow10(d)
      return .number((x * scale).rounded(.toNearestOrAwayFromZero) / scale)
    case "number", "fixed", "thousands", "percent", "compact", "sci", "currency":
      let x = try number()
      guard let style = NumberFormat.Style(rawValue: f.name) else { throw fail("unknown format '\(f.name)'") }
      let d = f.arguments.first.flatMap { $0.isEmpty ? nil : $0 }
      if let d, Int(d) == nil { throw fail("filter '\(f.name)': expected a number of digits, found '\(d)'") }
      let symbol = f.arguments.count > 1 ? f.arguments[1] : "$"
      return .string(NumberFormat(style, digits: d.flatMap { Int($0) }, symbol: symbol).format(x))
    case "abs": return .number(abs(try number()))
    case "upper", "lower":
      guard case .string(let s) = value else { throw fail("filter '\(f.name)' expects text, found \(value.typeName)") }
      return .string(f.name == "upper" ? s.uppercased() : s.lowercased())
    case "sum": return .number(try numbers().reduce(0, +))
    case "mean":
      let xs = try numbers()
      return xs.isEmpty ? .null : .number(xs.reduce(0, +) / Double(xs.count))
    case "min": return (try numbers().min()).map(Value.number) ?? .null
    case "max": return (try numbers().max()).map(Value.number) ?? .null
    case "count": return .integer(try list().count)
    case "first": return try list().first ?? .null
    case "last": return try list().last ?? .null
    case "join":
      // `join: ", ", " and "`: the second separator goes before the last item.
      let sep = f.arguments.first ?? ", "
      let texts = try list().map { displayText($0) }
      guard f.arguments.count > 1, texts.count > 1 else { return .string(texts.joined(separator: sep)) }
      return .string(texts.dropLast().joined(separator: sep) + f.arguments[1] + texts[texts.count - 1])
    case _ where TemplateRows.names.contains(f.name):
      return try TemplateRows.apply(f, to: value)
    default:
      throw fail("unknown filter '\(f.name)'\(NearMatches.hint(for: f.name, in: names, noun: "filter"))")
    }
  }

  /// How a value reads in prose when no formatting filter is given.
  public static func displayText(_ v: Value) -> String {
    switch v {
    case .null: return "NA"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return abs(i) >= 10_000 ? NumberFormat(.thousands, digits: 0).format(Double(i)) : String(i)
    case .number(let d): return NumberFormat.automatic.format(d)
    case .string(let s): return s
    case .array(let items): return items.map(displayText).joined(separator: ", ")
    case .object: return "(record)"
    case .table(let f): return "(dataset: \(f.rowCount) rows)"
    }
  }

  private static func pow10(_ d: Int) -> Double {
    var p = 1.0
    for _ in 0..<d { p *= 10 }
    return p
  }
}
