extension Column {
  /// The rows of `self` followed by the rows of `other`, which must have the
  /// same type (else `nil`); string dictionaries are merged, the levels of
  /// `self` first.
  func concatenated(with other: Column) -> Column? {
    switch (self, other) {
    case (.number(let a), .number(let b)): return .number(a + b)
    case (.integer(let a), .integer(let b)):
      return .integer(IntegerColumn(values: a.values + b.values, missing: a.missing + b.missing))
    case (.date(let a), .date(let b)):
      return .date(DateColumn(days: a.days + b.days, missing: a.missing + b.missing))
    case (.string(let a), .string(let b)):
      var levels = a.levels
      var index: [String: Int32] = [:]
      for (k, l) in levels.enumerated() where index[l] == nil { index[l] = Int32(k) }
      var remap = [Int32](repeating: -1, count: b.levels.count)
      for (k, l) in b.levels.enumerated() {
        if let c = index[l] {
          remap[k] = c
        } else {
          remap[k] = Int32(levels.count)
          index[l] = Int32(levels.count)
          levels.append(l)
        }
      }
      return .string(StringColumn(codes: a.codes + b.codes.map { $0 < 0 ? -1 : remap[Int($0)] }, levels: levels))
    default: return nil
    }
  }
}
