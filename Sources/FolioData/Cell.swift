/// One value of one row: what an expression or a table cell sees.
public enum Cell: Sendable, Hashable {
  case missing
  case number(Double)
  case integer(Int)
  case string(String)
  /// Days since 1970-01-01.
  case date(Int)

  /// The value as a Double for number and integer cells, else `nil`.
  public var doubleValue: Double? {
    switch self {
    case .number(let v): return v
    case .integer(let v): return Double(v)
    default: return nil
    }
  }

  /// Plain text of the value: shortest round-trip digits for numbers,
  /// ISO 8601 for dates, empty for missing (the CSV convention).
  public var text: String {
    switch self {
    case .missing: return ""
    case .number(let v): return v.description
    case .integer(let v): return String(v)
    case .string(let s): return s
    case .date(let d): return CivilDate.isoString(days: d)
    }
  }
}
