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
      // One hashing pass numbers the distinct values by first appearance;
      // sorting only the distinct values then gives their ranks.
      var idOf: [UInt64: Int] = [:]
      var distinct: [Double] = []
      var ids = [Int](repeating: -1, count: v.count)
      for i in 0..<v.count where !v[i].isNaN {
        let x = v[i] == 0 ? 0 : v[i]
        if let id = idOf[x.bitPattern] {
          ids[i] = id
        } else {
          ids[i] = distinct.count
          idOf[x.bitPattern] = distinct.count
          distinct.append(x)
        }
      }
      let k = distinct.count
      var rankOfId = [Int](repeating: 0, count: k)
      for (rank, id) in distinct.indices.sorted(by: { distinct[$0] < distinct[$1] }).enumerated() { rankOfId[id] = rank }
      return (ids.map { $0 < 0 ? k : rankOfId[$0] }, k + 1)
    }
  }

  private static func rankValues(_ values: [Int], missing: [Bool]) -> (ranks: [Int], bound: Int) {
    var low = Int.max
    var high = Int.min
    for i in 0..<values.count where !missing[i] {
      low = Swift.min(low, values[i])
      high = Swift.max(high, values[i])
    }
    let n = values.count
    if low <= high, high.subtractingReportingOverflow(low).overflow == false,
      high - low < Swift.max(1 << 20, 4 * n)
    {
      // Small value range (store numbers, weeks): rank by direct indexing, no hashing.
      let span = high - low + 1
      var codes = [Int](repeating: span, count: n)
      for i in 0..<n where !missing[i] { codes[i] = values[i] - low }
      return densify(codes, bound: span + 1, keepLast: true)
    }
    var distinct = Set<Int>()
    for i in 0..<n where !missing[i] { distinct.insert(values[i]) }
    let sorted = distinct.sorted()
    var rank: [Int: Int] = [:]
    rank.reserveCapacity(sorted.count)
    for (i, x) in sorted.enumerated() { rank[x] = i }
    let k = sorted.count
    var out = [Int](repeating: k, count: n)
    for i in 0..<n where !missing[i] { out[i] = rank[values[i]] ?? k }
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
