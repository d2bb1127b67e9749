/// Accumulates SVG text with deterministic number printing.
///
/// Every coordinate is printed with exactly two decimals (`12.50`), computed
/// by integer rounding (half away from zero) rather than `description`, so
/// output is byte-identical across platforms. Non-finite coordinates never
/// reach the text: they are printed as 0.00 (marks filter them before).
struct SVGWriter {
  private(set) var text = ""

  /// Appends raw markup.
  mutating func raw(_ s: String) { text += s }

  /// Appends an element `<name a="v" …/>`; attribute values are escaped.
  mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
    text += "<" + name
    for (k, v) in attributes { text += " \(k)=\"\(HTMLEscape.escape(v))\"" }
    if let content {
      text += ">" + HTMLEscape.escape(content) + "</\(name)>\n"
    } else {
      text += "/>\n"
    }
  }

  /// A coordinate with exactly two decimals, clamped to ±10⁶ px.
  static func number(_ v: Double) -> String {
    guard v.isFinite else { return "0.00" }
    let clamped = min(1_000_000, max(-1_000_000, v))
    let hundredths = Int((clamped * 100).rounded(.toNearestOrAwayFromZero))
    if hundredths == 0 { return "0.00" }
    let m = abs(hundredths)
    let frac = m % 100
    return (hundredths < 0 ? "-" : "") + "\(m / 100)." + (frac < 10 ? "0\(frac)" : "\(frac)")
  }
}

/// Short name for `SVGWriter.number` in mark code.
func px(_ v: Double) -> String { SVGWriter.number(v) }
