import FolioData

/// How a number is shown in tables, chart axes and inline `{{ x | percent: 1 }}`.
///
/// Formatting is deterministic and locale-free: `.` is the decimal point, `,`
/// groups thousands, and rounding is half away from zero on the value's
/// *exact* binary expansion (0.125 → "0.13", but 2.675 → "2.67" because the
/// stored double is 2.67499999…).
///
/// Special values, for every style: NaN (a missing value) → "–" (en dash,
/// U+2013, the typographic convention for "no value" in financial tables);
/// +∞ → "∞", −∞ → "-∞". A result that rounds to zero never carries a minus
/// sign (−0, −0.001 at two places → "0.00").
///
/// Option strings (`NumberFormat(parsing:)`), digits optional:
///
/// | option            | example input | output       |
/// |-------------------|---------------|--------------|
/// | `number`          | 1234.56789    | "1234.57"    |
/// | `fixed:2`         | 0.125         | "0.13"       |
/// | `thousands:0`     | 12345.4       | "12,345"     |
/// | `percent:1`       | 0.1234        | "12.3%"      |
/// | `currency:0`      | -1234         | "-$1,234"    |
/// | `currency:2:€`    | 5             | "€5.00"      |
/// | `compact:1`       | 1234567       | "1.2M"       |
/// | `sci:3`           | 12345         | "1.235e+04"  |
public struct NumberFormat: Sendable, Hashable, CustomStringConvertible {
  /// The style of a format.
  public enum Style: String, Sendable, Hashable, CaseIterable {
    /// Up to `digits` (default 6) significant digits, no trailing zeros, no
    /// grouping; integer digits are never rounded away below 1e15; scientific
    /// notation outside [1e-5, 1e15).
    case number
    /// Exactly `digits` decimals, no grouping.
    case fixed
    /// Exactly `digits` decimals, thousands grouped with ",".
    case thousands
    /// Value × 100 with exactly `digits` decimals, grouped, then "%".
    case percent
    /// `symbol` before the grouped value with exactly `digits` decimals; the
    /// minus sign comes first ("-$1,234").
    case currency
    /// Scaled to k (10³), M (10⁶), B (10⁹) or T (10¹²) with up to `digits`
    /// decimals and trailing zeros dropped ("350k", "1.2M").
    case compact
    /// Scientific: one leading digit, exactly `digits` decimals, and a signed
    /// exponent of at least two digits ("1.235e+04").
    case sci
  }

  public var style: Style
  /// Decimals (or significant digits for `number`); clamped to 0…20.
  public var digits: Int
  /// Currency symbol; used only by `currency`.
  public var symbol: String

  public init(_ style: Style, digits: Int? = nil, symbol: String = "$") {
    self.style = style
    self.digits = min(20, max(0, digits ?? Self.defaultDigits(style)))
    self.symbol = symbol
  }

  /// The `number` style: up to 6 significant digits.
  public static let automatic = NumberFormat(.number)

  /// Digits used when an option string gives none.
  public static func defaultDigits(_ style: Style) -> Int {
    switch style {
    case .number: return 6
    case .fixed, .sci: return 2
    case .thousands, .currency: return 0
    case .percent, .compact: return 1
    }
  }

  /// The option string that parses back to this format, e.g. `currency:2:€`.
  public var description: String {
    switch style {
    case .currency where symbol != "$": return "currency:\(digits):\(symbol)"
    default: return "\(style.rawValue):\(digits)"
    }
  }

  /// Parses `style[:digits[:symbol]]`; spaces around the parts are ignored, so
  /// `percent: 1` (as written in an inline filter) also works.
  ///
  /// - Throws: `NumberFormatError` naming the formats that exist, or the
  ///   allowed digits; `location` is attached to it when given.
  public init(parsing text: String, at location: SourceLocation? = nil) throws(NumberFormatError) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
      $0.trimmingSpaces()
    }
    guard let name = parts.first, let style = Style(rawValue: name.lowercased()) else {
      throw NumberFormatError(text: text, problem: .unknownStyle, location: location)
    }
    var digits: Int? = nil
    if parts.count >= 2, !parts[1].isEmpty {
      guard let d = Int(parts[1]), (0...20).contains(d) else {
        throw NumberFormatError(text: text, problem: .badDigits(parts[1]), location: location)
      }
      digits = d
    }
    var symbol = "$"
    if parts.count >= 3 {
      guard style == .currency, parts.count == 3, !parts[2].isEmpty else {
        throw NumberFormatError(text: text, problem: .unexpectedPart, location: location)
      }
      symbol = parts[2]
    }
    self.init(style, digits: digits, symbol: symbol)
  }
}

/// An option string that is not a number format.
public struct NumberFormatError: LocatedError, Equatable {
  public enum Problem: Sendable, Equatable {
    case unknownStyle
    case badDigits(String)
    case unexpectedPart
  }

  public var text: String
  public var problem: Problem
  public var location: SourceLocation?

  public init(text: String, problem: Problem, location: SourceLocation? = nil) {
    self.text = text
    self.problem = problem
    self.location = location
  }

  /// The list shown in every message, so users see what exists.
  public static let knownFormats =
    "number, fixed:2, thousands:0, percent:1, currency:0, currency:2:€, compact:1, sci:3"

  public var message: String {
    switch problem {
    case .unknownStyle:
      return "unknown number format '\(text)'; expected one of: \(Self.knownFormats)"
    case .badDigits(let d):
      return "number format '\(text)': digits must be a whole number from 0 to 20, got '\(d)'"
    case .unexpectedPart:
      return "number format '\(text)': only currency takes a third part (the symbol, e.g. currency:2:€); "
        + "expected one of: \(Self.knownFormats)"
    }
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> String {
    var s = self[...]
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}
