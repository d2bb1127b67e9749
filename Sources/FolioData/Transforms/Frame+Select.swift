extension Frame {
  /// The named columns, in the given order.
  ///
  /// - Throws: `TransformError` for an unknown or repeated name.
  public func select(_ names: [String]) throws(TransformError) -> Frame {
    var named: [(String, Column)] = []
    for n in names {
      if named.contains(where: { $0.0 == n }) {
        throw TransformError(step: .select, column: n, problem: "column '\(n)' is selected twice")
      }
      named.append((n, try column(n, for: .select)))
    }
    return try .assembled(named, step: .select)
  }
}
