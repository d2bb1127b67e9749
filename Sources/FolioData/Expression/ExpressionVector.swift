/// A whole column of intermediate values while an expression is evaluated:
/// every AST node evaluates to one vector as long as the frame.
enum ExpressionVector {
  /// NaN is missing.
  case number([Double])
  case integer([Int], missing: [Bool])
  case string(StringColumn)
  case date([Int32], missing: [Bool])
  /// Three-valued truth: 0 false, 1 true, `ExpressionVector.missingTruth` missing.
  case bool([UInt8])

  static let missingTruth: UInt8 = 2

  init(_ column: Column) {
    switch column {
    case .number(let v): self = .number(v)
    case .integer(let c): self = .integer(c.values, missing: c.missing)
    case .string(let c): self = .string(c)
    case .date(let c): self = .date(c.days, missing: c.missing)
    }
  }

  /// The vector as a frame column; bools become integer 0/1.
  var column: Column {
    switch self {
    case .number(let v): return .number(v)
    case .integer(let v, let m): return .integer(IntegerColumn(values: v, missing: m))
    case .string(let c): return .string(c)
    case .date(let d, let m): return .date(DateColumn(days: d, missing: m))
    case .bool(let t):
      return .integer(
        IntegerColumn(values: t.map { $0 == 1 ? 1 : 0 }, missing: t.map { $0 == Self.missingTruth }))
    }
  }

  var count: Int {
    switch self {
    case .number(let v): return v.count
    case .integer(let v, _): return v.count
    case .string(let c): return c.codes.count
    case .date(let d, _): return d.count
    case .bool(let t): return t.count
    }
  }

  /// Whether row `i` is missing.
  func isMissing(_ i: Int) -> Bool {
    switch self {
    case .number(let v): return v[i].isNaN
    case .integer(_, let m): return m[i]
    case .string(let c): return c.codes[i] < 0
    case .date(_, let m): return m[i]
    case .bool(let t): return t[i] == Self.missingTruth
    }
  }

  /// Numbers as Doubles with NaN for missing (integers converted); `nil` otherwise.
  var doubles: [Double]? {
    switch self {
    case .number(let v): return v
    case .integer(let v, let m):
      var out = [Double](repeating: .nan, count: v.count)
      for i in 0..<v.count where !m[i] { out[i] = Double(v[i]) }
      return out
    default: return nil
    }
  }

  /// Truth values of a bool vector, or of an integer vector (0 false, else true).
  var truth: [UInt8]? {
    switch self {
    case .bool(let t): return t
    case .integer(let v, let m):
      var out = [UInt8](repeating: Self.missingTruth, count: v.count)
      for i in 0..<v.count where !m[i] { out[i] = v[i] != 0 ? 1 : 0 }
      return out
    default: return nil
    }
  }

  /// A vector of `count` copies of a literal.
  static func constant(_ value: Cell, count n: Int) -> ExpressionVector {
    switch value {
    case .number(let v): return .number([Double](repeating: v, count: n))
    case .integer(let v):
      return .integer([Int](repeating: v, count: n), missing: [Bool](repeating: false, count: n))
    case .string(let s): return .string(StringColumn(codes: [Int32](repeating: 0, count: n), levels: [s]))
    case .date(let d):
      return .date([Int32](repeating: Int32(clamping: d), count: n), missing: [Bool](repeating: false, count: n))
    case .missing: return .number([Double](repeating: .nan, count: n))
    }
  }

  /// Row `i` taken from `other` where `take[i]`, else from `self`; both of the
  /// same case (the caller converts integer to number first), strings re-coded
  /// onto one set of levels.
  func merging(_ other: ExpressionVector, where take: [Bool]) -> ExpressionVector {
    switch (self, other) {
    case (.number(var a), .number(let b)):
      for i in 0..<a.count where take[i] { a[i] = b[i] }
      return .number(a)
    case (.integer(var a, var am), .integer(let b, let bm)):
      for i in 0..<a.count where take[i] { a[i] = b[i]; am[i] = bm[i] }
      return .integer(a, missing: am)
    case (.date(var a, var am), .date(let b, let bm)):
      for i in 0..<a.count where take[i] { a[i] = b[i]; am[i] = bm[i] }
      return .date(a, missing: am)
    case (.bool(var a), .bool(let b)):
      for i in 0..<a.count where take[i] { a[i] = b[i] }
      return .bool(a)
    case (.string(let a), .string(let b)):
      var levels = a.levels
      var index: [String: Int32] = [:]
      for (k, l) in levels.enumerated() { index[l] = Int32(k) }
      var remap = [Int32](repeating: -1, count: b.levels.count)
      for (k, l) in b.levels.enumerated() {
        if let c = index[l] { remap[k] = c } else {
          remap[k] = Int32(levels.count)
          index[l] = Int32(levels.count)
          levels.append(l)
        }
      }
      var codes = a.codes
      for i in 0..<codes.count where take[i] { codes[i] = b.codes[i] < 0 ? -1 : remap[Int(b.codes[i])] }
      return .string(StringColumn(codes: codes, levels: levels))
    default:
      return self
    }
  }

  /// The vector converted to `type` when it is an integer and `type` is number.
  func widened(to type: ExpressionType) -> ExpressionVector {
    if type == .number, case .integer = self, let d = doubles { return .number(d) }
    return self
  }
}
