/// The exact decimal expansion of a finite Double, the basis of every
/// rounding `NumberFormat` does.
///
/// Rounding from the exact expansion (not from the shortest round-trip text)
/// is what makes `2.675` round to `2.67` at two places: its binary value is
/// 2.67499999999999982236431605997495353221893310546875.
struct ExactDecimal: Equatable {
  /// Decimal digits 0–9, most significant first, no leading zeros (empty for zero).
  var digits: [UInt8]
  /// How many of `digits` lie left of the decimal point; may be negative
  /// (0.001 has digits [1] and pointPosition −2) or exceed `digits.count`.
  var pointPosition: Int

  /// The exact expansion of `|value|`; `value` must be finite.
  ///
  /// - Complexity: O(k²/81) limb operations where k ≤ 1074 is the binary
  ///   exponent's magnitude; a few hundred operations for everyday numbers.
  init(magnitudeOf value: Double) {
    let v = abs(value)
    if v == 0 {
      digits = []
      pointPosition = 1
      return
    }
    // v = mantissa · 2^e2 exactly, mantissa a 53-bit integer.
    let mantissa = UInt64(v.significand * 4_503_599_627_370_496)  // · 2^52
    let e2 = Int(v.exponent) - 52
    var big = BigDecimalInteger(mantissa)
    if e2 >= 0 {
      big.multiply(byPowerOf: 2, exponent: e2)
      digits = big.decimalDigits()
      pointPosition = digits.count
    } else {
      // m / 2^k = m · 5^k / 10^k.
      big.multiply(byPowerOf: 5, exponent: -e2)
      digits = big.decimalDigits()
      pointPosition = digits.count + e2
    }
    while digits.last == 0 { digits.removeLast() }
  }

  init(digits: [UInt8], pointPosition: Int) {
    self.digits = digits
    self.pointPosition = pointPosition
  }

  var isZero: Bool { digits.isEmpty }

  /// Decimal exponent of the leading digit (1234 → 3, 0.05 → −2); 0 for zero.
  var leadingExponent: Int { isZero ? 0 : pointPosition - 1 }

  /// Rounds half away from zero so that no digit remains right of
  /// `fractionDigits` places after the point (negative: left of it).
  func rounded(fractionDigits: Int) -> ExactDecimal {
    let keep = pointPosition + fractionDigits  // number of digits to keep
    if keep >= digits.count { return self }
    if keep < 0 { return ExactDecimal(digits: [], pointPosition: 1) }
    var kept = Array(digits[0..<keep])
    var point = pointPosition
    if digits[keep] >= 5 {
      var i = kept.count - 1
      while i >= 0, kept[i] == 9 {
        kept[i] = 0
        i -= 1
      }
      if i >= 0 {
        kept[i] += 1
      } else {
        kept.insert(1, at: 0)
        point += 1
      }
    }
    while kept.last == 0 { kept.removeLast() }
    return kept.isEmpty
      ? ExactDecimal(digits: [], pointPosition: 1) : ExactDecimal(digits: kept, pointPosition: point)
  }

  /// Rounds half away from zero to `significant` significant digits (≥ 1).
  func rounded(significantDigits significant: Int) -> ExactDecimal {
    isZero ? self : rounded(fractionDigits: significant - pointPosition)
  }

  /// The value times 10^n (a shift of the point, exact).
  func shifted(by n: Int) -> ExactDecimal {
    isZero ? self : ExactDecimal(digits: digits, pointPosition: pointPosition + n)
  }

  /// Integer-part digits as text ("0" when below one), optionally grouped by three.
  func integerText(grouped: Bool) -> String {
    var s: [UInt8] = []
    if pointPosition <= 0 || isZero {
      s = [0]
    } else {
      for i in 0..<pointPosition { s.append(i < digits.count ? digits[i] : 0) }
    }
    var out = ""
    for (i, d) in s.enumerated() {
      if grouped, i > 0, (s.count - i) % 3 == 0 { out += "," }
      out.unicodeScalars.append(Unicode.Scalar(48 + d))
    }
    return out
  }

  /// Exactly `count` fraction digits (padded with zeros; callers round first).
  func fractionText(count: Int) -> String {
    var out = ""
    for j in 0..<max(0, count) {
      let i = pointPosition + j
      let d: UInt8 = (i >= 0 && i < digits.count) ? digits[i] : 0
      out.unicodeScalars.append(Unicode.Scalar(48 + d))
    }
    return out
  }
}

/// A non-negative integer in base-10⁹ limbs, least significant first: just
/// enough arithmetic for `ExactDecimal`.
private struct BigDecimalInteger {
  var limbs: [UInt64]
  static let base: UInt64 = 1_000_000_000

  init(_ v: UInt64) {
    limbs = []
    var x = v
    repeat {
      limbs.append(x % Self.base)
      x /= Self.base
    } while x > 0
  }

  mutating func multiply(bySmall f: UInt64) {
    var carry: UInt64 = 0
    for i in 0..<limbs.count {
      let p = limbs[i] * f + carry
      limbs[i] = p % Self.base
      carry = p / Self.base
    }
    while carry > 0 {
      limbs.append(carry % Self.base)
      carry /= Self.base
    }
  }

  /// Multiplies by b^e in chunks whose factor stays below 2^31 (limb·factor < 2^63).
  mutating func multiply(byPowerOf b: UInt64, exponent e: Int) {
    let chunk = b == 2 ? 30 : 13  // 2^30, 5^13 ≈ 1.2e9
    var left = e
    while left > 0 {
      let n = min(chunk, left)
      var f: UInt64 = 1
      for _ in 0..<n { f *= b }
      multiply(bySmall: f)
      left -= n
    }
  }

  func decimalDigits() -> [UInt8] {
    var out: [UInt8] = []
    for (i, limb) in limbs.reversed().enumerated() {
      var chunk = [UInt8](repeating: 0, count: 9)
      var x = limb
      for j in stride(from: 8, through: 0, by: -1) {
        chunk[j] = UInt8(x % 10)
        x /= 10
      }
      if i == 0 {
        let firstNonZero = chunk.firstIndex { $0 != 0 } ?? 8
        out.append(contentsOf: chunk[firstNonZero...])
      } else {
        out.append(contentsOf: chunk)
      }
    }
    return out
  }
}
