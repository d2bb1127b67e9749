/// Parses one cell's bytes as an integer, a number or a date, accepting the
/// whole text or nothing (no surrounding spaces).
enum CSVScalarParser {
  /// 10^e for 0 ≤ e ≤ 22, the powers of ten that are exact doubles (as a
  /// switch the compiler turns into a constant table: a `static let` array
  /// costs a lazy-initialization check and a bounds check on every number).
  @inline(__always)
  private static func exactPowerOfTen(_ e: Int) -> Double {
    switch e {
    case 0: return 1e0
    case 1: return 1e1
    case 2: return 1e2
    case 3: return 1e3
    case 4: return 1e4
    case 5: return 1e5
    case 6: return 1e6
    case 7: return 1e7
    case 8: return 1e8
    case 9: return 1e9
    case 10: return 1e10
    case 11: return 1e11
    case 12: return 1e12
    case 13: return 1e13
    case 14: return 1e14
    case 15: return 1e15
    case 16: return 1e16
    case 17: return 1e17
    case 18: return 1e18
    case 19: return 1e19
    case 20: return 1e20
    case 21: return 1e21
    case 22: return 1e22
    default: return .nan  // not reached: callers pass 0…22
    }
  }

  /// `[+-]?[0-9]+` as Int64, or `nil` for other text or overflow.
  @inline(__always)
  static func integer(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    var i = 0
    var negative = false
    if n > 0 && (p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+")) {
      negative = p[0] == UInt8(ascii: "-")
      i = 1
    }
    if i == n { return nil }
    var v: UInt64 = 0
    let lastDigitLimit: UInt64 = negative ? 8 : 7
    while i < n {
      let d = UInt64(p[i] &- 48)
      if d > 9 { return nil }
      if v > 922_337_203_685_477_580 || (v == 922_337_203_685_477_580 && d > lastDigitLimit) { return nil }
      v = v &* 10 &+ d
      i += 1
    }
    return negative ? Int(truncatingIfNeeded: 0 &- v) : Int(v)
  }

  /// A decimal number, correctly rounded exactly as `strtod` (C locale)
  /// would: `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?`, or `inf`/`infinity`
  /// (any case, signed). Hex floats and `nan` are not numbers here.
  ///
  /// Fast path (Clinger 1990): with at most 19 significant digits, a
  /// mantissa ≤ 2^53 and a decimal exponent in −22…22, mantissa and power
  /// of ten are both exact doubles, so one IEEE multiply or divide is the
  /// correctly rounded result. Everything else goes to the standard
  /// library's `Double(_: String)`, which is `strtod` in the C locale.
  @inline(__always)
  static func number(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    var i = 0
    var negative = false
    if n > 0 && (p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+")) {
      negative = p[0] == UInt8(ascii: "-")
      i = 1
    }
    let afterSign = i
    var mantissa: UInt64 = 0
    var exponent = 0
    var digits = 0
    var exact = true
    while i < n {
      let d = UInt64(p[i] &- 48)
      if d > 9 { break }
      if mantissa < 100_000_000_000_000_000 { mantissa = mantissa &* 10 &+ d } else { exponent += 1; if d != 0 { exact = false } }
      digits += 1
      i += 1
    }
    if i < n && p[i] == UInt8(ascii: ".") {
      i += 1
      while i < n {
        let d = UInt64(p[i] &- 48)
        if d > 9 { break }
        if mantissa < 100_000_000_000_000_000 { mantissa = mantissa &* 10 &+ d; exponent -= 1 } else if d != 0 { exact = false }
        digits += 1
        i += 1
      }
    }
    if digits == 0 { return infinity(p, n, from: afterSign, negative: negative) }
    if i < n && (p[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      var expNegative = false
      if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
        expNegative = p[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var expDigits = 0
      while i < n {
        let d = Int(p[i] &- 48)
        if d > 9 || d < 0 { break }
        if e < 100_000 { e = e * 10 + d }
        expDigits += 1
        i += 1
      }
      if expDigits == 0 { return nil }
      exponent += expNegative ? -e : e
    }
    if i != n { return nil }
    if mantissa == 0 && exact { return negative ? -0.0 : 0.0 }
    if exact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      let m = Double(mantissa)
      let v = exponent >= 0 ? m * exactPowerOfTen(exponent) : m / exactPowerOfTen(-exponent)
      return negative ? -v : v
    }
    return Double(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
  }

  /// `inf` or `infinity` (ASCII, any case) from `i` to the end, signed.
  private static func infinity(_ p: UnsafePointer<UInt8>, _ n: Int, from i: Int, negative: Bool) -> Double? {
    let rest = n - i
    guard rest == 3 || rest == 8 else { return nil }
    let word: [UInt8] = Array("infinity".utf8)
    for j in 0..<rest where p[i + j] | 0x20 != word[j] { return nil }
    return negative ? -.infinity : .infinity
  }

  /// `YYYY-MM-DD` naming a real calendar day, as days since 1970-01-01.
  @inline(__always)
  static func date(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
    guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
    @inline(__always) func digits(_ from: Int, _ count: Int) -> Int? {
      var v = 0
      for j in from..<(from + count) {
        let d = Int(p[j]) - 48
        if d < 0 || d > 9 { return nil }
        v = v * 10 + d
      }
      return v
    }
    guard let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2), m >= 1, m <= 12, d >= 1 else { return nil }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let monthLength = m == 2 ? (leap ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31)
    if d > monthLength { return nil }
    return Int32(CivilDate.days(year: y, month: m, day: d))
  }
}
