extension Frame {
  /// Rows ordered by the keys in turn, each ascending or descending. Stable:
  /// rows with equal keys keep their order. Missing values sort last in
  /// both directions. Strings sort in Unicode order (Swift `String` `<`).
  ///
  /// - Throws: `TransformError` for an unknown column.
  /// - Complexity: O(n log n) comparisons of integer ranks.
  public func sort(_ keys: [(column: String, descending: Bool)]) throws(TransformError) -> Frame {
    guard !keys.isEmpty else { return self }
    var rankColumns: [[Int]] = []
    for (name, descending) in keys {
      let (ranks, bound) = ColumnRanks.of(try column(name, for: .sort))
      let missingRank = bound - 1
      if descending {
        // Reverse the order of values, keep missing last.
        rankColumns.append(ranks.map { $0 == missingRank ? missingRank : missingRank - 1 - $0 })
      } else {
        rankColumns.append(ranks)
      }
    }
    let order = (0..<rowCount).sorted { a, b in
      for r in rankColumns where r[a] != r[b] { return r[a] < r[b] }
      return a < b
    }
    return gather(order)
  }
}
