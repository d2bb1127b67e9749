/// Per-group reductions over a column, given each row's group id.
///
/// Every kernel is one pass over the rows (median adds a bucket sort by
/// group), so grouping millions of rows costs a few array scans.
struct GroupAggregator {
  let groupOfRow: [Int]
  let groupCount: Int
  let step: TransformStep

  func apply(_ f: AggregateFunction, to column: Column?, output: String) throws(TransformError) -> Column {
    guard let column else {
      guard f == .count else {
        throw TransformError(step: step, column: output, problem: "\(f.rawValue) needs a column: \(f.rawValue)(COLUMN)")
      }
      var counts = [Int](repeating: 0, count: groupCount)
      for g in groupOfRow { counts[g] += 1 }
      return .integer(IntegerColumn(values: counts))
    }
    guard f.resultType(for: column.type) != nil else {
      throw TransformError(
        step: step, column: output, problem: "cannot take the \(f.rawValue) of a \(column.type) column")
    }
    switch f {
    case .count:
      var counts = [Int](repeating: 0, count: groupCount)
      for i in 0..<groupOfRow.count where !column.isMissing(i) { counts[groupOfRow[i]] += 1 }
      return .integer(IntegerColumn(values: counts))
    case .sum:
      if case .integer(let c) = column { return try integerSum(c, output: output) }
      return .number(numberSums(column.doubles ?? []).map { $0.n > 0 ? $0.sum : .nan })
    case .mean:
      return .number(numberSums(column.doubles ?? []).map { $0.n > 0 ? $0.sum / Double($0.n) : .nan })
    case .min, .max:
      return extreme(column, largest: f == .max)
    case .median:
      return .number(medians(column.doubles ?? []))
    }
  }

  private func integerSum(_ c: IntegerColumn, output: String) throws(TransformError) -> Column {
    var sums = [Int](repeating: 0, count: groupCount)
    var seen = [Bool](repeating: false, count: groupCount)
    for i in 0..<groupOfRow.count where !c.missing[i] {
      let g = groupOfRow[i]
      let (s, overflow) = sums[g].addingReportingOverflow(c.values[i])
      if overflow {
        throw TransformError(step: step, column: output, row: i + 1, problem: "integer overflow in sum")
      }
      sums[g] = s
      seen[g] = true
    }
    return .integer(IntegerColumn(values: sums, missing: seen.map { !$0 }))
  }

  /// Neumaier-compensated sums and non-missing counts per group.
  private func numberSums(_ x: [Double]) -> [(sum: Double, n: Int)] {
    var sum = [Double](repeating: 0, count: groupCount)
    var compensation = [Double](repeating: 0, count: groupCount)
    var n = [Int](repeating: 0, count: groupCount)
    for i in 0..<x.count where !x[i].isNaN {
      let g = groupOfRow[i]
      let t = sum[g] + x[i]
      if Swift.abs(sum[g]) >= Swift.abs(x[i]) {
        compensation[g] += (sum[g] - t) + x[i]
      } else {
        compensation[g] += (x[i] - t) + sum[g]
      }
      sum[g] = t
      n[g] += 1
    }
    return (0..<groupCount).map { (sum[$0] + compensation[$0], n[$0]) }
  }

  /// The row holding each group's smallest (or largest) value, gathered; ties keep the first row.
  private func extreme(_ column: Column, largest: Bool) -> Column {
    let ranks = ColumnRanks.of(column).ranks
    var best = [Int](repeating: -1, count: groupCount)
    for i in 0..<groupOfRow.count where !column.isMissing(i) {
      let g = groupOfRow[i]
      if best[g] < 0 || (largest ? ranks[i] > ranks[best[g]] : ranks[i] < ranks[best[g]]) { best[g] = i }
    }
    return column.gatherOrMissing(best)
  }

  /// Medians per group: rows bucketed by group (counting sort), then each
  /// bucket's middle value(s) selected (small buckets sorted).
  private func medians(_ x: [Double]) -> [Double] {
    var start = [Int](repeating: 0, count: groupCount + 1)
    for i in 0..<x.count where !x[i].isNaN { start[groupOfRow[i] + 1] += 1 }
    for g in 0..<groupCount { start[g + 1] += start[g] }
    var fill = start
    var bucketed = [Double](repeating: 0, count: start[groupCount])
    for i in 0..<x.count where !x[i].isNaN {
      let g = groupOfRow[i]
      bucketed[fill[g]] = x[i]
      fill[g] += 1
    }
    var out = [Double](repeating: .nan, count: groupCount)
    for g in 0..<groupCount {
      let n = start[g + 1] - start[g]
      guard n > 0 else { continue }
      let values = bucketed[start[g]..<start[g + 1]]
      if n < 64 {
        let s = values.sorted()
        out[g] = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
      } else {
        let m = OrderStatistic.select(values, n / 2, alsoPrevious: n % 2 == 0)
        out[g] = n % 2 == 1 ? m.kth : (m.previous + m.kth) / 2
      }
    }
    return out
  }
}
