/// One typed, missing-aware column of a `Frame`.
///
/// Storage is chosen for speed on millions of rows: numbers are a flat
/// `[Double]` with NaN for missing; integers and dates carry a parallel
/// `missing` mask; strings are dictionary-encoded (`StringColumn`), so a
/// categorical column such as a SKU costs 4 bytes a row.
public enum Column: Sendable {
  case number([Double])
  case integer(IntegerColumn)
  case string(StringColumn)
  case date(DateColumn)

  /// The column's type.
  public var type: ColumnType {
    switch self {
    case .number: return .number
    case .integer: return .integer
    case .string: return .string
    case .date: return .date
    }
  }

  /// Number of rows.
  public var count: Int {
    switch self {
    case .number(let v): return v.count
    case .integer(let c): return c.values.count
    case .string(let c): return c.codes.count
    case .date(let c): return c.days.count
    }
  }

  /// Whether row `i` is missing.
  public func isMissing(_ i: Int) -> Bool {
    switch self {
    case .number(let v): return v[i].isNaN
    case .integer(let c): return c.missing[i]
    case .string(let c): return c.codes[i] < 0
    case .date(let c): return c.missing[i]
    }
  }

  /// The value of row `i` as a tagged cell.
  public subscript(i: Int) -> Cell {
    switch self {
    case .number(let v): return v[i].isNaN ? .missing : .number(v[i])
    case .integer(let c): return c.missing[i] ? .missing : .integer(c.values[i])
    case .string(let c): return c.codes[i] < 0 ? .missing : .string(c.levels[Int(c.codes[i])])
    case .date(let c): return c.missing[i] ? .missing : .date(Int(c.days[i]))
    }
  }

  /// Numeric view: numbers as-is, integers converted, missing as NaN;
  /// `nil` for string and date columns.
  public var doubles: [Double]? {
    switch self {
    case .number(let v): return v
    case .integer(let c):
      var out = [Double](repeating: .nan, count: c.values.count)
      for i in 0..<out.count where !c.missing[i] { out[i] = Double(c.values[i]) }
      return out
    case .string, .date: return nil
    }
  }

  /// The rows at `indices`, in that order (a gather). Indices must be valid.
  public func gather(_ indices: [Int]) -> Column {
    switch self {
    case .number(let v): return .number(gathered(v, indices))
    case .integer(let c):
      return .integer(IntegerColumn(values: gathered(c.values, indices), missing: gathered(c.missing, indices)))
    case .string(let c):
      return .string(StringColumn(codes: gathered(c.codes, indices), levels: c.levels))
    case .date(let c):
      return .date(DateColumn(days: gathered(c.days, indices), missing: gathered(c.missing, indices)))
    }
  }

  /// Builds a column of `type` from cells; a cell of another type is a
  /// programming error here (callers convert first), so it becomes missing.
  public init(type: ColumnType, cells: [Cell]) {
    switch type {
    case .number:
      self = .number(cells.map { $0.doubleValue ?? .nan })
    case .integer:
      var vals = [Int](repeating: 0, count: cells.count)
      var miss = [Bool](repeating: true, count: cells.count)
      for (i, c) in cells.enumerated() { if case .integer(let v) = c { vals[i] = v; miss[i] = false } }
      self = .integer(IntegerColumn(values: vals, missing: miss))
    case .string:
      var b = StringColumn.Builder()
      for c in cells { if case .string(let s) = c { b.append(s) } else { b.appendMissing() } }
      self = .string(b.build())
    case .date, .week:
      var days = [Int32](repeating: 0, count: cells.count)
      var miss = [Bool](repeating: true, count: cells.count)
      for (i, c) in cells.enumerated() { if case .date(let d) = c { days[i] = Int32(d); miss[i] = false } }
      self = .date(DateColumn(days: days, missing: miss))
    }
  }
}

extension Column: Equatable {
  /// Columns are equal when they have the same type and the same cells
  /// (string columns compare decoded text, not codes; NaN equals NaN as missing).
  public static func == (a: Column, b: Column) -> Bool {
    guard a.type == b.type, a.count == b.count else { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
  }
}

/// Integer values with a parallel missing mask (`missing[i]` ⇒ `values[i]` is meaningless).
public struct IntegerColumn: Sendable, Equatable {
  public var values: [Int]
  public var missing: [Bool]
  public init(values: [Int], missing: [Bool]? = nil) {
    self.values = values
    self.missing = missing ?? [Bool](repeating: false, count: values.count)
  }
}

/// Days since 1970-01-01 with a parallel missing mask.
public struct DateColumn: Sendable, Equatable {
  public var days: [Int32]
  public var missing: [Bool]
  public init(days: [Int32], missing: [Bool]? = nil) {
    self.days = days
    self.missing = missing ?? [Bool](repeating: false, count: days.count)
  }
}

/// Dictionary-encoded text: `codes[i]` indexes `levels`, −1 is missing.
///
/// Levels are kept in order of first appearance, so encoding is
/// deterministic; a subset may leave unused levels behind.
public struct StringColumn: Sendable, Equatable {
  public var codes: [Int32]
  public var levels: [String]

  public init(codes: [Int32], levels: [String]) {
    self.codes = codes
    self.levels = levels
  }

  /// Encodes plain strings (`nil` = missing).
  public init(_ values: [String?]) {
    var b = Builder()
    for v in values { if let v { b.append(v) } else { b.appendMissing() } }
    self = b.build()
  }

  /// Appends values one at a time, interning each distinct string once.
  public struct Builder {
    public private(set) var codes: [Int32] = []
    public private(set) var levels: [String] = []
    private var index: [String: Int32] = [:]
    public init() {}
    public mutating func append(_ s: String) {
      if let c = index[s] { codes.append(c); return }
      let c = Int32(levels.count)
      levels.append(s)
      index[s] = c
      codes.append(c)
    }
    public mutating func appendMissing() { codes.append(-1) }
    public func build() -> StringColumn { StringColumn(codes: codes, levels: levels) }
  }
}
