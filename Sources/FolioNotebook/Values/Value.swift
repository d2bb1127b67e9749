import FolioData

/// A block's result: what `{{ label.path }}` reads, what later blocks consume
/// and what results.json records.
///
/// JSON-like, ordered, with datasets as a first-class case so a `data`
/// block's output keeps its column types.
public indirect enum Value: Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([Value])
  /// Fields in insertion order (deterministic JSON and listing order).
  case object([(String, Value)])
  /// A dataset.
  case table(Frame)

  public static func == (a: Value, b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.integer(let x), .integer(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case (.table(let x), .table(let y)): return x == y
    default: return false
    }
  }

  /// Short type name for messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .integer, .number: return "number"
    case .string: return "text"
    case .array: return "list"
    case .object: return "record"
    case .table: return "dataset"
    }
  }

  /// Numeric value of a number, integer or boolean.
  public var doubleValue: Double? {
    switch self {
    case .number(let v): return v
    case .integer(let v): return Double(v)
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }

  /// The value of a field of an object, if this is an object that has it.
  public subscript(field: String) -> Value? {
    if case .object(let fields) = self { return fields.first(where: { $0.0 == field })?.1 }
    return nil
  }

  /// A cell as a value (missing → null).
  public init(_ cell: Cell) {
    switch cell {
    case .missing: self = .null
    case .number(let v): self = .number(v)
    case .integer(let v): self = .integer(v)
    case .string(let s): self = .string(s)
    case .date(let d): self = .string(CivilDate.isoString(days: d))
    }
  }

  /// Numbers as values: integral doubles stay `.number` (the type is the column's).
  public init(_ numbers: [Double]) { self = .array(numbers.map { .number($0) }) }
}
