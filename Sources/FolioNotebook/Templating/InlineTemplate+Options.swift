import FolioData

extension InlineTemplate {
  /// Renders for an option value: like `render(in:)`, but numbers are
  /// written losslessly (shortest text that parses back to the same double,
  /// no thousands separators), so `budget: "{{ params.n }}"` receives exactly
  /// the param's value. A formatting filter (`| thousands: 0`) still formats.
  public func renderForOption(in scope: TemplateScope) throws(InlineTemplateError) -> String {
    try render(in: scope, valueText: LosslessText.text)
  }
}

/// Values as option text that reads back to the same value.
enum LosslessText {
  static func text(_ v: Value) -> String {
    switch v {
    case .integer(let i): return String(i)
    case .number(let d): return number(d)
    case .array(let items): return items.map(text).joined(separator: ", ")
    default: return TemplateFilters.displayText(v)
    }
  }

  /// `10000`, `0.1`, `1e-05`, `.nan`, `.inf`: YAML-readable and exact.
  static func number(_ d: Double) -> String {
    if d.isNaN { return ".nan" }
    if d.isInfinite { return d > 0 ? ".inf" : "-.inf" }
    if d == d.rounded(), abs(d) < 9.007_199_254_740_992e15 { return String(Int64(d)) }
    return "\(d)"
  }
}
