/// The functions an expression may call, with their argument counts.
///
/// `allCases` lets the notebook list them in help text and hints.
public enum ExpressionFunction: String, Sendable, CaseIterable {
  /// `if(cond, a, b)`: `a` where `cond` is true, `b` where false, missing where missing.
  /// Only the chosen branch is evaluated on each row, so `if(x > 0, log(x), 0)` is safe.
  case `if`
  /// Natural logarithm; an argument ≤ 0 is an error naming the row.
  case log
  case exp
  /// Square root; a negative argument is an error naming the row.
  case sqrt
  case abs
  /// `round(x, digits)`, half away from zero; `digits` defaults to 0 and may be negative.
  case round
  case floor
  case ceil
  /// Row-wise minimum of two or more numbers or dates; missing if any is missing.
  case min
  /// Row-wise maximum of two or more numbers or dates; missing if any is missing.
  case max
  case year
  case month
  case day
  /// 1–4.
  case quarter
  /// ISO weekday, Monday = 1 … Sunday = 7.
  case weekday
  /// ISO 8601 week number, 1–53 (weeks start on Monday; week 1 holds the first Thursday).
  case week
  /// 1–366.
  case dayofyear
  /// `date('2024-01-31')`: a date literal; the argument must be an ISO date string literal.
  case date
  /// `is_missing(x)`: true where `x` is missing; never missing itself.
  case is_missing
  /// `coalesce(a, b, …)`: the first non-missing argument of each row.
  case coalesce

  /// The allowed number of arguments.
  var arity: ClosedRange<Int> {
    switch self {
    case .if: return 3...3
    case .round: return 1...2
    case .min, .max, .coalesce: return 2...Int.max
    default: return 1...1
    }
  }

  /// How the call is written, for messages: `round(x, digits)`.
  var signature: String {
    switch self {
    case .if: return "if(condition, then, else)"
    case .round: return "round(x, digits)"
    case .min, .max, .coalesce: return "\(rawValue)(a, b, …)"
    case .date: return "date('YYYY-MM-DD')"
    case .year, .month, .day, .quarter, .weekday, .week, .dayofyear: return "\(rawValue)(date)"
    case .is_missing: return "is_missing(x)"
    default: return "\(rawValue)(x)"
    }
  }

  /// Whether this is one of the date-part functions (`year` … `dayofyear`).
  var isDatePart: Bool {
    switch self {
    case .year, .month, .day, .quarter, .weekday, .week, .dayofyear: return true
    default: return false
    }
  }
}
