extension Column {
  /// The rows at `indices` in that order, with −1 giving a missing value
  /// (the unmatched rows of a left join, leading gaps of a forward fill).
  func gatherOrMissing(_ indices: [Int]) -> Column {
    switch self {
    case .number(let v): return .number(indices.map { $0 < 0 ? .nan : v[$0] })
    case .integer(let c):
      return .integer(
        IntegerColumn(
          values: indices.map { $0 < 0 ? 0 : c.values[$0] }, missing: indices.map { $0 < 0 || c.missing[$0] }))
    case .string(let c):
      return .string(StringColumn(codes: indices.map { $0 < 0 ? -1 : c.codes[$0] }, levels: c.levels))
    case .date(let c):
      return .date(
        DateColumn(days: indices.map { $0 < 0 ? 0 : c.days[$0] }, missing: indices.map { $0 < 0 || c.missing[$0] }))
    }
  }
}
