extension Frame {
  /// Long → wide: one row per combination of the `index` columns (sorted
  /// ascending, as `groupBy`), one new column per distinct value of
  /// `columns`, holding `aggregate` of `values` over the matching rows.
  ///
  /// New columns are named after the values (`Cell.text`: integers as
  /// digits, dates ISO) in ascending value order. Rows whose `columns` value
  /// is missing are dropped. Combinations with no rows are missing (0 for
  /// `count`) unless `fill` gives a constant, type-checked as in `fill`.
  ///
  /// - Throws: `TransformError` for unknown columns, an aggregate that does
  ///   not apply to `values`, a new column name that repeats an index column,
  ///   or a fill value of the wrong type.
  public func pivot(
    index: [String], columns pivotColumn: String, values: String,
    aggregate function: AggregateFunction = .sum, fill: Cell? = nil
  ) throws(TransformError) -> Frame {
    var indexColumns: [Column] = []
    for k in index { indexColumns.append(try column(k, for: .pivot)) }
    let spread = try column(pivotColumn, for: .pivot)
    let valueColumn = try column(values, for: .pivot)
    if index.contains(pivotColumn) {
      throw TransformError(step: .pivot, column: pivotColumn, problem: "'\(pivotColumn)' is both an index and the columns")
    }

    let rows = RowGrouping(keys: indexColumns, rowCount: rowCount)
    let spreadGroups = RowGrouping(keys: [spread], rowCount: rowCount)
    var spreadCount = spreadGroups.count
    if let last = spreadGroups.firstRow.last, spread.isMissing(last) { spreadCount -= 1 }

    let groupCount = rows.count * spreadCount
    let cellOfRow = (0..<rowCount).map { i in
      let c = spreadGroups.groupOfRow[i]
      return c < spreadCount ? rows.groupOfRow[i] * spreadCount + c : groupCount
    }
    let aggregator = GroupAggregator(groupOfRow: cellOfRow, groupCount: groupCount + 1, step: .pivot)
    let cells = try aggregator.apply(function, to: valueColumn, output: values)

    var named: [(String, Column)] = zip(index, indexColumns).map { ($0, $1.gather(rows.firstRow)) }
    var newNames: [String] = []
    for c in 0..<spreadCount {
      let name = spread[spreadGroups.firstRow[c]].text
      if named.contains(where: { $0.0 == name }) {
        throw TransformError(
          step: .pivot, column: pivotColumn,
          problem: "value '\(name)' of '\(pivotColumn)' would repeat the column name '\(name)'")
      }
      named.append((name, cells.gather((0..<rows.count).map { $0 * spreadCount + c })))
      newNames.append(name)
    }
    var out = try Frame.assembled(named, step: .pivot)
    if let fill {
      do {
        out = try out.fill(newNames.map { ($0, fill) })
      } catch {
        throw TransformError(step: .pivot, column: values, problem: error.problem)
      }
    }
    return out
  }
}
