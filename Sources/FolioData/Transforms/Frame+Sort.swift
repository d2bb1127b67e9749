extension Frame {
  /// Rows ordered by the keys in turn, each ascending or descending. Stable:
  /// rows with equal keys keep their order. Missing values sort last in
  /// both directions. Strings sort in Unicode order (Swift `String` `<`).
  ///
  /// - Throws: `TransformError` for an unknown column.
  /// - Complexity: O(n · keys + U log U) for U distinct values per key.
  public func sort(_ keys: [(column: String, descending: Bool)]) throws(TransformError) -> Frame {
    guard !keys.isEmpty else { return self }
    // One order-preserving composite rank per row, then a stable counting sort.
    var composite = [Int](repeating: 0, count: rowCount)
    var bound = 1
    for (name, descending) in keys {
      let (ranks, b) = ColumnRanks.of(try column(name, for: .sort))
      let missingRank = b - 1
      (composite, bound) = ColumnRanks.densify(composite, bound: bound)
      for i in 0..<rowCount {
        // Descending reverses the order of values but keeps missing last.
        let r = descending && ranks[i] != missingRank ? missingRank - 1 - ranks[i] : ranks[i]
        composite[i] = composite[i] * b + r
      }
      bound *= b
    }
    (composite, bound) = ColumnRanks.densify(composite, bound: bound)
    var start = [Int](repeating: 0, count: bound + 1)
    for c in composite { start[c + 1] += 1 }
    for k in 0..<bound { start[k + 1] += start[k] }
    var order = [Int](repeating: 0, count: rowCount)
    for i in 0..<rowCount {
      order[start[composite[i]]] = i
      start[composite[i]] += 1
    }
    return gather(order)
  }
}
