/// Accumulates SVG text with deterministic number printing.
///
/// The escaping boundary of charts: element names and attribute names are
/// Folio's own; attribute values and text content are escaped here (text from
/// data such as series names, category labels and titles is always text), and
/// ``raw(_:)`` takes only ``HTML``, Folio's own markup or escaped text.
///
/// Every coordinate is printed with exactly two decimals (`12.50`), computed
/// by integer rounding (half away from zero) rather than `description`, so
/// output is byte-identical across platforms. Non-finite coordinates never
/// reach the text: they are printed as 0.00 (marks filter them before).
struct SVGWriter {
  private(set) var text = ""

  /// Appends markup.
  mutating func raw(_ markup: HTML) { text += markup.markup }

  /// Everything written so far.
  var html: HTML { HTML(uncheckedMarkup: text) }

  /// Appends an element `<name a="v" …/>`; attribute values are escaped.
  mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
    text.append("<")
    text.append(name)
    for (k, v) in attributes { attribute(k, v) }
    if let content {
      text.append(">")
      text.append(HTMLEscape.escape(content))
      text.append("</")
      text.append(name)
      text.append(">\n")
    } else {
      text.append("/>\n")
    }
  }

  /// Appends ` name="value"` with the value escaped.
  private mutating func attribute(_ name: String, _ value: String) {
    text.append(" ")
    text.append(name)
    text.append("=\"")
    text.append(HTMLEscape.escape(value))
    text.append("\"")
  }

  /// Appends `<circle cx=… cy=… r=…` and then `style`, the rest of the
  /// element as written by `circleStyle` (shared by every point of a series:
  /// a scatter plot of thousands of points writes this in a tight loop).
  mutating func circle(cx: Double, cy: Double, r: Double, style: String) {
    text.append("<circle cx=\"")
    text.append(Self.number(cx))
    text.append("\" cy=\"")
    text.append(Self.number(cy))
    text.append("\" r=\"")
    text.append(Self.number(r))
    text.append("\"")
    text.append(style)
  }

  /// The attributes after `r` and the element's end, for `circle`.
  static func circleStyle(_ attributes: [(String, String)]) -> String {
    var w = SVGWriter()
    for (k, v) in attributes { w.attribute(k, v) }
    w.text.append("/>\n")
    return w.text
  }

  /// A coordinate with exactly two decimals, clamped to ±10⁶ px.
  static func number(_ v: Double) -> String {
    guard v.isFinite else { return "0.00" }
    let clamped = min(1_000_000, max(-1_000_000, v))
    let hundredths = Int((clamped * 100).rounded(.toNearestOrAwayFromZero))
    if hundredths == 0 { return "0.00" }
    // Digits written right to left into a small buffer: |v| ≤ 10⁶ has at
    // most 7 integer digits, so "-1000000.00" (11 bytes) is the longest.
    var m = abs(hundredths)
    return String(unsafeUninitializedCapacity: 12) { buffer in
      var i = 12
      func put(_ c: UInt8) { i -= 1; buffer[i] = c }
      put(0x30 + UInt8(m % 10)); m /= 10
      put(0x30 + UInt8(m % 10)); m /= 10
      put(0x2E)
      repeat { put(0x30 + UInt8(m % 10)); m /= 10 } while m > 0
      if hundredths < 0 { put(0x2D) }
      let n = 12 - i
      for k in 0..<n { buffer[k] = buffer[i + k] }
      return n
    }
  }
}

/// Short name for `SVGWriter.number` in mark code.
func px(_ v: Double) -> String { SVGWriter.number(v) }
