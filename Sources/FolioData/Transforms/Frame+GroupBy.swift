/// A frame with its rows assigned to groups by key columns, ready for `aggregate`.
public struct GroupedFrame: Sendable {
  /// The frame that was grouped.
  public let frame: Frame
  /// The key column names.
  public let keys: [String]
  let grouping: RowGrouping

  /// Number of groups (distinct key combinations present).
  public var groupCount: Int { grouping.count }

  /// One row per group: the key columns, then one column per aggregation in
  /// order, sorted by the keys ascending (missing keys form their own group,
  /// sorted last). Without keys, one row summarizing all rows, even when
  /// there are none (`count()` = 0, other functions missing).
  ///
  /// - Throws: `TransformError` for an unknown column, a function that does
  ///   not apply to the column's type (mean of a string), a missing column
  ///   argument, or an output name used twice or equal to a key.
  /// - Complexity: O(n) per aggregation after grouping (median adds sorting within groups).
  public func aggregate(_ aggregations: [Aggregation]) throws(TransformError) -> Frame {
    var named: [(String, Column)] = keys.compactMap { k in frame[k].map { (k, $0.gather(grouping.firstRow)) } }
    let aggregator = GroupAggregator(groupOfRow: grouping.groupOfRow, groupCount: grouping.count, step: .aggregate)
    for a in aggregations {
      if named.contains(where: { $0.0 == a.output }) {
        throw TransformError(
          step: .aggregate, column: a.output,
          problem: "output column '\(a.output)' is defined twice (or repeats a group key)")
      }
      let input = try a.column.map { (c: String) throws(TransformError) -> Column in
        try frame.column(c, for: .aggregate)
      }
      named.append((a.output, try aggregator.apply(a.function, to: input, output: a.output)))
    }
    return try .assembled(named, step: .aggregate)
  }
}

extension Frame {
  /// Groups rows by the named key columns (hash-free on string dictionary
  /// codes; integer, date and number keys rank their distinct values).
  ///
  /// - Throws: `TransformError` for an unknown or repeated key.
  /// - Complexity: O(n · keys + U log U) for U distinct key values.
  public func groupBy(_ keys: [String]) throws(TransformError) -> GroupedFrame {
    var columns: [Column] = []
    for (i, k) in keys.enumerated() {
      if keys[..<i].contains(k) {
        throw TransformError(step: .groupBy, column: k, problem: "key '\(k)' is listed twice")
      }
      columns.append(try column(k, for: .groupBy))
    }
    return GroupedFrame(frame: self, keys: keys, grouping: RowGrouping(keys: columns, rowCount: rowCount))
  }

  /// `groupBy(keys).aggregate(aggregations)` in one call.
  public func aggregate(groupBy keys: [String], _ aggregations: [Aggregation]) throws(TransformError) -> Frame {
    try groupBy(keys).aggregate(aggregations)
  }
}
