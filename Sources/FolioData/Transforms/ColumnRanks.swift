/// Order-preserving dense codes for the values of a column: the shared
/// machinery of grouping, sorting, joining and pivoting.
enum ColumnRanks {
  /// For each row, the rank of its value among the column's distinct values
  /// in ascending order (0 ..< K); missing rows get K. Returns the ranks and
  /// K + 1, an exclusive upper bound.
  ///
  /// Strings rank their dictionary levels once (O(L log L)) and map codes,
  /// so a string key costs one pass over 4-byte codes. Numbers treat −0 as
  /// 0; dates and integers rank their distinct values.
  /// - Complexity: O(n + U log U) for U distinct values.
  static func of(_ column: Column) -> (ranks: [Int], bound: Int) {
    switch column {
    case .string(let c):
      let order = c.levels.indices.sorted { c.levels[$0] < c.levels[$1] || (c.levels[$0] == c.levels[$1] && $0 < $1) }
      var levelRank = [Int](repeating: 0, count: c.levels.count)
      var k = -1
      for (position, level) in order.enumerated() {
        if position == 0 || c.levels[order[position - 1]] != c.levels[level] { k += 1 }
        levelRank[level] = k
      }
      let missingRank = k + 1
      let ranks = c.codes.map { $0 < 0 ? missingRank : levelRank[Int($0)] }
      return densify(ranks, bound: missingRank + 1, keepLast: true)
    case .integer(let c):
      return rankValues(c.values, missing: c.missing)
    case .date(let c):
      return rankValues(c.days.map { Int($0) }, missing: c.missing)
    case .number(let v):
      var distinct: [UInt64: Double] = [:]
      for x in v where !x.isNaN { distinct[(x == 0 ? 0 : x).bitPattern] = x == 0 ? 0 : x }
      let sorted = distinct.values.sorted()
      var rank: [UInt64: Int] = [:]
      for (i, x) in sorted.enumerated() { rank[x.bitPattern] = i }
      let k = sorted.count
      return (v.map { $0.isNaN ? k : rank[($0 == 0 ? 0 : $0).bitPattern] ?? k }, k + 1)
    }
  }

  private static func rankValues(_ values: [Int], missing: [Bool]) -> (ranks: [Int], bound: Int) {
    var distinct = Set<Int>()
    for i in 0..<values.count where !missing[i] { distinct.insert(values[i]) }
    let sorted = distinct.sorted()
    var rank: [Int: Int] = [:]
    rank.reserveCapacity(sorted.count)
    for (i, x) in sorted.enumerated() { rank[x] = i }
    let k = sorted.count
    var out = [Int](repeating: k, count: values.count)
    for i in 0..<values.count where !missing[i] { out[i] = rank[values[i]] ?? k }
    return (out, k + 1)
  }

  /// Renumbers codes in `0 ..< bound` to 0 ..< U keeping their order, so
  /// unused codes leave no gaps. With `keepLast`, the code `bound − 1`
  /// (missing) stays the last code of the bound returned.
  static func densify(_ codes: [Int], bound: Int, keepLast: Bool = false) -> (ranks: [Int], bound: Int) {
    if bound <= Swift.max(1 << 20, 4 * codes.count) {
      var present = [Bool](repeating: false, count: bound)
      for c in codes { present[c] = true }
      if keepLast, bound > 0 { present[bound - 1] = true }
      var newCode = [Int](repeating: 0, count: bound)
      var k = 0
      for c in 0..<bound where present[c] {
        newCode[c] = k
        k += 1
      }
      return (codes.map { newCode[$0] }, k)
    }
    var distinct = Set(codes)
    if keepLast, bound > 0 { distinct.insert(bound - 1) }
    let sorted = distinct.sorted()
    var rank: [Int: Int] = [:]
    rank.reserveCapacity(sorted.count)
    for (i, c) in sorted.enumerated() { rank[c] = i }
    return (codes.map { rank[$0] ?? 0 }, sorted.count)
  }
}

/// Rows numbered by group: group ids ascend with the key values
/// (lexicographically over the key columns, missing last in each).
struct RowGrouping {
  /// Group of each row, 0 ..< `count`.
  var groupOfRow: [Int]
  var count: Int
  /// The first row of each group, for reading its key values.
  var firstRow: [Int]

  /// Groups `rowCount` rows by the key columns; no keys is one group of all rows.
  init(keys: [Column], rowCount: Int) {
    var ids = [Int](repeating: 0, count: rowCount)
    var bound = 1
    for key in keys {
      let (r, b) = ColumnRanks.of(key)
      let (product, overflow) = bound.multipliedReportingOverflow(by: b)
      if !overflow, product <= Int(Int32.max) * 64 {
        for i in 0..<rowCount { ids[i] = ids[i] * b + r[i] }
        (ids, bound) = ColumnRanks.densify(ids, bound: product)
      } else {
        (ids, bound) = ColumnRanks.densify(ids, bound: bound)
        for i in 0..<rowCount { ids[i] = ids[i] * b + r[i] }
        (ids, bound) = ColumnRanks.densify(ids, bound: bound * b)
      }
    }
    if keys.isEmpty {
      groupOfRow = ids
      count = 1
      firstRow = rowCount > 0 ? [0] : []
      return
    }
    groupOfRow = ids
    count = rowCount == 0 ? 0 : bound
    var first = [Int](repeating: -1, count: count)
    for i in stride(from: rowCount - 1, through: 0, by: -1) { first[ids[i]] = i }
    firstRow = first
  }
}
