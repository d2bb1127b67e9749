/// How `join` treats left rows without a match.
public enum JoinKind: String, Sendable, CaseIterable {
  /// Only rows with a match on the right.
  case inner
  /// Every left row; unmatched rows get missing values in the right's columns.
  case left
}

extension Frame {
  /// Joins `right` on equal key values.
  ///
  /// Output rows follow the left frame's order; a left row matching several
  /// right rows (one-to-many) repeats once per match, in the right's order.
  /// Columns: all left columns, then the right's non-key columns; a right
  /// name that clashes with an output name gets the suffix `_right`. A key
  /// that is missing on a row never matches.
  ///
  /// - Throws: `TransformError` for no keys, a key absent on either side, or
  ///   a key whose type differs between the sides.
  /// - Complexity: O(n_left + n_right + output rows).
  public func join(_ right: Frame, on keys: [String], how: JoinKind = .inner) throws(TransformError) -> Frame {
    guard !keys.isEmpty else { throw TransformError(step: .join, problem: "join needs at least one key column") }
    var combined: [Column] = []
    for k in keys {
      let l = try column(k, for: .join)
      guard let r = right[k] else {
        throw TransformError(
          step: .join, column: k,
          problem: "key '\(k)' is not a column of the right frame"
            + NearMatches.hint(for: k, in: right.columnNames, noun: "column"))
      }
      guard let both = l.concatenated(with: r) else {
        throw TransformError(
          step: .join, column: k,
          problem: "key '\(k)' is \(l.type) on the left but \(r.type) on the right; convert one side first")
      }
      combined.append(both)
    }
    let nl = rowCount
    let nr = right.rowCount
    let grouping = RowGrouping(keys: combined, rowCount: nl + nr)
    let missingKey = (0..<(nl + nr)).map { i in combined.contains { $0.isMissing(i) } }

    // Right rows bucketed by key group, in right order (CSR layout).
    var start = [Int](repeating: 0, count: grouping.count + 1)
    for j in 0..<nr where !missingKey[nl + j] { start[grouping.groupOfRow[nl + j] + 1] += 1 }
    for g in 0..<grouping.count { start[g + 1] += start[g] }
    var fill = start
    var bucket = [Int](repeating: 0, count: start[grouping.count])
    for j in 0..<nr where !missingKey[nl + j] {
      let g = grouping.groupOfRow[nl + j]
      bucket[fill[g]] = j
      fill[g] += 1
    }

    var leftRows: [Int] = []
    var rightRows: [Int] = []
    leftRows.reserveCapacity(nl)
    rightRows.reserveCapacity(nl)
    for i in 0..<nl {
      let g = grouping.groupOfRow[i]
      if !missingKey[i], start[g] < start[g + 1] {
        for p in start[g]..<start[g + 1] {
          leftRows.append(i)
          rightRows.append(bucket[p])
        }
      } else if how == .left {
        leftRows.append(i)
        rightRows.append(-1)
      }
    }

    var named: [(String, Column)] = zip(columnNames, columns).map { ($0, $1.gather(leftRows)) }
    for (name, c) in zip(right.columnNames, right.columns) where !keys.contains(name) {
      var out = name
      while named.contains(where: { $0.0 == out }) || (out != name && right.columnNames.contains(out)) {
        out += "_right"
      }
      named.append((out, c.gatherOrMissing(rightRows)))
    }
    return try .assembled(named, step: .join)
  }
}
