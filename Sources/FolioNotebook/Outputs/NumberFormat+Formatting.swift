extension NumberFormat {
  /// Text for "no value" (NaN): an en dash.
  public static let missingText = "\u{2013}"

  /// Formats `value` according to the style (see `NumberFormat` for special values).
  public func format(_ value: Double) -> String {
    if value.isNaN { return Self.missingText }
    if value.isInfinite { return value < 0 ? "-∞" : "∞" }
    let exact = ExactDecimal(magnitudeOf: value)
    let negative = value < 0
    let body: (text: String, isZero: Bool)
    switch style {
    case .number: body = automatic(exact)
    case .fixed: body = fixed(exact, grouped: false)
    case .thousands, .currency: body = fixed(exact, grouped: true)
    case .percent:
      let b = fixed(exact.shifted(by: 2), grouped: true)
      body = (b.text + "%", b.isZero)
    case .compact: body = compact(exact)
    case .sci: body = scientific(exact, trimZeros: false)
    }
    let sign = negative && !body.isZero ? "-" : ""
    return style == .currency ? sign + symbol + body.text : sign + body.text
  }

  /// Formats a possibly missing value (`nil` → "–").
  public func format(_ value: Double?) -> String {
    value.map { format($0) } ?? Self.missingText
  }

  // MARK: - Styles on the magnitude

  private func fixed(_ x: ExactDecimal, grouped: Bool) -> (text: String, isZero: Bool) {
    let r = x.rounded(fractionDigits: digits)
    let whole = r.integerText(grouped: grouped)
    let text = digits > 0 ? whole + "." + r.fractionText(count: digits) : whole
    return (text, r.isZero)
  }

  private func automatic(_ x: ExactDecimal) -> (text: String, isZero: Bool) {
    if x.isZero { return ("0", true) }
    let significant = max(1, digits)
    let e = x.leadingExponent
    if e >= 15 || e < -5 { return scientific(x, trimZeros: true, significant: significant) }
    let r = x.rounded(significantDigits: max(significant, e + 1))
    let fractionCount = max(0, r.digits.count - r.pointPosition)
    let whole = r.integerText(grouped: false)
    return (fractionCount > 0 ? whole + "." + r.fractionText(count: fractionCount) : whole, r.isZero)
  }

  private func scientific(
    _ x: ExactDecimal, trimZeros: Bool, significant: Int? = nil
  ) -> (text: String, isZero: Bool) {
    let sig = significant ?? (digits + 1)
    let r = x.rounded(significantDigits: sig)
    let exponent = r.leadingExponent
    let mantissa = r.shifted(by: -exponent)  // in [1, 10)
    var frac = mantissa.fractionText(count: sig - 1)
    if trimZeros { while frac.last == "0" { frac.removeLast() } }
    let lead = mantissa.integerText(grouped: false)
    let magnitude = abs(exponent)
    let expDigits = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
    let text = lead + (frac.isEmpty ? "" : "." + frac) + "e" + (exponent < 0 ? "-" : "+") + expDigits
    return (text, r.isZero)
  }

  private func compact(_ x: ExactDecimal) -> (text: String, isZero: Bool) {
    let tiers: [(power: Int, suffix: String)] = [(0, ""), (3, "k"), (6, "M"), (9, "B"), (12, "T")]
    var tier = 0
    while tier + 1 < tiers.count, !x.isZero, x.leadingExponent >= tiers[tier + 1].power { tier += 1 }
    while true {
      let r = x.shifted(by: -tiers[tier].power).rounded(fractionDigits: digits)
      // 999,950 at one decimal rounds to 1000.0k: show it as 1M instead.
      if !r.isZero, r.pointPosition >= 4, tier + 1 < tiers.count {
        tier += 1
        continue
      }
      let fractionCount = min(digits, max(0, r.digits.count - r.pointPosition))
      let whole = r.integerText(grouped: true)
      let text = fractionCount > 0 ? whole + "." + r.fractionText(count: fractionCount) : whole
      return (text + tiers[tier].suffix, r.isZero)
    }
  }
}
