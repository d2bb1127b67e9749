extension Frame {
  /// Replaces missing values of each named column with a constant.
  ///
  /// The constant must fit the column: a number column takes a number or an
  /// integer, an integer column an integer, a string column a string, a date
  /// column a date. Filling with `.missing` is a no-op.
  /// - Throws: `TransformError` for an unknown column or a value of the wrong type.
  public func fill(_ values: [(column: String, value: Cell)]) throws(TransformError) -> Frame {
    var f = self
    for (name, value) in values {
      let c = try f.column(name, for: .fill)
      let filled: Column
      switch (c, value) {
      case (_, .missing):
        filled = c
      case (.number(var v), .number), (.number(var v), .integer):
        let x = value.doubleValue ?? .nan
        for i in 0..<v.count where v[i].isNaN { v[i] = x }
        filled = .number(v)
      case (.integer(var ic), .integer(let x)):
        for i in 0..<ic.values.count where ic.missing[i] {
          ic.values[i] = x
          ic.missing[i] = false
        }
        filled = .integer(ic)
      case (.date(var dc), .date(let d)):
        guard let d32 = Int32(exactly: d) else {
          throw TransformError(step: .fill, column: name, problem: "fill date is out of range")
        }
        for i in 0..<dc.days.count where dc.missing[i] {
          dc.days[i] = d32
          dc.missing[i] = false
        }
        filled = .date(dc)
      case (.string(var sc), .string(let s)):
        var code = sc.levels.firstIndex(of: s).map { Int32($0) }
        if code == nil {
          code = Int32(sc.levels.count)
          sc.levels.append(s)
        }
        let fillCode = code ?? 0
        for i in 0..<sc.codes.count where sc.codes[i] < 0 { sc.codes[i] = fillCode }
        filled = .string(sc)
      default:
        throw TransformError(
          step: .fill, column: name,
          problem: "cannot fill \(c.type) column with \(Self.describe(value)); expected \(Self.expectedFill(c.type))")
      }
      try? f.set(name, filled)
    }
    return f
  }

  /// Replaces each missing value of the named columns with the last
  /// non-missing value above it (in current row order). Leading missing
  /// values stay missing.
  /// - Throws: `TransformError` for an unknown column.
  public func fillForward(_ names: [String]) throws(TransformError) -> Frame {
    var f = self
    for name in names {
      let c = try f.column(name, for: .fillForward)
      var last = -1
      var source = [Int](repeating: -1, count: c.count)
      for i in 0..<c.count {
        if !c.isMissing(i) { last = i }
        source[i] = last
      }
      try? f.set(name, c.gatherOrMissing(source))
    }
    return f
  }

  static func describe(_ value: Cell) -> String {
    switch value {
    case .missing: return "missing"
    case .number(let v): return "number \(v)"
    case .integer(let v): return "integer \(v)"
    case .string(let s): return "string '\(s)'"
    case .date(let d): return "date \(CivilDate.isoString(days: d))"
    }
  }

  private static func expectedFill(_ t: ColumnType) -> String {
    switch t {
    case .number: return "a number"
    case .integer: return "an integer"
    case .string: return "a string"
    case .date, .week: return "a date"
    }
  }
}
