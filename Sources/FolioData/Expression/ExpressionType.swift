/// The static type of an expression's value.
///
/// The four column types plus `bool`, the type of comparisons and logical
/// operators. A bool result is stored in a `Frame` as an integer column of
/// 0 (false) and 1 (true) with missing kept missing, so derived flags survive
/// CSV output and can be summed (`sum(Q1)` counts rows). Conversely an
/// integer may stand wherever a condition is expected: 0 is false, any
/// other value true.
public enum ExpressionType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case number
  case integer
  case string
  case date
  case bool

  /// The expression type of a column type.
  public init(_ column: ColumnType) {
    switch column {
    case .number: self = .number
    case .integer: self = .integer
    case .string: self = .string
    case .date, .week: self = .date
    }
  }

  /// The column type a value of this type is stored as (`bool` → `integer`).
  public var columnType: ColumnType {
    switch self {
    case .number: return .number
    case .integer, .bool: return .integer
    case .string: return .string
    case .date: return .date
    }
  }

  /// Whether the type is `number` or `integer`.
  public var isNumeric: Bool { self == .number || self == .integer }

  public var description: String { rawValue }
}
