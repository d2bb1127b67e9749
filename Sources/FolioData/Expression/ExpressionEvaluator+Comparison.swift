extension ExpressionEvaluator {
  /// `== != < <= > >=` on whole vectors; missing on either side gives missing.
  ///
  /// Numbers and integers compare by value, dates by day, strings in Swift
  /// `String` order (Unicode canonical ordering), bools only for equality.
  func compare(
    _ node: ExpressionNode, _ op: ExpressionNode.BinaryOperator, _ a: ExpressionVector, _ b: ExpressionVector
  ) throws(ExpressionError) -> ExpressionVector {
    let n = a.count
    var out = [UInt8](repeating: ExpressionVector.missingTruth, count: n)
    @inline(__always) func decide(_ order: Int) -> UInt8 {
      let r: Bool
      switch op {
      case .equal: r = order == 0
      case .notEqual: r = order != 0
      case .less: r = order < 0
      case .lessEqual: r = order <= 0
      case .greater: r = order > 0
      default: r = order >= 0
      }
      return r ? 1 : 0
    }
    switch (a, b) {
    case (.integer(let x, let xm), .integer(let y, let ym)):
      for i in 0..<n where !xm[i] && !ym[i] { out[i] = decide(x[i] < y[i] ? -1 : x[i] == y[i] ? 0 : 1) }
    case (.date(let x, let xm), .date(let y, let ym)):
      for i in 0..<n where !xm[i] && !ym[i] { out[i] = decide(x[i] < y[i] ? -1 : x[i] == y[i] ? 0 : 1) }
    case (.bool(let x), .bool(let y)):
      let m = ExpressionVector.missingTruth
      for i in 0..<n where x[i] != m && y[i] != m { out[i] = decide(x[i] == y[i] ? 0 : 1) }
    case (.string(let x), .string(let y)):
      let (rx, ry) = Self.sharedRanks(x.levels, y.levels)
      for i in 0..<n where x.codes[i] >= 0 && y.codes[i] >= 0 {
        let l = rx[Int(x.codes[i])]
        let r = ry[Int(y.codes[i])]
        out[i] = decide(l < r ? -1 : l == r ? 0 : 1)
      }
    default:
      guard let x = a.doubles, let y = b.doubles else { throw internalError(node) }
      for i in 0..<n where !x[i].isNaN && !y[i].isNaN { out[i] = decide(x[i] < y[i] ? -1 : x[i] == y[i] ? 0 : 1) }
    }
    return .bool(out)
  }

  /// Ranks of two level lists in one sorted order, so that comparing two
  /// dictionary-encoded strings is comparing two integers: O(L log L) once
  /// instead of a string comparison per row.
  static func sharedRanks(_ a: [String], _ b: [String]) -> ([Int], [Int]) {
    let all = Array(Set(a).union(b)).sorted()
    var rank: [String: Int] = [:]
    for (i, s) in all.enumerated() { rank[s] = i }
    return (a.map { rank[$0] ?? 0 }, b.map { rank[$0] ?? 0 })
  }
}
